/**
 * Hostile REST readers: the live p99 of 1,000 Socket.IO clients (100 headlines/s) while 50
 * concurrent HTTP clients repeat the most expensive history query they can write, against
 * the same windows without them. The query is the attacker's best: 50 combined channels
 * (`topic/region`) whose two facet streams are both long and never meet, `limit=500`, so a
 * reader that scans until it finds enough scans everything it may.
 *
 * The per-address REST rate limit is lifted on the server under test: the hammering clients
 * all share 127.0.0.1, and an attacker with many addresses is not stopped by it either. What
 * is measured is what bounds one request's cost on Redis.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { channelsOf } from '../../src/protocol/channels.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { socketIoUrl } from '../load/client.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload, rng, type Tags, type Workload } from '../lib/mix.ts';
import { prepareBenchHeadline } from '../lib/publisher.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer } from '../lib/servers.ts';
import { median, round } from '../lib/stats.ts';
import { runWindow, type WindowResult } from './window.ts';

export interface HostileRestResult {
  clients: number;
  hammerers: number;
  /** The live p99 of each window pair, ms: without and with the hammering clients. */
  quietP99: number[];
  hammeredP99: number[];
  /** Median hammered p99 over median quiet p99, unrounded. */
  ratio: number | null;
  /** REST answers during the hammered windows, by status, and their median latency. */
  requests: Record<string, number>;
  requestsPerSec: number;
  requestP50Ms: number | null;
  dropped: number;
  error?: string;
}

const CLIENTS = 1000;
const HAMMERERS = 50;
const RATE = 100;
const WINDOW_MS = 10_000;
const PREFILL = 12_000;
const LIMITS = { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 };
const FIRST_WINDOW = 920_001;

/** 50 combined channels whose topic and region are each common but never tagged together. */
export function worstQuery(pool: readonly Tags[], stored: readonly Tags[]): string[] {
  const size = new Map<string, number>();
  const together = new Set<string>();
  for (const tags of stored) {
    for (const topic of tags.topics) size.set(`t:${topic}`, (size.get(`t:${topic}`) ?? 0) + 1);
    for (const region of tags.regions) size.set(`r:${region}`, (size.get(`r:${region}`) ?? 0) + 1);
  }
  for (const tags of pool) for (const name of channelsOf(tags)) together.add(name);
  const topics = [...size.keys()].filter((key) => key.startsWith('t:')).map((key) => key.slice(2));
  const regions = [...size.keys()].filter((key) => key.startsWith('r:')).map((key) => key.slice(2));
  const cost = (topic: string, region: string): number => Math.min(LIMITS.channelStreamMaxLen, size.get(`t:${topic}`) ?? 0, size.get(`r:${region}`) ?? 0);
  const pairs: [string, number][] = [];
  for (const topic of topics) for (const region of regions) if (!together.has(`${topic}/${region}`)) pairs.push([`${topic}/${region}`, cost(topic, region)]);
  return pairs
    .sort((a, b) => b[1] - a[1])
    .slice(0, 50)
    .map(([name]) => name);
}

interface Hammer {
  stop(): Promise<void>;
  statuses: Record<string, number>;
  latencies: number[];
}

function hammer(url: string): Hammer {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      const started = performance.now();
      let status = 'error';
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        status = String(response.status);
      } catch {
        // A refused or reset request is counted as `error`: the hammer goes on regardless.
        await sleep(10);
      }
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const loops = Array.from({ length: HAMMERERS }, () => loop());
  return {
    statuses,
    latencies,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export async function runHostileRest(loadgens: LoadGenerators, reps: number): Promise<HostileRestResult> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const server = await startServer('ours', redisServer.url, { HTTP_RATE_PER_MINUTE: '100000000' });
  const result: HostileRestResult = { clients: CLIENTS, hammerers: HAMMERERS, quietP99: [], hammeredP99: [], ratio: null, requests: {}, requestsPerSec: 0, requestP50Ms: null, dropped: 0 };
  try {
    const store = new HeadlineStore(redis, LIMITS);
    const workload = buildWorkload(CLIENTS);
    const stored = await prefill(store, workload);
    const query = worstQuery(workload.pool, stored);
    const url = `${server.url}/api/headlines?limit=500&${query.map((name) => `channel=${encodeURIComponent(name)}`).join('&')}`;
    const probe = await fetch(url);
    if (probe.status !== 200) throw new Error(`the worst query answered ${probe.status}: ${await probe.text()}`);
    const connected = await loadgens.connect('hostile', socketIoUrl(server.url), workload.clients);
    if (connected.failed > 0) throw new Error(`${connected.failed} clients failed: ${connected.firstError ?? ''}`);
    const target = { loadgens, store, pid: server.child.pid, group: 'hostile' };
    let window = FIRST_WINDOW;
    const measure = async (): Promise<WindowResult> =>
      runWindow(target, workload, { window: window++, seed: 7, rate: RATE, windowMs: WINDOW_MS, drainMs: 2000, settleMs: 3000, unfiltered: false, runId: 'hostile' });
    await measure(); // warm-up, not counted
    const latencies: number[] = [];
    let hammeredMs = 0;
    for (let rep = 0; rep < reps; rep += 1) {
      const quiet = await measure();
      const attack = hammer(url);
      const started = performance.now();
      const hammered = await measure();
      await attack.stop();
      hammeredMs += performance.now() - started;
      for (const [status, count] of Object.entries(attack.statuses)) result.requests[status] = (result.requests[status] ?? 0) + count;
      latencies.push(...attack.latencies);
      if (quiet.p99 !== null) result.quietP99.push(round(quiet.p99, 1) ?? 0);
      if (hammered.p99 !== null) result.hammeredP99.push(round(hammered.p99, 1) ?? 0);
      result.dropped += quiet.dropped + hammered.dropped;
    }
    const quietMedian = median(result.quietP99);
    const hammeredMedian = median(result.hammeredP99);
    result.ratio = quietMedian === null || hammeredMedian === null || quietMedian === 0 ? null : hammeredMedian / quietMedian;
    result.requestsPerSec = round((Object.values(result.requests).reduce((sum, n) => sum + n, 0) / hammeredMs) * 1000, 1) ?? 0;
    result.requestP50Ms = round(median(latencies), 1);
    await loadgens.disconnect('hostile');
    return result;
  } catch (error) {
    return { ...result, error: (error as Error).message };
  } finally {
    await server.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
}

/** Fills every stream to its cap with the workload's own mix, as a day of wire copy would. */
async function prefill(store: HeadlineStore, workload: Workload): Promise<Tags[]> {
  const random = rng(99);
  const stored: Tags[] = [];
  for (let batch = 0; batch < PREFILL / 100; batch += 1) {
    const items = Array.from({ length: 100 }, (_, i) => {
      const tags = workload.pool[Math.floor(random() * workload.pool.length)] ?? { topics: ['politics'], regions: ['az'] };
      stored.push(tags);
      const n = batch * 100 + i;
      return prepareBenchHeadline(`Prefilled story ${n}`, `https://bench.example/prefill/${n}`, tags);
    });
    await store.storeMany(items);
  }
  return stored;
}
