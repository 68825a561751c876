/**
 * Channels are `<topic>/<region>`, either part `*`: parsing and validation against the
 * vocabulary. Matching is the protocol's (src/protocol/channels.ts).
 */
import { WILDCARD } from '../protocol/channels.ts';
import { suggestRegion, suggestTopic } from './suggest.ts';
import { isRegion, isTopic } from './vocabulary.ts';

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
  if (parts.length !== 2) return { ok: false, reason: withHint(`"${raw.slice(0, 60)}" is not <topic>/<region>`, wholeChannelHint(value)) };
  const [topic = '', region = ''] = parts;
  const topicOk = topic === WILDCARD || isTopic(topic);
  const regionOk = region === WILDCARD || isRegion(region);
  if (topicOk && regionOk) return { ok: true, channel: { topic, region, name: `${topic}/${region}` } };
  const problem = topicOk ? `unknown region "${region.slice(0, 40)}"` : `unknown topic "${topic.slice(0, 40)}"`;
  const fixedTopic = topicOk ? topic : suggestTopic(topic.slice(0, 60));
  const fixedRegion = regionOk ? region : suggestRegion(region.slice(0, 60));
  return { ok: false, reason: withHint(problem, fixedTopic === undefined || fixedRegion === undefined ? undefined : `${fixedTopic}/${fixedRegion}`) };
}

/** A lone word that is (nearly) a topic or a region: the channel of that topic or region everywhere. */
function wholeChannelHint(value: string): string | undefined {
  if (value.includes('/') || value.length > 60) return undefined;
  if (isTopic(value)) return `${value}/${WILDCARD}`;
  if (isRegion(value)) return `${WILDCARD}/${value}`;
  const topic = suggestTopic(value);
  if (topic !== undefined) return `${topic}/${WILDCARD}`;
  const region = suggestRegion(value);
  return region === undefined ? undefined : `${WILDCARD}/${region}`;
}

function withHint(problem: string, suggestion: string | undefined): string {
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return `${problem}${hint}; GET /api/channels lists the topics and regions`;
}

/**
 * What kind of channel a valid name is: a metric label with four values, where the name itself
 * (chosen by clients, thousands of combinations) would make a series per choice.
 */
export function channelKind(name: string): 'all' | 'topic' | 'region' | 'combined' {
  const [topic, region] = name.split('/');
  if (topic === WILDCARD) return region === WILDCARD ? 'all' : 'region';
  return region === WILDCARD ? 'topic' : 'combined';
}
