/**
 * Bench settings. The defaults are the full run (3 reps, 1,000 and 5,000 clients,
 * 10/100/1,000 headlines/s, plus 3,000/s to find each server's capacity); BENCH_QUICK=1 and the BENCH_* overrides are for development.
 */
import { cpus } from 'node:os';

function list(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined || value.trim() === '') return fallback;
  return value.split(',').map((part) => Number(part.trim())).filter((n) => Number.isFinite(n) && n > 0);
}

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The servers under test: ours; the baselines naive (an emit per matching socket), rooms (one
 * room per channel, `io.to(rooms).emit` per headline), limit (raw ws, a frame per headline) and
 * limit-batch (raw ws, a frame per XREAD batch); `candidate`: our service from another checkout
 * (BENCH_CANDIDATE_DIR), for A/B-testing a change; `ours-standard`: ours on the standard
 * Socket.IO path (GATEWAY_DIRECT_FRAMES=false), to compare the two frame paths.
 */
export const SERVER_NAMES = ['ours', 'naive', 'rooms', 'limit', 'limit-batch', 'candidate', 'ours-standard'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];
export const BASELINES = ['naive', 'rooms', 'limit', 'limit-batch'] as const satisfies readonly ServerName[];
export type Baseline = (typeof BASELINES)[number];
export const isBaseline = (name: ServerName): name is Baseline => (BASELINES as readonly string[]).includes(name);
const isServerName = (name: string): name is ServerName => (SERVER_NAMES as readonly string[]).includes(name);

export interface Settings {
  quick: boolean;
  reps: number;
  clientCounts: number[];
  rates: number[];
  /** Publishing time per window; 0 = by rate (5 s at ≤ 10/s, 3 s at ≤ 100/s, 2 s above). */
  windowMs: number;
  /** How long after the last publish deliveries may still arrive before they count as lost. */
  drainMs: number;
  /** How long to wait for a server to go quiet before it is restarted for the next window. */
  settleMs: number;
  loadgens: number;
  servers: ServerName[];
  memorySockets: number;
  catchUpSize: number;
  ingestCount: number;
  profile: boolean;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const quick = env.BENCH_QUICK === '1';
  const servers = (env.BENCH_SERVERS ?? ['ours', ...BASELINES].join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(isServerName)
    .filter((s) => s !== 'candidate' || env.BENCH_CANDIDATE_DIR !== undefined);
  // One load-generator process on a 2-core box: the gateway and the clients then each get a core.
  const defaultLoadgens = Math.min(2, Math.max(1, cpus().length - 1));
  return {
    quick,
    reps: int(env.BENCH_REPS, quick ? 1 : 3),
    clientCounts: list(env.BENCH_CLIENTS, quick ? [1000] : [1000, 5000]),
    // 3,000/s is the capacity probe: it saturates every server, ours included, at both client counts.
    rates: list(env.BENCH_RATES, [10, 100, 1000, 3000]),
    windowMs: int(env.BENCH_WINDOW_MS, quick ? 1500 : 0),
    drainMs: int(env.BENCH_DRAIN_MS, 2000),
    settleMs: int(env.BENCH_SETTLE_MS, quick ? 2000 : 4000),
    loadgens: int(env.BENCH_LOADGENS, defaultLoadgens),
    servers,
    memorySockets: int(env.BENCH_MEMORY_SOCKETS, quick ? 1000 : 5000),
    catchUpSize: 1000,
    ingestCount: int(env.BENCH_INGEST_COUNT, quick ? 3000 : 10_000),
    profile: env.BENCH_PROFILE === '1',
  };
}

/** Enough samples at every rate (50 headlines at 10/s) without overloaded windows dragging on. */
export function windowMsFor(settings: Settings, rate: number): number {
  if (settings.windowMs > 0) return settings.windowMs;
  if (rate <= 10) return 5000;
  if (rate <= 100) return 3000;
  return 2000;
}
