/**
 * Redis connections. Only the composition root calls this; modules are handed clients.
 * Every client reconnects forever with capped, jittered delays: a Redis restart is a pause.
 * While Redis is unreachable the clients of one process report to one `RedisOutageLog`, which
 * writes one line per logged retry, with the interval between lines doubling up to a minute.
 */
import { Redis, type ChainableCommander, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config/env.ts';
import { ConfigError, describeError } from './errors.ts';
import type { Logger } from './logger.ts';

export type RedisRole = 'commands' | 'blocking' | 'bullmq' | 'adapter' | 'subscriber';

function reconnectDelay(attempt: number): number {
  const cap = Math.min(5_000, 100 * 2 ** Math.min(attempt, 10));
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

const FIRST_LOG_INTERVAL_MS = 1_000;
const MAX_LOG_INTERVAL_MS = 60_000;

/**
 * One outage as the operator sees it: a line when it starts, then one line per retry at most
 * every 1, 2, 4 ... 60 s (whichever client retried), and one line when a client is back.
 */
export class RedisOutageLog {
  private since: number | undefined;
  private lastLogAt = 0;
  private interval = FIRST_LOG_INTERVAL_MS;
  private unlogged = 0;
  private last: string | undefined;

  constructor(
    private readonly target: string,
    private readonly logger: Logger,
  ) {}

  /** The last connection error while Redis is unreachable; undefined while it answers. */
  get lastError(): string | undefined {
    return this.since === undefined ? undefined : this.last;
  }

  failed(role: string, error: unknown): void {
    const now = Date.now();
    this.last = describeError(error).message;
    if (this.since === undefined) {
      this.since = now;
      this.interval = FIRST_LOG_INTERVAL_MS;
    } else if (now - this.lastLogAt < this.interval) {
      this.unlogged += 1;
      return;
    } else {
      this.interval = Math.min(MAX_LOG_INTERVAL_MS, this.interval * 2);
    }
    this.lastLogAt = now;
    const down = Math.round((now - this.since) / 1000);
    this.logger.warn(
      { redis: this.target, role, err: this.last, downForSeconds: down, retriesNotLogged: this.unlogged, nextLogInMs: this.interval },
      `redis unreachable at ${this.target} for ${down} s (${this.last}); retrying`,
    );
    this.unlogged = 0;
  }

  restored(role: string): void {
    if (this.since === undefined) return;
    const down = Math.round((Date.now() - this.since) / 1000);
    this.since = undefined;
    this.unlogged = 0;
    this.logger.info({ redis: this.target, role, downForSeconds: down }, `redis reachable again at ${this.target}`);
  }
}

/**
 * The one factory for Redis clients: standalone (REDIS_URL) or through Sentinels, which name the
 * current master and hand the client over to the new one after a failover.
 */
export function createRedis(target: RedisTarget, role: RedisRole, outage: RedisOutageLog): Redis {
  const options: RedisOptions = {
    connectionName: `news-ticker:${role}`,
    retryStrategy: reconnectDelay,
    // Blocking readers, BullMQ, the Socket.IO adapter and the sources subscriber (whose SUBSCRIBE at start-up nothing
    // catches) must wait out a restart or a late Redis instead of failing commands.
    maxRetriesPerRequest: role === 'commands' ? 2 : null,
    enableReadyCheck: true,
    lazyConnect: false,
  };
  const client = connect(target, options);
  // ioredis emits one error per failed (re)connect; without a listener it prints a stack each time.
  client.on('error', (error: Error) => outage.failed(role, error));
  client.on('ready', () => outage.restored(role));
  return client;
}

function connect(target: RedisTarget, options: RedisOptions): Redis {
  switch (target.mode) {
    case 'standalone':
      return new Redis(target.url, options);
    case 'sentinel':
      return new Redis({ ...options, sentinels: target.sentinels, name: target.name, sentinelRetryStrategy: reconnectDelay });
    case 'cluster':
      // Every module is typed for one connection; a Cluster client needs them widened first.
      throw new ConfigError('REDIS_CLUSTER_NODES: Redis Cluster is not supported by this version yet; use REDIS_URL or REDIS_SENTINELS', [
        'REDIS_CLUSTER_NODES: not supported yet',
      ]);
  }
}

/** Where the clients connect, for logs, without credentials. */
export function describeRedisTarget(target: RedisTarget): string {
  const list = (nodes: readonly { host: string; port: number }[]): string => nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  switch (target.mode) {
    case 'standalone':
      return describeRedisUrl(target.url);
    case 'sentinel':
      return `sentinel master ${target.name} via ${list(target.sentinels)}`;
    case 'cluster':
      return `cluster ${list(target.nodes)}`;
  }
}

/**
 * Closes a client without waiting on a Redis that does not answer: QUIT when connected (its
 * replies are flushed), otherwise drop the connection and its queued commands at once.
 */
export async function closeRedis(client: Redis, timeoutMs = 1_000): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const timer = setTimeout(() => client.disconnect(), timeoutMs);
  try {
    await client.quit();
  } catch {
    client.disconnect(); // the connection went away during QUIT: nothing is left to flush
  } finally {
    clearTimeout(timer);
  }
}

/** Host and port for logs, without credentials. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/**
 * Runs a pipeline or MULTI and returns its replies. `exec()` resolves even when commands fail
 * (each reply is [error, value]) and with null when a transaction is discarded: both throw here.
 */
export async function execChecked(chain: ChainableCommander): Promise<unknown[]> {
  const replies = await chain.exec();
  if (replies === null) throw new Error('Redis discarded the transaction');
  return replies.map(([error, value]) => {
    if (error !== null) throw error;
    return value;
  });
}
