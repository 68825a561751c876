/**
 * The one module that touches engine.io's and ws's internals, and the switch between the two
 * paths of the gateway's Socket.IO server.
 *
 * The direct path relies on, each measured worth it (docs/PERFORMANCE.md):
 *  - live frames written straight to each WebSocket (`conn.writeBuffer`, `conn.transport.socket`,
 *    ws's `_sender.sendFrame` and `Sender.frame`): engine.io's per-packet bookkeeping was a
 *    quarter of the gateway's CPU at 5,000 clients;
 *  - slow consumers measured and cut off (`writeBuffer`'s packets, the WebSocket's
 *    `bufferedAmount` and `terminate`);
 *  - per-connection memory: the upgrade response's `close` listener (the first, anonymous one
 *    on the TCP socket, which keeps the upgrade request alive), the WebSocket transport's
 *    `headers` listener and the pre-upgrade `onUpgradeError` listener.
 *
 * At start-up it checks what the classes show: ws as engine.io loads it (`Sender.frame`,
 * `sendFrame`, `terminate`, `bufferedAmount`), and that engine.io runs that ws. What only
 * instances show is checked on first sight, before anything relies on it: the first
 * connection, the first WebSocket, the first upgrade. Anything missing: one warning, and from
 * then on the standard path, which uses public API only: Socket.IO's own broadcast, engine.io's
 * documented `packetCreate` and `flush` events, and the TCP socket of a session that started on
 * WebSocket. GATEWAY_DIRECT_FRAMES=false chooses the standard path from the start. On both,
 * `conn.request = null`, as Socket.IO's memory-usage guide recommends.
 */
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { Server as Engine, Socket as EngineSocket } from 'engine.io';
import type { Logger } from '../../shared/logger.ts';

/** A WebSocket's frame writer (ws's Sender). */
export interface FrameSender {
  sendFrame(list: Buffer[], callback?: (error?: Error) => void): void;
}

type FrameOptions = { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean };
type Class = abstract new (...args: never[]) => unknown;

/** ws as the direct path uses it, once checked. */
interface WsInternals {
  readonly WebSocket: Class;
  readonly Sender: Class & { frame(data: Buffer, options: FrameOptions): Buffer[] };
}

/** What the direct path reads of a connection; every field checked before use. */
interface ConnView {
  readyState?: unknown;
  upgrading?: unknown;
  writeBuffer?: unknown;
  request?: IncomingMessage | null;
  transport?: { name?: unknown; writable?: unknown; socket?: WsView };
}

interface WsView {
  readyState?: unknown;
  bufferedAmount?: unknown;
  terminate?: unknown;
  _sender?: Partial<FrameSender>;
  listeners?(event: string): ((...args: unknown[]) => void)[];
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

const TEXT_OPCODE = 1;
const WS_OPEN = 1;

/** A property of something that may not be an object, read without trusting its shape. */
function field(value: unknown, key: string): unknown {
  return (typeof value === 'object' && value !== null) || typeof value === 'function' ? (value as Record<string, unknown>)[key] : undefined;
}

/** ws as engine.io loads it, with what the direct path needs of it; else the names of what is missing. */
function inspectWs(engine: Engine): WsInternals | string[] {
  let ws: unknown;
  try {
    ws = createRequire(createRequire(import.meta.url).resolve('engine.io'))('ws');
  } catch {
    return ['ws, as engine.io loads it'];
  }
  const sender = field(ws, 'Sender');
  const missing = [
    typeof field(sender, 'frame') === 'function' ? '' : 'ws Sender.frame',
    typeof field(field(sender, 'prototype'), 'sendFrame') === 'function' ? '' : 'ws Sender#sendFrame',
    typeof field(field(ws, 'prototype'), 'terminate') === 'function' ? '' : 'ws WebSocket#terminate',
    typeof Object.getOwnPropertyDescriptor(field(ws, 'prototype') ?? {}, 'bufferedAmount')?.get === 'function' ? '' : 'ws WebSocket#bufferedAmount',
    field(engine.opts, 'wsEngine') === field(ws, 'Server') ? '' : 'engine.io running that ws',
    typeof engine.handleUpgrade === 'function' ? '' : 'engine.io Server#handleUpgrade',
  ].filter((name) => name !== '');
  return missing.length > 0 ? missing : { WebSocket: ws as Class, Sender: sender as WsInternals['Sender'] };
}

/** What EventEmitter.once registers: a wrapper whose `listener` is the function passed. */
function onceTarget(wrapper: unknown): unknown {
  return typeof wrapper === 'function' ? field(wrapper, 'listener') : undefined;
}

export class EngineAdapter {
  /** Undefined on the standard path. */
  private ws: WsInternals | undefined;
  private readonly seen = { connection: false, websocket: false, upgrade: false };
  /** Standard path: bytes engine.io holds for a connection, counted from its public events. */
  private readonly queued = new Map<EngineSocket, number>();
  private readonly counted = new WeakSet<EngineSocket>();
  /** Standard path: the TCP socket of a session that started on WebSocket. */
  private readonly tcp = new WeakMap<EngineSocket, Duplex>();
  private readonly countPacket: (this: EngineSocket, packet: { data?: unknown }) => void;
  private readonly clearCount: (this: EngineSocket) => void;

