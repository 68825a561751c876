/**
 * Keeps the poll queue's job schedulers in step with the sources in Redis, in every worker
 * process: at start, on each change the catalog announces, and every RESYNC_MS as a repair of
 * drift. One worker reconciles at a time (a Redis lock): two upserting the same missing
 * scheduler at once could queue a poll twice. Each run reads the sources afresh under the
 * lock, so a worker whose view is a moment old never undoes a newer change.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { RedisClient } from '../../shared/redis.ts';
import { CoalescedTask } from '../../shared/coalesced-task.ts';
import type { Logger } from '../../shared/logger.ts';
import { defineScript } from '../../shared/lua-script.ts';
import { keys } from '../../streams/keys.ts';
import type { SourceStore } from '../sources/source-store.ts';
import { syncSchedulers, type PollJobData } from './poll-queue.ts';

/** A full reconcile this often, whatever was announced. */
const SCHEDULER_RESYNC_MS = 60_000;
/** A failed reconcile is tried again after this long. */
const RETRY_MS = 2_000;
/** The lock outlives a reconcile of thousands of sources; a holder that dies frees it by expiry. */
const LOCK_MS = 30_000;
const LOCK_POLL_MS = 100;

interface LockCommands {
  releaseLock(lockKey: string, token: string): Promise<number>;
}

export interface SchedulerSyncDeps {
  queue: Queue<PollJobData>;
  store: SourceStore;
  redis: RedisClient;
  logger: Logger;
  onError: (error: unknown) => void;
}

export class SchedulerSync {
  private readonly task: CoalescedTask;
  private readonly redis: RedisClient & LockCommands;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: SchedulerSyncDeps) {
    defineScript(deps.redis, 'releaseLock', new URL('../sources/commands/release-lock-1.lua', import.meta.url));
    this.redis = deps.redis as RedisClient & LockCommands;
    this.task = new CoalescedTask(
      () => this.reconcile(),
      (error) => {
        deps.onError(error);
        this.retryLater();
      },
    );
  }

  /** Reconciles now (or right after the run in flight); resolves when that run is over. */
  request(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.task.request();
  }

  /** Resolves when no reconcile is in flight or due (one requested meanwhile runs first). */
  idle(): Promise<void> {
    return this.task.idle();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.request(), SCHEDULER_RESYNC_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    await this.task.idle();
  }

  private retryLater(): void {
    if (this.stopped || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.request();
    }, RETRY_MS);
  }

  private async reconcile(): Promise<void> {
    const token = randomUUID();
    await this.acquire(token);
    try {
      const sources = await this.deps.store.list();
      await syncSchedulers(this.deps.queue, sources.filter((source) => !source.paused), this.deps.logger);
    } finally {
      await this.redis.releaseLock(keys.sourcesSchedulerLock, token);
    }
  }

  private async acquire(token: string): Promise<void> {
    const deadline = Date.now() + LOCK_MS;
    while ((await this.redis.set(keys.sourcesSchedulerLock, token, 'PX', LOCK_MS, 'NX')) === null) {
      if (this.stopped || Date.now() > deadline) throw new Error('poll schedulers: another worker held the reconcile lock too long; trying again later');
      await sleep(LOCK_POLL_MS);
    }
  }
}
