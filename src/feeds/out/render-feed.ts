/**
 * One channel feed written as RSS 2.0, Atom 1.0 or JSON Feed 1.1 by feedsmith's generators:
 * escaping (including `]]>` and markup in titles) is the library's, never string concatenation.
 */
import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith';
import type { FeedDocument, FeedEntry } from './feed-document.ts';
import type { FeedFormat } from './feed-request.ts';

const GENERATOR = 'News Ticker';

function entryGuid(document: FeedDocument, entry: FeedEntry): string {
  // Stream ids are unique only within this service: prefix them with its origin for a global id.
  return `${document.siteUrl}headlines/${entry.id}`;
}

/** The entry's source as its author; none for an unnamed source. */
function authorsOf(entry: FeedEntry): { authors?: { name: string }[] } {
  return entry.sourceName === undefined ? {} : { authors: [{ name: entry.sourceName }] };
}

function renderRss(document: FeedDocument): string {
  return generateRssFeed({
    title: document.title,
    link: document.siteUrl,
    description: document.description,
    generator: GENERATOR,
    lastBuildDate: document.updatedAt,
    atom: {
      links: [
        { href: document.selfUrl, rel: 'self', type: 'application/rss+xml' },
        { href: document.hubUrl, rel: 'hub' },
      ],
    },
    items: document.entries.map((entry) => ({
      title: entry.title,
      ...(entry.url === undefined ? {} : { link: entry.url }),
      ...(entry.summary === undefined ? {} : { description: entry.summary }),
      guid: { value: entryGuid(document, entry), isPermaLink: false },
      pubDate: entry.publishedAt,
      categories: entry.categories.map((category) => ({ name: category.label })),
      ...(entry.sourceName === undefined ? {} : { dc: { creators: [entry.sourceName] } }),
    })),
  });
}

function renderAtom(document: FeedDocument): string {
  return generateAtomFeed({
    id: document.selfUrl,
    title: { value: document.title },
    subtitle: { value: document.description },
    updated: document.updatedAt,
    generator: { text: GENERATOR },
    // RFC 4287 4.1.1: an entry without an author of its own takes the feed's, which must then exist.
    ...(document.entries.some((entry) => entry.sourceName === undefined) ? { authors: [{ name: GENERATOR }] } : {}),
    links: [
      { href: document.selfUrl, rel: 'self', type: 'application/atom+xml' },
      { href: document.hubUrl, rel: 'hub' },
      { href: document.siteUrl, rel: 'alternate' },
    ],
    entries: document.entries.map((entry) => ({
      id: entryGuid(document, entry),
      title: { value: entry.title },
      updated: entry.updatedAt,
      published: entry.publishedAt,
      ...authorsOf(entry),
      ...(entry.url === undefined ? {} : { links: [{ href: entry.url, rel: 'alternate' }] }),
      ...(entry.summary === undefined ? {} : { summary: { value: entry.summary } }),
      categories: entry.categories.map((category) => ({ term: category.term, label: category.label })),
    })),
  });
}

function renderJson(document: FeedDocument): string {
  const feed = generateJsonFeed({
    title: document.title,
    home_page_url: document.siteUrl,
    feed_url: document.selfUrl,
    description: document.description,
    hubs: [{ type: 'WebSub', url: document.hubUrl }],
    items: document.entries.map((entry) => ({
      id: entryGuid(document, entry),
      title: entry.title,
      content_text: entry.summary ?? entry.title,
      ...(entry.url === undefined ? {} : { url: entry.url }),
      ...(entry.summary === undefined ? {} : { summary: entry.summary }),
      date_published: entry.publishedAt,
      date_modified: entry.updatedAt,
      ...authorsOf(entry),
      tags: entry.categories.map((category) => category.label),
    })),
  });
  return JSON.stringify(feed);
}

const RENDERERS: Readonly<Record<FeedFormat, (document: FeedDocument) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJson,
};

export function renderFeed(document: FeedDocument, format: FeedFormat): string {
  return RENDERERS[format](document);
}