  constructor(
    engine: Engine,
    private readonly options: { directFrames: boolean; logger: Logger },
  ) {
    const queued = this.queued;
    this.countPacket = function (packet) {
      queued.set(this, (queued.get(this) ?? 0) + byteLength(packet.data));
    };
    this.clearCount = function () {
      queued.delete(this);
    };
    if (!options.directFrames) {
      options.logger.info('GATEWAY_DIRECT_FRAMES=false: live frames go through Socket.IO, engine.io internals are left alone');
      return;
    }
    const ws = inspectWs(engine);
    if (Array.isArray(ws)) {
      options.logger.warn({ missing: ws }, 'engine.io/ws internals are not what the gateway expects: using the standard Socket.IO path');
      return;
    }
    this.ws = ws;
    this.dropUpgradeResponseListeners(engine);
  }

  /** True while live frames go straight to WebSockets. */
  get direct(): boolean {
    return this.ws !== undefined;
  }

  /** From the engine's `connection` event, after anything that reads `conn.request`. */
  onConnection(conn: EngineSocket): void {
    const view = conn as unknown as ConnView;
    if (this.ws !== undefined && !this.seen.connection) {
      this.seen.connection = true;
      if (!Array.isArray(view.writeBuffer) || typeof view.upgrading !== 'boolean') this.fallBack(['engine.io Socket#writeBuffer, #upgrading']);
    }
    const transport = view.transport;
    if (this.ws === undefined && transport?.name === 'websocket' && view.request?.socket !== undefined) this.tcp.set(conn, view.request.socket);
    // The handshake is built from the request later (on the Socket.IO CONNECT packet), so it then
    // has no headers, url nor query; the gateway reads only handshake.address, which comes from
    // engine.io's cached remoteAddress.
    view.request = null;
    if (this.ws === undefined || transport?.name !== 'websocket') return;
    // engine.io's handshake listens for `headers` to add its cookie to polling responses; a
    // WebSocket transport never emits it (an upgraded one never gets the listener at all).
    conn.transport.removeAllListeners('headers');
    // engine.io drops its pre-upgrade `onUpgradeError` listener when a polling session upgrades,
    // but not when a session starts on WebSocket; the transport has its own error listener.
    const ws = transport.socket;
    for (const listener of ws?.listeners?.('error') ?? []) if (listener.name === 'onUpgradeError') ws?.removeListener?.('error', listener);
  }

  /**
   * The WebSocket sender to write a frame to directly, or undefined when engine.io must queue
   * it: only when nothing of engine.io's can be ahead of the frame (open, not upgrading, empty
   * write buffer, writable WebSocket transport), so that it lands where engine.io would have
   * put it. Plain property reads: this runs once per socket per broadcast.
   */
  directSender(conn: EngineSocket): FrameSender | undefined {
    if (this.ws === undefined) return undefined;
    const view = conn as unknown as ConnView;
    if (view.readyState !== 'open' || view.upgrading === true || (view.writeBuffer as unknown[] | undefined)?.length !== 0) return undefined;
    const transport = view.transport;
    if (transport?.name !== 'websocket' || transport.writable !== true) return undefined;
    const ws = transport.socket;
    if (!this.seen.websocket && !this.checkWebSocket(ws)) return undefined;
    return ws?.readyState === WS_OPEN ? (ws._sender as FrameSender) : undefined;
  }

