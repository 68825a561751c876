/**
 * The gateway's recent window: the latest entries of the all-stream (headlines and changes, as
 * stored), kept in memory from the live loop's own batches, so that a resume whose cursor falls
 * inside it is answered without a Redis read. After a gateway restart or a load balancer drain,
 * thousands of clients come back within seconds, each with `since`; without the window every
 * one of them is a read on the one shard that holds `{nt}`.
 *
 * What it promises: for any cursor at or after `floor` (and not beyond `position`), it holds
 * every entry after the cursor up to `position`, in id order. It is filled once at start from
 * the stream's tail (one XREVRANGE) and then only by the live loop, which reads every entry
 * exactly once; eviction moves `floor` up to the newest entry evicted.
 */
import type { Logger } from '../../shared/logger.ts';
import { describeError } from '../../shared/errors.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import { entryMatches, isChange, toLiveEntries, type LiveEntry } from './live-entry.ts';

export interface RecentWindowOptions {
  /** Entries kept at most (GATEWAY_RECENT_WINDOW). */
  maxEntries: number;
  /** Approximate bytes kept at most (GATEWAY_RECENT_WINDOW_MB). */
  maxBytes: number;
}

/** The answer to a resume from the window. */
export interface WindowRead {
  /** The entries after the cursor on the channels, in id order. */
  entries: LiveEntry[];
  /** The window's position: everything up to it was considered. */
  position: string;
}

interface Held {
  entry: LiveEntry;
  bytes: number;
}

/** A rough size of an entry in memory: its strings twice (UTF-16) plus the objects around them. */
function sizeOf(entry: LiveEntry): number {
  const headline = isChange(entry) ? (entry.change.type === 'update' ? entry.change.headline : undefined) : entry;
  if (headline === undefined) return 600;
  const text = headline.title.length + (headline.summary?.length ?? 0) + (headline.url?.length ?? 0) + headline.source.name.length + headline.id.length;
  return 2 * text + 60 * (headline.topics.length + headline.regions.length) + 800;
}

export class RecentWindow {
  private held: Held[] = [];
  /** Index of the oldest live element of `held` (evicted ones are dropped in bulk). */
  private start = 0;
  private bytes = 0;
  private floorId: string | undefined;
  private positionId: string | undefined;
  /** Batches that arrived while the start-up fill was being read, appended once it is in. */
  private pending: { batch: readonly LiveEntry[]; position: string }[] | undefined;

  constructor(private readonly options: RecentWindowOptions) {}

  /** True once filled: until then every resume reads Redis. */
  get ready(): boolean {
    return this.floorId !== undefined && this.pending === undefined;
  }

  get size(): number {
    return this.held.length - this.start;
  }

  /**
   * The live loop's batch listener. Its first call (an empty batch at the loop's start
   * position) begins the fill from Redis; batches that arrive before the fill is in wait for it.
   */
  onBatch(batch: readonly LiveEntry[], position: string, fill: () => void): void {
    if (this.pending !== undefined) {
      this.pending.push({ batch, position });
      return;
    }
    if (this.positionId === undefined) {
      this.pending = [];
      this.positionId = position;
      fill();
      return;
    }
    this.append(batch, position);
  }

  /** Fills the window from Redis with the stream's entries up to the loop's start position. */
  async fill(reader: HeadlineReader, logger: Logger): Promise<void> {
    try {
      this.filled(toLiveEntries(await reader.newestUpTo(this.positionId ?? '0-0', this.options.maxEntries)));
      logger.info({ entries: this.size, from: this.floorId, to: this.positionId }, 'recent window filled');
    } catch (error) {
      // Without the fill, the window starts empty at the loop's start: still exact from there.
      logger.warn({ err: describeError(error).message }, 'recent window: start-up fill failed; it fills from the live loop');
      this.floorId = this.positionId ?? '0-0';
      this.filled([]);
    }
  }

  /**
   * Takes the start-up fill (the newest entries up to the loop's start position, oldest first),
   * then applies the batches that waited for it. A cursor at or after the oldest entry filled is
   * answered; one before it might miss entries the all-stream no longer holds but a channel
   * stream still does: Redis answers it.
   */
  filled(entries: readonly LiveEntry[]): void {
    this.append(entries, this.positionId ?? '0-0');
    this.floorId ??= entries[0]?.id ?? '0-0';
    const waiting = this.pending ?? [];
    this.pending = undefined;
    for (const { batch, position } of waiting) this.append(batch, position);
  }

  /**
   * The entries after `since` on `channels`, or undefined when the window cannot answer: not
   * filled yet, a cursor before its floor or beyond its position, or more than `max` entries.
   */
  read(channels: readonly string[], since: string, max: number): WindowRead | undefined {
    const floor = this.floorId;
    const position = this.positionId;
    if (!this.ready || floor === undefined || position === undefined) return undefined;
    if (compareStreamIds(since, floor) < 0 || compareStreamIds(since, position) > 0) return undefined;
    const entries: LiveEntry[] = [];
    for (let i = this.firstAfter(since); i < this.held.length; i += 1) {
      const entry = this.held[i]?.entry;
      if (entry === undefined || !entryMatches(channels, entry)) continue;
      if (entries.length === max) return undefined;
      entries.push(entry);
    }
    return { entries, position };
  }

  private append(batch: readonly LiveEntry[], position: string): void {
    for (const entry of batch) {
      const last = this.held[this.held.length - 1]?.entry.id ?? this.floorId;
      // The loop reads in id order; a repeat (the fill and the loop meeting) is dropped.
      if (last !== undefined && compareStreamIds(entry.id, last) <= 0) continue;
      const bytes = sizeOf(entry);
      this.held.push({ entry, bytes });
      this.bytes += bytes;
    }
    if (this.positionId === undefined || compareStreamIds(position, this.positionId) > 0) this.positionId = position;
    this.evict();
  }

  private evict(): void {
    while (this.size > 0 && (this.size > this.options.maxEntries || this.bytes > this.options.maxBytes)) {
      const oldest = this.held[this.start];
      if (oldest === undefined) break;
      this.bytes -= oldest.bytes;
      this.floorId = oldest.entry.id;
      this.start += 1;
    }
    // Drop evicted slots in bulk, not one shift per entry.
    if (this.start > 1_024 && this.start * 2 > this.held.length) {
      this.held = this.held.slice(this.start);
      this.start = 0;
    }
  }

  /** Index of the first held entry with an id after `since` (binary search: ids are in order). */
  private firstAfter(since: string): number {
    let low = this.start;
    let high = this.held.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const id = this.held[mid]?.entry.id ?? '';
      if (compareStreamIds(id, since) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
