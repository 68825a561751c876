/**
 * Read side of the headline streams, shared by the REST API, SSE and the Socket.IO gateway:
 * latest N across channels, entries after an id, and whether a stream still reaches back to an id.
 */
import type { Redis } from 'ioredis';
import type { Headline } from '../headlines/headline.ts';
import { keys } from './keys.ts';
import { decodeRawEntry, type RawStreamEntry } from './serialise.ts';
import { compareStreamIds } from './stream-id.ts';

function mergeById(lists: Headline[][]): Headline[] {
  const byId = new Map<string, Headline>();
  for (const list of lists) for (const headline of list) byId.set(headline.id, headline);
  return [...byId.values()].sort((a, b) => compareStreamIds(a.id, b.id));
}

function decodeAll(entries: RawStreamEntry[]): Headline[] {
  const out: Headline[] = [];
  for (const entry of entries) {
    const headline = decodeRawEntry(entry);
    if (headline !== undefined) out.push(headline);
  }
  return out;
}

export class HeadlineReader {
  constructor(private readonly redis: Redis) {}

  /** The latest `limit` headlines across `channels`, oldest first, each once. */
  async latest(channels: readonly string[], limit: number): Promise<Headline[]> {
    if (channels.length === 0 || limit <= 0) return [];
    const pipeline = this.redis.pipeline();
    for (const channel of channels) pipeline.xrevrange(keys.channelStream(channel), '+', '-', 'COUNT', limit);
    const lists = await this.runPipeline(pipeline);
    const merged = mergeById(lists.map((entries) => decodeAll(entries)));
    return merged.slice(Math.max(0, merged.length - limit));
  }

  /** Headlines after `sinceId` across `channels`, oldest first, at most `limit`. */
  async after(channels: readonly string[], sinceId: string, limit: number): Promise<Headline[]> {
    if (channels.length === 0 || limit <= 0) return [];
    const pipeline = this.redis.pipeline();
    for (const channel of channels) pipeline.xrange(keys.channelStream(channel), `(${sinceId}`, '+', 'COUNT', limit);
    const lists = await this.runPipeline(pipeline);
    return mergeById(lists.map((entries) => decodeAll(entries))).slice(0, limit);
  }

  /**
   * True when nothing after `sinceId` has been removed from any of `channels`' streams, so
   * `after(channels, sinceId)` is complete. Call it after reading, so that a trim racing
   * the read can only make the answer more cautious.
   */
  async reachesBack(channels: readonly string[], sinceId: string): Promise<boolean> {
    const pipeline = this.redis.pipeline();
    for (const channel of channels) pipeline.xinfo('STREAM', keys.channelStream(channel));
    for (const [error, info] of (await pipeline.exec()) ?? []) {
      // A stream that does not exist never held anything that could have been trimmed.
      if (error !== null && /no such key/i.test(error.message)) continue;
      if (error !== null) throw error;
      if (!infoReachesBack(info, sinceId)) return false;
    }
    return true;
  }

  /** The newest id in the all-stream, or '0-0' when it is empty. */
  async lastId(): Promise<string> {
    const entries = (await this.redis.xrevrange(keys.allStream, '+', '-', 'COUNT', 1)) as RawStreamEntry[];
    return entries[0]?.[0] ?? '0-0';
  }

  private async runPipeline(pipeline: ReturnType<Redis['pipeline']>): Promise<RawStreamEntry[][]> {
    const results = await pipeline.exec();
    return (results ?? []).map(([error, value]) => {
      if (error !== null) throw error;
      return value as RawStreamEntry[];
    });
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
