/**
 * Every process's view of the sources: the store's content, kept current without a restart.
 * A change is announced on a pub/sub channel and reloaded at once; a check of the version
 * token every `resyncMs` catches an announcement missed while the subscriber reconnected (or a
 * store wiped since, which the load seeds again from the sources file).
 *
 * Readers that need the truth at one instant (a poll job, an admin request) ask the store; this
 * view serves the paths that must not wait for Redis on every call (publishing, pushes).
 */
import type { RedisClient } from '../../shared/redis.ts';
import type { SourceConfig } from '../../config/sources.ts';
import { CoalescedTask } from '../../shared/coalesced-task.ts';
import { UnavailableError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { keys } from '../../streams/keys.ts';
import type { SourceStore } from './source-store.ts';

/** How often each process compares its version token with the store's, as a safety net. */
export const SOURCES_RESYNC_MS = 2_000;
/** How long a request that needs the sources waits for their first load before it is answered 503. */
const LOAD_WAIT_MS = 5_000;

export interface SourceCatalogDeps {
  store: SourceStore;
  /** A connection of its own: a subscribed client can send nothing but (un)subscriptions. */
  subscriber: RedisClient;
  /** The sources file: seeds a store that was never seeded. */
  seed: readonly SourceConfig[];
  logger: Logger;
  /** Failed reloads and checks (the caller knows whether Redis is down). */
  onError: (error: unknown) => void;
  resyncMs?: number;
}

export type CatalogListener = (sources: readonly SourceConfig[]) => Promise<void> | void;

export class SourceCatalog {
  private byId = new Map<string, SourceConfig>();
  private version: string | undefined;
  private readonly listeners: CatalogListener[] = [];
  private readonly reload: CoalescedTask;
  private timer: NodeJS.Timeout | undefined;
  private subscribed = false;
  private markLoaded: () => void = () => undefined;
  private readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(private readonly deps: SourceCatalogDeps) {
    this.reload = new CoalescedTask(() => this.loadNow(), deps.onError);
  }

  /** Subscribes, then loads (seeding if needed): a change between the two is not missed. Safe to call again after a failure. */
  async start(): Promise<void> {
    if (!this.subscribed) {
      this.deps.subscriber.on('message', (channel: string) => {
        if (channel === keys.sourcesChanged) void this.reload.request();
      });
      // Only once the connection is ready: SUBSCRIBE sent while ioredis still runs its ready
      // check would make that check's INFO fail (a subscribed connection takes no other command)
      // and cost a reconnect.
      await untilReady(this.deps.subscriber);
      await this.deps.subscriber.subscribe(keys.sourcesChanged);
      this.subscribed = true;
    }
    // Through the coalesced task, so that this load and one an announcement asked for never
    // overlap (an older answer landing last would win). Its error went to onError.
    await this.reload.request();
    if (this.version === undefined) throw new Error('the sources could not be loaded from Redis');
    this.timer ??= setInterval(() => void this.check(), this.deps.resyncMs ?? SOURCES_RESYNC_MS);
  }

  /** Resolves once the sources were loaded the first time; UNAVAILABLE if that takes longer than LOAD_WAIT_MS. */
  whenLoaded(): Promise<void> {
    if (this.version !== undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new UnavailableError('the sources are not loaded from Redis yet; retry shortly')), LOAD_WAIT_MS);
      void this.loaded.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Called after every load that changed something (and after the first), in order. */
  onChange(listener: CatalogListener): void {
    this.listeners.push(listener);
  }

  get(id: string): SourceConfig | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): SourceConfig[] {
    return [...this.byId.values()];
  }

  /** Stops checking and listening; a reload in flight finishes first. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.reload.idle();
    this.deps.subscriber.disconnect();
  }

  private async check(): Promise<void> {
    try {
      if ((await this.deps.store.version()) !== this.version) await this.reload.request();
    } catch (error) {
      this.deps.onError(error);
    }
  }

  private async loadNow(): Promise<void> {
    const { version, seeded, sources } = await this.deps.store.load(this.deps.seed);
    const first = this.version === undefined;
    const before = this.byId;
    this.byId = new Map(sources.map((source) => [source.id, source]));
    this.version = version;
    if (seeded) this.deps.logger.info({ sources: sources.length }, `sources: the store was empty; seeded ${sources.length} source(s) from SOURCES_FILE`);
    const changed = changedIds(before, this.byId);
    if (first) this.deps.logger.info({ sources: sources.length }, `sources: ${sources.length} in Redis`);
    else if (changed.length > 0) this.deps.logger.info({ changed }, 'sources: changes applied');
    if (first) this.markLoaded();
    if (first || changed.length > 0) for (const listener of this.listeners) await listener(sources);
  }
}

/** Resolves when `client` is ready (not events.once: it rejects on the errors of a client between its retries). */
function untilReady(client: RedisClient): Promise<void> {
  return client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()));
}

function changedIds(before: ReadonlyMap<string, SourceConfig>, after: ReadonlyMap<string, SourceConfig>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => JSON.stringify(before.get(id)) !== JSON.stringify(after.get(id))).sort();
}
