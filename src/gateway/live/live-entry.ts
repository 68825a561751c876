/**
 * What the live path carries: headlines, and changes (corrections and retractions) in id order
 * with them, as the streams hold them. A change reaches a subscriber when the headline's old
 * or new tags match its channels; one whose new tags no longer match receives a retraction-like
 * change that removes the headline (README, "Retagging").
 */
import { matchesChannel } from '../../protocol/channels.ts';
import type { Headline } from '../../headlines/headline.ts';
import { RETAGGED_AWAY_REASON, type HeadlineChange } from '../../protocol/headline.ts';
import type { StreamEntry } from '../../streams/serialise.ts';
import { headlineChannelSet, matchesAny } from './channel-set.ts';

export interface LiveChange {
  readonly id: string;
  readonly change: HeadlineChange;
  /** Channel names of the headline's tags before the change. */
  readonly oldNames: ReadonlySet<string>;
  /** Channel names of its tags after: empty for a retraction. */
  readonly newNames: ReadonlySet<string>;
  /** Either: who may receive it. */
  readonly names: ReadonlySet<string>;
}

export type LiveEntry = Headline | LiveChange;

export function isChange(entry: LiveEntry): entry is LiveChange {
  return 'change' in entry;
}

export function toLiveChange(entry: Extract<StreamEntry, { kind: 'change' }>): LiveChange {
  const oldNames = headlineChannelSet(entry.was);
  const newNames = entry.change.type === 'update' ? headlineChannelSet(entry.change.headline) : new Set<string>();
  return { id: entry.id, change: entry.change, oldNames, newNames, names: new Set([...oldNames, ...newNames]) };
}

export function toLiveEntries(entries: readonly StreamEntry[]): LiveEntry[] {
  return entries.map((entry) => (entry.kind === 'headline' ? entry.headline : toLiveChange(entry)));
}

/** Whether an entry is delivered on any of `channels`, without listing a headline's channel names. */
export function entryMatches(channels: readonly string[], entry: LiveEntry): boolean {
  return isChange(entry) ? matchesAny(channels, entry.names) : channels.some((channel) => matchesChannel(entry, channel));
}

/** The channel names an entry is delivered on. */
export function namesOf(entry: LiveEntry): ReadonlySet<string> {
  return isChange(entry) ? entry.names : headlineChannelSet(entry);
}

/**
 * The change as a subscriber of `channels` receives it: as stored when the headline (still)
 * matches; as a removal when only its old tags did; undefined when neither did.
 */
export function changeFor(channels: readonly string[], entry: LiveChange): HeadlineChange | undefined {
  const { change } = entry;
  if (change.type === 'update' && matchesAny(channels, entry.newNames)) return change;
  if (!matchesAny(channels, entry.oldNames)) return undefined;
  if (change.type === 'retract') return change;
  return { id: change.id, type: 'retract', headline: { id: change.headline.id, retracted: true, reason: RETAGGED_AWAY_REASON } };
}

export function changesFor(channels: readonly string[], entries: readonly LiveChange[]): HeadlineChange[] {
  const out: HeadlineChange[] = [];
  for (const entry of entries) {
    const change = changeFor(channels, entry);
    if (change !== undefined) out.push(change);
  }
  return out;
}

type LiveRun = { kind: 'headlines'; items: Headline[] } | { kind: 'changes'; items: LiveChange[] };

/** Consecutive entries of one kind, in order: each run is one `headlines` or `changes` event. */
export function runsOf(entries: readonly LiveEntry[]): LiveRun[] {
  const runs: LiveRun[] = [];
  let current: LiveRun | undefined;
  for (const entry of entries) {
    if (isChange(entry)) {
      if (current?.kind !== 'changes') runs.push((current = { kind: 'changes', items: [] }));
      current.items.push(entry);
    } else {
      if (current?.kind !== 'headlines') runs.push((current = { kind: 'headlines', items: [] }));
      current.items.push(entry);
    }
  }
  return runs;
}
