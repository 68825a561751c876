/**
 * The run's results as one JSON document, plus the derived ratios and target verdicts. The
 * throughput comparison uses each server's capacity: the highest median deliveries/s over the
 * rates at a client count, i.e. what it sustains when pushed past its limit.
 */
import type { CatchUpResult } from '../cases/catchup.ts';
import type { RetractionResult } from '../cases/retraction.ts';
import type { FanoutCase, FanoutServerResult, MemoryResult } from '../cases/fanout.ts';
import type { IngestResult } from '../cases/ingest.ts';
import type { CpuCasesResult } from '../cases/parse-classify.ts';
import type { ServerName, Settings } from '../lib/settings.ts';
import { ratio, round } from '../lib/stats.ts';

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  date: string;
  command: string;
}

export interface Ratios {
  clients: number;
  capacity: Partial<Record<ServerName, number>>;
  oursOverNaive: number | null;
  oursOverLimit: number | null;
  /** Deliveries per CPU-second of the server at the 100/s rate (efficiency, saturation-free). */
  perCpuSecond: Partial<Record<ServerName, number>>;
  perCpuOursOverNaive: number | null;
  perCpuOursOverLimit: number | null;
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
  targets: Target[];
  durationSeconds: number;
}

function casesOf(fanout: FanoutServerResult[], server: ServerName, clients: number): FanoutCase[] {
  return fanout.find((result) => result.server === server)?.cases.filter((c) => c.clients === clients) ?? [];
}

function capacity(cases: FanoutCase[]): number | undefined {
  if (cases.length === 0) return undefined;
  return Math.max(...cases.map((c) => c.median.deliveriesPerSec));
}

function perCpuSecond(cases: FanoutCase[], rate: number): number | undefined {
  const row = cases.find((c) => c.rate === rate);
  if (row === undefined || row.median.serverCpuPct <= 0) return undefined;
  return Math.round(row.median.deliveriesPerSec / (row.median.serverCpuPct / 100));
}

export function computeRatios(fanout: FanoutServerResult[], settings: Settings): Ratios[] {
  const servers: ServerName[] = ['ours', 'naive', 'limit', 'candidate'];
  const efficiencyRate = settings.rates.includes(100) ? 100 : (settings.rates[0] ?? 0);
  return settings.clientCounts.map((clients) => {
    const cap: Partial<Record<ServerName, number>> = {};
    const eff: Partial<Record<ServerName, number>> = {};
    for (const server of servers) {
      const cases = casesOf(fanout, server, clients);
      const c = capacity(cases);
      if (c !== undefined) cap[server] = c;
      const e = perCpuSecond(cases, efficiencyRate);
      if (e !== undefined) eff[server] = e;
    }
    return {
      clients,
      capacity: cap,
      oursOverNaive: ratio(cap.ours ?? null, cap.naive ?? null),
      oursOverLimit: ratio(cap.ours ?? null, cap.limit ?? null),
      perCpuSecond: eff,
      perCpuOursOverNaive: ratio(eff.ours ?? null, eff.naive ?? null),
      perCpuOursOverLimit: ratio(eff.ours ?? null, eff.limit ?? null),
    };
  });
}

const fmt = (value: number | null | undefined, suffix = ''): string => (value === null || value === undefined ? 'n/a' : `${value}${suffix}`);

export function evaluateTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const ratios = results.ratios;
  const all = (values: (number | null)[], ok: (v: number) => boolean): boolean | null =>
    values.length === 0 || values.some((v) => v === null) ? null : values.every((v) => v !== null && ok(v));
  const naive = ratios.map((r) => r.oursOverNaive);
  const limit = ratios.map((r) => r.oursOverLimit);
  const p99Case = casesOf(results.fanout, 'ours', 5000).find((c) => c.rate === 100);
  const p99 = p99Case?.median.p99 ?? null;
  const heap = results.memory.ours?.heapPerConnKB ?? null;
  const ingest = results.ingest?.ratio ?? null;
  const catchUp = results.catchUp?.complete === true ? results.catchUp.medianMs : null;
  const retraction = results.retraction?.p99 ?? null;
  return [
    { name: 'deliveries/s vs naive', goal: '≥ 3×', value: ratios.map((r) => `${fmt(r.oursOverNaive, '×')} @${r.clients}`).join(', '), met: all(naive, (v) => v >= 3) },
    { name: 'deliveries/s vs raw ws limit', goal: '≥ 0.6×', value: ratios.map((r) => `${fmt(r.oursOverLimit, '×')} @${r.clients}`).join(', '), met: all(limit, (v) => v >= 0.6) },
    { name: 'p99 latency, 5,000 clients, 100/s', goal: '< 100 ms', value: fmt(p99, ' ms'), met: p99 === null ? null : p99 < 100 },
    { name: 'heap per idle connection', goal: '≤ 10 KB', value: fmt(heap, ' KB'), met: heap === null ? null : heap <= 10 },
    { name: 'ingest vs raw pipelined XADD', goal: '≥ 0.3×', value: fmt(ingest, '×'), met: ingest === null ? null : ingest >= 0.3 },
    { name: 'catch-up of 1,000 headlines', goal: '< 50 ms', value: fmt(round(catchUp, 1), ' ms'), met: catchUp === null ? null : catchUp < 50 },
    { name: 'retraction to 1,000 clients, p99', goal: '< 1 s', value: fmt(retraction, ' ms'), met: retraction === null ? null : retraction < 1000 },
  ];
}
