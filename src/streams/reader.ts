/**
 * Read side of the headline streams, shared by the REST API, SSE and the Socket.IO gateway:
 * the latest N headlines as they now stand, entries (headlines and changes) after an id, and
 * whether a stream still reaches back to an id.
 */
import type { ChainableCommander } from 'ioredis';
import type { Headline } from '../headlines/headline.ts';
import { channelsOf } from '../protocol/channels.ts';
import type { HeadlineChange, HistoryHeadline } from '../protocol/headline.ts';
import { CombinedScanner, ScanBudget, type ScanResult } from './combined-scan.ts';
import { keys } from './keys.ts';
import { sourceOf, type ChannelSource } from './layout.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import { execChecked, type RedisClient } from '../shared/redis.ts';
import { decodeEntry, decodeStreamEntries, type RawStreamEntry, type StreamEntry, type UndecodableEntryError } from './serialise.ts';
import { compareStreamIds, MAX_STREAM_ID } from '../protocol/stream-id.ts';

function mergeById<T extends { id: string }>(lists: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) for (const item of list) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => compareStreamIds(a.id, b.id));
}

function headlinesOf(entries: readonly StreamEntry[]): Headline[] {
  const out: Headline[] = [];
  for (const entry of entries) if (entry.kind === 'headline') out.push(entry.headline);
  return out;
}

/** Entries a request's combined-channel reads may examine in all, unless configured (READ_SCAN_BUDGET). */
export const DEFAULT_SCAN_BUDGET = 20_000;

export interface LatestOptions {
  /** Keep retracted headlines (marked `retracted: true` with the reason) instead of leaving them out. */
  includeRetracted?: boolean;
}

export interface ReaderDeps {
  logger: Logger;
  metrics: Metrics;
  /** READ_SCAN_BUDGET: entries one request's combined-channel reads may examine in all, shared equally among them. */
  scanBudget?: number;
  /** READ_SCAN_RATE: entries this process's combined-channel reads may examine a second. */
  scanRate?: number;
}

/** Entries after a cursor; `stoppedAt` is set when the scan budget ran out first (see entriesAfter). */
export interface AfterPage {
  entries: StreamEntry[];
  stoppedAt?: string;
}

export class HeadlineReader {
  private readonly scanner: CombinedScanner;

  constructor(
    private readonly redis: RedisClient,
    private readonly deps: ReaderDeps,
  ) {
    this.scanner = new CombinedScanner(redis, deps.scanRate);
  }

  /**
   * The latest `limit` headlines across `channels` as they now stand (corrected text, revision),
   * oldest first, each once; retracted ones are left out unless asked for.
   */
  async latest(channels: readonly string[], limit: number, options: LatestOptions = {}): Promise<HistoryHeadline[]> {
    if (channels.length === 0 || limit <= 0) return [];
    const budgets = this.budgetsFor(channels);
    const lists = await Promise.all(channels.map((channel, index) => this.latestOf(channel, limit, options.includeRetracted === true, budgets[index])));
    if (budgets.some((budget) => budget?.ranOut === true)) this.countTruncated('latest');
    const merged = mergeById(lists);
    return merged.slice(Math.max(0, merged.length - limit));
  }

  /**
   * Entries (headlines as stored, and changes) after `sinceId` across `channels`, in id order,
   * at most `limit`. When the scan budget runs out before a combined channel is read to the
   * end or to `limit`, the page holds what is complete, the entries up to `stoppedAt`, and
   * says so: read on after `stoppedAt`.
   */
  async entriesAfter(channels: readonly string[], sinceId: string, limit: number): Promise<AfterPage> {
    // Redis refuses an exclusive range that starts at the largest id; nothing can follow it anyway.
    if (channels.length === 0 || limit <= 0 || compareStreamIds(sinceId, MAX_STREAM_ID) >= 0) return { entries: [] };
    const sources = channels.map((channel) => sourceOf(channel));
    const budgets = this.budgetsFor(channels);
    const pipeline = this.redis.pipeline();
    for (const source of sources) if (source.kind === 'stream') pipeline.xrange(source.key, `(${sinceId}`, '+', 'COUNT', limit);
    const [plain, scans] = await Promise.all([
      this.runPipeline(pipeline),
      Promise.all(sources.flatMap((source, index) => (source.kind === 'combined' ? [this.scanner.scan(source, 'after', sinceId, limit, budgets[index] ?? this.share(1))] : []))),
    ]);
    let merged = mergeById([...plain, ...scans.map((scan) => scan.entries)].map((entries) => this.decodeAll(entries)));
    const stoppedAt = earliestStop(scans);
    if (stoppedAt !== undefined) merged = merged.filter((entry) => compareStreamIds(entry.id, stoppedAt) <= 0);
    // A full page is a complete answer as far as it goes, stopped scan or not.
    if (merged.length >= limit || stoppedAt === undefined) return { entries: merged.slice(0, limit) };
    this.countTruncated('after');
    return { entries: merged, stoppedAt };
  }

