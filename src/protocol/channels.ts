/**
 * Channels of the protocol: `<topic>/<region>`, either part `*` (design.md, "Channels").
 * The one definition of what a channel name looks like, how many a subscriber may follow and
 * which headlines it carries, for the gateway, the widget, the dashboard and the tests.
 * Browser-safe. The server checks names against the vocabulary (src/channels/channel.ts); the
 * combined-channel reader filters by the same rule in Lua (src/streams/commands/read-combined-2.lua),
 * and tests/integration/streams/channel-matching.test.ts holds the two to each other.
 */

/** Either part of a channel name that stands for every topic or every region. */
export const WILDCARD = '*';

/** Channels per socket and per SSE stream. */
export const MAX_CHANNELS = 50;

/** The shape of a channel name: topic and region slugs (`[a-z0-9-]`) or `*`. Says nothing of the vocabulary. */
const CHANNEL_NAME = /^(\*|[a-z][a-z-]{0,40})\/(\*|[a-z][a-z0-9-]{0,40})$/;

export function isChannelName(value: string): boolean {
  return CHANNEL_NAME.test(value);
}

/** What matching reads of a headline: its tags. */
export interface Tagged {
  readonly topics: readonly string[];
  readonly regions: readonly string[];
}

/** A headline belongs to `t/r` when t is `*` or one of its topics, and r is `*` or one of its regions. */
export function matchesChannel(headline: Tagged, channel: string): boolean {
  const slash = channel.indexOf('/');
  if (slash < 0) return false;
  const topic = channel.slice(0, slash);
  const region = channel.slice(slash + 1);
  return (topic === WILDCARD || headline.topics.includes(topic)) && (region === WILDCARD || headline.regions.includes(region));
}

/**
 * Every channel name a headline belongs to, (topics ∪ {*}) × (regions ∪ {*}): the same rule as
 * `matchesChannel`, enumerated, so that the live path finds subscribers by lookup.
 */
export function channelsOf(headline: Tagged): string[] {
  const topics = [WILDCARD, ...new Set(headline.topics)];
  const regions = [WILDCARD, ...new Set(headline.regions)];
  const names: string[] = [];
  for (const topic of topics) for (const region of regions) names.push(`${topic}/${region}`);
  return names;
}
