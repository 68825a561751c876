/**
 * Redis connections. Only the composition root calls this; modules are handed clients.
 * Every client reconnects forever with capped, jittered delays: a Redis restart is a pause.
 * While Redis is unreachable the clients of one process report to one `RedisOutageLog`, which
 * writes one line per logged retry, with the interval between lines doubling up to a minute.
 */
import { Cluster, Redis, type ChainableCommander, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config/env.ts';
import { describeError } from './errors.ts';
import type { Logger } from './logger.ts';

/** What modules are handed: one connection (standalone, Sentinel) or a Cluster client; both take the same commands. */
export type RedisClient = Redis | Cluster;

/**
 * `history` reads REST history and feeds: on a Cluster it reads from replicas (scaleReads),
 * elsewhere it is the commands client. Everything a resume or the live path reads uses the
 * master, so the delivery promise never depends on a replica's lag.
 */
export type RedisRole = 'commands' | 'blocking' | 'bullmq' | 'adapter' | 'subscriber' | 'history';

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
 * The one factory for Redis clients: standalone (REDIS_URL), through Sentinels, which name the
 * current master and hand the client over to the new one after a failover, or a Cluster, whose
 * client follows MOVED replies and refreshes its slot map to find a promoted replica.
 */
export function createRedis(target: RedisTarget, role: RedisRole, outage: RedisOutageLog): RedisClient {
  const options: RedisOptions = {
    connectionName: `news-ticker:${role}`,
    // Blocking readers, BullMQ, the Socket.IO adapter and the sources subscriber (whose SUBSCRIBE at start-up nothing
    // catches) must wait out a restart or a late Redis instead of failing commands.
    maxRetriesPerRequest: role === 'commands' || role === 'history' ? 2 : null,
    enableReadyCheck: true,
  };
  const client = connect(target, role, options);
  // ioredis emits one error per failed (re)connect; without a listener it prints a stack each time.
  client.on('error', (error: Error) => outage.failed(role, error));
  client.on('ready', () => outage.restored(role));
  if (client instanceof Cluster) reportNodeOutages(client, role, outage);
  return client;
}

/**
 * A Cluster client stays ready while one node is down (its slots answer again once a replica
 * is promoted): the outage is a node's failures, and it ends with a slot map read after they stopped.
 */
function reportNodeOutages(client: Cluster, role: RedisRole, outage: RedisOutageLog): void {
  let lastNodeError = 0;
  client.on('node error', (error: Error, node: string) => {
    lastNodeError = Date.now();
    outage.failed(`${role} (node ${node})`, error);
  });
  client.on('refresh', () => {
    if (Date.now() - lastNodeError >= NODE_QUIET_MS) outage.restored(role);
  });
}

/** A node error this recent means a refreshed slot map may still name the failed node. */
const NODE_QUIET_MS = 1_000;

/** How often a Cluster client re-reads the slot map, so a failover or a new replica is seen without waiting for a MOVED. */
const SLOTS_REFRESH_MS = 5_000;

function connect(target: RedisTarget, role: RedisRole, options: RedisOptions): RedisClient {
  switch (target.mode) {
    case 'standalone':
      return new Redis(target.url, { ...options, retryStrategy: reconnectDelay });
    case 'sentinel':
      return new Redis({ ...options, retryStrategy: reconnectDelay, sentinels: target.sentinels, name: target.name, sentinelRetryStrategy: reconnectDelay });
    case 'cluster':
      return new Cluster(target.nodes, clusterOptions(role, options));
  }
}

function clusterOptions(role: RedisRole, redisOptions: RedisOptions): ClusterOptions {
  return {
    redisOptions,
    clusterRetryStrategy: reconnectDelay,
    // History may be read from a replica (at most its replication lag behind: see the README);
    // every other command, and every write, goes to the slot's master.
    scaleReads: role === 'history' ? 'slave' : 'master',
    slotsRefreshInterval: SLOTS_REFRESH_MS,
    // During a failover the slot has no master for a few seconds: commands are retried
    // (16 redirections, 300 ms apart) rather than failed at once.
    retryDelayOnFailover: 300,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 300,
    enableReadyCheck: true,
  };
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
export async function closeRedis(client: RedisClient, timeoutMs = 1_000): Promise<void> {
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
