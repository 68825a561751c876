/**
 * What engine.io keeps alive for the whole life of a connection although nothing needs it
 * once the connection is open. At thousands of idle sockets per gateway these few objects
 * are a large share of the heap (see bench/tools/heap-breakdown.ts), so they are let go:
 *  - the upgrade request (headers, raw headers, stream state: about 1.3 KB with what holds it);
 *  - a `headers` listener that only polling transports ever call;
 *  - an `error` listener on the ws socket that engine.io itself drops once a transport takes over;
 *  - socket.io's per-socket copies of empty handshake objects and of the handshake time.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server as Engine, Socket as EngineSocket } from 'engine.io';
import type { GatewaySocket } from './types.ts';

type Handshake = GatewaySocket['handshake'];

/** What EventEmitter.once registers: a wrapper whose `listener` is the function passed. */
function onceTarget(wrapper: unknown): unknown {
  return typeof wrapper === 'function' ? (wrapper as { listener?: unknown }).listener : undefined;
}

/**
 * engine.io wraps each WebSocket upgrade in a WebSocketResponse so that its middlewares (here:
 * cors) see a response object. The wrapper's constructor puts a `once('close')` on the TCP
 * socket to tell those middlewares that the response is done, and that listener, which is
 * never removed while the connection lives, keeps the wrapper and through it the upgrade
 * request alive. No middleware of ours listens for that `close`, so the listener is taken off
 * again as soon as `handleUpgrade` has added it. It is the first `close` listener added there
 * (the constructor runs before anything else touches the socket); anything else is left alone.
 */
export function dropUpgradeResponseListeners(engine: Engine): void {
  const handleUpgrade = engine.handleUpgrade.bind(engine);
  engine.handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const before = socket.listenerCount('close');
    handleUpgrade(req, socket, head);
    const added: unknown = socket.rawListeners('close')[before];
    const listener = onceTarget(added);
    if (typeof listener === 'function' && listener.name === '') socket.removeListener('close', added as (...args: unknown[]) => void);
  };
}

/**
 * Lets go of what a newly opened engine.io connection holds but never uses again. Call it from
 * the engine's `connection` event, after anything that reads `conn.request`.
 */
export function trimConnection(conn: EngineSocket): void {
  // As socket.io's memory-usage guide suggests. socket.handshake is built from the request
  // later (on the Socket.IO CONNECT packet), so it then has no headers, url nor query; the
  // gateway only reads handshake.address, which comes from engine.io's cached remoteAddress.
  (conn as unknown as { request: IncomingMessage | null }).request = null;
  const transport = conn.transport;
  if (transport.name !== 'websocket') return;
  // engine.io's handshake listens for `headers` to add its cookie to polling responses; a
  // WebSocket transport never emits it (an upgraded one never gets the listener at all).
  transport.removeAllListeners('headers');
  // engine.io drops its pre-upgrade `onUpgradeError` listener when a polling session upgrades,
  // but not when a session starts on WebSocket; the transport has its own error listener.
  const ws = (transport as unknown as { socket?: EventEmitter }).socket;
  for (const listener of ws?.listeners('error') ?? []) {
    if (listener.name === 'onUpgradeError') ws?.removeListener('error', listener as (...args: unknown[]) => void);
  }
}

/** Shared stand-ins for empty handshake objects; frozen, as they belong to every socket. */
const NO_HEADERS: Handshake['headers'] = Object.freeze({});
const NO_QUERY: Handshake['query'] = Object.freeze({});
const NO_AUTH: Handshake['auth'] = Object.freeze({});
let lastTime = '';

function isEmpty(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

/**
 * socket.io builds each socket's handshake with objects of its own: with the request released
 * (trimConnection) its headers and query are empty `{}`, the auth of a client that sends none
 * is an empty `{}` too, and its time is a fresh 60-character string. Equal values are shared
 * instead: same content, one copy (sockets that connect within the same second share a time).
 */
export function trimHandshake(handshake: Handshake): void {
  if (isEmpty(handshake.headers)) handshake.headers = NO_HEADERS;
  if (isEmpty(handshake.query)) handshake.query = NO_QUERY;
  if (isEmpty(handshake.auth)) handshake.auth = NO_AUTH;
  if (handshake.time === lastTime) handshake.time = lastTime;
  else lastTime = handshake.time;
}
