/**
 * The run's results as one JSON document, plus the derived ratios and target verdicts.
 * Capacity has a latency bound: a server's highest median deliveries/s, over the rates at a
 * client count, among the cases whose median p99 stays under CAPACITY_P99_MS. (The highest
 * deliveries/s regardless of latency is kept as `peak`.) Targets are judged on unrounded numbers.
 */
import type { CatchUpResult } from '../cases/catchup.ts';
import type { HostileRestResult } from '../cases/hostile-rest.ts';
import type { RetractionResult } from '../cases/retraction.ts';
import type { StormRun } from '../cases/storm.ts';
import type { HorizontalRun } from '../cases/horizontal.ts';
import type { FanoutCase, FanoutServerResult, MemoryResult } from '../cases/fanout.ts';
import type { IngestResult } from '../cases/ingest.ts';
import type { CpuCasesResult } from '../cases/parse-classify.ts';
import { BASELINES, SERVER_NAMES, type Baseline, type ServerName, type Settings } from '../lib/settings.ts';
import { ratio } from '../lib/stats.ts';

/** The latency bound of "capacity": deliveries/s only count while p99 stays under this. */
export const CAPACITY_P99_MS = 250;

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  date: string;
  command: string;
}

export interface Ratios {
  clients: number;
  /** Highest median deliveries/s with median p99 under CAPACITY_P99_MS. */
  capacity: Partial<Record<ServerName, number>>;
  /** Highest median deliveries/s at any latency. */
  peak: Partial<Record<ServerName, number>>;
  /** ours' capacity over each baseline's. */
  oursOver: Partial<Record<Baseline, number | null>>;
  /** Deliveries per CPU-second of the server at the 100/s rate (efficiency, saturation-free). */
  perCpuSecond: Partial<Record<ServerName, number>>;
  perCpuOursOver: Partial<Record<Baseline, number | null>>;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean | null;
}

export interface BenchResults {
  machine: Machine;
  settings: Settings;
  fanout: FanoutServerResult[];
  ratios: Ratios[];
  memory: Partial<Record<ServerName, MemoryResult>>;
  ingest?: IngestResult;
  cpu?: CpuCasesResult;
  catchUp?: CatchUpResult;
  retraction?: RetractionResult;
  hostile?: HostileRestResult;
  storm?: StormRun[];
  horizontal?: HorizontalRun[];
  targets: Target[];
  durationSeconds: number;
}

function casesOf(fanout: FanoutServerResult[], server: ServerName, clients: number): FanoutCase[] {
  return fanout.find((result) => result.server === server)?.cases.filter((c) => c.clients === clients) ?? [];
}

function highest(cases: FanoutCase[]): number | undefined {
  return cases.length === 0 ? undefined : Math.max(...cases.map((c) => c.median.deliveriesPerSec));
}

export function capacityOf(cases: FanoutCase[]): number | undefined {
  return highest(cases.filter((c) => c.median.p99 !== null && c.median.p99 < CAPACITY_P99_MS));
}

function perCpuSecond(cases: FanoutCase[], rate: number): number | undefined {
  const row = cases.find((c) => c.rate === rate);
  if (row === undefined || row.median.serverCpuPct <= 0) return undefined;
  return row.median.deliveriesPerSec / (row.median.serverCpuPct / 100);
}

export function computeRatios(fanout: FanoutServerResult[], settings: Settings): Ratios[] {
  const efficiencyRate = settings.rates.includes(100) ? 100 : (settings.rates[0] ?? 0);
  return settings.clientCounts.map((clients) => {
    const capacity: Partial<Record<ServerName, number>> = {};
    const peak: Partial<Record<ServerName, number>> = {};
    const perCpu: Partial<Record<ServerName, number>> = {};
    for (const server of SERVER_NAMES) {
      const cases = casesOf(fanout, server, clients);
      const bounded = capacityOf(cases);
      if (bounded !== undefined) capacity[server] = bounded;
      const top = highest(cases);
      if (top !== undefined) peak[server] = top;
      const e = perCpuSecond(cases, efficiencyRate);
      if (e !== undefined) perCpu[server] = e;
    }
    const oursOver: Partial<Record<Baseline, number | null>> = {};
    const perCpuOursOver: Partial<Record<Baseline, number | null>> = {};
    for (const baseline of BASELINES) {
      oursOver[baseline] = ratio(capacity.ours ?? null, capacity[baseline] ?? null);
      perCpuOursOver[baseline] = ratio(perCpu.ours ?? null, perCpu[baseline] ?? null);
    }
    return { clients, capacity, peak, oursOver, perCpuSecond: perCpu, perCpuOursOver };
  });
}

