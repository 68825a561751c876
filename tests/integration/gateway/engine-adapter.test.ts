/**
 * engine-adapter.ts relies on how engine.io and ws wire an upgraded connection; these checks run
 * the real libraries, so that an upgrade of either that changes the wiring fails here (or makes
 * the adapter fall back, with its one warning) rather than silently bringing the per-connection
 * memory back or breaking connections.
 */
import type { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Socket as EngineSocket } from 'engine.io';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineAdapter } from '../../../src/gateway/socket/engine-adapter.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { waitFor } from '../../helpers/wait.ts';

interface Opened {
  conn: EngineSocket;
  /** The TCP socket under the connection, taken from the request before it is released. */
  tcp: EventEmitter;
}

let http: HttpServer | undefined;
let server: Server | undefined;
const clients: ClientSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  server?.engine.close();
  await new Promise<void>((resolve) => (http === undefined ? resolve() : http.close(() => resolve())));
  http = undefined;
  server = undefined;
});

const names = (emitter: EventEmitter | undefined, event: string): string[] => (emitter?.listeners(event) ?? []).map((listener) => listener.name);

/** The log lines of a logger, parsed. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', 'test', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/** A Socket.IO server with the gateway's adapter; `cors` puts a middleware on the upgrade path. */
async function start(options: { cors: boolean; directFrames: boolean }): Promise<{ url: string; opened: Opened[]; sockets: Socket[]; adapter: EngineAdapter }> {
  http = createServer();
  server = new Server(http, { serveClient: false, ...(options.cors ? { cors: { origin: '*' } } : {}) });
  const adapter = new EngineAdapter(server.engine, { directFrames: options.directFrames, logger: createLogger('silent') });
  const opened: Opened[] = [];
  const sockets: Socket[] = [];
  server.engine.on('connection', (conn: EngineSocket) => {
    opened.push({ conn, tcp: conn.request.socket });
    adapter.onConnection(conn);
  });
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('echo', (value: unknown, ack: unknown) => {
      if (typeof ack === 'function') (ack as (reply: unknown) => void)(value);
    });
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, opened, sockets, adapter };
}

function client(url: string, transports: ('websocket' | 'polling')[]): ClientSocket {
  const socket = connect(url, { transports, reconnection: false, forceNew: true });
  clients.push(socket);
  return socket;
}

async function stillWorks(c: ClientSocket, sockets: Socket[]): Promise<void> {
  expect(await c.timeout(5_000).emitWithAck('echo', 'ping')).toBe('ping');
  const gone = new Promise((resolve) => sockets[0]?.once('disconnect', resolve));
  c.close();
  expect(await gone).toBe('client namespace disconnect');
}

describe('engine adapter, direct path', () => {
  for (const cors of [true, false]) {
    it(`releases the upgrade request and engine.io's unused listeners (${cors ? 'with' : 'without'} a middleware)`, async () => {
      const { url, opened, sockets, adapter } = await start({ cors, directFrames: true });
      const a = client(url, ['websocket']);
      const b = client(url, ['websocket']);
      await waitFor(() => a.connected && b.connected && sockets.length === 2, { what: 'both connected' });
      expect(adapter.direct).toBe(true);
      for (const { conn, tcp } of opened) {
        expect(conn.request).toBeNull();
        // Only ws's own listener is left on the TCP socket: engine.io's response wrapper let go.
        expect(names(tcp, 'close')).toEqual(['socketOnClose']);
        expect(conn.transport.listenerCount('headers')).toBe(0);
        const ws = (conn.transport as unknown as { socket: EventEmitter }).socket;
        expect(names(ws, 'error')).not.toContain('onUpgradeError');
        expect(ws.listenerCount('error')).toBe(1);
        expect(adapter.directSender(conn)).toBeDefined();
      }
      expect(sockets[0]?.handshake.address).toBe('127.0.0.1');
      // The connections still work both ways, and still close.
      await stillWorks(a, sockets);
      b.disconnect();
      await waitFor(() => sockets[1]?.connected === false, { what: 'second socket closed' });
      expect(adapter.direct).toBe(true);
    });
  }

  it('leaves a polling session that upgrades to WebSocket working', async () => {
    const { url, opened, sockets, adapter } = await start({ cors: true, directFrames: true });
    const c = client(url, ['polling', 'websocket']);
    await waitFor(() => c.connected && c.io.engine.transport.name === 'websocket', { what: 'upgraded' });
    const conn = opened[0]?.conn;
    expect(conn?.request).toBeNull();
    await waitFor(() => conn !== undefined && adapter.directSender(conn) !== undefined, { what: 'the upgraded connection writable directly' });
    await stillWorks(c, sockets);
  });
});

describe('engine adapter, standard path', () => {
  it('GATEWAY_DIRECT_FRAMES=false: releases the request and touches nothing else', async () => {
    const { url, opened, sockets, adapter } = await start({ cors: true, directFrames: false });
    const c = client(url, ['websocket']);
    await waitFor(() => c.connected && sockets.length === 1, { what: 'connected' });
    expect(adapter.direct).toBe(false);
    const { conn, tcp } = opened[0] ?? {};
    expect(conn?.request).toBeNull();
    // engine.io's own listeners stay: its response wrapper's, and the pre-upgrade error listener.
    expect(names(tcp, 'close')).toHaveLength(2);
    expect(names((conn?.transport as unknown as { socket: EventEmitter } | undefined)?.socket, 'error')).toContain('onUpgradeError');
    expect(conn === undefined ? 'no connection' : adapter.directSender(conn)).toBeUndefined();
    await stillWorks(c, sockets);
  });

  it('falls back, with one warning, when ws lacks what the direct path needs', () => {
    // ws as engine.io loads it, with its frame encoder gone, as a ws release without it would be.
    const ws = createRequire(createRequire(import.meta.url).resolve('engine.io'))('ws') as { Sender: { frame?: unknown } };
    const frame = ws.Sender.frame;
    delete ws.Sender.frame;
    try {
      http = createServer();
      server = new Server(http, { serveClient: false });
      const { logger, lines } = capturedLogger();
      const adapter = new EngineAdapter(server.engine, { directFrames: true, logger });
      expect(adapter.direct).toBe(false);
      expect(lines.filter((line) => line.level === 40)).toEqual([expect.objectContaining({ missing: ['ws Sender.frame'] })]);
    } finally {
      ws.Sender.frame = frame;
    }
  });
});
