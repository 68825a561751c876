/**
 * HTML listing pages: per-source CSS selectors pick the items and, inside each, the title,
 * link, summary and date.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { RawItem } from '../../headlines/headline.ts';
import { ParseError } from '../../shared/errors.ts';
import { parseFeedDate, parseFormattedDate } from './dates.ts';
import { resolveUrl } from './feed-items.ts';
import { assertHtmlWithinLimits } from './html-limits.ts';
import type { ParsedDocument } from './types.ts';

/** A selection of elements (cheerio's `Cheerio<Element>`, named without importing domhandler). */
type Selection = ReturnType<ReturnType<CheerioAPI['root']>['find']>;

export interface HtmlExtraction {
  item: string;
  title: string;
  link?: string;
  summary?: string;
  date?: string;
  dateAttribute?: string;
  dateFormat?: string;
  dateLocale: string;
}

function textOf(element: Selection): string | undefined {
  const value = element.text().replace(/\s+/g, ' ').trim();
  return value === '' ? undefined : value;
}

/** The item's link: the `link` selector's href, else a link title, else the item itself if it is a link. */
function linkOf(item: Selection, extraction: HtmlExtraction): string | undefined {
  if (extraction.link !== undefined) return item.find(extraction.link).first().attr('href');
  const titleLink = item.find(extraction.title).first().closest('a');
  if (titleLink.length > 0) return titleLink.attr('href');
  const inner = item.find(extraction.title).first().find('a[href]').first();
  if (inner.length > 0) return inner.attr('href');
  return item.is('a') ? item.attr('href') : undefined;
}

function dateOf(item: Selection, extraction: HtmlExtraction, timezone: string): Date | null {
  if (extraction.date === undefined) return null;
  const element = item.find(extraction.date).first();
  if (element.length === 0) return null;
  const raw = extraction.dateAttribute === undefined ? element.text() : element.attr(extraction.dateAttribute);
  if (raw === undefined) return null;
  if (extraction.dateFormat === undefined) return parseFeedDate(raw, timezone);
  return parseFormattedDate(raw, extraction.dateFormat, { timezone, locale: extraction.dateLocale });
}

export function parseHtmlListing(html: string, extraction: HtmlExtraction, options: { baseUrl: string; timezone: string }): ParsedDocument {
  assertHtmlWithinLimits(html);
  const $ = load(html);
  const elements = $.root().find(extraction.item);
  if (elements.length === 0) throw new ParseError(`page layout changed: no element matches the item selector "${extraction.item}"`);
  // A <base href> in the page changes what its relative links mean, as in a browser.
  const documentBase = $('base[href]').first().attr('href');
  const items: RawItem[] = [];
  let skipped = 0;
  elements.each((_index, element) => {
    const item = $(element);
    const title = textOf(item.find(extraction.title).first());
    const url = resolveUrl(linkOf(item, extraction), documentBase, options.baseUrl);
    if (title === undefined && url === null) {
      skipped += 1;
      return;
    }
    const raw: RawItem = { publishedAt: dateOf(item, extraction, options.timezone) };
    if (title !== undefined) raw.title = title;
    if (url !== null) raw.url = url;
    const summary = extraction.summary === undefined ? undefined : textOf(item.find(extraction.summary).first());
    if (summary !== undefined) raw.summary = summary;
    items.push(raw);
  });
  const pageTitle = textOf($('title').first());
  return pageTitle === undefined ? { format: 'page', items, skipped } : { format: 'page', title: pageTitle, items, skipped };
}
