/**
 * Reconnect storm: a gateway is killed (SIGKILL) while 100 headlines are published, restarted,
 * and 5,000 clients come back at once, each subscribing with the cursor they last saw. Measured
 * per client (connect to a `recovered: true` ack), for all of them, and on Redis (INFO
 * commandstats: the stream reads, scripts and state lookups a backlog issues). Run with the
 * recent window off (every resume reads Redis) and on (resumes inside it read nothing).
 */
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type WebSocket from 'ws';
import { HeadlineStore } from '../../src/streams/store.ts';
import { connectClient, socketIoUrl } from '../load/client.ts';
import { buildWorkload, rng } from '../lib/mix.ts';
import { prepareBenchHeadline } from '../lib/publisher.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer, type ServerUnderTest } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';

export interface StormRun {
  window: boolean;
  clients: number;
  recovered: number;
  failed: number;
  firstError?: string;
  /** From the first connect to the last recovered ack, ms. */
  allRecoveredMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Backlog read commands Redis served during the storm (xrange, xrevrange, evalsha, xinfo, hmget...). */
  redisReads: number;
  redisReadsPerResume: number;
}

// Not XREAD: the live loop and the adapter block on it whatever the clients do.
const READ_COMMANDS = ['xrange', 'xrevrange', 'evalsha', 'eval', 'xinfo', 'hmget'];
const LIMITS = { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 };

async function readCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const name of READ_COMMANDS) total += Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return total;
}

async function publish(store: HeadlineStore, count: number, from: number): Promise<string> {
  const pool = buildWorkload(10, 5).pool;
  const random = rng(from);
  let last = '';
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) => {
      const n = from + start + i;
      return prepareBenchHeadline(`Storm story ${n}`, `https://bench.example/storm/${n}`, pool[Math.floor(random() * pool.length)] ?? { topics: ['politics'], regions: ['az'] });
    });
    const results = await store.storeMany(batch);
    last = results[results.length - 1]?.id ?? last;
  }
  return last;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export async function runStorm(clients: number, window: boolean): Promise<StormRun> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const env = { GATEWAY_RECENT_WINDOW: window ? '10000' : '0' };
  let server: ServerUnderTest | undefined;
  const sockets: WebSocket[] = [];
  const run: StormRun = { window, clients, recovered: 0, failed: 0, allRecoveredMs: null, p50Ms: null, p99Ms: null, redisReads: 0, redisReadsPerResume: 0 };
  try {
    const store = new HeadlineStore(redis, LIMITS);
    const seen = await publish(store, 3_000, 0);
    server = await startServer('ours', redisServer.url, env);
    // Killed, not stopped: no goodbye to anyone. Headlines keep arriving while it is down.
    server.child.process.kill('SIGKILL');
    await once(server.child.process, 'exit');
    await publish(store, 100, 3_000);
    server = await startServer('ours', redisServer.url, env);
    const url = socketIoUrl(server.url);
    const channelSets = buildWorkload(clients).clients;
    const before = await readCalls(redis);
    const started = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      channelSets.map(async (channels) => {
        const connectedAt = performance.now();
        try {
          const socket = await connectClient(
            url,
            channels,
            {
              onEvent: () => undefined,
              onClose: () => undefined,
              onAck: (data) => {
                if (!data.includes('"recovered":true')) return;
                run.recovered += 1;
                latencies.push(performance.now() - connectedAt);
              },
            },
            60_000,
            seen,
          );
          sockets.push(socket);
        } catch (error) {
          run.failed += 1;
          run.firstError ??= (error as Error).message;
        }
      }),
    );
    run.allRecoveredMs = round(performance.now() - started, 0);
    run.redisReads = (await readCalls(redis)) - before;
    run.redisReadsPerResume = round(run.redisReads / Math.max(1, run.recovered), 2) ?? 0;
    latencies.sort((a, b) => a - b);
    run.p50Ms = round(percentile(latencies, 50), 1);
    run.p99Ms = round(percentile(latencies, 99), 1);
    return run;
  } catch (error) {
    return { ...run, firstError: (error as Error).message };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server?.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
}
