/**
 * Turns new stream entries into WebSub deliveries: for each entry, the subscriptions to any
 * channel it belongs to get one `deliver` job each. Workers share the work through a Redis
 * consumer group on the all-stream, so each entry is dispatched by one worker; an entry is
 * acknowledged only after its jobs are added, and a worker that dies holding entries has them
 * claimed by another after CLAIM_IDLE_MS. A re-dispatched entry adds no second job (the job id
 * is the pair subscription × entry), so at-least-once here is exactly-once downstream.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import { channelsOf } from '../../protocol/channels.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keys } from '../../streams/keys.ts';
import { decodeStreamEntries, type RawStreamEntry, type StreamEntry, type UndecodableEntryError } from '../../streams/serialise.ts';
import { deliverJobOptions, type HubJobData, type HubRetryPolicy } from './hub-queue.ts';
import type { SubscriptionStore } from './subscription-store.ts';
import type { RedisClient } from '../../shared/redis.ts';

const DISPATCH_GROUP = 'websub-dispatch';
const CLAIM_IDLE_MS = 30_000;
const BATCH = 200;

export interface DispatcherDeps {
  /** A dedicated connection: XREADGROUP BLOCK holds it. Disconnected on stop. */
  redis: RedisClient;
  queue: Queue<HubJobData>;
  subscriptions: SubscriptionStore;
  retry: HubRetryPolicy;
  consumer: string;
  logger: Logger;
  metrics: Metrics;
  blockMs?: number;
}

export class DeliveryDispatcher {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: DispatcherDeps) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.deps.redis.disconnect(); // ends a pending XREADGROUP BLOCK at once
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        await this.ensureGroup();
        await this.dispatch(await this.claimAbandoned());
        await this.dispatch(await this.readNew());
        failures = 0;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        failures += 1;
        const described = describeError(error);
        this.deps.metrics.errors.inc({ component: 'websub-dispatch', code: described.code });
        if (failures === 1) this.deps.logger.warn({ err: described.message }, 'websub dispatcher failed; backing off');
        const delay = Math.floor(Math.random() * Math.min(5_000, 100 * 2 ** Math.min(failures, 10)));
        await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined);
      }
    }
  }

  /** The group starts at the stream's end: entries stored before the first worker ever ran have no subscribers waiting. */
  private async ensureGroup(): Promise<void> {
    try {
      await this.deps.redis.xgroup('CREATE', keys.allStream, DISPATCH_GROUP, '$', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  private async claimAbandoned(): Promise<RawStreamEntry[]> {
    const reply = (await this.deps.redis.xautoclaim(keys.allStream, DISPATCH_GROUP, this.deps.consumer, CLAIM_IDLE_MS, '0-0', 'COUNT', BATCH)) as [string, RawStreamEntry[]];
    return reply[1].filter((entry) => Array.isArray(entry[1]));
  }

  private async readNew(): Promise<RawStreamEntry[]> {
    const reply = (await this.deps.redis.xreadgroup(
      'GROUP', DISPATCH_GROUP, this.deps.consumer,
      'COUNT', BATCH, 'BLOCK', this.deps.blockMs ?? 5_000,
      'STREAMS', keys.allStream, '>',
    )) as [string, RawStreamEntry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  private async dispatch(entries: readonly RawStreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const jobs: { name: string; data: HubJobData; opts: ReturnType<typeof deliverJobOptions> }[] = [];
    // A corrupt entry cannot name its channels; skipping it must not stall every delivery behind it.
    for (const entry of decodeStreamEntries(entries, (error) => this.undecodable(error))) {
      for (const subscription of await this.deps.subscriptions.forChannels(affectedChannels(entry))) {
        jobs.push({ name: 'deliver', data: { kind: 'deliver', subscriptionId: subscription.id, entryId: entry.id }, opts: deliverJobOptions(this.deps.retry, subscription.id, entry.id) });
      }
    }
    if (jobs.length > 0) await this.deps.queue.addBulk(jobs);
    await this.deps.redis.xack(keys.allStream, DISPATCH_GROUP, ...entries.map((entry) => entry[0]));
  }

  private undecodable(error: UndecodableEntryError): void {
    this.deps.metrics.errors.inc({ component: 'websub-dispatch', code: 'UNDECODABLE' });
    this.deps.logger.error({ id: error.entryId, err: error.message }, 'websub: skipping undecodable stream entry');
  }
}

/**
 * The channels whose feeds an entry changes: a new headline's, and for a correction or a
 * retraction those of the tags it had and of the tags it has now (a retagged headline leaves
 * some feeds and joins others; both get the updated document).
 */
function affectedChannels(entry: StreamEntry): string[] {
  if (entry.kind === 'headline') return channelsOf(entry.headline);
  const names = new Set(channelsOf(entry.was));
  if (entry.change.type === 'update') for (const name of channelsOf(entry.change.headline)) names.add(name);
  return [...names];
}
