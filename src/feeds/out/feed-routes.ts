/**
 * GET /feeds/{topic}/{region}.{rss|atom|json}: a channel's latest headlines as a feed, for
 * readers, aggregators and WebSub subscribers. Conditional requests answer 304.
 */
import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { HeadlineReader } from '../../streams/reader.ts';
import { buildFeedDocument } from './feed-document.ts';
import { FEED_CONTENT_TYPES, parseFeedRequest, type FeedRequest } from './feed-request.ts';
import { renderFeed } from './render-feed.ts';

/** Entries per feed: what a reader shows as "latest", and a bound on the work one request costs. */
export const FEED_ENTRIES = 50;
/** Readers poll; a minute of caching costs at most a minute of delay, and WebSub pushes at once. */
const CACHE_CONTROL = 'public, max-age=60';

export interface RenderedFeed {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
}

export interface FeedRendererDeps {
  reader: HeadlineReader;
  /** `PUBLIC_URL`, or `http://localhost:<bound port>` once the server listens. */
  publicUrl: () => string;
}

/** Reads and renders one feed; shared by the route and by WebSub deliveries. */
export async function renderChannelFeed(deps: FeedRendererDeps, request: FeedRequest): Promise<RenderedFeed> {
  const headlines = await deps.reader.latest([request.channel.name], FEED_ENTRIES);
  const document = buildFeedDocument({ channel: request.channel, headlines, publicUrl: deps.publicUrl(), path: request.path });
  const body = renderFeed(document, request.format);
  // The body's hash: any change to any entry (a correction included) changes the tag.
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType: FEED_CONTENT_TYPES[request.format], etag, lastModified: document.updatedAt };
}

/**
 * RFC 9110 §13.1: If-None-Match decides when present, else If-Modified-Since (second precision).
 * Not express's `req.fresh`: that answers "stale" to any request with `Cache-Control: no-cache`,
 * which fetch() adds to every conditional request, although the origin may still answer 304.
 */
export function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, feed: Pick<RenderedFeed, 'etag' | 'lastModified'>): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(feed.etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(feed.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

export function createFeedRouter(deps: FeedRendererDeps): Router {
  const router = Router();
  router.get('/feeds/:topic/:file', async (req, res) => {
    const request = parseFeedRequest(req.params.topic, req.params.file);
    const feed = await renderChannelFeed(deps, request);
    const publicUrl = deps.publicUrl();
    res.set({
      'Content-Type': feed.contentType,
      'Cache-Control': CACHE_CONTROL,
      ETag: feed.etag,
      'Last-Modified': feed.lastModified.toUTCString(),
      Link: `<${publicUrl}/websub>; rel="hub", <${publicUrl}${request.path}>; rel="self"`,
    });
    if (notModified(req.headers['if-none-match'], req.headers['if-modified-since'], feed)) {
      res.status(304).end();
      return;
    }
    res.send(feed.body);
  });
  return router;
}
