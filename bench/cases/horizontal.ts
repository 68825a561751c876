/**
 * Horizontal scale-out: the same total load (clients and headlines/s) on one gateway process
 * and then split across two, on one Redis. Reports deliveries/s, p99 and the gateways' CPU
 * together. On a 2-core machine two gateways also share the cores with Redis, the publisher and
 * the load generator, so what this shows is the cost of the split (each gateway reads every
 * batch and encodes it for its own groups), not a doubling; see docs/SCALING.md.
 */
import { Redis } from 'ioredis';
import { HeadlineStore } from '../../src/streams/store.ts';
import { socketIoUrl } from '../load/client.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload } from '../lib/mix.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer, type ServerUnderTest } from '../lib/servers.ts';
import { median } from '../lib/stats.ts';
import { runWindow } from './window.ts';

export interface HorizontalRun {
  gateways: number;
  clients: number;
  rate: number;
  deliveriesPerSec: number | null;
  p99: number | null;
  /** All gateway processes together, % of one core. */
  gatewaysCpuPct: number | null;
  delivered: number;
  expected: number;
  error?: string;
}

const LIMITS = { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 };
let windowId = 930_000;

export async function runHorizontal(loadgens: LoadGenerators, clients: number, rate: number, reps: number, gateways: number): Promise<HorizontalRun> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const servers: ServerUnderTest[] = [];
  const run: HorizontalRun = { gateways, clients, rate, deliveriesPerSec: null, p99: null, gatewaysCpuPct: null, delivered: 0, expected: 0 };
  try {
    for (let i = 0; i < gateways; i += 1) servers.push(await startServer('ours', redisServer.url));
    const store = new HeadlineStore(redis, LIMITS);
    const workload = buildWorkload(clients);
    const share = Math.ceil(clients / gateways);
    for (const [index, server] of servers.entries()) {
      const connected = await loadgens.connect(`horizontal-${gateways}-${index}`, socketIoUrl(server.url), workload.clients.slice(index * share, (index + 1) * share));
      if (connected.failed > 0) throw new Error(`${connected.failed} clients failed: ${connected.firstError ?? ''}`);
    }
    const [first, ...others] = servers;
    if (first === undefined) throw new Error('no gateway');
    const target = { loadgens, store, pid: first.child.pid, otherPids: others.map((server) => server.child.pid), group: `horizontal-${gateways}-0` };
    const plan = { seed: 11, rate, windowMs: 10_000, drainMs: 2_000, settleMs: 3_000, unfiltered: false, runId: `horizontal-${gateways}` };
    await runWindow(target, workload, { ...plan, window: windowId++, windowMs: 3_000 }); // warm-up
    const results = [];
    for (let rep = 0; rep < reps; rep += 1) results.push(await runWindow(target, workload, { ...plan, window: windowId++ }));
    run.deliveriesPerSec = median(results.map((r) => r.deliveriesPerSec));
    run.p99 = median(results.map((r) => r.p99));
    run.gatewaysCpuPct = median(results.map((r) => r.serverCpuPct));
    run.delivered = results.reduce((sum, r) => sum + r.delivered, 0);
    run.expected = results.reduce((sum, r) => sum + r.expected, 0);
    for (let index = 0; index < servers.length; index += 1) await loadgens.disconnect(`horizontal-${gateways}-${index}`);
    return run;
  } catch (error) {
    return { ...run, error: (error as Error).message };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    redis.disconnect();
    await redisServer.cleanup();
  }
}
