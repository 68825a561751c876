/**
 * `subscribe` and `unsubscribe` for one socket. Operations of a socket run one at a time
 * (a queue in its state), so a subscribe's backlog/live hand-over never interleaves with
 * another change of the same socket's channels.
 */
import type { FailureAck, ProtocolError, SubscribeAck, UnsubscribeAck } from '../../protocol/events.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { RecentWindow } from '../live/recent-window.ts';
import { MAX_CHANNELS } from '../../protocol/channels.ts';
import type { Backlog } from '../handover/backlog.ts';
import { HandOver, type HandOverSubscriber, type Refusal } from '../handover/hand-over.ts';
import type { Broadcaster, LiveSink, Membership } from '../live/broadcaster.ts';
import { unionChannels, withoutChannels } from '../live/channel-set.ts';
import { changesFor } from '../live/live-entry.ts';
import { parseSubscribe, parseUnsubscribe, type ValidSubscribe } from './payload.ts';
import type { TokenBucket } from './rate-limit.ts';
import type { EngineAdapter } from './engine-adapter.ts';
import type { GatewaySocket } from './types.ts';

export interface SocketState extends TokenBucket {
  /** The live group's own list while the socket is in one: sockets of a group share it. */
  channels: readonly string[];
  membership: Membership | undefined;
  /** The subscribe being handed over from backlog to live, cancelled when the socket goes away. */
  handOver: HandOver | undefined;
  /** The tail of the socket's pending operations; undefined when none is pending. */
  queue: Promise<void> | undefined;
  closed: boolean;
}

export interface HandlerDeps {
  reader: HeadlineReader;
  window?: RecentWindow | undefined;
  broadcaster: Broadcaster<GatewaySocket>;
  engine: EngineAdapter;
  logger: Logger;
  metrics: Metrics;
}

type Reply<T> = (response: T | FailureAck) => void;

function failure(code: ProtocolError['code'], message: string): FailureAck {
  return { ok: false, error: { code, message } };
}

/** Runs `operation` after the socket's earlier operations; failures are logged, never thrown. */
function enqueue(state: SocketState, deps: HandlerDeps, operation: () => Promise<void>): void {
  const tail: Promise<void> = (state.queue ?? Promise.resolve())
    .then(operation)
    .catch((error: unknown) => {
      deps.metrics.errors.inc({ component: 'socket', code: describeError(error).code });
      deps.logger.error({ err: error }, 'socket operation failed');
    })
    .then(() => {
      // An idle socket keeps no settled promise chain.
      if (state.queue === tail) state.queue = undefined;
    });
  state.queue = tail;
}

/** Takes the ack argument only when it is a function: a missing callback means no answer. */
export function replyOf<T>(ack: unknown): Reply<T> | undefined {
  return typeof ack === 'function' ? (ack as Reply<T>) : undefined;
}

export function handleSubscribe(socket: GatewaySocket, state: SocketState, deps: HandlerDeps, payload: unknown, ack: unknown): void {
  const reply = replyOf<SubscribeAck>(ack);
  if (reply === undefined) {
    deps.metrics.errors.inc({ component: 'socket', code: 'NO_ACK' });
    return;
  }
  const parsed = parseSubscribe(payload);
  if (!parsed.ok) {
    reply({ ok: false, error: parsed.error });
    return;
  }
  enqueue(state, deps, () => subscribe(socket, state, deps, parsed.value, reply));
}

export function handleUnsubscribe(socket: GatewaySocket, state: SocketState, deps: HandlerDeps, payload: unknown, ack: unknown): void {
  const reply = replyOf<UnsubscribeAck>(ack);
  const parsed = parseUnsubscribe(payload);
  if (!parsed.ok) {
    reply?.({ ok: false, error: parsed.error });
    return;
  }
  enqueue(state, deps, () => {
    if (state.closed) return Promise.resolve();
    const remaining = withoutChannels(state.channels, parsed.value);
    // Leave and join in one tick: no live batch can fall between them.
    setLive(socket, state, deps, remaining);
    reply?.({ ok: true, channels: remaining });
    return Promise.resolve();
  });
}

/** Moves the socket to the live group of `channels` (or none when empty). */
function setLive(socket: GatewaySocket, state: SocketState, deps: HandlerDeps, channels: readonly string[]): void {
  leaveLive(state);
  state.channels = channels;
  if (channels.length === 0) return;
  const membership = deps.broadcaster.join(channels, { kind: 'member', member: socket });
  state.membership = membership;
  // The group's list has the same names in the same (sorted) order; keeping it instead of
  // this socket's copy leaves one list per group rather than one per socket.
  state.channels = membership.channels;
}

