/**
 * The Socket.IO sockets' events: each socket's state, the event rate limit, and one set of
 * listeners shared by every socket (socket.io calls them with the socket as `this`), so idle
 * connections hold no per-socket closures.
 */
import { describeError } from '../../shared/errors.ts';
import { takeToken, type BucketRate } from './rate-limit.ts';
import { closeSocketState, handleSubscribe, handleUnsubscribe, replyOf, type HandlerDeps, type SocketState } from './subscribe-handler.ts';
import type { GatewaySocket } from './types.ts';

/** The channels of a socket not subscribed yet: one shared empty list. */
const NO_CHANNELS: readonly string[] = Object.freeze([]);
/** Refusals in a row after which a socket counts as flooding and is disconnected. */
const FLOOD_REFUSALS = 20;

type EventListener = (this: GatewaySocket, payload: unknown, ack: unknown) => void;

export class SocketEvents {
  private readonly states = new Map<GatewaySocket, SocketState>();
  private readonly rate: BucketRate;
  private readonly onSubscribe: EventListener;
  private readonly onUnsubscribe: EventListener;
  private readonly onSocketError: (this: GatewaySocket, error: unknown) => void;
  private readonly onSocketDisconnect: (this: GatewaySocket) => void;

  constructor(
    private readonly deps: HandlerDeps,
    subscribeBurst: number,
  ) {
    this.rate = { capacity: subscribeBurst, refillPerSecond: subscribeBurst / 10 };
    // Bound once per server; the listeners' own `this` is the socket.
    const onEvent = this.onEvent.bind(this);
    const onError = this.onError.bind(this);
    const onDisconnect = this.onDisconnect.bind(this);
    this.onSubscribe = function (payload, ack) {
      onEvent(this, ack, (state) => handleSubscribe(this, state, deps, payload, ack));
    };
    this.onUnsubscribe = function (payload, ack) {
      onEvent(this, ack, (state) => handleUnsubscribe(this, state, deps, payload, ack));
    };
    this.onSocketError = function (error) {
      onError(this, error);
    };
    this.onSocketDisconnect = function () {
      onDisconnect(this);
    };
  }

  /** Open sockets on this gateway. */
  get size(): number {
    return this.states.size;
  }

  sockets(): IterableIterator<GatewaySocket> {
    return this.states.keys();
  }

  attach(socket: GatewaySocket): void {
    const state: SocketState = { channels: NO_CHANNELS, membership: undefined, handOver: undefined, queue: undefined, closed: false, tokens: this.rate.capacity, tokensAt: Date.now(), refusals: 0 };
    this.states.set(socket, state);
    this.deps.metrics.gatewaySockets.inc();
    // Handlers take `unknown`: the typed maps say what a good client sends, not what arrives.
    socket.on('subscribe', this.onSubscribe);
    socket.on('unsubscribe', this.onUnsubscribe);
    socket.on('error', this.onSocketError);
    socket.on('disconnect', this.onSocketDisconnect);
  }

  /** Ends every socket's live membership and hand-over (shutdown). */
  closeAll(): void {
    for (const state of this.states.values()) closeSocketState(state);
  }

  /**
   * The event rate limit, checked by the handlers of the events the gateway answers (a
   * `socket.use` middleware would cost every socket a closure and an array). Events without
   * a handler are dropped by socket.io after decoding; the packet flood guard bounds those.
   * Out of tokens, the event is answered with RATE_LIMITED (when it has an ack) and not
   * handled, and a socket that keeps going is disconnected.
   */
  private onEvent(socket: GatewaySocket, ack: unknown, handle: (state: SocketState) => void): void {
    const state = this.states.get(socket);
    if (state === undefined) return;
    if (takeToken(state, this.rate, Date.now())) {
      handle(state);
      return;
    }
    this.deps.metrics.rateLimitHits.inc({ kind: 'socket-event' });
    replyOf<never>(ack)?.({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests; slow down' } });
    if (state.refusals >= FLOOD_REFUSALS) {
      this.deps.logger.warn({ socket: socket.id, ip: socket.handshake.address }, 'disconnecting a flooding socket');
      this.deps.metrics.rateLimitHits.inc({ kind: 'flood-disconnect' });
      socket.disconnect(true);
    }
  }

  private onError(socket: GatewaySocket, error: unknown): void {
    // socket.io reports its errors as Error objects; a client may also send an event named
    // "error", whose JSON arguments never are one: that is no error of ours, and is ignored.
    if (!(error instanceof Error)) return;
    this.deps.metrics.errors.inc({ component: 'socket', code: describeError(error).code });
    this.deps.logger.warn({ socket: socket.id, err: error.message }, 'socket error');
  }

  private onDisconnect(socket: GatewaySocket): void {
    const state = this.states.get(socket);
    if (state === undefined) return;
    closeSocketState(state);
    this.states.delete(socket);
    this.deps.metrics.gatewaySockets.dec();
  }
}
