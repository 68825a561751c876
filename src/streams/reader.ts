/**
 * Read side of the headline streams, shared by the REST API, SSE and the Socket.IO gateway:
 * latest N across channels, entries after an id, and whether a stream still reaches back to an id.
 */
import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Headline } from '../headlines/headline.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import { execChecked } from '../shared/redis.ts';
import { keys } from './keys.ts';
import { quotedSlug, sourceOf, type ChannelSource } from './layout.ts';
import { decodeEntries, type RawStreamEntry, type UndecodableEntryError } from './serialise.ts';
import { compareStreamIds, MAX_STREAM_ID } from './stream-id.ts';

function mergeById(lists: Headline[][]): Headline[] {
  const byId = new Map<string, Headline>();
  for (const list of lists) for (const headline of list) byId.set(headline.id, headline);
  return [...byId.values()].sort((a, b) => compareStreamIds(a.id, b.id));
}


const READ_COMBINED_SCRIPT = readFileSync(new URL('./commands/read-combined-2.lua', import.meta.url), 'utf8');

type ReadMode = 'latest' | 'after';

interface ReaderCommands {
  readCombined(topicKey: string, regionKey: string, mode: ReadMode, sinceId: string, limit: number, quotedTopic: string, quotedRegion: string): ChainableCommander;
}

export interface ReaderDeps {
  logger: Logger;
  metrics: Metrics;
}

export class HeadlineReader {
  private readonly redis: Redis;

  constructor(
    redis: Redis,
    private readonly deps: ReaderDeps,
  ) {
    if (!('readCombined' in redis)) redis.defineCommand('readCombined', { numberOfKeys: 2, lua: READ_COMBINED_SCRIPT });
    this.redis = redis;
  }

  /** The latest `limit` headlines across `channels`, oldest first, each once. */
  async latest(channels: readonly string[], limit: number): Promise<Headline[]> {
    if (channels.length === 0 || limit <= 0) return [];
    const pipeline = this.redis.pipeline();
    for (const channel of channels) queueRead(pipeline, sourceOf(channel), 'latest', '', limit);
    const lists = await this.runPipeline(pipeline);
    const merged = mergeById(lists.map((entries) => this.decodeAll(entries)));
    return merged.slice(Math.max(0, merged.length - limit));
  }

  /** Headlines after `sinceId` across `channels`, oldest first, at most `limit`. */
  async after(channels: readonly string[], sinceId: string, limit: number): Promise<Headline[]> {
    // Redis refuses an exclusive range that starts at the largest id; nothing can follow it anyway.
    if (channels.length === 0 || limit <= 0 || compareStreamIds(sinceId, MAX_STREAM_ID) >= 0) return [];
    const pipeline = this.redis.pipeline();
    for (const channel of channels) queueRead(pipeline, sourceOf(channel), 'after', sinceId, limit);
    const lists = await this.runPipeline(pipeline);
    return mergeById(lists.map((entries) => this.decodeAll(entries))).slice(0, limit);
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

  /** The newest id in the all-stream, or '0-0' when it is empty. */
  async lastId(): Promise<string> {
    const entries = (await this.redis.xrevrange(keys.allStream, '+', '-', 'COUNT', 1)) as RawStreamEntry[];
    return entries[0]?.[0] ?? '0-0';
  }

  /** A corrupt entry is skipped, logged and counted, as the live tail does: the rest is still served. */
  private decodeAll(entries: RawStreamEntry[]): Headline[] {
    return decodeEntries(entries, (error: UndecodableEntryError) => {
      this.deps.metrics.errors.inc({ component: 'reader', code: 'UNDECODABLE' });
      this.deps.logger.error({ id: error.entryId, err: error.message }, 'skipping undecodable stream entry');
    });
  }

  private async runPipeline(pipeline: ChainableCommander): Promise<RawStreamEntry[][]> {
    return (await execChecked(pipeline)) as RawStreamEntry[][];
  }
}

function queueRead(pipeline: ChainableCommander, source: ChannelSource, mode: ReadMode, sinceId: string, limit: number): void {
  if (source.kind === 'combined') {
    const { topicKey, regionKey, topic, region } = source;
    (pipeline as ChainableCommander & ReaderCommands).readCombined(topicKey, regionKey, mode, sinceId, limit, quotedSlug(topic), quotedSlug(region));
  } else if (mode === 'latest') {
    pipeline.xrevrange(source.key, '+', '-', 'COUNT', limit);
  } else {
    pipeline.xrange(source.key, `(${sinceId}`, '+', 'COUNT', limit);
  }
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
