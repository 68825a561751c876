/**
 * The backlog of a subscribe (Socket.IO) or a stream open (SSE): the latest `limit`, or
 * everything after the client's cursor, and the boundary from which the live path takes over.
 */
import type { Headline } from '../../headlines/headline.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { RecentWindow } from '../live/recent-window.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import { isChange, toLiveEntries, type LiveChange, type LiveEntry } from '../live/live-entry.ts';
import { maxId } from './boundary.ts';

/** More missed entries than this are not replayed: the client gets the latest instead. */
const MAX_RECOVERY = 1_000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 500;

export interface Backlog {
  /** Resumed: as stored (the changes since follow in `changes`); else as they now stand. */
  headlines: Headline[];
  /** Resumed: the changes after `since` on the channels, in id order; else none (folded into `headlines`). */
  changes: LiveChange[];
  /** True when `since` was given and everything after it is in `headlines` and `changes`. */
  recovered: boolean;
  /** The ack covers the channels up to this id; the live path delivers what comes after. */
  boundary: string;
}

export interface BacklogSources {
  reader: HeadlineReader;
  /** When it holds the cursor, the resume is answered from memory: no Redis read at all. */
  window?: RecentWindow | undefined;
  metrics: Metrics;
}

/** A resume's missed entries, as the backlog carries them: headlines as stored, changes apart. */
function recovered(missed: readonly LiveEntry[], boundary: string): Backlog {
  const headlines: Headline[] = [];
  const changes: LiveChange[] = [];
  for (const entry of missed) {
    if (isChange(entry)) changes.push(entry);
    else headlines.push(entry);
  }
  return { headlines, changes, recovered: true, boundary };
}

export async function readBacklog(
  sources: BacklogSources,
  channels: readonly string[],
  request: { since?: string | undefined; limit: number },
): Promise<Backlog> {
  const { reader, window, metrics } = sources;
  const { since, limit } = request;
  if (since !== undefined && window !== undefined) {
    // Everything up to the window's position was considered; the live path owns what follows.
    const read = window.read(channels, since, MAX_RECOVERY);
    if (read !== undefined) {
      metrics.gatewayResumes.inc({ from: 'window' });
      return recovered(read.entries, read.position);
    }
  }
  // Read first: everything stored later has a larger id, so the live path owns it.
  const streamLast = await reader.lastId();
  // A cursor beyond the stream's end was not issued by this stream (e.g. Redis lost its
  // data): it cannot be resumed from, so it is treated like a cursor that no longer reaches back.
  if (since !== undefined && compareStreamIds(since, streamLast) <= 0) {
    const page = await reader.entriesAfter(channels, since, MAX_RECOVERY + 1);
    const missed = toLiveEntries(page.entries);
    // A page cut short by the scan budget cannot be replayed as complete: the client gets the latest.
    if (page.stoppedAt === undefined && missed.length <= MAX_RECOVERY && (await reader.reachesBack(channels, since))) {
      metrics.gatewayResumes.inc({ from: 'redis' });
      return recovered(missed, maxId(streamLast, missed[missed.length - 1]?.id) ?? streamLast);
    }
  }
  if (since !== undefined) metrics.gatewayResumes.inc({ from: 'latest' });
  const latest = await reader.latest(channels, limit);
  return { headlines: latest, changes: [], recovered: false, boundary: maxId(streamLast, latest[latest.length - 1]?.id) ?? streamLast };
}

/** The ids the backlog carried: the live hand-over skips them. */
export function backlogIds(backlog: Backlog | undefined): Set<string> {
  return new Set([...(backlog?.headlines ?? []), ...(backlog?.changes ?? [])].map((entry) => entry.id));
}