function leaveLive(state: SocketState): void {
  const membership = state.membership;
  if (membership === undefined) return;
  state.membership = undefined;
  membership.leave();
}

async function subscribe(socket: GatewaySocket, state: SocketState, deps: HandlerDeps, request: ValidSubscribe, reply: Reply<SubscribeAck>): Promise<void> {
  if (state.closed) return;
  const channels = unionChannels(state.channels, request.channels);
  if (channels.length > MAX_CHANNELS) {
    reply(failure('BAD_CHANNEL', `at most ${MAX_CHANNELS} channels per connection`));
    return;
  }
  const handOver = new HandOver(deps, new SocketSubscriber(socket, state, deps, { request, channels }, reply));
  state.handOver = handOver;
  await handOver.run({ backlogChannels: request.channels, channels, since: request.since, limit: request.limit });
  if (state.handOver === handOver) state.handOver = undefined;
}

/** One subscribe's side of the hand-over: the ack carries the backlog, then the socket goes live. */
class SocketSubscriber implements HandOverSubscriber {
  readonly transport = 'socket.io';
  readonly liveChannels: readonly string[];
  readonly sink: LiveSink;

  constructor(
    private readonly socket: GatewaySocket,
    private readonly state: SocketState,
    private readonly deps: HandlerDeps,
    private readonly subscribe: { request: ValidSubscribe; channels: string[] },
    private readonly reply: Reply<SubscribeAck>,
  ) {
    this.liveChannels = state.channels;
    this.sink = {
      write: (headlines) => socket.emit('headlines', [...headlines]),
      writeChanges: (changes) => socket.emit('changes', [...changes]),
    };
  }

  get gone(): boolean {
    return this.state.closed;
  }

  pauseLive(): void {
    leaveLive(this.state);
  }

  refuse(refusal: Refusal): void {
    if (refusal.reason === 'starting') {
      this.reply(failure('UNAVAILABLE', refusal.error.message));
      return;
    }
    this.deps.metrics.errors.inc({ component: 'socket', code: 'UNAVAILABLE' });
    this.deps.logger.warn({ err: describeError(refusal.error).message }, 'subscribe: backlog read failed');
    this.reply(failure('UNAVAILABLE', 'headline store is unavailable; retry shortly'));
  }

  /** The ack goes out before anything buffered: a socket's packets leave in emit order. */
  deliverBacklog(backlog: Backlog): void {
    const { request, channels } = this.subscribe;
    const resumed = request.since !== undefined;
    const changes = resumed ? changesFor(request.channels, backlog.changes) : [];
    this.reply({ ok: true, channels, headlines: backlog.headlines, recovered: backlog.recovered && resumed, ...(resumed ? { changes } : {}) });
    this.deps.metrics.headlinesDelivered.inc({ transport: 'socket.io', path: 'backlog' }, backlog.headlines.length);
    if (changes.length > 0) this.deps.metrics.changesDelivered.inc({ transport: 'socket.io', path: 'backlog' }, changes.length);
  }

  goLive(channels: readonly string[]): void {
    setLive(this.socket, this.state, this.deps, channels);
  }

  fellBehind(): void {
    dropBehind(this.socket, this.deps, 'backlog hand-over buffer overflowed');
  }
}

/**
 * Closes the transport (not a server-side disconnect): the client reconnects by itself and
 * resumes with `since`, which is exactly what a client that fell behind needs.
 * `close(true)` discards the unsent output: without it engine.io waits for the write buffer
 * to drain before closing, which a client that stopped reading never lets happen (the socket
 * would stay open and be counted again on every check). Nothing is lost by discarding: the
 * client resumes after the last id it did receive.
 */
export function dropBehind(socket: GatewaySocket, deps: HandlerDeps, reason: string): void {
  deps.metrics.slowConsumerDisconnects.inc({ transport: 'socket.io' });
  deps.logger.warn({ socket: socket.id, reason }, 'dropping slow consumer');
  socket.conn.close(true);
  deps.engine.terminate(socket.conn);
}

/** Cleans up a socket's live membership and any hand-over; idempotent. */
export function closeSocketState(state: SocketState): void {
  state.closed = true;
  leaveLive(state);
  state.handOver?.cancel();
  state.handOver = undefined;
}
