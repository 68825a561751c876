/**
 * The live loop: one blocking XREAD on the all-stream per gateway process, never one per
 * client. It starts at the stream's last id and hands each batch, in id order, to its
 * listeners together with its new position. On any Redis failure it backs off with full
 * jitter and reads again from the last id it delivered, so nothing is skipped or repeated.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keys } from '../../streams/keys.ts';
import { decodeStreamEntries, type RawStreamEntry } from '../../streams/serialise.ts';
import { toLiveEntries, type LiveEntry } from './live-entry.ts';
import { parseStreamId } from '../../protocol/stream-id.ts';
import type { RedisClient } from '../../shared/redis.ts';

/** Receives each batch (headlines and changes, in id order) synchronously; `position` is the id of the batch's last entry. */
export type BatchListener = (batch: readonly LiveEntry[], position: string) => void;

export interface StreamTailDeps {
  /** A dedicated connection: XREAD BLOCK holds it. The tail disconnects it on stop. */
  redis: RedisClient;
  logger: Logger;
  metrics: Metrics;
  blockMs?: number;
  count?: number;
}

/** Full jitter: uniformly random in [0, min(cap, base * 2^attempt)]. */
export function backoffDelay(attempt: number, baseMs = 100, capMs = 5_000, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16)));
}

export class StreamTail {
  private readonly listeners = new Set<BatchListener>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private current: string | undefined;
  private readonly blockMs: number;
  private readonly count: number;

  constructor(private readonly deps: StreamTailDeps) {
    this.blockMs = deps.blockMs ?? 5_000;
    this.count = deps.count ?? 500;
  }

  onBatch(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    // Interrupts a pending XREAD BLOCK at once instead of waiting out its timeout.
    this.deps.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { logger, metrics } = this.deps;
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (this.current === undefined) {
          const newest = (await this.untilStopped(this.deps.redis.xrevrange(keys.allStream, '+', '-', 'COUNT', 1))) as RawStreamEntry[];
          this.current = newest[0]?.[0] ?? '0-0';
          this.dispatch([], this.current);
          logger.info({ from: this.current }, 'live loop started');
        }
        const reply = await this.untilStopped(this.deps.redis.xread('COUNT', this.count, 'BLOCK', this.blockMs, 'STREAMS', keys.allStream, this.current));
        if (failures > 0) logger.info({ from: this.current, failures }, 'live loop reading again');
        failures = 0;
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0 && !this.abort.signal.aborted) this.deliver(entries);
      } catch (error) {
        if (this.abort.signal.aborted) break;
        failures += 1;
        const described = describeError(error);
        metrics.errors.inc({ component: 'stream-tail', code: described.code });
        if (failures === 1) logger.warn({ err: described.message, from: this.current }, 'live loop read failed; backing off');
        await sleep(backoffDelay(failures), undefined, { signal: this.abort.signal }).catch(() => undefined);
      }
    }
    logger.info({ at: this.current }, 'live loop stopped');
  }

  /**
   * Resolves like `command`, or rejects as soon as the tail is stopped: ioredis does not
   * reject queued commands when a client that is waiting to reconnect is disconnected.
   */
  private untilStopped<T>(command: Promise<T>): Promise<T> {
    const signal = this.abort.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(new Error('live loop stopped'));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      command.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) this.deps.logger.debug({ err: describeError(error).message }, 'read ended by stop');
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private deliver(entries: RawStreamEntry[]): void {
    const batch = toLiveEntries(decodeStreamEntries(entries, (error) => this.undecodable(error.entryId, error)));
    const last = entries[entries.length - 1]?.[0];
    if (last === undefined) return;
    const [ms] = parseStreamId(last);
    this.deps.metrics.xreadLagSeconds.set(Math.max(0, Date.now() - Number(ms)) / 1000);
    this.deps.metrics.xreadBatches.inc();
    this.current = last;
    this.dispatch(batch, last);
  }

  private undecodable(id: string, error: unknown): void {
    // A corrupt entry cannot be delivered; skipping it must not stall every client behind it.
    this.deps.metrics.errors.inc({ component: 'stream-tail', code: 'UNDECODABLE' });
    this.deps.logger.error({ id, err: describeError(error).message }, 'skipping undecodable stream entry');
  }

  private dispatch(batch: readonly LiveEntry[], position: string): void {
    for (const listener of this.listeners) {
      try {
        listener(batch, position);
      } catch (error) {
        this.deps.metrics.errors.inc({ component: 'broadcast', code: describeError(error).code });
        this.deps.logger.error({ err: error }, 'live listener failed');
      }
    }
  }
}
