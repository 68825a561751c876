/**
 * Channel names in the browser: parsing user input, and the words a channel is labelled with.
 * What a channel name is and which headlines it carries is the protocol's (src/protocol/channels.ts).
 */
import { isChannelName, MAX_CHANNELS, WILDCARD } from '../protocol/channels.ts';

/** Splits a list such as "politics/*, *\/az" into valid, distinct channels; the rest is reported. */
export function parseChannelList(input: string | null | undefined): { channels: string[]; invalid: string[] } {
  const channels: string[] = [];
  const invalid: string[] = [];
  for (const raw of (input ?? '').split(/[\s,]+/)) {
    const part = raw.trim().toLowerCase();
    if (part === '') continue;
    if (!isChannelName(part)) invalid.push(raw.trim());
    else if (!channels.includes(part) && channels.length < MAX_CHANNELS) channels.push(part);
  }
  return { channels, invalid };
}

export interface VocabularyEntry {
  slug: string;
  label: string;
}

export interface Vocabulary {
  topics: readonly VocabularyEntry[];
  regions: readonly VocabularyEntry[];
}

function entries(value: unknown): VocabularyEntry[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const { slug, label } = raw as { slug?: unknown; label?: unknown };
    return typeof slug === 'string' && typeof label === 'string' ? [{ slug, label }] : [];
  });
}

/** The vocabulary out of a GET /api/channels answer, or undefined when it is not one. */
export function toVocabulary(body: unknown): Vocabulary | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { topics, regions } = body as { topics?: unknown; regions?: unknown };
  const t = entries(topics);
  const r = entries(regions);
  return t === null || r === null ? undefined : { topics: t, regions: r };
}

/** "politics" → "Politics" when no vocabulary is at hand. */
export function prettySlug(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * IPTC labels are long ("Politics and government", "Crime, law and justice"); a column header
 * read from across a room wants the head word, so cut at the first comma or " and ".
 */
export function shortTopicLabel(label: string): string {
  const cut = label.split(/,| and /)[0]?.trim() ?? '';
  return cut === '' ? label : cut;
}

function topicLabel(slug: string, vocabulary?: Vocabulary): string {
  if (slug === WILDCARD) return 'All topics';
  const entry = vocabulary?.topics.find((t) => t.slug === slug);
  return entry === undefined ? prettySlug(slug) : shortTopicLabel(entry.label);
}

function regionLabel(slug: string, vocabulary?: Vocabulary): string {
  if (slug === WILDCARD) return 'all regions';
  const entry = vocabulary?.regions.find((r) => r.slug === slug);
  return entry === undefined ? (slug.length === 2 ? slug.toUpperCase() : prettySlug(slug)) : entry.label;
}

/** "politics/*" → "Politics · all regions"; "*\/az" → "All topics · Azerbaijan". */
export function channelLabel(channel: string, vocabulary?: Vocabulary): string {
  const slash = channel.indexOf('/');
  if (slash < 0) return channel;
  return `${topicLabel(channel.slice(0, slash), vocabulary)} · ${regionLabel(channel.slice(slash + 1), vocabulary)}`;
}

/** True when both parts name something in the vocabulary (or are `*`). */
export function isKnownChannel(channel: string, vocabulary: Vocabulary): boolean {
  const slash = channel.indexOf('/');
  const topic = channel.slice(0, slash);
  const region = channel.slice(slash + 1);
  return (
    slash > 0 &&
    (topic === WILDCARD || vocabulary.topics.some((t) => t.slug === topic)) &&
    (region === WILDCARD || vocabulary.regions.some((r) => r.slug === region))
  );
}