  /** Headlines (as stored) after `sinceId` across `channels`, oldest first; `limit` counts entries of both kinds. */
  async after(channels: readonly string[], sinceId: string, limit: number): Promise<Headline[]> {
    return headlinesOf((await this.entriesAfter(channels, sinceId, limit)).entries);
  }

  /**
   * Headlines after `sinceId` on `channels` as they now stand (retracted ones marked), and the
   * changes after it, each list in id order. `limit` counts entries of both kinds. A headline
   * since retagged out of every one of `channels` is left out: its change says it left.
   */
  async currentAfter(channels: readonly string[], sinceId: string, limit: number): Promise<{ headlines: HistoryHeadline[]; changes: HeadlineChange[]; stoppedAt?: string }> {
    const { entries, stoppedAt } = await this.entriesAfter(channels, sinceId, limit);
    const changes: HeadlineChange[] = [];
    for (const entry of entries) if (entry.kind === 'change') changes.push(entry.change);
    const standing = await this.asTheyStand(headlinesOf(entries));
    const headlines = standing.filter((headline) => channelsOf(headline).some((name) => channels.includes(name)));
    return stoppedAt === undefined ? { headlines, changes } : { headlines, changes, stoppedAt };
  }

  /** `headlines` as they now stand, in the same order; retracted ones marked. One round trip. */
  async asTheyStand(headlines: readonly Headline[]): Promise<HistoryHeadline[]> {
    if (headlines.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const headline of headlines) pipeline.hmget(keys.headlineState(headline.id), 'h', 'retracted');
    const replies = await execChecked(pipeline);
    return headlines.map((headline, index) => {
      const [current, reason] = (replies[index] ?? []) as (string | null)[];
      const standing = current === null || current === undefined ? headline : decodeEntry(headline.id, current);
      return reason === null || reason === undefined ? standing : { ...standing, retracted: true, reason };
    });
  }

  /**
   * True when nothing after `sinceId` has been removed from any of `channels`' streams, so
   * `after(channels, sinceId)` is complete. Call it after reading, so that a trim racing
   * the read can only make the answer more cautious. A combined channel is complete when
   * either of its streams reaches back: the script read the one that reaches further.
   */
  async reachesBack(channels: readonly string[], sinceId: string): Promise<boolean> {
    const sources = channels.map((channel) => sourceOf(channel));
    const pipeline = this.redis.pipeline();
    for (const source of sources) {
      if (source.kind === 'stream') pipeline.xinfo('STREAM', source.key);
      else pipeline.xinfo('STREAM', source.topicKey).xinfo('STREAM', source.regionKey);
    }
    const replies = (await pipeline.exec()) ?? [];
    let index = 0;
    const next = (): boolean => {
      const [error, info] = replies[index++] ?? [new Error('missing XINFO reply'), undefined];
      // A stream that does not exist never held anything that could have been trimmed.
      if (error !== null && /no such key/i.test(error.message)) return true;
      if (error !== null) throw error;
      return infoReachesBack(info, sinceId);
    };
    let complete = true;
    for (const source of sources) {
      // Both replies of a combined channel are consumed before deciding, to keep the order.
      const reaches = source.kind === 'stream' ? next() : [next(), next()].some(Boolean);
      complete &&= reaches;
    }
    return complete;
  }

  /** The all-stream's newest `count` entries up to `upTo` (inclusive), oldest first, corrupt ones skipped. */
  async newestUpTo(upTo: string, count: number): Promise<StreamEntry[]> {
    if (count <= 0) return [];
    const raw = (await this.redis.xrevrange(keys.allStream, upTo, '-', 'COUNT', count)) as RawStreamEntry[];
    return this.decodeAll(raw.reverse());
  }

  /** The newest id in the all-stream, or '0-0' when it is empty. */
  async lastId(): Promise<string> {
    const entries = (await this.redis.xrevrange(keys.allStream, '+', '-', 'COUNT', 1)) as RawStreamEntry[];
    return entries[0]?.[0] ?? '0-0';
  }

