/**
 * `/feeds/{topic}/{region}.{rss|atom|json}`: which channel and which format a feed URL names.
 * `all` stands for `*` in either part, so every channel has a path without a wildcard.
 */
import { parseChannel, type Channel } from '../../channels/channel.ts';
import { WILDCARD } from '../../protocol/channels.ts';
import { AppError } from '../../shared/errors.ts';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedRequest {
  readonly channel: Channel;
  readonly format: FeedFormat;
  /** The canonical path of this feed, `/feeds/politics/all.rss`. */
  readonly path: string;
}

const FILE = /^([a-z0-9-]{1,40})\.(rss|atom|json)$/;
const ALL = 'all';

function partToChannel(part: string): string {
  return part === ALL ? WILDCARD : part;
}

function channelToPart(part: string): string {
  return part === WILDCARD ? ALL : part;
}

/** The feed path of a channel in a format: `politics/*` → `/feeds/politics/all.rss`. */
export function feedPath(channel: Channel, format: FeedFormat): string {
  return `/feeds/${channelToPart(channel.topic)}/${channelToPart(channel.region)}.${format}`;
}

/** Reads the route's `topic` and `file` parameters; throws BAD_CHANNEL or NOT_FOUND. */
export function parseFeedRequest(topicPart: string, filePart: string): FeedRequest {
  const file = FILE.exec(filePart.toLowerCase());
  if (file === null) throw new AppError('NOT_FOUND', 'a feed is /feeds/{topic}/{region}.{rss|atom|json}, with "all" for any');
  const [, regionPart = '', format = 'rss'] = file;
  const parsed = parseChannel(`${partToChannel(topicPart.toLowerCase())}/${partToChannel(regionPart)}`);
  if (!parsed.ok) throw new AppError('BAD_CHANNEL', `${parsed.reason}; see /api/channels`);
  const feedFormat = format as FeedFormat;
  return { channel: parsed.channel, format: feedFormat, path: feedPath(parsed.channel, feedFormat) };
}
