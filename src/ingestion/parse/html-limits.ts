/**
 * A cheap linear pre-scan of an HTML page before cheerio builds a tree of it: tree building
 * costs more than linear time in nesting depth (a 40,000-deep page of <div>s blocked a thread
 * for seconds), so a page nested deeper or with more elements than any real listing is refused.
 */
import { ParseError } from '../../shared/errors.ts';

export const HTML_LIMITS = {
  /** Browsers stop nesting at 512 too (Chromium's HTML parser caps tree depth there). */
  maxDepth: 512,
  maxElements: 100_000,
} as const;

// Elements with no content, and elements whose end tag may be left out (an unclosed <li> or <p>
// is normal HTML): neither adds nesting the scan can count reliably.
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body',
]);
// Elements whose content is text, not markup: skipped to their end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'template', 'iframe']);
const NAME = /^\/?([a-z][a-z0-9:-]*)/;

/** Throws ParseError HTML_TOO_COMPLEX when `html` nests deeper or holds more elements than HTML_LIMITS. */
export function assertHtmlWithinLimits(html: string): void {
  const lower = html.toLowerCase();
  let depth = 0;
  let elements = 0;
  let at = lower.indexOf('<');
  while (at !== -1) {
    if (lower.startsWith('<!--', at)) {
      const end = lower.indexOf('-->', at + 4);
      if (end === -1) return;
      at = lower.indexOf('<', end + 3);
      continue;
    }
    const close = lower.indexOf('>', at + 1);
    if (close === -1) return;
    const name = NAME.exec(lower.slice(at + 1, Math.min(close, at + 40)))?.[1];
    let next = close + 1;
    if (name !== undefined) {
      const isEnd = lower[at + 1] === '/';
      const selfClosing = lower[close - 1] === '/';
      if (isEnd) {
        if (!NOT_NESTING.has(name) && depth > 0) depth -= 1;
      } else {
        elements += 1;
        if (elements > HTML_LIMITS.maxElements) throw tooComplex(`more than ${HTML_LIMITS.maxElements} elements`);
        if (RAW_TEXT.has(name)) {
          const end = lower.indexOf(`</${name}`, next);
          next = end === -1 ? lower.length : end;
        } else if (!NOT_NESTING.has(name) && !selfClosing) {
          depth += 1;
          if (depth > HTML_LIMITS.maxDepth) throw tooComplex(`elements nested more than ${HTML_LIMITS.maxDepth} deep`);
        }
      }
    }
    at = lower.indexOf('<', next);
  }
}

function tooComplex(what: string): ParseError {
  return new ParseError(`refusing to parse the page: ${what} (no real listing page comes near; limits in src/ingestion/parse/html-limits.ts)`, { code: 'HTML_TOO_COMPLEX' });
}
