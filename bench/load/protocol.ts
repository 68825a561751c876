/** IPC messages between the bench runner and the load-generator processes. */
import type { SparseHistogram } from '../lib/histogram.ts';

export type LoadCommand =
  | { type: 'connect'; group: string; url: string; clients: string[][]; concurrency: number; timeoutMs: number }
  | { type: 'progress'; window: number }
  | { type: 'collect'; window: number }
  | { type: 'disconnect'; group?: string };

export interface ConnectedReply {
  type: 'connected';
  group: string;
  ok: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface ProgressReply {
  type: 'progress';
  window: number;
  deliveries: number;
  /** Monotonic µs of the last receipt counted in this window, 0 if none. */
  lastReceiptMicros: number;
  /** Receipts of all windows so far, to tell when a server has gone quiet. */
  totalReceipts: number;
}

export interface StatsReply {
  type: 'stats';
  window: number;
  deliveries: number;
  frames: number;
  lastReceiptMicros: number;
  histogram: SparseHistogram;
  /** Per group: sockets that closed since they connected (dropped by the server). */
  closed: Record<string, number>;
}

export type LoadReply = ConnectedReply | ProgressReply | StatsReply | { type: 'disconnected' } | { type: 'ready' };

/**
 * The marker the publisher puts in each title: `~BW<window>.<seq>.<publish µs>~`. Clients
 * find it with a byte search, so they never JSON-parse a frame on the hot path.
 */
export const MARKER_PREFIX = '~BW';

export function marker(window: number, seq: number, publishMicros: number): string {
  return `${MARKER_PREFIX}${window}.${seq}.${publishMicros}~`;
}
