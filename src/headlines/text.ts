/**
 * The one plain-text normaliser for every untrusted text field (title, summary, source name,
 * categories...) from feeds, pages and the publish API.
 */
import { decodeHTML } from 'entities';
import { HEADLINE_LIMITS } from '../protocol/headline-limits.ts';

export const TITLE_MAX = HEADLINE_LIMITS.titleChars;
export const SUMMARY_MAX = HEADLINE_LIMITS.summaryChars;

// Elements whose content is never headline text.
const HIDDEN_ELEMENTS = /<(script|style|noscript|template|iframe|object)\b[\s\S]*?(<\/\1\s*>|$)/gi;
const COMMENTS = /<!--[\s\S]*?(-->|$)/g;
const TAGS = /<\/?([a-z!?][a-z0-9-]*)[^>]*>?/gi;
// Tags that separate words; inline ones (b, i, a, span...) are removed without a space.
const BLOCK_TAGS = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul']);
// C0/C1 controls (but not tab/newline, which become spaces) and lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Invisible characters that make text display other than it reads (visual spoofing): bidi
// embeddings/overrides U+202A..202E and isolates U+2066..2069, zero-width space/non-joiner/
// joiner U+200B..200D, word joiner U+2060, and the zero-width no-break space (BOM) U+FEFF.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /[\s\u00A0\u2028\u2029]+/g;

/**
 * Tags stripped, entities decoded (and what they decode to cleaned too), controls, lone
 * surrogates and invisible formatting removed, whitespace collapsed, NFC.
 */
export function toPlainText(input: string): string {
  const withoutMarkup = input.replace(COMMENTS, ' ').replace(HIDDEN_ELEMENTS, ' ').replace(TAGS, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : ''));
  return decodeHTML(withoutMarkup).replace(CONTROL, '').replace(INVISIBLE, '').normalize('NFC').replace(WHITESPACE, ' ').trim();
}

/** Caps at `max` characters (code points), cutting at a word boundary where one is near. */
export function capLength(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.8 ? cut.slice(0, lastSpace) : cut;
  return `${base.trimEnd()}…`;
}

export function normaliseText(input: string | null | undefined, max: number): string | undefined {
  if (input === null || input === undefined) return undefined;
  const text = capLength(toPlainText(input), max);
  return text.length > 0 ? text : undefined;
}
