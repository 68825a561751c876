/**
 * Reads our generated feeds back with a different parser than the one that wrote them
 * (fast-xml-parser directly, JSON.parse) and checks each format's required elements.
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { expect } from 'vitest';

export interface ParsedEntry {
  title: string;
  categories: string[];
  published: string | undefined;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, trimValues: true, isArray: (name) => ['item', 'entry', 'category', 'atom:link', 'link'].includes(name) });

type Node = Record<string, unknown>;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return '';
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : value === undefined ? [] : [value as Node];
}

function linkRels(links: Node[]): string[] {
  return links.map((link) => text(link['@rel']) || 'alternate');
}

/** Well-formed XML 1.0, forbidden characters included (throws with line and column otherwise). */
function expectWellFormed(xml: string): void {
  expect(new SyntaxValidator().validate(xml)).toBe(true);
}

export function parseRss(xml: string): ParsedEntry[] {
  expectWellFormed(xml);
  const channel = ((parser.parse(xml) as Node).rss as Node).channel as Node;
  for (const required of ['title', 'link', 'description']) expect(channel[required], `rss channel <${required}>`).toBeDefined();
  expect(linkRels(nodes(channel['atom:link']))).toEqual(expect.arrayContaining(['self', 'hub']));
  return nodes(channel.item).map((item) => {
    expect(item.title ?? item.description, 'an RSS item needs a title or a description').toBeDefined();
    return { title: text(item.title), categories: nodes(item.category).map(text), published: text(item.pubDate) || undefined };
  });
}

export function parseAtom(xml: string): ParsedEntry[] {
  expectWellFormed(xml);
  const feed = (parser.parse(xml) as Node).feed as Node;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const required of ['id', 'title', 'updated']) expect(feed[required], `atom feed <${required}>`).toBeDefined();
  expect(linkRels(nodes(feed.link))).toEqual(expect.arrayContaining(['self', 'hub']));
  return nodes(feed.entry).map((entry) => {
    for (const required of ['id', 'title', 'updated']) expect(entry[required], `atom entry <${required}>`).toBeDefined();
    return { title: text(entry.title), categories: nodes(entry.category).map((category) => text(category['@label']) || text(category['@term'])), published: text(entry.published) || undefined };
  });
}

export function parseJsonFeed(body: string): ParsedEntry[] {
  const feed = JSON.parse(body) as { version?: string; title?: string; hubs?: { type: string; url: string }[]; feed_url?: string; items?: Node[] };
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title).toBe('string');
  expect(feed.feed_url).toMatch(/^https?:\/\//);
  expect(feed.hubs?.[0]?.type).toBe('WebSub');
  expect(Array.isArray(feed.items)).toBe(true);
  return (feed.items ?? []).map((item) => {
    expect(typeof item.id).toBe('string');
    expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true);
    return { title: String(item.title), categories: (item.tags as string[] | undefined) ?? [], published: item.date_published as string | undefined };
  });
}

export const FEED_PARSERS = { rss: parseRss, atom: parseAtom, json: parseJsonFeed } as const;