  /**
   * One channel's latest `limit` headlines as they now stand, newest first. A headline counts
   * when its current tags match the channel: one retagged away is left out, and one retagged
   * in is found through its change entry. Pages further back while change entries or
   * retracted headlines leave the page short of `limit`.
   */
  private async latestOf(channel: string, limit: number, includeRetracted: boolean, budget = this.share(1)): Promise<HistoryHeadline[]> {
    const source = sourceOf(channel);
    const out = new Map<string, HistoryHeadline>();
    let before = '';
    for (;;) {
      const { entries, stoppedAt } = await this.readLatest(source, before, limit, budget);
      const candidates = new Map<string, Headline>();
      for (const entry of this.decodeAll(entries)) {
        const headline = entry.kind === 'headline' ? entry.headline : entry.change.type === 'update' ? entry.change.headline : undefined;
        if (headline !== undefined && !out.has(headline.id)) candidates.set(headline.id, headline);
      }
      for (const headline of await this.asTheyStand([...candidates.values()])) {
        if ((includeRetracted || headline.retracted !== true) && channelsOf(headline).includes(channel)) out.set(headline.id, headline);
      }
      const oldest = entries[entries.length - 1]?.[0];
      // A scan stopped by the budget ends the search: the answer is what it found.
      if (out.size >= limit || entries.length < limit || oldest === undefined || stoppedAt !== undefined) {
        return [...out.values()].sort((a, b) => compareStreamIds(b.id, a.id)).slice(0, limit);
      }
      before = oldest;
    }
  }

  /** One page of a channel's newest entries before `before` ('' for the newest). */
  private async readLatest(source: ChannelSource, before: string, limit: number, budget: ScanBudget): Promise<ScanResult> {
    if (source.kind === 'combined') return this.scanner.scan(source, 'latest', before, limit, budget);
    return { entries: (await this.redis.xrevrange(source.key, before === '' ? '+' : `(${before}`, '-', 'COUNT', limit)) };
  }

  /**
   * Each combined channel of a request gets an equal share of the request's scan budget, so
   * that every one of them makes progress: a page cut short always reaches past its cursor.
   * The entries are `undefined` for channels with a stream of their own (nothing to scan).
   */
  private budgetsFor(channels: readonly string[]): (ScanBudget | undefined)[] {
    const combined = channels.map((channel) => sourceOf(channel).kind === 'combined');
    const count = combined.filter(Boolean).length;
    return combined.map((isCombined) => (isCombined ? this.share(count) : undefined));
  }

  private share(ways: number): ScanBudget {
    return new ScanBudget(Math.max(1, Math.floor((this.deps.scanBudget ?? DEFAULT_SCAN_BUDGET) / ways)));
  }

  private countTruncated(kind: 'latest' | 'after'): void {
    this.deps.metrics.readScansTruncated.inc({ kind });
    this.deps.logger.debug({ kind }, 'a read ran out of its scan budget: the answer is partial');
  }

  /** A corrupt entry is skipped, logged and counted, as the live tail does: the rest is still served. */
  private decodeAll(entries: RawStreamEntry[]): StreamEntry[] {
    return decodeStreamEntries(entries, (error: UndecodableEntryError) => {
      this.deps.metrics.errors.inc({ component: 'reader', code: 'UNDECODABLE' });
      this.deps.logger.error({ id: error.entryId, err: error.message }, 'skipping undecodable stream entry');
    });
  }

  private async runPipeline(pipeline: ChainableCommander): Promise<RawStreamEntry[][]> {
    return (await execChecked(pipeline)) as RawStreamEntry[][];
  }
}

/** The scan that stopped earliest, for `after`: everything before it was examined by every scan. */
function earliestStop(scans: readonly ScanResult[]): string | undefined {
  let earliest: string | undefined;
  for (const { stoppedAt } of scans) if (stoppedAt !== undefined && (earliest === undefined || compareStreamIds(stoppedAt, earliest) < 0)) earliest = stoppedAt;
  return earliest;
}

function readInfoField(info: unknown, field: string): string | undefined {
  const value = readInfoRaw(info, field);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Trimming removes from the head, so a trimmed stream is complete after `sinceId` only when
 * `sinceId` is at or after its first retained entry; XDEL is covered by max-deleted-entry-id.
 * At the exact trim boundary this answers false although nothing was missed: cautious by design.
 */
function infoReachesBack(info: unknown, sinceId: string): boolean {
  const maxDeleted = readInfoField(info, 'max-deleted-entry-id');
  if (maxDeleted !== undefined && maxDeleted !== '0-0' && compareStreamIds(maxDeleted, sinceId) > 0) return false;
  const added = Number(readInfoRaw(info, 'entries-added'));
  const length = Number(readInfoRaw(info, 'length'));
  if (!(added > length)) return true;
  const firstId = readInfoField(info, 'recorded-first-entry-id');
  return firstId !== undefined && compareStreamIds(sinceId, firstId) >= 0;
}

function readInfoRaw(info: unknown, field: string): unknown {
  if (!Array.isArray(info)) return undefined;
  for (let i = 0; i + 1 < info.length; i += 2) if (info[i] === field) return info[i + 1] as unknown;
  return undefined;
}
