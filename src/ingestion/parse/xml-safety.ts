/**
 * Checks on untrusted XML before any parser sees it: invalid characters removed, the prolog
 * scanned (comments, processing instructions, DOCTYPE), entity declarations refused, the root
 * element identified and the document's well-formedness verified.
 *
 * Entity declarations are refused outright rather than "expanded with limits": a news feed has
 * no use for them, and refusing is O(n) on the prolog, so a billion-laughs document fails at
 * once instead of after expanding anything.
 */
import { XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../../shared/errors.ts';

// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates).
// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const UNSAFE_MESSAGE = 'unsafe XML: the DOCTYPE declares entities (entity expansion is refused, e.g. "billion laughs")';

/** Removes characters that make a document ill-formed but carry no meaning for headlines. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

export interface Prolog {
  /** The DOCTYPE declaration text, when there is one. */
  doctype?: string;
  /** Index of the root element's `<`. */
  rootIndex: number;
  /** Root element name as written (e.g. `rss`, `rdf:RDF`, `feed`, `html`). */
  rootName: string;
}

/** End index (exclusive) of a DOCTYPE starting at `start`, honouring quotes and `[...]`. */
function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = start + 2; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth -= 1;
    } else if (char === '>' && depth <= 0) {
      return index + 1;
    }
  }
  throw new ParseError('malformed XML: unterminated DOCTYPE declaration');
}

/**
 * Walks whitespace, `<?...?>`, comments and the DOCTYPE up to the root element, refusing a
 * DOCTYPE that declares entities (UNSAFE_XML).
 */
export function scanProlog(text: string): Prolog {
  let index = 0;
  let doctype: string | undefined;
  for (;;) {
    while (index < text.length && /\s/.test(text[index] ?? '')) index += 1;
    if (text.startsWith('<?', index)) {
      const end = text.indexOf('?>', index + 2);
      if (end === -1) throw new ParseError('malformed XML: unterminated processing instruction before the root element');
      index = end + 2;
    } else if (text.startsWith('<!--', index)) {
      const end = text.indexOf('-->', index + 4);
      if (end === -1) throw new ParseError('malformed XML: unterminated comment before the root element');
      index = end + 3;
    } else if (text.slice(index, index + 9).toUpperCase() === '<!DOCTYPE') {
      const end = doctypeEnd(text, index);
      doctype = text.slice(index, end);
      if (/<!ENTITY/i.test(doctype)) {
        throw new ParseError(UNSAFE_MESSAGE, { code: 'UNSAFE_XML' });
      }
      index = end;
    } else {
      break;
    }
  }
  const root = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(index, index + 200));
  if (root?.[1] === undefined) {
    const sample = text.slice(index, index + 40).replace(/\s+/g, ' ');
    throw new ParseError(index >= text.length ? 'not a feed: no root element' : `not a feed: expected an XML root element, found "${sample}"`);
  }
  return doctype === undefined ? { rootIndex: index, rootName: root[1] } : { doctype, rootIndex: index, rootName: root[1] };
}

/**
 * A DOCTYPE inside the document (after the root element started) is not XML, but lenient
 * parsers still read it; refuse it. Linear scan with indexOf: CDATA sections and comments are
 * skipped because their content is text, not markup.
 */
export function assertNoLateDoctype(text: string, from: number): void {
  let index = text.indexOf('<!', from);
  while (index !== -1) {
    if (text.startsWith('<![CDATA[', index)) {
      const end = text.indexOf(']]>', index + 9);
      if (end === -1) return; // unterminated: the well-formedness check reports it
      index = text.indexOf('<!', end + 3);
    } else if (text.startsWith('<!--', index)) {
      const end = text.indexOf('-->', index + 4);
      if (end === -1) return;
      index = text.indexOf('<!', end + 3);
    } else if (text.slice(index, index + 9).toUpperCase() === '<!DOCTYPE') {
      const doctype = text.slice(index, doctypeEnd(text, index));
      if (/<!ENTITY/i.test(doctype)) throw new ParseError(UNSAFE_MESSAGE, { code: 'UNSAFE_XML' });
      throw new ParseError('malformed XML: a DOCTYPE declaration after the root element');
    } else {
      index = text.indexOf('<!', index + 2);
    }
  }
}

/** True for an HTML page (a common answer from a moved or paywalled feed URL). */
export function looksLikeHtml(prolog: Prolog): boolean {
  if (prolog.rootName.toLowerCase() === 'html') return true;
  return prolog.doctype !== undefined && /^<!DOCTYPE\s+html\b/i.test(prolog.doctype);
}

/** Throws PARSE_FAILED with the parser's line and column when the document is not well-formed XML. */
export function assertWellFormed(text: string): void {
  // XMLValidator is marked deprecated in favour of the separate fast-xml-validator package, but it
  // ships in the pinned fast-xml-parser 5.x that feedsmith itself parses with, so both agree on
  // what well-formed means; revisit when moving to fast-xml-parser 6.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const result = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (result === true) return;
  const { msg, line, col } = result.err;
  throw new ParseError(`malformed XML at line ${line}, column ${col}: ${msg}`);
}
