/**
 * Write side of the headline streams: one Lua call per batch de-duplicates each headline and
 * appends it to the all-stream and to its topic and region streams (layout.ts), under one id.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { Headline } from '../headlines/headline.ts';
import type { PreparedHeadline } from '../headlines/normalise.ts';
import { keys } from './keys.ts';
import { facetStreamsOf } from './layout.ts';
import { decodeEntry, encodeDraft, toHeadline } from './serialise.ts';

const STORE_SCRIPT = readFileSync(new URL('./commands/store-headlines.lua', import.meta.url), 'utf8');

/**
 * Headlines per script call. A call blocks Redis while it runs (about 12 µs a headline), so
 * a feed with hundreds of items is stored in several calls rather than one long one.
 */
export const STORE_BATCH = 100;

export interface StoreLimits {
  allStreamMaxLen: number;
  /** MAXLEN ~ of each topic and region stream. */
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
  storeHeadlines(numberOfKeys: number, ...args: (string | number)[]): Promise<ScriptReply[]>;
}

export class HeadlineStore {
  private readonly redis: Redis & StoreCommands;

  constructor(
    redis: Redis,
    private readonly limits: StoreLimits,
  ) {
    // defineCommand uses EVALSHA with a fallback to EVAL, so the script survives a Redis restart.
    if (!('storeHeadlines' in redis)) redis.defineCommand('storeHeadlines', { lua: STORE_SCRIPT });
    this.redis = redis as Redis & StoreCommands;
  }

  async store(prepared: PreparedHeadline): Promise<StoreResult> {
    const [result] = await this.storeMany([prepared]);
    if (result === undefined) throw new Error('the store script answered no result');
    return result;
  }

  /**
   * Stores headlines in order, up to STORE_BATCH per atomic script call: a failed call leaves
   * none of its headlines half-written, and a repeat within the batch is a duplicate.
   */
  async storeMany(items: readonly PreparedHeadline[]): Promise<StoreResult[]> {
    const results: StoreResult[] = [];
    for (let offset = 0; offset < items.length; offset += STORE_BATCH) {
      const batch = items.slice(offset, offset + STORE_BATCH);
      const replies = await this.redis.storeHeadlines(...this.argsFor(batch));
      if (replies.length !== batch.length) throw new Error(`the store script answered ${replies.length} results for ${batch.length} headlines`);
      batch.forEach((prepared, index) => results.push(toResult(replies[index] as ScriptReply, prepared)));
    }
    return results;
  }

  private argsFor(batch: readonly PreparedHeadline[]): [number, ...(string | number)[]] {
    const { allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds } = this.limits;
    const headlineKeys: string[] = [];
    const perHeadline: (string | number)[] = [];
    for (const { draft, dedupeKeys } of batch) {
      const streams = facetStreamsOf(draft);
      for (const key of dedupeKeys) headlineKeys.push(keys.seen(key));
      headlineKeys.push(...streams);
      perHeadline.push(dedupeKeys.length, streams.length, encodeDraft(draft));
    }
    return [1 + headlineKeys.length, keys.allStream, ...headlineKeys, allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds, ...perHeadline];
  }
}

function toResult(reply: ScriptReply, prepared: PreparedHeadline): StoreResult {
  if (reply[0] === 0) return { id: reply[1], duplicate: false, headline: toHeadline(reply[1], prepared.draft) };
  // The stored copy wins; when it has been trimmed away, answer the candidate under the old id.
  const stored = reply[2];
  return { id: reply[1], duplicate: true, headline: stored === null ? toHeadline(reply[1], prepared.draft) : decodeEntry(reply[1], stored) };
}
