/**
 * Fan-out and latency (and idle memory) for the servers under test, interleaved: at each
 * client count every server runs with its own private Redis and its own clients connected at
 * once, and each rep visits the servers in rotating order, so that the noise of a shared
 * machine falls on all of them alike and the ratios compare like with like.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { keys } from '../../src/streams/keys.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import type { TestRedis } from '../../tests/helpers/redis-server.ts';
import { socketIoUrl } from '../load/client.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload, meanReach, type Workload } from '../lib/mix.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer, type ServerUnderTest } from '../lib/servers.ts';
import { windowMsFor, type ServerName, type Settings } from '../lib/settings.ts';
import { median, round } from '../lib/stats.ts';
import { runWindow, waitQuiet, type WindowResult } from './window.ts';
import { describeError } from '../../src/shared/errors.ts';

export type { WindowResult } from './window.ts';

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
  /** Times dropped clients were reconnected after a window. */
  reconnects: number;
  meanReach: Record<number, number>;
  errors: string[];
}

interface Contender {
  name: ServerName;
  redisServer: TestRedis;
  redis: Redis;
  store: HeadlineStore;
  server: ServerUnderTest;
  result: FanoutServerResult;
  reps: Map<number, WindowResult[]>;
}

const WARM_UP_MS = 1000;
const WARM_UP_RATE = 50;
let windowCounter = 0;
const runId = `r${Date.now().toString(36)}`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function medianOf(reps: WindowResult[]): Omit<WindowResult, 'quiet'> {
  // Unrounded: capacity and targets are judged on these; only the report rounds.
  const pick = (f: (r: WindowResult) => number | null): number | null => median(reps.map(f));
  return {
    published: pick((r) => r.published) ?? 0,
    expected: pick((r) => r.expected) ?? 0,
    delivered: pick((r) => r.delivered) ?? 0,
    deliveriesPerSec: pick((r) => r.deliveriesPerSec) ?? 0,
    frames: pick((r) => r.frames) ?? 0,
    p50: pick((r) => r.p50),
    p95: pick((r) => r.p95),
    p99: pick((r) => r.p99),
    serverCpuPct: pick((r) => r.serverCpuPct) ?? 0,
    serverRssMB: pick((r) => r.serverRssMB) ?? 0,
    loadgenCpuPct: pick((r) => r.loadgenCpuPct) ?? 0,
    publishLagMs: pick((r) => r.publishLagMs) ?? 0,
    dropped: pick((r) => r.dropped) ?? 0,
  };
}

async function connect(loadgens: LoadGenerators, contender: Contender, workload: Workload): Promise<void> {
  const connected = await loadgens.connect(contender.name, socketIoUrl(contender.server.url), workload.clients);
  if (connected.failed > 0) throw new Error(`${connected.failed} of ${workload.clients.length} clients failed to subscribe: ${connected.firstError ?? ''}`);
  log(`    ${contender.name}: ${connected.ok} clients subscribed in ${connected.ms} ms`);
}

async function window(loadgens: LoadGenerators, contender: Contender, workload: Workload, settings: Settings, rate: number, seed: number, windowMs: number): Promise<WindowResult> {
  windowCounter += 1;
  return runWindow({ loadgens, store: contender.store, pid: contender.server.child.pid, group: contender.name }, workload, {
    window: windowCounter,
    seed,
    rate,
    windowMs,
    drainMs: settings.drainMs,
    settleMs: settings.settleMs,
    unfiltered: contender.name === 'limit' || contender.name === 'limit-batch',
    runId,
  });
}

/** An unmeasured window so that the JIT has compiled the server's hot path before we time it. */
async function warmUp(loadgens: LoadGenerators, contender: Contender, workload: Workload, settings: Settings): Promise<void> {
  const result = await window(loadgens, contender, workload, { ...settings, drainMs: 1000 }, WARM_UP_RATE, 1, WARM_UP_MS);
  // The warm-up overloads the limit at 5,000 clients (250,000 frames): it must be done
  // writing before the next server's window starts, or that window measures both.
  if (!result.quiet && !(await waitQuiet(loadgens, settings.settleMs * 3))) log(`    ${contender.name}: still busy after its warm-up`);
}

async function measureMemory(loadgens: LoadGenerators, contender: Contender, workload: Workload): Promise<MemoryResult> {
  const before = await contender.server.memory();
  await connect(loadgens, contender, workload);
  await sleep(1000);
  const samples: { heapKB: number; rssKB: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const after = await contender.server.memory();
    samples.push({ heapKB: (after.heapUsed - before.heapUsed) / 1024 / workload.clients.length, rssKB: (after.rss - before.rss) / 1024 / workload.clients.length });
    await sleep(300);
  }
  return {
    sockets: workload.clients.length,
    heapPerConnKB: median(samples.map((s) => s.heapKB)),
    rssPerConnKB: median(samples.map((s) => s.rssKB)),
    samples: samples.map((s) => ({ heapKB: round(s.heapKB, 2) ?? 0, rssKB: round(s.rssKB, 2) ?? 0 })),
  };
}

