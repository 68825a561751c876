/**
 * Feed documents: RSS 0.9x/2.0, RSS 0.90/1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.x, told apart
 * by their root element (or a JSON body) and parsed with feedsmith.
 *
 * The XML is vetted first (see xml-safety.ts): no entity declarations, well-formed after invalid
 * control characters are stripped. feedsmith's XML parser is configured without entity
 * processing; it decodes only character references and predefined/HTML named entities itself.
 */
import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { ParseError, describeError } from '../../shared/errors.ts';
import { decodeBody } from './charset.ts';
import { atomItems, jsonItems, rdfItems, rssItems, type ItemContext } from './feed-items.ts';
import type { ParsedDocument } from './types.ts';
import { assertNoLateDoctype, assertWellFormed, looksLikeHtml, scanProlog, stripInvalidXmlChars } from './xml-safety.ts';

export type { ParsedDocument } from './types.ts';

export interface FeedParseOptions {
  contentType?: string;
  /** The URL the document came from (after redirects): the base for relative links. */
  baseUrl: string;
  /** IANA zone for dates that carry no offset. */
  timezone: string;
}

// `&` not starting an entity or character reference: the commonest way real feeds break XML.
const BARE_AMPERSAND = /&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][\w.-]*);)/g;
const CDATA_SECTION = /(<!\[CDATA\[[\s\S]*?\]\]>)/;

/** Escapes bare ampersands outside CDATA sections (inside them `&` is literal and fine). */
function escapeBareAmpersands(xml: string): string {
  return xml
    .split(CDATA_SECTION)
    .map((part) => (part.startsWith('<![CDATA[') ? part : part.replace(BARE_AMPERSAND, '&amp;')))
    .join('');
}

/** Well-formed XML or a clear PARSE_FAILED; a feed whose only fault is bare `&`s is repaired. */
function wellFormedXml(xml: string): string {
  try {
    assertWellFormed(xml);
    return xml;
  } catch (error) {
    if (!xml.includes('&')) throw error;
    const repaired = escapeBareAmpersands(xml);
    if (repaired === xml) throw error;
    try {
      assertWellFormed(repaired);
    } catch {
      // The repair did not help: the original error describes the real fault.
      throw error;
    }
    return repaired;
  }
}

function parseJson(text: string, context: ItemContext): ParsedDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ParseError(`malformed JSON: ${describeError(error).message}`, { cause: error });
  }
  const feed = withFeedsmith('JSON', () => parseJsonFeed(json), 'not a feed: a JSON document that is not a JSON Feed (no jsonfeed.org version, title and items)');
  return jsonItems(feed, context);
}

/** Runs a feedsmith parser, turning its errors into our ParseError. */
function withFeedsmith<T>(kind: string, run: () => T, message?: string): T {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(message ?? `cannot read the ${kind} feed: ${reason}`, { cause: error });
  }
}

function parseXml(cleaned: string, context: ItemContext): ParsedDocument {
  const prolog = scanProlog(cleaned);
  assertNoLateDoctype(cleaned, prolog.rootIndex);
  if (looksLikeHtml(prolog)) throw new ParseError('not a feed: looks like HTML (a web page was served instead of a feed)');
  const root = prolog.rootName.toLowerCase();
  const localName = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  if (localName !== 'rss' && localName !== 'feed' && localName !== 'rdf') {
    throw new ParseError(`not a feed: root element <${prolog.rootName}> is not RSS, RDF or Atom`);
  }
  const xml = wellFormedXml(cleaned);
  if (localName === 'rss') return rssItems(withFeedsmith('RSS', () => parseRssFeed(xml)), context);
  if (localName === 'feed') return atomItems(withFeedsmith('Atom', () => parseAtomFeed(xml)), context);
  return rdfItems(withFeedsmith('RDF', () => parseRdfFeed(xml)), context);
}

/** Parses a fetched feed body into items; throws ParseError (PARSE_FAILED or UNSAFE_XML). */
export function parseFeed(body: Buffer, options: FeedParseOptions): ParsedDocument {
  // Invalid control characters are dropped (they carry nothing a headline needs), and so is
  // whitespace before the XML declaration (a stray blank line), which strict parsers reject.
  const text = stripInvalidXmlChars(decodeBody(body, options.contentType)).trimStart();
  if (text === '') throw new ParseError('not a feed: the response body is empty');
  const context: ItemContext = { baseUrl: options.baseUrl, timezone: options.timezone };
  if (text.startsWith('{')) return parseJson(text, context);
  if (!text.startsWith('<')) {
    throw new ParseError(`not a feed: the document is neither XML nor JSON (starts with "${text.slice(0, 30).replace(/\s+/g, ' ')}")`);
  }
  return parseXml(text, context);
}
