/**
 * The backlog/live boundary: which headlines buffered while a subscriber's backlog was read
 * must still be delivered, so that each matching headline reaches it exactly once, in id order.
 *
 * Vocabulary:
 * - `liveCursor`: the live loop's position when the subscriber stopped receiving live
 *   broadcasts for this subscribe; everything up to it on `previousChannels` was delivered.
 * - `boundary`: the ack (backlog) covers the requested channels up to this id. It is the
 *   larger of the all-stream's last id read before the backlog and the backlog's last id:
 *   anything after it was stored after the backlog read began and comes from the live path.
 */
import { compareStreamIds } from '../../protocol/stream-id.ts';
import { matchesAny } from '../live/channel-set.ts';
import { namesOf, type LiveEntry } from '../live/live-entry.ts';

export interface BoundaryInput {
  previousChannels: readonly string[];
  liveCursor: string | undefined;
  /** The subscriber's channels from now on. */
  channels: readonly string[];
  boundary: string | undefined;
  backlogIds: ReadonlySet<string>;
}

export function maxId(...ids: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || compareStreamIds(id, best) > 0)) best = id;
  return best;
}

function isAfter(id: string, cursor: string | undefined): boolean {
  return cursor === undefined || compareStreamIds(id, cursor) > 0;
}

/**
 * Entries (headlines and changes) from `buffer` (in the order the live loop read them, i.e.
 * id order) to deliver right after the ack: matching the final channels, not in the backlog,
 * and either on a channel that was live before (continuing after `liveCursor`) or newer than
 * the boundary.
 */
export function selectBuffered<T extends LiveEntry>(buffer: readonly T[], input: BoundaryInput): T[] {
  const out: T[] = [];
  let last: string | undefined;
  for (const entry of buffer) {
    // Defensive: the live loop reads in id order, so this only drops repeats.
    if (!isAfter(entry.id, last)) continue;
    if (input.backlogIds.has(entry.id)) continue;
    const names = namesOf(entry);
    if (!matchesAny(input.channels, names)) continue;
    const continuesLive = matchesAny(input.previousChannels, names) && input.liveCursor !== undefined && isAfter(entry.id, input.liveCursor);
    if (continuesLive || isAfter(entry.id, input.boundary)) {
      out.push(entry);
      last = entry.id;
    }
  }
  return out;
}
