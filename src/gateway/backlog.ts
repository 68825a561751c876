/**
 * The backlog of a subscribe (Socket.IO) or a stream open (SSE): the latest `limit`, or
 * everything after the client's cursor, and the boundary from which the live path takes over.
 */
import type { Headline } from '../headlines/headline.ts';
import type { HeadlineReader } from '../streams/reader.ts';
import { compareStreamIds } from '../streams/stream-id.ts';
import { maxId } from './live/boundary.ts';

/** More missed headlines than this are not replayed: the client gets the latest instead. */
const MAX_RECOVERY = 1_000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 500;

export interface Backlog {
  headlines: Headline[];
  /** True when `since` was given and everything after it is in `headlines`. */
  recovered: boolean;
  /** The ack covers the channels up to this id; the live path delivers what comes after. */
  boundary: string;
}

export async function readBacklog(
  reader: HeadlineReader,
  channels: readonly string[],
  request: { since?: string | undefined; limit: number },
): Promise<Backlog> {
  // Read first: everything stored later has a larger id, so the live path owns it.
  const streamLast = await reader.lastId();
  const { since, limit } = request;
  // A cursor beyond the stream's end was not issued by this stream (e.g. Redis lost its
  // data): it cannot be resumed from, so it is treated like a cursor that no longer reaches back.
  if (since !== undefined && compareStreamIds(since, streamLast) <= 0) {
    const missed = await reader.after(channels, since, MAX_RECOVERY + 1);
    if (missed.length <= MAX_RECOVERY && (await reader.reachesBack(channels, since))) {
      return { headlines: missed, recovered: true, boundary: maxId(streamLast, missed[missed.length - 1]?.id) ?? streamLast };
    }
  }
  const latest = await reader.latest(channels, limit);
  return { headlines: latest, recovered: false, boundary: maxId(streamLast, latest[latest.length - 1]?.id) ?? streamLast };
}
