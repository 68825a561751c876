/**
 * Fan-out and latency (and idle memory) for one server: the load generator's clients connect
 * and subscribe, then each rate runs `reps` windows. A window publishes for windowMs, waits up
 * to drainMs for the expected deliveries, collects counts and latencies, and waits for the
 * server to go quiet; a server that does not is restarted so that its backlog cannot leak into
 * the next window.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { keys } from '../../src/streams/keys.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { socketIoUrl } from '../load/client.ts';
import { nowMicros } from '../lib/clock.ts';
import { percentiles } from '../lib/histogram.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload, meanReach, type Workload } from '../lib/mix.ts';
import { cpuSeconds, rssBytes } from '../lib/procs.ts';
import { publishWindow } from '../lib/publisher.ts';
import { startServer, type ServerUnderTest } from '../lib/servers.ts';
import type { ServerName, Settings } from '../lib/settings.ts';
import { median, round } from '../lib/stats.ts';

export interface WindowResult {
  published: number;
  expected: number;
  delivered: number;
  deliveriesPerSec: number;
  frames: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  serverCpuPct: number;
  serverRssMB: number;
  loadgenCpuPct: number;
  publishLagMs: number;
  quiet: boolean;
}

export interface FanoutCase {
  server: ServerName;
  clients: number;
  rate: number;
  reps: WindowResult[];
  median: Omit<WindowResult, 'quiet'>;
}

export interface MemoryResult {
  sockets: number;
  heapPerConnKB: number | null;
  rssPerConnKB: number | null;
  samples: { heapKB: number; rssKB: number }[];
}

export interface FanoutServerResult {
  server: ServerName;
  cases: FanoutCase[];
  memory?: MemoryResult;
  restarts: number;
  /** Times the all-stream backlog was trimmed so that an overloaded server could catch up. */
  trims: number;
  meanReach: Record<number, number>;
  errors: string[];
}

const WARM_UP_MS = 1000;
const WARM_UP_RATE = 50;
let windowCounter = 0;
const runId = `r${Date.now().toString(36)}`;

function medianOf(reps: WindowResult[]): Omit<WindowResult, 'quiet'> {
  const pick = (f: (r: WindowResult) => number | null, digits = 1): number | null => round(median(reps.map(f)), digits);
  return {
    published: pick((r) => r.published, 0) ?? 0,
    expected: pick((r) => r.expected, 0) ?? 0,
    delivered: pick((r) => r.delivered, 0) ?? 0,
    deliveriesPerSec: pick((r) => r.deliveriesPerSec, 0) ?? 0,
    frames: pick((r) => r.frames, 0) ?? 0,
    p50: pick((r) => r.p50, 2),
    p95: pick((r) => r.p95, 2),
    p99: pick((r) => r.p99, 2),
    serverCpuPct: pick((r) => r.serverCpuPct) ?? 0,
    serverRssMB: pick((r) => r.serverRssMB) ?? 0,
    loadgenCpuPct: pick((r) => r.loadgenCpuPct) ?? 0,
    publishLagMs: pick((r) => r.publishLagMs) ?? 0,
  };
}

interface Context {
  settings: Settings;
  loadgens: LoadGenerators;
  store: HeadlineStore;
  server: ServerUnderTest;
}

async function waitQuiet(loadgens: LoadGenerators, window: number, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let last = (await loadgens.progress(window)).totalReceipts;
  while (Date.now() < deadline) {
    await sleep(400);
    const now = (await loadgens.progress(window)).totalReceipts;
    if (now === last) return true;
    last = now;
  }
  return false;
}

async function runWindow(context: Context, workload: Workload, rate: number, seed: number, unfiltered: boolean): Promise<WindowResult> {
  const { settings, loadgens, store, server } = context;
  windowCounter += 1;
  const window = windowCounter;
  const reach = unfiltered ? workload.pool.map(() => workload.clients.length) : workload.reach;
  const cpu0 = cpuSeconds(server.child.pid);
  const lg0 = loadgens.cpuSeconds();
  const started = nowMicros();
  const outcome = await publishWindow(store, { window, seed, rate, durationMs: settings.windowMs, pool: workload.pool, reach, maxInFlight: 200, runId });
  const drainDeadline = outcome.endMicros + settings.drainMs * 1000;
  while (nowMicros() < drainDeadline) {
    const progress = await loadgens.progress(window);
    if (progress.deliveries >= outcome.expected) break;
    await sleep(50);
  }
  const stats = await loadgens.collect(window);
  const ended = nowMicros();
  const wallSeconds = (ended - started) / 1e6;
  const cpu = cpuSeconds(server.child.pid) - cpu0;
  const lg = loadgens.cpuSeconds() - lg0;
  const activeSeconds = stats.lastReceiptMicros > started ? (stats.lastReceiptMicros - started) / 1e6 : wallSeconds;
  const [p50 = null, p95 = null, p99 = null] = percentiles(stats.histogram, outcome.expected, [50, 95, 99]);
  const rss = rssBytes(server.child.pid);
  const quiet = await waitQuiet(loadgens, window, settings.settleMs);
  return {
    published: outcome.published,
    expected: outcome.expected,
    delivered: stats.deliveries,
    deliveriesPerSec: Math.round(stats.deliveries / Math.max(activeSeconds, settings.windowMs / 1000)),
    frames: stats.frames,
    p50,
    p95,
    p99,
    serverCpuPct: round((cpu / wallSeconds) * 100) ?? 0,
    serverRssMB: round(rss / 1048576) ?? 0,
    loadgenCpuPct: round((lg / wallSeconds) * 100) ?? 0,
    publishLagMs: round(outcome.lagMs) ?? 0,
    quiet,
  };
}

