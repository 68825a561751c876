/**
 * Channel sets of subscribers and headlines: validation of requested channel lists, the
 * "signature" that groups subscribers with identical sets, and matching.
 */
import { parseChannel } from '../../channels/channel.ts';
import { channelsOf, MAX_CHANNELS, type Tagged } from '../../protocol/channels.ts';

export type ChannelListResult = { ok: true; channels: string[] } | { ok: false; message: string };

/**
 * Validates a requested channel list and normalises it: lower case, de-duplicated, sorted.
 * Checks the raw length first so a huge array costs nothing beyond its length.
 */
export function parseChannelList(raw: unknown, max = MAX_CHANNELS): ChannelListResult {
  if (!Array.isArray(raw)) return { ok: false, message: 'channels must be an array of "<topic>/<region>" strings' };
  if (raw.length === 0) return { ok: false, message: 'channels must not be empty' };
  if (raw.length > max) return { ok: false, message: `at most ${max} channels` };
  const names = new Set<string>();
  for (const item of raw as unknown[]) {
    const parsed = parseChannel(typeof item === 'string' ? item.slice(0, 200) : item);
    if (!parsed.ok) return { ok: false, message: parsed.reason };
    names.add(parsed.channel.name);
  }
  return { ok: true, channels: [...names].sort() };
}

/** Union of two normalised lists, normalised. */
export function unionChannels(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** `a` without the channels of `b`, normalised. */
export function withoutChannels(a: readonly string[], b: readonly string[]): string[] {
  const removed = new Set(b);
  return a.filter((name) => !removed.has(name));
}

/** Identifies a channel set; subscribers with equal signatures share one broadcast room. */
export function signatureOf(channels: readonly string[]): string {
  return [...channels].sort().join(',');
}

/** The channel names a headline belongs to, as a set for O(1) membership checks. */
export function headlineChannelSet(headline: Tagged): ReadonlySet<string> {
  return new Set(channelsOf(headline));
}

/** True when any of `channels` is one of the headline's channel names. */
export function matchesAny(channels: readonly string[], headlineChannels: ReadonlySet<string>): boolean {
  for (const name of channels) if (headlineChannels.has(name)) return true;
  return false;
}
