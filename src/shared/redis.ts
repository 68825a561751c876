/**
 * Redis connections. Only the composition root calls this; modules are handed clients.
 * Every client reconnects forever with capped, jittered delays: a Redis restart is a pause.
 */
import { Redis, type ChainableCommander, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.ts';

export type RedisRole = 'commands' | 'blocking' | 'bullmq';

function reconnectDelay(attempt: number): number {
  const cap = Math.min(5_000, 100 * 2 ** Math.min(attempt, 10));
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

export function createRedis(url: string, role: RedisRole, logger: Logger): Redis {
  const options: RedisOptions = {
    connectionName: `news-ticker:${role}`,
    retryStrategy: reconnectDelay,
    // Blocking readers and BullMQ must wait out a restart instead of failing commands.
    maxRetriesPerRequest: role === 'commands' ? 2 : null,
    enableReadyCheck: true,
    lazyConnect: false,
  };
  const client = new Redis(url, options);
  let reported = false;
  client.on('error', (error: Error) => {
    // ioredis emits one error per failed reconnect; log the first of each outage only.
    if (!reported) logger.warn({ role, err: error.message }, 'redis connection error; reconnecting');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info({ role }, 'redis connection restored');
    reported = false;
  });
  return client;
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
