/**
 * One measurement window against one server: publish at a steady rate, wait up to drainMs for
 * the expected deliveries, collect counts and latencies from the load generators, and read the
 * server's CPU and RSS from /proc. Then wait for the server to go quiet.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { nowMicros } from '../lib/clock.ts';
import { percentiles } from '../lib/histogram.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import type { Workload } from '../lib/mix.ts';
import { cpuSeconds, rssBytes } from '../lib/procs.ts';
import { publishWindow } from '../lib/publisher.ts';
import { round } from '../lib/stats.ts';
import type { HeadlineStore } from '../../src/streams/store.ts';

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
  /** Clients of this server that were disconnected during the window (slow consumers). */
  dropped: number;
  quiet: boolean;
}

export interface WindowPlan {
  window: number;
  seed: number;
  rate: number;
  windowMs: number;
  drainMs: number;
  settleMs: number;
  /** The limit server sends every headline to every client. */
  unfiltered: boolean;
  runId: string;
}

/** True once no client has received anything for one polling interval. */
export async function waitQuiet(loadgens: LoadGenerators, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let last = (await loadgens.progress(0)).totalReceipts;
  while (Date.now() < deadline) {
    await sleep(300);
    const now = (await loadgens.progress(0)).totalReceipts;
    if (now === last) return true;
    last = now;
  }
  return false;
}

export async function runWindow(
  /** `otherPids`: further server processes sharing the load (their CPU is added). */
  target: { loadgens: LoadGenerators; store: HeadlineStore; pid: number; otherPids?: readonly number[]; group: string },
  workload: Workload,
  plan: WindowPlan,
): Promise<WindowResult> {
  const { loadgens, store, pid } = target;
  const reach = plan.unfiltered ? workload.pool.map(() => workload.clients.length) : workload.reach;
  const pids = [pid, ...(target.otherPids ?? [])];
  const cpuOf = (): number => pids.reduce((sum, one) => sum + cpuSeconds(one), 0);
  const cpu0 = cpuOf();
  const lg0 = loadgens.cpuSeconds();
  const started = nowMicros();
  const outcome = await publishWindow(store, { window: plan.window, seed: plan.seed, rate: plan.rate, durationMs: plan.windowMs, pool: workload.pool, reach, maxInFlight: 200, runId: plan.runId });
  const drainDeadline = outcome.endMicros + plan.drainMs * 1000;
  while (nowMicros() < drainDeadline) {
    const progress = await loadgens.progress(plan.window);
    if (progress.deliveries >= outcome.expected) break;
    await sleep(50);
  }
  const stats = await loadgens.collect(plan.window);
  const ended = nowMicros();
  const wallSeconds = (ended - started) / 1e6;
  const cpu = cpuOf() - cpu0;
  const lg = loadgens.cpuSeconds() - lg0;
  const activeSeconds = stats.lastReceiptMicros > started ? (stats.lastReceiptMicros - started) / 1e6 : wallSeconds;
  const [p50 = null, p95 = null, p99 = null] = percentiles(stats.histogram, outcome.expected, [50, 95, 99]);
  const rss = rssBytes(pid);
  const quiet = await waitQuiet(loadgens, plan.settleMs);
  return {
    published: outcome.published,
    expected: outcome.expected,
    delivered: stats.deliveries,
    // Over the publishing window at least: a server that keeps up is not credited for idling.
    deliveriesPerSec: Math.round(stats.deliveries / Math.max(activeSeconds, plan.windowMs / 1000)),
    frames: stats.frames,
    p50,
    p95,
    p99,
    serverCpuPct: round((cpu / wallSeconds) * 100) ?? 0,
    serverRssMB: round(rss / 1048576) ?? 0,
    loadgenCpuPct: round((lg / wallSeconds) * 100) ?? 0,
    publishLagMs: round(outcome.lagMs) ?? 0,
    dropped: stats.closed[target.group] ?? 0,
    quiet,
  };
}