async function startContender(name: ServerName, result: FanoutServerResult, loadgens: LoadGenerators, workload: Workload, settings: Settings): Promise<Contender> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
  let server: ServerUnderTest | undefined;
  try {
    server = await startServer(name, redisServer.url);
    const contender: Contender = { name, redisServer, redis, store, server, result, reps: new Map() };
    // The largest count runs first, on a fresh process: its idle connections are the memory case.
    if (workload.clients.length === settings.memorySockets && result.memory === undefined) result.memory = await measureMemory(loadgens, contender, workload);
    else await connect(loadgens, contender, workload);
    await warmUp(loadgens, contender, workload, settings);
    return contender;
  } catch (error) {
    await loadgens.disconnect(name);
    await server?.stop();
    redis.disconnect();
    await redisServer.cleanup();
    throw error;
  }
}

async function stopContender(loadgens: LoadGenerators, contender: Contender): Promise<void> {
  await loadgens.disconnect(contender.name);
  await contender.server.stop();
  contender.redis.disconnect();
  await contender.redisServer.cleanup();
}

/**
 * Leaves the server ready for its next window: an overloaded server's unread backlog is
 * trimmed from its Redis (it would otherwise run into the next window) and, if it is still
 * busy, the server is restarted; clients it dropped as slow consumers are reconnected.
 */
async function recover(loadgens: LoadGenerators, contender: Contender, result: WindowResult, workload: Workload, settings: Settings): Promise<void> {
  const exited = (): boolean => contender.server.child.process.exitCode !== null || contender.server.child.process.signalCode !== null;
  let quiet = result.quiet;
  if (!quiet && !exited()) {
    await contender.redis.xtrim(keys.allStream, 'MAXLEN', 0);
    contender.result.trims += 1;
    quiet = await waitQuiet(loadgens, settings.settleMs);
  }
  if (!quiet || exited()) {
    log(`    ${contender.name}: restarting (${exited() ? 'exited' : 'still busy'})`);
    contender.result.restarts += 1;
    await loadgens.disconnect(contender.name);
    await contender.server.stop();
    contender.server = await startServer(contender.name, contender.redisServer.url);
    await connect(loadgens, contender, workload);
    await warmUp(loadgens, contender, workload, settings);
  } else if (result.dropped > 0) {
    contender.result.reconnects += 1;
    await loadgens.disconnect(contender.name);
    await connect(loadgens, contender, workload);
  }
}

function describe(name: ServerName, rate: number, rep: number, w: WindowResult): string {
  return (
    `    ${name} ${rate}/s #${rep + 1}: ${w.delivered}/${w.expected} delivered, ${w.deliveriesPerSec}/s, ` +
    `p50 ${round(w.p50, 1) ?? '-'} p99 ${round(w.p99, 1) ?? '-'} ms, cpu ${w.serverCpuPct}%, rss ${w.serverRssMB} MB, ` +
    `loadgen ${w.loadgenCpuPct}%${w.dropped > 0 ? `, ${w.dropped} dropped` : ''}${w.quiet ? '' : ', still busy'}`
  );
}

export async function runFanout(servers: ServerName[], settings: Settings, loadgens: LoadGenerators): Promise<FanoutServerResult[]> {
  const results = servers.map((server): FanoutServerResult => ({ server, cases: [], restarts: 0, trims: 0, reconnects: 0, meanReach: {}, errors: [] }));
  const counts = [...settings.clientCounts].sort((a, b) => b - a);
  for (const clients of counts) {
    const workload = buildWorkload(clients);
    log(`  ${clients} clients, a headline reaches ${round(meanReach(workload) * 100)}% of them on average`);
    let contenders: Contender[] = [];
    try {
      for (const result of results) {
        result.meanReach[clients] = round(meanReach(workload) * 100) ?? 0;
        try {
          contenders.push(await startContender(result.server, result, loadgens, workload, settings));
        } catch (error) {
          result.errors.push(`${clients} clients: ${describeError(error).message.slice(0, 1500)}`);
          log(`    ${result.server}: ${describeError(error).message.split('\n')[0] ?? ''}`);
        }
      }
      for (const rate of settings.rates) {
        for (let rep = 0; rep < settings.reps; rep += 1) {
          // Rotate the order per rep so that no server always runs right after the same one.
          const order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]).filter((c): c is Contender => c !== undefined);
          for (const contender of order) {
            try {
              const result = await window(loadgens, contender, workload, settings, rate, clients * 1_000_000 + rate * 10 + rep, windowMsFor(settings, rate));
              log(describe(contender.name, rate, rep, result));
              contender.reps.set(rate, [...(contender.reps.get(rate) ?? []), result]);
              await recover(loadgens, contender, result, workload, settings);
            } catch (error) {
              contender.result.errors.push(`${clients} clients, ${rate}/s: ${describeError(error).message.slice(0, 1500)}`);
              log(`    ${contender.name}: ${describeError(error).message.split('\n')[0] ?? ''}; dropping it from this client count`);
              contenders = contenders.filter((c) => c !== contender);
              await stopContender(loadgens, contender).catch(() => undefined);
            }
          }
        }
        for (const contender of contenders) {
          const reps = contender.reps.get(rate) ?? [];
          if (reps.length > 0) contender.result.cases.push({ server: contender.name, clients, rate, reps, median: medianOf(reps) });
        }
      }
    } finally {
      for (const contender of contenders) await stopContender(loadgens, contender).catch(() => undefined);
    }
  }
  return results;
}
