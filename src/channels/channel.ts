/** Channels are `<topic>/<region>`, either part `*`. Parsing, validation and matching. */
import { isRegion, isTopic } from './vocabulary.ts';

export const WILDCARD = '*';

export interface Channel {
  readonly topic: string;
  readonly region: string;
  readonly name: string;
}

export type ChannelParseResult = { ok: true; channel: Channel } | { ok: false; reason: string };

export function parseChannel(raw: unknown): ChannelParseResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'channel must be a string' };
  const value = raw.trim().toLowerCase();
  const parts = value.split('/');
  if (parts.length !== 2) return { ok: false, reason: `"${raw.slice(0, 60)}" is not <topic>/<region>` };
  const [topic = '', region = ''] = parts;
  if (topic !== WILDCARD && !isTopic(topic)) return { ok: false, reason: `unknown topic "${topic.slice(0, 40)}"` };
  if (region !== WILDCARD && !isRegion(region)) return { ok: false, reason: `unknown region "${region.slice(0, 40)}"` };
  return { ok: true, channel: { topic, region, name: `${topic}/${region}` } };
}

export function matchesChannel(channel: Channel, headline: { topics: readonly string[]; regions: readonly string[] }): boolean {
  return (
    (channel.topic === WILDCARD || headline.topics.includes(channel.topic)) &&
    (channel.region === WILDCARD || headline.regions.includes(channel.region))
  );
}

/** Every channel name a headline belongs to: (topics ∪ {*}) × (regions ∪ {*}). */
export function channelsOf(headline: { topics: readonly string[]; regions: readonly string[] }): string[] {
  const topics = [WILDCARD, ...new Set(headline.topics)];
  const regions = [WILDCARD, ...new Set(headline.regions)];
  const names: string[] = [];
  for (const topic of topics) for (const region of regions) names.push(`${topic}/${region}`);
  return names;
}
