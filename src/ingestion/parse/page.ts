/**
 * Listing pages (`page` sources): text listings or HTML with per-source selectors.
 */
import type { PageExtraction } from '../../config/sources.ts';
import { ParseError } from '../../shared/errors.ts';
import { decodeBody } from './charset.ts';
import { parseHtmlListing } from './page-html.ts';
import { parseTextListing } from './page-text.ts';
import type { ParsedDocument } from './types.ts';

export interface PageParseOptions {
  contentType?: string;
  /** The URL the page came from (after redirects): the base for relative links. */
  baseUrl: string;
  /** IANA zone the page's times are written in. */
  timezone: string;
  extraction: PageExtraction;
}

/** Parses a fetched listing page into items; throws ParseError when the page has none to offer. */
export function parsePage(body: Buffer, options: PageParseOptions): ParsedDocument {
  const text = decodeBody(body, options.contentType);
  if (text.trim() === '') throw new ParseError('not a listing page: the response body is empty');
  const { extraction } = options;
  if (extraction.kind === 'text') return parseTextListing(text, extraction, options.timezone);
  return parseHtmlListing(text, extraction, { baseUrl: options.baseUrl, timezone: options.timezone });
}
