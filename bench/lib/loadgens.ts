/** The runner's handle on the load-generator processes: connect, sample, collect, disconnect. */
import { HISTOGRAM_SIZE, mergeSparse } from './histogram.ts';
import { cpuSeconds, startChild, type Child } from './procs.ts';
import type { ConnectedReply, ProgressReply, StatsReply } from '../load/protocol.ts';

export interface MergedStats {
  deliveries: number;
  frames: number;
  lastReceiptMicros: number;
  histogram: Uint32Array;
  closed: Record<string, number>;
}

function sumRecords(records: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) for (const [key, value] of Object.entries(record)) out[key] = (out[key] ?? 0) + value;
  return out;
}

export class LoadGenerators {
  private constructor(private readonly children: Child[]) {}

  static async start(count: number): Promise<LoadGenerators> {
    const children = Array.from({ length: count }, () => startChild({ script: 'bench/load/loadgen.ts', capture: true }));
    await Promise.all(children.map((child) => child.next('ready', 30_000)));
    return new LoadGenerators(children);
  }

  get pids(): number[] {
    return this.children.map((child) => child.pid);
  }

  cpuSeconds(): number {
    return this.children.reduce((sum, child) => sum + cpuSeconds(child.pid), 0);
  }

  /** Splits the clients evenly; resolves with how many connected and subscribed. */
  async connect(group: string, url: string, clients: string[][], timeoutMs = 120_000): Promise<{ ok: number; failed: number; firstError?: string; ms: number }> {
    const shares = this.children.map((_, index) => clients.filter((_client, i) => i % this.children.length === index));
    this.children.forEach((child, index) => child.send({ type: 'connect', group, url, clients: shares[index] ?? [], concurrency: 100, timeoutMs: 20_000 }));
    const replies = await Promise.all(this.children.map((child) => child.next<ConnectedReply>('connected', timeoutMs)));
    const firstError = replies.find((reply) => reply.firstError !== undefined)?.firstError;
    return {
      ok: replies.reduce((sum, reply) => sum + reply.ok, 0),
      failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
      ...(firstError === undefined ? {} : { firstError }),
      ms: Math.max(...replies.map((reply) => reply.ms)),
    };
  }

  async progress(window: number): Promise<{ deliveries: number; lastReceiptMicros: number; totalReceipts: number }> {
    this.children.forEach((child) => child.send({ type: 'progress', window }));
    const replies = await Promise.all(this.children.map((child) => child.next<ProgressReply>('progress', 30_000)));
    return {
      deliveries: replies.reduce((sum, reply) => sum + reply.deliveries, 0),
      lastReceiptMicros: Math.max(0, ...replies.map((reply) => reply.lastReceiptMicros)),
      totalReceipts: replies.reduce((sum, reply) => sum + reply.totalReceipts, 0),
    };
  }

  async collect(window: number): Promise<MergedStats> {
    this.children.forEach((child) => child.send({ type: 'collect', window }));
    const replies = await Promise.all(this.children.map((child) => child.next<StatsReply>('stats', 30_000)));
    const histogram = new Uint32Array(HISTOGRAM_SIZE);
    for (const reply of replies) mergeSparse(histogram, reply.histogram);
    return {
      deliveries: replies.reduce((sum, reply) => sum + reply.deliveries, 0),
      frames: replies.reduce((sum, reply) => sum + reply.frames, 0),
      lastReceiptMicros: Math.max(0, ...replies.map((reply) => reply.lastReceiptMicros)),
      histogram,
      closed: sumRecords(replies.map((reply) => reply.closed)),
    };
  }

  async disconnect(group?: string): Promise<void> {
    this.children.forEach((child) => child.send(group === undefined ? { type: 'disconnect' } : { type: 'disconnect', group }));
    await Promise.all(this.children.map((child) => child.next('disconnected', 30_000)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
  }
}