/**
 * Three significant digits for display, cut rather than rounded, so that a shown figure never
 * reaches a goal the unrounded one misses (0.2965 shows as 0.296, never as 0.3).
 */
export function sig(value: number | null | undefined, suffix = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (value === 0) return `0${suffix}`;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2);
  // The epsilon keeps an exact 3 from showing as 2.99 through floating-point error.
  return `${Number((Math.trunc(value / step + 1e-9) * step).toPrecision(3))}${suffix}`;
}

const TARGET_BASELINES: { baseline: Baseline; label: string; goal: number }[] = [
  { baseline: 'naive', label: 'naive (an emit per socket)', goal: 3 },
  { baseline: 'rooms', label: 'rooms (`io.to(rooms).emit` per headline)', goal: 3 },
  { baseline: 'limit', label: 'raw ws limit, a frame per headline', goal: 0.6 },
  { baseline: 'limit-batch', label: 'raw ws limit, a frame per XREAD batch', goal: 0.6 },
];

export function evaluateTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const ratios = results.ratios;
  const all = (values: (number | null | undefined)[], ok: (v: number) => boolean): boolean | null =>
    values.length === 0 || values.some((v) => v === null || v === undefined) ? null : values.every((v) => v !== null && v !== undefined && ok(v));
  const p99Case = casesOf(results.fanout, 'ours', 5000).find((c) => c.rate === 100);
  const p99 = p99Case?.median.p99 ?? null;
  const heap = results.memory.ours?.heapPerConnKB ?? null;
  const ingest = results.ingest?.ratio ?? null;
  const catchUp = results.catchUp?.complete === true ? results.catchUp.medianMs : null;
  const retraction = results.retraction?.p99 ?? null;
  const hostile = results.hostile?.ratio ?? null;
  const classifyMicros = results.cpu?.classifyMedian ?? null;
  const loadMs = results.cpu?.classifierLoadMs ?? null;
  const loadMB = results.cpu?.classifierHeapMB ?? null;
  return [
    ...TARGET_BASELINES.map(({ baseline, label, goal }) => ({
      name: `capacity vs ${label}`,
      goal: `≥ ${goal}×`,
      value: ratios.map((r) => `${sig(r.oursOver[baseline], '×')} @${r.clients}`).join(', '),
      met: all(
        ratios.map((r) => r.oursOver[baseline]),
        (v) => v >= goal,
      ),
    })),
    { name: 'p99 latency, 5,000 clients, 100/s', goal: '< 100 ms', value: sig(p99, ' ms'), met: p99 === null ? null : p99 < 100 },
    { name: 'heap per idle connection', goal: '≤ 10 KB', value: sig(heap, ' KB'), met: heap === null ? null : heap <= 10 },
    { name: 'ingest vs raw pipelined XADD', goal: '≥ 0.3×', value: sig(ingest, '×'), met: ingest === null ? null : ingest >= 0.3 },
    { name: 'catch-up of 1,000 headlines', goal: '< 50 ms', value: sig(catchUp, ' ms'), met: catchUp === null ? null : catchUp < 50 },
    { name: 'retraction to 1,000 clients, p99', goal: '< 1 s', value: sig(retraction, ' ms'), met: retraction === null ? null : retraction < 1000 },
    { name: 'live p99 under 50 hostile REST readers vs quiet', goal: '≤ 1.5×', value: sig(hostile, '×'), met: hostile === null ? null : hostile <= 1.5 },
    { name: 'classification per headline (title and summary)', goal: '< 100 µs', value: sig(classifyMicros, ' µs'), met: classifyMicros === null ? null : classifyMicros < 100 },
    {
      name: 'classifier load in a fresh process: time / heap',
      goal: '< 300 ms / < 50 MB',
      value: `${sig(loadMs, ' ms')} / ${sig(loadMB, ' MB')}`,
      met: loadMs === null || loadMB === null ? null : loadMs < 300 && loadMB < 50,
    },
  ];
}
