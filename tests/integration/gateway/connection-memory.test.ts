/**
 * connection-memory.ts relies on how engine.io and ws wire an upgraded connection; these
 * checks run the real libraries so that an upgrade of either that changes the wiring fails
 * here rather than silently bringing the per-connection memory back (or breaking connections).
 */
import type { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket as EngineSocket } from 'engine.io';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { dropUpgradeResponseListeners, trimConnection, trimHandshake } from '../../../src/gateway/socket/connection-memory.ts';
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

/** A Socket.IO server trimmed as the gateway's is; `cors` puts a middleware on the upgrade path. */
async function start(cors: boolean): Promise<{ url: string; opened: Opened[]; sockets: Socket[] }> {
  http = createServer();
  server = new Server(http, { serveClient: false, ...(cors ? { cors: { origin: '*' } } : {}) });
  dropUpgradeResponseListeners(server.engine);
  const opened: Opened[] = [];
  const sockets: Socket[] = [];
  server.engine.on('connection', (conn: EngineSocket) => {
    opened.push({ conn, tcp: conn.request.socket });
    trimConnection(conn);
  });
  server.on('connection', (socket) => {
    trimHandshake(socket.handshake);
    sockets.push(socket);
    socket.on('echo', (value: unknown, ack: unknown) => {
      if (typeof ack === 'function') (ack as (reply: unknown) => void)(value);
    });
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, opened, sockets };
}

function client(url: string, transports: ('websocket' | 'polling')[]): ClientSocket {
  const socket = connect(url, { transports, reconnection: false, forceNew: true });
  clients.push(socket);
  return socket;
}

describe('connection memory', () => {
  for (const cors of [true, false]) {
    it(`releases the upgrade request and engine.io's unused listeners (${cors ? 'with' : 'without'} a middleware)`, async () => {
      const { url, opened, sockets } = await start(cors);
      const a = client(url, ['websocket']);
      const b = client(url, ['websocket']);
      await waitFor(() => a.connected && b.connected && sockets.length === 2, { what: 'both connected' });
      for (const { conn, tcp } of opened) {
        expect(conn.request).toBeNull();
        // Only ws's own listener is left on the TCP socket: engine.io's response wrapper let go.
        expect(names(tcp, 'close')).toEqual(['socketOnClose']);
        expect(conn.transport.listenerCount('headers')).toBe(0);
        const ws = (conn.transport as unknown as { socket: EventEmitter }).socket;
        expect(names(ws, 'error')).not.toContain('onUpgradeError');
        expect(ws.listenerCount('error')).toBe(1);
      }
      const [first, second] = sockets;
      expect(first?.handshake.headers).toBe(second?.handshake.headers);
      expect(first?.handshake.address).toBe('127.0.0.1');
      // The connections still work both ways, and still close.
      expect(await a.timeout(5_000).emitWithAck('echo', 'ping')).toBe('ping');
      const gone = new Promise((resolve) => first?.once('disconnect', resolve));
      a.close();
      expect(await gone).toBe('client namespace disconnect');
      b.disconnect();
      await waitFor(() => second?.connected === false, { what: 'second socket closed' });
    });
  }

  it('leaves a polling session that upgrades to WebSocket working', async () => {
    const { url, opened, sockets } = await start(true);
    const c = client(url, ['polling', 'websocket']);
    await waitFor(() => c.connected && c.io.engine.transport.name === 'websocket', { what: 'upgraded' });
    expect(opened[0]?.conn.request).toBeNull();
    expect(await c.timeout(5_000).emitWithAck('echo', 42)).toBe(42);
    c.close();
    await waitFor(() => sockets[0]?.connected === false, { what: 'closed' });
  });
});
