/**
 * WebSub discovery (W3C WebSub §4): the hub and the topic URL a feed names in the document —
 * `<atom:link rel="hub">` / `rel="self"` in RSS, `<link rel>` in Atom, `hubs` / `feed_url` in
 * JSON Feed — made absolute against the URL it was fetched from. A `Link` header wins over the
 * document (the fetcher reads it: see `linkHeaderLinks`).
 */
import type { AtomFeed, JsonFeed, RssFeed } from 'feedsmith';
import type { FeedLinks } from './types.ts';

type Link = { href?: string | undefined; rel?: string | undefined };

function absolute(href: string | undefined, base: string): string | undefined {
  if (href === undefined || href.trim() === '') return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined; // not a URL: no hub to use
  }
}

function fromLinks(links: readonly Link[] | undefined, base: string): FeedLinks {
  const find = (rel: string) => absolute(links?.find((link) => link.rel?.toLowerCase() === rel)?.href, base);
  return compact({ hub: find('hub'), self: find('self') });
}

function compact(links: { hub: string | undefined; self: string | undefined }): FeedLinks {
  return { ...(links.hub === undefined ? {} : { hub: links.hub }), ...(links.self === undefined ? {} : { self: links.self }) };
}

export function rssLinks(feed: RssFeed.Feed<string>, base: string): FeedLinks {
  return fromLinks(feed.atom?.links, base);
}

export function atomLinks(feed: AtomFeed.Feed<string>, base: string): FeedLinks {
  return fromLinks(feed.links, base);
}

export function jsonLinks(feed: JsonFeed.Feed<string>, base: string): FeedLinks {
  const hub = feed.hubs?.find((entry) => entry.type?.toLowerCase() === 'websub') ?? feed.hubs?.[0];
  return compact({ hub: absolute(hub?.url, base), self: absolute(feed.feed_url, base) });
}

/** `Link: <https://hub.example/>; rel="hub", <https://site.example/feed>; rel="self"` (RFC 8288). */
export function linkHeaderLinks(header: string | undefined, base: string): FeedLinks {
  if (header === undefined) return {};
  const links: Link[] = [];
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    for (const name of (rel ?? '').split(/\s+/)) if (name !== '') links.push({ href: match[1], rel: name });
  }
  return fromLinks(links, base);
}
