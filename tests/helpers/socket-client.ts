/**
 * A test client over the real wire (socket.io-client): subscribes on every (re)connect,
 * resuming from the last id it saw, and records everything it receives in arrival order.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  FailureAck,
  HeadlineChange,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
  UnsubscribeAck,
  Headline,
} from '../../src/protocol/events.ts';
import { compareStreamIds } from '../../src/protocol/stream-id.ts';
import { maxId } from '../../src/gateway/handover/boundary.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TickerClient {
  readonly socket: ClientSocket;
  /** Ack backlogs and live headlines, in arrival order. */
  readonly received: Headline[];
  /** Ack `changes` and live `changes` events, in arrival order. */
  readonly changes: HeadlineChange[];
  readonly acks: (SubscribeAck | FailureAck)[];
  lastId(): string | undefined;
  subscribe(request: SubscribeRequest): Promise<SubscribeAck | FailureAck>;
  unsubscribe(channels: string[]): Promise<UnsubscribeAck | FailureAck>;
  close(): void;
}

export interface ClientOptions {
  /** Subscribed on every connect; with `since` = the last id seen once anything was seen. */
  channels?: string[];
  limit?: number;
  since?: string;
  extraHeaders?: Record<string, string>;
  transports?: ('websocket' | 'polling')[];
  reconnection?: boolean;
}

function ackTimeout<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`no ack within ${ms} ms`)))]);
}

export function createClient(url: string, options: ClientOptions = {}): TickerClient {
  const socket: ClientSocket = io(url, {
    transports: options.transports ?? ['websocket'],
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0.2,
    forceNew: true,
    ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
  });
  const received: Headline[] = [];
  const changes: HeadlineChange[] = [];
  const acks: (SubscribeAck | FailureAck)[] = [];
  let since = options.since;
  // The resume cursor is the highest id seen of either kind.
  const lastId = (): string | undefined => maxId(received[received.length - 1]?.id, changes[changes.length - 1]?.id) ?? since;
  // The ack is recorded in its callback, not after an await: live `headlines` packets that
  // follow the ack on the wire may be handled before a promise continuation would run.
  const subscribe = (request: SubscribeRequest): Promise<SubscribeAck | FailureAck> =>
    ackTimeout(
      new Promise<SubscribeAck | FailureAck>((resolve) => {
        socket.emit('subscribe', request, (ack) => {
          acks.push(ack);
          if (ack.ok) received.push(...ack.headlines);
          if (ack.ok) changes.push(...(ack.changes ?? []));
          resolve(ack);
        });
      }),
    );
  socket.on('headlines', (headlines) => received.push(...headlines));
  socket.on('changes', (list) => changes.push(...list));
  const channels = options.channels;
  if (channels !== undefined) {
    socket.on('connect', () => {
      const cursor = lastId();
      since = cursor;
      subscribe({ channels, ...(cursor === undefined ? {} : { since: cursor }), ...(options.limit === undefined ? {} : { limit: options.limit }) }).catch(
        (error: unknown) => {
          // A subscribe cut short by a disconnect is retried on the next connect.
          acks.push({ ok: false, error: { code: 'UNAVAILABLE', message: String(error) } });
        },
      );
    });
  }
  return {
    socket,
    received,
    changes,
    acks,
    lastId,
    subscribe,
    unsubscribe: (list) => ackTimeout(socket.emitWithAck('unsubscribe', { channels: list })),
    close: () => socket.disconnect(),
  };
}

/** Clients opened through `open`, closed together by `closeAll` (in afterEach or afterAll). */
export function clientPool(url: () => string): { open(options?: ClientOptions): TickerClient; closeAll(): void } {
  const open: TickerClient[] = [];
  return {
    open: (options = {}) => {
      const created = createClient(url(), options);
      open.push(created);
      return created;
    },
    closeAll: () => {
      for (const c of open.splice(0)) c.close();
    },
  };
}

/** Lost and duplicated ids of `received` against `expected` (in order); also checks order. */
export function deliveryReport(expected: readonly string[], received: readonly { id: string }[]): { lost: number; duplicated: number; outOfOrder: number } {
  const counts = new Map<string, number>();
  for (const { id } of received) counts.set(id, (counts.get(id) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (const id of expected) {
    const count = counts.get(id) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += count - 1;
  }
  const wanted = new Set(expected);
  const order = received.filter((h) => wanted.has(h.id)).map((h) => h.id);
  let outOfOrder = 0;
  for (let i = 1; i < order.length; i += 1) {
    if (compareStreamIds(order[i - 1] ?? '0-0', order[i] ?? '0-0') >= 0) outOfOrder += 1;
  }
  return { lost, duplicated, outOfOrder };
}