  /** One WebSocket text frame holding `text`, header and payload in one buffer: one write per socket. */
  textFrame(text: string): Buffer[] {
    if (this.ws === undefined) throw new Error('textFrame is for the direct path only');
    return [Buffer.concat(this.ws.Sender.frame(Buffer.from(text), { readOnly: false, mask: false, rsv1: false, opcode: TEXT_OPCODE, fin: true }))];
  }

  /** Bytes queued for `conn` that its client has not received. */
  bufferedBytes(conn: EngineSocket): number {
    if (this.ws === undefined) return this.publicBufferedBytes(conn);
    const view = conn as unknown as ConnView;
    let total = 0;
    if (Array.isArray(view.writeBuffer)) for (const packet of view.writeBuffer as unknown[]) total += byteLength(field(packet, 'data'));
    const amount = view.transport?.socket?.bufferedAmount;
    return typeof amount === 'number' ? total + amount : total;
  }

  /**
   * Destroys the TCP connection under a WebSocket transport at once. Closing the transport only
   * starts a close handshake that queues behind the unsent output, so for a peer that stopped
   * reading, ws would hold that output (and the connection) for its 30 s close timeout.
   * Polling transports hold nothing once engine.io discards its write buffer.
   */
  terminate(conn: EngineSocket): void {
    if (this.ws === undefined) {
      this.tcp.get(conn)?.destroy();
      return;
    }
    const ws = (conn as unknown as ConnView).transport?.socket;
    if (typeof ws?.terminate === 'function') (ws.terminate as () => void).call(ws);
  }

  /** Standard path: what engine.io's `packetCreate` and `flush` events say it holds, plus the TCP socket's buffer. */
  private publicBufferedBytes(conn: EngineSocket): number {
    if (!this.counted.has(conn)) {
      this.counted.add(conn);
      conn.on('packetCreate', this.countPacket);
      conn.on('flush', this.clearCount);
      conn.on('close', this.clearCount);
    }
    return (this.queued.get(conn) ?? 0) + (this.tcp.get(conn)?.writableLength ?? 0);
  }

  private checkWebSocket(ws: WsView | undefined): boolean {
    this.seen.websocket = true;
    const internals = this.ws;
    if (internals !== undefined && ws instanceof internals.WebSocket && field(ws, '_sender') instanceof internals.Sender) return true;
    this.fallBack(['engine.io WebSocket transport#socket, ws WebSocket#_sender']);
    return false;
  }

  /**
   * engine.io wraps each WebSocket upgrade in a WebSocketResponse so that its middlewares (here:
   * cors) see a response object. Its constructor puts a `once('close')` on the TCP socket to tell
   * those middlewares that the response is done, and that listener, never removed while the
   * connection lives, keeps the wrapper and through it the upgrade request alive. No middleware
   * of ours listens for that `close`, so the listener is taken off again as soon as
   * `handleUpgrade` has added it: the first `close` listener added there (the constructor runs
   * before anything else touches the socket), anonymous; anything else is left alone.
   */
  private dropUpgradeResponseListeners(engine: Engine): void {
    const handleUpgrade = engine.handleUpgrade.bind(engine);
    engine.handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const before = socket.listenerCount('close');
      handleUpgrade(req, socket, head);
      if (this.ws === undefined) return;
      const added: unknown = socket.rawListeners('close')[before];
      const listener = onceTarget(added);
      const found = typeof listener === 'function' && listener.name === '';
      if (found) socket.removeListener('close', added as (...args: unknown[]) => void);
      if (!this.seen.upgrade && !found) this.fallBack(["engine.io's upgrade-response close listener"]);
      this.seen.upgrade = true;
    };
  }

  /** One warning, then the standard path for good. */
  private fallBack(missing: string[]): void {
    if (this.ws === undefined) return;
    this.ws = undefined;
    this.options.logger.warn({ missing }, 'engine.io/ws internals are not what the gateway expects: using the standard Socket.IO path');
  }
}

function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