async function connectClients(context: Context, workload: Workload): Promise<void> {
  const connected = await context.loadgens.connect(socketIoUrl(context.server.url), workload.clients);
  if (connected.failed > 0) throw new Error(`${context.server.name}: ${connected.failed} of ${workload.clients.length} clients failed to subscribe: ${connected.firstError ?? ''}`);
  process.stdout.write(`    ${connected.ok} clients subscribed in ${connected.ms} ms\n`);
}

/** An unmeasured window so that the JIT has compiled the server's hot path before we time it. */
async function warmUp(context: Context, workload: Workload): Promise<void> {
  const saved = context.settings;
  context.settings = { ...saved, windowMs: WARM_UP_MS, drainMs: 1000 };
  try {
    await runWindow(context, workload, WARM_UP_RATE, 0, context.server.name === 'limit');
  } finally {
    context.settings = saved;
  }
}

async function measureMemory(context: Context, workload: Workload): Promise<MemoryResult> {
  const before = await context.server.memory();
  await connectClients(context, workload);
  await sleep(1000);
  const samples: { heapKB: number; rssKB: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const after = await context.server.memory();
    samples.push({ heapKB: (after.heapUsed - before.heapUsed) / 1024 / workload.clients.length, rssKB: (after.rss - before.rss) / 1024 / workload.clients.length });
    await sleep(300);
  }
  return {
    sockets: workload.clients.length,
    heapPerConnKB: round(median(samples.map((s) => s.heapKB)), 2),
    rssPerConnKB: round(median(samples.map((s) => s.rssKB)), 2),
    samples: samples.map((s) => ({ heapKB: round(s.heapKB, 2) ?? 0, rssKB: round(s.rssKB, 2) ?? 0 })),
  };
}

export async function runFanout(name: ServerName, settings: Settings, loadgens: LoadGenerators): Promise<FanoutServerResult> {
  const result: FanoutServerResult = { server: name, cases: [], restarts: 0, trims: 0, meanReach: {}, errors: [] };
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
  let server: ServerUnderTest | undefined;
  try {
    // Largest first, on a fresh process: its idle-connection memory is the memory case.
    const counts = [...settings.clientCounts].sort((a, b) => b - a);
    for (const clients of counts) {
      const workload = buildWorkload(clients);
      result.meanReach[clients] = round(meanReach(workload) * 100) ?? 0;
      await server?.stop();
      server = await startServer(name, redisServer.url);
      const context: Context = { settings, loadgens, store, server };
      process.stdout.write(`  ${name}: ${clients} clients (a headline reaches ${result.meanReach[clients]}% of them)\n`);
      if (clients === settings.memorySockets && result.memory === undefined) result.memory = await measureMemory(context, workload);
      else await connectClients(context, workload);
      await warmUp(context, workload);
      for (const rate of settings.rates) {
        const reps: WindowResult[] = [];
        for (let rep = 0; rep < settings.reps; rep += 1) {
          const window = await runWindow(context, workload, rate, clients * 1_000_000 + rate * 10 + rep, name === 'limit');
          reps.push(window);
          process.stdout.write(
            `    ${rate}/s rep ${rep + 1}: ${window.delivered}/${window.expected} delivered, ${window.deliveriesPerSec}/s, p50 ${round(window.p50, 2)} p99 ${round(window.p99, 2)} ms, cpu ${window.serverCpuPct}%, rss ${window.serverRssMB} MB, loadgen ${window.loadgenCpuPct}%${window.quiet ? '' : ' (still busy)'}\n`,
          );
          // A server still busy with an old window: drop the unread backlog from Redis (every
          // server reads the same all-stream), and restart it only if that is not enough.
          if (!window.quiet && context.server.child.process.exitCode === null) {
            await redis.xtrim(keys.allStream, 'MAXLEN', 0);
            window.quiet = await waitQuiet(loadgens, 0, settings.settleMs);
            result.trims += 1;
          }
          if (!window.quiet || context.server.child.process.exitCode !== null) {
            result.restarts += 1;
            await loadgens.disconnect();
            await context.server.stop();
            context.server = await startServer(name, redisServer.url);
            server = context.server;
            await connectClients(context, workload);
            await warmUp(context, workload);
          }
        }
        result.cases.push({ server: name, clients, rate, reps, median: medianOf(reps) });
      }
      await loadgens.disconnect();
    }
  } catch (error) {
    result.errors.push((error as Error).message.slice(0, 2000));
    await loadgens.disconnect().catch(() => undefined);
  } finally {
    await server?.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
  return result;
}
