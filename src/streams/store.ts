/**
 * Write side of the headline streams: one Lua call per headline de-duplicates and appends
 * to the all-stream and to every channel stream it belongs to, under the same id.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { channelsOf } from '../channels/channel.ts';
import type { Headline } from '../headlines/headline.ts';
import type { PreparedHeadline } from '../headlines/normalise.ts';
import { ALL_CHANNEL, keys } from './keys.ts';
import { decodeEntry, encodeDraft, toHeadline } from './serialise.ts';

const STORE_SCRIPT = readFileSync(new URL('./commands/store-headline.lua', import.meta.url), 'utf8');

export interface StoreLimits {
  allStreamMaxLen: number;
  channelStreamMaxLen: number;
  dedupeTtlSeconds: number;
}

export interface StoreResult {
  id: string;
  duplicate: boolean;
  headline: Headline;
}

type ScriptReply = [0, string] | [1, string, string | null];

interface StoreCommands {
  storeHeadline(...args: [number, ...(string | number)[]]): Promise<ScriptReply>;
}

export class HeadlineStore {
  private readonly redis: Redis & StoreCommands;

  constructor(
    redis: Redis,
    private readonly limits: StoreLimits,
  ) {
    // defineCommand uses EVALSHA with a fallback to EVAL, so the script survives a Redis restart.
    if (!('storeHeadline' in redis)) redis.defineCommand('storeHeadline', { lua: STORE_SCRIPT });
    this.redis = redis as Redis & StoreCommands;
  }

  async store(prepared: PreparedHeadline): Promise<StoreResult> {
    return toResult(await this.redis.storeHeadline(...this.argsFor(prepared)), prepared);
  }

  /**
   * Stores several headlines in one MULTI/EXEC: either all script calls run or none do,
   * so a rejected or failed batch leaves nothing half-written.
   */
  async storeMany(items: readonly PreparedHeadline[]): Promise<StoreResult[]> {
    if (items.length === 0) return [];
    const multi = this.redis.multi() as unknown as StoreCommands & { exec(): Promise<[Error | null, unknown][] | null> };
    for (const prepared of items) void multi.storeHeadline(...this.argsFor(prepared));
    const replies = await multi.exec();
    if (replies === null) throw new Error('headline batch transaction was aborted');
    return replies.map(([error, reply], index) => {
      if (error !== null) throw error;
      const prepared = items[index];
      if (prepared === undefined) throw new Error(`no headline for transaction reply ${index}`);
      return toResult(reply as ScriptReply, prepared);
    });
  }

  private argsFor(prepared: PreparedHeadline): [number, ...(string | number)[]] {
    const channelKeys = channelsOf(prepared.draft)
      .filter((channel) => channel !== ALL_CHANNEL)
      .map((channel) => keys.channelStream(channel));
    const dedupeKeys = prepared.dedupeKeys.map((key) => keys.seen(key));
    const json = encodeDraft(prepared.draft);
    const allKeys = [...dedupeKeys, keys.allStream, ...channelKeys];
    return [allKeys.length, ...allKeys, dedupeKeys.length, json, this.limits.allStreamMaxLen, this.limits.channelStreamMaxLen, this.limits.dedupeTtlSeconds];
  }
}

function toResult(reply: ScriptReply, prepared: PreparedHeadline): StoreResult {
  if (reply[0] === 0) return { id: reply[1], duplicate: false, headline: toHeadline(reply[1], prepared.draft) };
  // The stored copy wins; when it has been trimmed away, answer the candidate under the old id.
  const stored = reply[2];
  return { id: reply[1], duplicate: true, headline: stored === null ? toHeadline(reply[1], prepared.draft) : decodeEntry(reply[1], stored) };
}
