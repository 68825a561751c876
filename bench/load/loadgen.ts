/**
 * Load-generator process: holds its share of the clients, finds each headline's marker in the
 * raw frames, and keeps per-window delivery counts and latency histograms for the runner.
 */
import type WebSocket from 'ws';
import { nowMicros } from '../lib/clock.ts';
import { bucketOf, HISTOGRAM_SIZE, toSparse } from '../lib/histogram.ts';
import { connectClient } from './client.ts';
import { MARKER_PREFIX, type LoadCommand, type LoadReply } from './protocol.ts';
import { describeError } from '../../src/shared/errors.ts';

interface WindowStats {
  deliveries: number;
  frames: number;
  last: number;
  histogram: Uint32Array;
}

const PREFIX = Buffer.from(MARKER_PREFIX);
const DIGIT_0 = 0x30;
const windows = new Map<number, WindowStats>();
/** Clients by group (one group per server under test), and how many of each have closed. */
const groups = new Map<string, WebSocket[]>();
const closed: Record<string, number> = {};
let totalReceipts = 0;

function statsFor(window: number): WindowStats {
  let stats = windows.get(window);
  if (stats === undefined) {
    stats = { deliveries: 0, frames: 0, last: 0, histogram: new Uint32Array(HISTOGRAM_SIZE) };
    windows.set(window, stats);
  }
  return stats;
}

/** Reads an unsigned decimal at `start`; returns the value and the index after it. */
function readNumber(data: Buffer, start: number): [number, number] {
  let value = 0;
  let i = start;
  for (let c = data[i]; c !== undefined && c >= DIGIT_0 && c <= DIGIT_0 + 9; c = data[i]) {
    value = value * 10 + (c - DIGIT_0);
    i += 1;
  }
  return [value, i];
}

function onEvent(data: Buffer): void {
  const now = nowMicros();
  let position = data.indexOf(PREFIX);
  let first = true;
  while (position !== -1) {
    const [window, afterWindow] = readNumber(data, position + PREFIX.length);
    const [, afterSeq] = readNumber(data, afterWindow + 1);
    const [published, afterTime] = readNumber(data, afterSeq + 1);
    const stats = statsFor(window);
    stats.deliveries += 1;
    if (first) stats.frames += 1;
    first = false;
    stats.last = now;
    const bucket = bucketOf(now - published);
    stats.histogram[bucket] = (stats.histogram[bucket] ?? 0) + 1;
    totalReceipts += 1;
    position = data.indexOf(PREFIX, afterTime);
  }
}

async function connectAll(group: string, url: string, clients: string[][], concurrency: number, timeoutMs: number): Promise<LoadReply> {
  const started = Date.now();
  const sockets: WebSocket[] = [];
  groups.set(group, sockets);
  closed[group] = 0;
  const hooks = { onEvent, onClose: () => (closed[group] = (closed[group] ?? 0) + 1) };
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const channels = clients[next] ?? [];
      next += 1;
      try {
        sockets.push(await connectClient(url, channels, hooks, timeoutMs));
      } catch (error) {
        failed += 1;
        firstError ??= describeError(error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { type: 'connected', group, ok: sockets.length, failed, ...(firstError === undefined ? {} : { firstError }), ms: Date.now() - started };
}

function reply(message: LoadReply): void {
  process.send?.(message);
}

process.on('message', (command: LoadCommand) => {
  switch (command.type) {
    case 'connect':
      void connectAll(command.group, command.url, command.clients, command.concurrency, command.timeoutMs).then(reply);
      break;
    case 'progress': {
      const stats = windows.get(command.window);
      reply({ type: 'progress', window: command.window, deliveries: stats?.deliveries ?? 0, lastReceiptMicros: stats?.last ?? 0, totalReceipts });
      break;
    }
    case 'collect': {
      const stats = statsFor(command.window);
      // Older windows can only gain stragglers now; forget them so memory stays bounded.
      for (const key of windows.keys()) if (key <= command.window) windows.delete(key);
      reply({ type: 'stats', window: command.window, deliveries: stats.deliveries, frames: stats.frames, lastReceiptMicros: stats.last, histogram: toSparse(stats.histogram), closed });
      break;
    }
    case 'disconnect':
      for (const [group, sockets] of groups) {
        if (command.group !== undefined && command.group !== group) continue;
        for (const socket of sockets) socket.terminate();
        groups.delete(group);
      }
      reply({ type: 'disconnected' });
      break;
  }
});

process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
