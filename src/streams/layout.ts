// Which streams hold which headlines. Besides the all-stream (channel "*/*"), there is one
// stream per topic ("politics/*") and one per region ("*/az", "*/western-asia"): the headlines
// of a combined channel such as "politics/az" are exactly the topic stream's entries that carry
// the region, so they are read by filtering one of the two instead of keeping a stream of
// their own. A headline is then appended about six times instead of twelve, which halves the
// store's Redis time and memory (docs/PERFORMANCE.md, "Fifth change").
import { WILDCARD } from '../protocol/channels.ts';
import { ALL_CHANNEL, keys } from './keys.ts';

export type ChannelSource =
  /** A channel with a stream of its own: the all-stream, a topic or a region. */
  | { kind: 'stream'; key: string }
  /** `<topic>/<region>`: entries of either facet stream that carry both tags. */
  | { kind: 'combined'; topicKey: string; regionKey: string; topic: string; region: string };

/** Where a valid channel name's headlines are read from. */
export function sourceOf(channel: string): ChannelSource {
  if (channel === ALL_CHANNEL) return { kind: 'stream', key: keys.allStream };
  const [topic = WILDCARD, region = WILDCARD] = channel.split('/');
  if (topic === WILDCARD || region === WILDCARD) return { kind: 'stream', key: keys.channelStream(channel) };
  return {
    kind: 'combined',
    topicKey: keys.channelStream(`${topic}/${WILDCARD}`),
    regionKey: keys.channelStream(`${WILDCARD}/${region}`),
    topic,
    region,
  };
}

/** The streams a headline is appended to besides the all-stream: its topics' and its regions'. */
export function facetStreamsOf(headline: { topics: readonly string[]; regions: readonly string[] }): string[] {
  return [
    ...[...new Set(headline.topics)].map((topic) => keys.channelStream(`${topic}/${WILDCARD}`)),
    ...[...new Set(headline.regions)].map((region) => keys.channelStream(`${WILDCARD}/${region}`)),
  ];
}

/**
 * The needle the combined-channel script looks for in an entry's topics or regions array.
 * Slugs are `[a-z0-9-]`, so a quoted slug can only match a whole array element.
 */
export function quotedSlug(slug: string): string {
  return JSON.stringify(slug);
}
