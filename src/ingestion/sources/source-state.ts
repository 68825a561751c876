/**
 * Per-source health kept in Redis (one hash per source), so every worker and gateway sees
 * the same picture and it survives restarts. Served by GET /api/sources.
 */
import { execChecked, type RedisClient } from '../../shared/redis.ts';
import { keys } from '../../streams/keys.ts';

export interface SourceError {
  code: string;
  message: string;
  at: string;
}

export interface SourceState {
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  lastError: SourceError | null;
  consecutiveFailures: number;
  itemsIngested: number;
  /** Items beyond the source's maxItemsPerPoll, not stored (oldest of their poll). */
  itemsLeftOut: number;
  fetches: number;
  notModified: number;
  /** Share of successful fetches answered 304, 0..1. */
  notModifiedShare: number;
  nextAttemptAt: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface SuccessRecord {
  at: Date;
  notModified: boolean;
  itemsStored: number;
  itemsLeftOut?: number;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

const num = (value: string | undefined): number => (value === undefined ? 0 : Number(value) || 0);
const str = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

export class SourceStateStore {
  constructor(private readonly redis: RedisClient) {}

  async get(sourceId: string): Promise<SourceState> {
    return toState(await this.redis.hgetall(keys.sourceState(sourceId)));
  }

  async getMany(sourceIds: readonly string[]): Promise<Map<string, SourceState>> {
    const pipeline = this.redis.pipeline();
    for (const id of sourceIds) pipeline.hgetall(keys.sourceState(id));
    const replies = await execChecked(pipeline);
    const out = new Map<string, SourceState>();
    sourceIds.forEach((id, index) => out.set(id, toState((replies[index] ?? {}) as Record<string, string>)));
    return out;
  }

  async recordSuccess(sourceId: string, record: SuccessRecord): Promise<void> {
    const key = keys.sourceState(sourceId);
    const at = record.at.toISOString();
    const pipeline = this.redis.multi();
    pipeline.hset(key, { lastFetchAt: at, lastSuccessAt: at, consecutiveFailures: 0, nextAttemptAt: '' });
    pipeline.hincrby(key, 'fetches', 1);
    pipeline.hincrby(key, 'itemsIngested', record.itemsStored);
    if (record.itemsLeftOut !== undefined && record.itemsLeftOut > 0) pipeline.hincrby(key, 'itemsLeftOut', record.itemsLeftOut);
    if (record.notModified) pipeline.hincrby(key, 'notModified', 1);
    if (record.etag !== undefined) pipeline.hset(key, 'etag', record.etag);
    if (record.lastModified !== undefined) pipeline.hset(key, 'lastModified', record.lastModified);
    await execChecked(pipeline);
  }

  /**
   * Records a failure, its count and the backoff in one transaction, so a reader never sees
   * a failure without its next attempt time.
   */
  async recordFailure(sourceId: string, failure: { code: string; message: string; at: Date; consecutiveFailures: number; nextAttemptAt: Date }): Promise<void> {
    const key = keys.sourceState(sourceId);
    const at = failure.at.toISOString();
    await execChecked(
      this.redis
        .multi()
        .hset(key, {
          lastFetchAt: at,
          lastErrorCode: failure.code,
          lastErrorMessage: failure.message.slice(0, 500),
          lastErrorAt: at,
          consecutiveFailures: failure.consecutiveFailures,
          nextAttemptAt: failure.nextAttemptAt.toISOString(),
        })
        .hincrby(key, 'fetches', 1),
    );
  }
}

function toState(hash: Record<string, string>): SourceState {
  const fetches = num(hash.fetches);
  const failures = num(hash.consecutiveFailures);
  const notModified = num(hash.notModified);
  const lastErrorCode = str(hash.lastErrorCode);
  return {
    lastFetchAt: str(hash.lastFetchAt),
    lastSuccessAt: str(hash.lastSuccessAt),
    lastError: lastErrorCode === null ? null : { code: lastErrorCode, message: hash.lastErrorMessage ?? '', at: hash.lastErrorAt ?? '' },
    consecutiveFailures: failures,
    itemsIngested: num(hash.itemsIngested),
    itemsLeftOut: num(hash.itemsLeftOut),
    fetches,
    notModified,
    notModifiedShare: fetches === 0 ? 0 : Math.round((notModified / fetches) * 1000) / 1000,
    nextAttemptAt: str(hash.nextAttemptAt),
    etag: str(hash.etag),
    lastModified: str(hash.lastModified),
  };
}

/** Exponential backoff with jitter for a failing source: 30 s doubling, capped at one hour. */
export function backoffDelayMs(consecutiveFailures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, consecutiveFailures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
