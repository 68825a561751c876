/**
 * What Redis spends per stored headline, per live batch read and per resume read from Redis:
 * commands, Redis CPU (INFO commandstats), bytes in and out (INFO stats) and memory. The inputs
 * of docs/SCALING.md. Runs against a private redis-server:
 *
 *   node --import tsx bench/tools/redis-costs.ts
 */
import { Redis } from 'ioredis';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics } from '../../src/shared/metrics.ts';
import { keys } from '../../src/streams/keys.ts';
import { HeadlineReader } from '../../src/streams/reader.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { buildWorkload, rng } from '../lib/mix.ts';
import { prepareBenchHeadline } from '../lib/publisher.ts';
import { startBenchRedis, stopAllBenchRedis } from '../lib/redis.ts';

interface Snapshot {
  calls: number;
  usec: number;
  netIn: number;
  netOut: number;
  memory: number;
}

async function snapshot(redis: Redis): Promise<Snapshot> {
  const [commandstats, stats, memory, cpu] = await Promise.all([redis.info('commandstats'), redis.info('stats'), redis.info('memory'), redis.info('cpu')]);
  let calls = 0;
  for (const match of commandstats.matchAll(/^cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/gm)) {
    // Our own INFO calls are not part of the cost. Commands a script runs count too.
    if (match[1] !== 'info') calls += Number(match[2]);
  }
  // The server process's CPU (INFO cpu), not commandstats' usec, which counts a script's
  // commands twice (in the script's time and in their own).
  const seconds = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  const usec = (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
  const field = (text: string, name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { calls, usec, netIn: field(stats, 'total_net_input_bytes'), netOut: field(stats, 'total_net_output_bytes'), memory: field(memory, 'used_memory') };
}

function per(before: Snapshot, after: Snapshot, count: number): string {
  const f = (value: number, digits = 1): string => (value / count).toFixed(digits);
  return `${f(after.calls - before.calls, 2)} commands, ${f(after.usec - before.usec)} µs Redis CPU, ${f(after.netIn - before.netIn, 0)} B in, ${f(after.netOut - before.netOut, 0)} B out, ${f(after.memory - before.memory, 0)} B memory`;
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const server = await startBenchRedis();
const redis = new Redis(server.url);
try {
  const store = new HeadlineStore(redis, { allStreamMaxLen: 1_000_000, channelStreamMaxLen: 1_000_000, dedupeTtlSeconds: 86_400 });
  const reader = new HeadlineReader(redis, { logger: createLogger('silent'), metrics: createMetrics() });
  const workload = buildWorkload(1_000);
  const random = rng(3);
  const headline = (n: number) => prepareBenchHeadline(`Cost story ${n}`, `https://bench.example/cost/${n}`, workload.pool[Math.floor(random() * workload.pool.length)] ?? { topics: ['politics'], regions: ['az'] });
  let n = 0;
  // Warm the script cache so that the first EVAL is not counted as a headline's cost.
  await store.store(headline(n++));

  for (const batch of [1, 20]) {
    const count = 5_000;
    const before = await snapshot(redis);
    for (let i = 0; i < count; i += batch) await store.storeMany(Array.from({ length: batch }, () => headline(n++)));
    log(`store, ${batch === 1 ? 'one headline a call (publish API)' : `${batch} a call (a poll)`}: per headline ${per(before, await snapshot(redis), count)}`);
  }

  const first = (await redis.xrange(keys.allStream, '-', '+', 'COUNT', 1))[0]?.[0] ?? '0-0';
  for (const batch of [1, 10, 100]) {
    const before = await snapshot(redis);
    let cursor = first;
    let batches = 0;
    let entries = 0;
    while (batches < 500) {
      const reply = await redis.xread('COUNT', batch, 'STREAMS', keys.allStream, cursor);
      const got = reply?.[0]?.[1] ?? [];
      if (got.length === 0) break;
      cursor = got[got.length - 1]?.[0] ?? cursor;
      batches += 1;
      entries += got.length;
    }
    log(`live loop, XREAD of ${batch} per batch (one per gateway): per batch ${per(before, await snapshot(redis), batches)}; ${((await snapshot(redis)).netOut - before.netOut) / entries | 0} B out per headline`);
  }

  const all = await redis.xrange(keys.allStream, '-', '+');
  const since = all[all.length - 101]?.[0] ?? first;
  const resumes = 500;
  const before = await snapshot(redis);
  for (let i = 0; i < resumes; i += 1) {
    const channels = workload.clients[i % workload.clients.length] ?? ['*/*'];
    await reader.lastId();
    await reader.entriesAfter(channels, since, 1_001);
    await reader.reachesBack(channels, since);
  }
  log(`resume from Redis after 100 missed headlines (a reader's 1-3 channels): per resume ${per(before, await snapshot(redis), resumes)}`);
  log('resume inside the gateway window: 0 commands (BENCH_ONLY=storm npm run bench)');
} finally {
  redis.disconnect();
  await stopAllBenchRedis();
}
