/**
 * Mapping feedsmith's per-format objects to RawItems: link choice, relative URL resolution
 * (xml:base, else the feed URL), guid, summary, date and language.
 */
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import type { RawItem } from '../../headlines/headline.ts';
import { parseFeedDate } from './dates.ts';
import { atomCategories, jsonCategories, rdfCategories, rssCategories } from './item-categories.ts';
import type { ParsedDocument } from './types.ts';

export interface ItemContext {
  /** The feed URL (final URL after redirects), the base for relative links. */
  baseUrl: string;
  timezone: string;
}

/** Absolute http(s) URL for `href` against a chain of bases (outermost last), or null. */
export function resolveUrl(href: string | undefined, ...bases: (string | undefined)[]): string | null {
  const value = href?.trim();
  if (value === undefined || value === '') return null;
  let base: string | undefined;
  // Resolve from the outermost base inwards: feed URL, then channel xml:base, then item xml:base.
  for (const candidate of [...bases].reverse()) {
    if (candidate === undefined || candidate.trim() === '') continue;
    try {
      base = new URL(candidate.trim(), base).href;
    } catch {
      // An unusable xml:base is ignored; the outer base still applies.
      continue;
    }
  }
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function firstDate(candidates: (string | undefined)[], timezone: string): Date | null {
  for (const candidate of candidates) {
    const parsed = parseFeedDate(candidate, timezone);
    if (parsed !== null) return parsed;
  }
  return null;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function firstText(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isHttpUrl(value: string | undefined): boolean {
  return value !== undefined && /^https?:\/\//i.test(value.trim());
}

/** Builds a RawItem without undefined fields; null when it has neither a title nor a url. */
function buildItem(fields: { title?: string; url: string | null; summary?: string; guid?: string; publishedAt: Date | null; lang?: string; categories: string[] }): RawItem | null {
  if (fields.title === undefined && fields.url === null) return null;
  const item: RawItem = { publishedAt: fields.publishedAt };
  if (fields.title !== undefined) item.title = fields.title;
  if (fields.url !== null) item.url = fields.url;
  if (fields.summary !== undefined) item.summary = fields.summary;
  if (fields.guid !== undefined) item.guid = fields.guid;
  if (fields.lang !== undefined) item.lang = fields.lang;
  if (fields.categories.length > 0) item.categories = fields.categories;
  return item;
}

function collect<T>(entries: T[] | undefined, map: (entry: T) => RawItem | null): Pick<ParsedDocument, 'items' | 'skipped'> {
  const items: RawItem[] = [];
  let skipped = 0;
  for (const entry of entries ?? []) {
    const item = map(entry);
    if (item === null) skipped += 1;
    else items.push(item);
  }
  return { items, skipped };
}

/** Atom link choice: rel="alternate" (or no rel), HTML preferred; the first such link otherwise. */
function atomAlternate(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => link.rel === undefined || link.rel.toLowerCase() === 'alternate');
  const html = alternates.find((link) => link.type === undefined || /html/i.test(link.type));
  return (html ?? alternates[0])?.href;
}

export function rssItems(feed: RssFeed.Feed<string>, context: ItemContext): ParsedDocument {
  const feedBase = feed.xml?.base;
  const feedLang = firstText(feed.language, feed.dc?.languages?.[0], feed.xml?.lang);
  const mapped = collect(feed.items, (item) => {
    const guid = text(item.guid?.value);
    // A permalink guid (the default) is the item's URL when <link> is missing.
    const guidLink = item.guid?.isPermaLink !== false && isHttpUrl(guid) ? guid : undefined;
    const href = firstText(item.link, atomAlternate(item.atom?.links), guidLink);
    return buildItem({
      title: firstText(item.title, item.dc?.titles?.[0]),
      url: resolveUrl(href, item.xml?.base, feedBase, context.baseUrl),
      summary: firstText(item.description, item.content?.encoded, item.dc?.descriptions?.[0]),
      guid,
      publishedAt: firstDate([item.pubDate, item.dc?.dates?.[0], item.dcterms?.created?.[0], item.atom?.published, item.atom?.updated], context.timezone),
      lang: firstText(item.dc?.languages?.[0], item.xml?.lang, feedLang),
      categories: rssCategories(item),
    });
  });
  const title = text(feed.title);
  return title === undefined ? { format: 'rss', ...mapped } : { format: 'rss', title, ...mapped };
}

export function rdfItems(feed: RdfFeed.Feed<string>, context: ItemContext): ParsedDocument {
  const feedBase = feed.xml?.base;
  const feedLang = firstText(feed.dc?.languages?.[0], feed.xml?.lang);
  const mapped = collect(feed.items, (item) =>
    buildItem({
      title: firstText(item.title, item.dc?.titles?.[0]),
      url: resolveUrl(firstText(item.link, isHttpUrl(item.rdf?.about) ? item.rdf?.about : undefined), item.xml?.base, feedBase, context.baseUrl),
      summary: firstText(item.description, item.content?.encoded, item.dc?.descriptions?.[0]),
      guid: text(item.rdf?.about),
      publishedAt: firstDate([item.dc?.dates?.[0], item.dcterms?.created?.[0], item.dcterms?.modified?.[0]], context.timezone),
      lang: firstText(item.dc?.languages?.[0], item.xml?.lang, feedLang),
      categories: rdfCategories(item),
    }),
  );
  const title = text(feed.title);
  return title === undefined ? { format: 'rdf', ...mapped } : { format: 'rdf', title, ...mapped };
}

export function atomItems(feed: AtomFeed.Feed<string>, context: ItemContext): ParsedDocument {
  const feedBase = feed.xml?.base;
  const mapped = collect(feed.entries, (entry) => {
    const id = text(entry.id);
    const href = firstText(atomAlternate(entry.links), isHttpUrl(id) ? id : undefined);
    return buildItem({
      title: text(entry.title?.value),
      url: resolveUrl(href, entry.xml?.base, feedBase, context.baseUrl),
      summary: firstText(entry.summary?.value, entry.content?.value),
      guid: id,
      publishedAt: firstDate([entry.published, entry.updated, entry.dc?.dates?.[0]], context.timezone),
      lang: firstText(entry.xml?.lang, feed.xml?.lang),
      categories: atomCategories(entry),
    });
  });
  const title = text(feed.title?.value);
  return title === undefined ? { format: 'atom', ...mapped } : { format: 'atom', title, ...mapped };
}

export function jsonItems(feed: JsonFeed.Feed<string>, context: ItemContext): ParsedDocument {
  const mapped = collect(feed.items, (item) =>
    buildItem({
      title: text(item.title),
      url: resolveUrl(firstText(item.url, item.external_url), context.baseUrl),
      summary: firstText(item.summary, item.content_text, item.content_html),
      guid: text(item.id),
      publishedAt: firstDate([item.date_published, item.date_modified], context.timezone),
      lang: firstText(item.language, feed.language),
      categories: jsonCategories(item),
    }),
  );
  const title = text(feed.title);
  return title === undefined ? { format: 'json', ...mapped } : { format: 'json', title, ...mapped };
}
