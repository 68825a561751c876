/**
 * Write side of the headline streams: one Lua call per batch de-duplicates each headline and
 * appends it to the all-stream and to its topic and region streams (layout.ts), under one id,
 * with its state record (revision 1). A repeat whose source changed its title or link is
 * handed to the source corrector (src/editorial) and answered as it now stands.
 */
import { readFileSync } from 'node:fs';
import type { Headline, HeadlineDraft } from '../headlines/headline.ts';
import { NotReplicatedError } from '../shared/errors.ts';
import { execChecked, type RedisClient } from '../shared/redis.ts';
import type { PreparedHeadline } from '../headlines/normalise.ts';
import { HEADLINE_STATE_PREFIX, keys } from './keys.ts';
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
  /** Set when the repeat corrected the stored headline: the change's id. */
  changeId?: string;
}

/** Applies a correction by a headline's source (src/editorial/editor.ts). */
export interface SourceCorrector {
  /** `revision` is the one the store script saw; undefined when the correction no longer applies. */
  correctFromSource(id: string, revision: number, prepared: PreparedHeadline): Promise<{ headline: Headline; changeId: string } | undefined>;
}

/** PUBLISH_DURABILITY=replica: a store is acknowledged only once this many replicas have it. */
export interface ReplicaWait {
  replicas: number;
  timeoutMs: number;
}

type ScriptReply = [0, string] | [1, string, string | null] | [2, string, string | null, string];

interface StoreCommands {
  storeHeadlines(numberOfKeys: number, ...args: (string | number)[]): Promise<ScriptReply[]>;
}

export class HeadlineStore {
  private readonly redis: RedisClient & StoreCommands;

  private corrector: SourceCorrector | undefined;

  constructor(
    redis: RedisClient,
    private readonly limits: StoreLimits,
  ) {
    // defineCommand uses EVALSHA with a fallback to EVAL, so the script survives a Redis restart.
    if (!('storeHeadlines' in redis)) redis.defineCommand('storeHeadlines', { lua: STORE_SCRIPT });
    this.redis = redis as RedisClient & StoreCommands;
  }

  /** Without one, a repeat with a changed title or link is answered as a plain duplicate. */
  useSourceCorrector(corrector: SourceCorrector): void {
    this.corrector = corrector;
  }

  async store(prepared: PreparedHeadline): Promise<StoreResult> {
    const [result] = await this.storeMany([prepared]);
    if (result === undefined) throw new Error('the store script answered no result');
    return result;
  }

  /**
   * Stores headlines in order, up to STORE_BATCH per atomic script call: a failed call leaves
   * none of its headlines half-written, and a repeat within the batch is a duplicate. With
   * `replicaWait`, each call is confirmed by that many replicas, or NotReplicatedError is thrown.
   */
  async storeMany(items: readonly PreparedHeadline[], replicaWait?: ReplicaWait): Promise<StoreResult[]> {
    const results: StoreResult[] = [];
    for (let offset = 0; offset < items.length; offset += STORE_BATCH) {
      const batch = items.slice(offset, offset + STORE_BATCH);
      const args = this.argsFor(batch);
      const replies = replicaWait === undefined ? await this.redis.storeHeadlines(...args) : await this.storeOnReplicas(args, replicaWait);
      if (replies.length !== batch.length) throw new Error(`the store script answered ${replies.length} results for ${batch.length} headlines`);
      for (const [index, prepared] of batch.entries()) results.push(await this.toResult(replies[index] as ScriptReply, prepared));
    }
    return results;
  }

  /**
   * The script and then WAIT, in one pipeline: both go down the same connection (a Cluster
   * pipeline goes to the node of its keys), and WAIT counts the replicas that have every write
   * of that connection so far. The script goes as EVAL rather than defineCommand's EVALSHA:
   * ioredis answers a NOSCRIPT by sending the script again outside the pipeline, after the WAIT.
   */
  private async storeOnReplicas(args: [number, ...(string | number)[]], wait: ReplicaWait): Promise<ScriptReply[]> {
    const [replies, confirmed] = await execChecked(this.redis.pipeline().eval(STORE_SCRIPT, ...args).wait(wait.replicas, wait.timeoutMs));
    const stored = replies as ScriptReply[];
    if ((confirmed as number) < wait.replicas) {
      throw new NotReplicatedError(
        `stored on the Redis master, but no replica confirmed it within ${wait.timeoutMs} ms (PUBLISH_DURABILITY=replica): a failover now could lose it; publishing it again is safe (a repeat is recognised as a duplicate)`,
        stored.map((reply) => reply[1]),
      );
    }
    return stored;
  }

  private async toResult(reply: ScriptReply, prepared: PreparedHeadline): Promise<StoreResult> {
    if (reply[0] === 0) return { id: reply[1], duplicate: false, headline: toHeadline(reply[1], firstRevision(prepared.draft)) };
    if (reply[0] === 2) {
      const corrected = await this.corrector?.correctFromSource(reply[1], Number(reply[3]), prepared);
      if (corrected !== undefined) return { id: reply[1], duplicate: true, ...corrected };
    }
    // The stored copy wins; when it has been trimmed away, answer the candidate under the old id.
    const stored = reply[2];
    return { id: reply[1], duplicate: true, headline: stored === null ? toHeadline(reply[1], prepared.draft) : decodeEntry(reply[1], stored) };
  }

  private argsFor(batch: readonly PreparedHeadline[]): [number, ...(string | number)[]] {
    const { allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds } = this.limits;
    const headlineKeys: string[] = [];
    const perHeadline: (string | number)[] = [];
    for (const { draft, dedupeKeys, sourceFingerprint } of batch) {
      const streams = facetStreamsOf(draft);
      for (const key of dedupeKeys) headlineKeys.push(keys.seen(key));
      headlineKeys.push(...streams);
      perHeadline.push(dedupeKeys.length, streams.length, encodeDraft(firstRevision(draft)), sourceFingerprint ?? '');
    }
    return [1 + headlineKeys.length, keys.allStream, ...headlineKeys, allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds, HEADLINE_STATE_PREFIX, ...perHeadline];
  }
}

/** Every stored headline carries its priority (`normal` unless given) and revision 1. */
function firstRevision(draft: HeadlineDraft): HeadlineDraft {
  return { ...draft, priority: draft.priority ?? 'normal', revision: 1 };
}
