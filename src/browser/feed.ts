/**
 * One Socket.IO connection that follows a set of channels and never misses or repeats a
 * headline: it subscribes with `since` = the last id it saw on every (re)connect, buffers
 * live frames until that subscribe is acknowledged, and drops anything not newer than the
 * cursor. Reconnects itself with full-jitter backoff (the client's own backoff is not full jitter).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeRequest, WireHeadline } from '../protocol/events.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff.ts';
import { toHeadline } from './safety.ts';
import { compareStreamIds as compareIds } from '../protocol/stream-id.ts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface FeedOptions {
  server: string;
  channels: readonly string[];
  /** Backlog size asked for on a fresh subscribe. */
  limit: number;
  onHeadlines(headlines: WireHeadline[], kind: 'backlog' | 'live'): void;
  onStatus(status: FeedStatus, detail?: string): void;
  /** How long a connection may be down before the UI says so (quietly). */
  reconnectingAfterMs?: number;
  backoff?: BackoffPolicy;
}

export interface Feed {
  readonly lastId: string | undefined;
  close(): void;
}

/** Failures that a retry cannot fix: say so and stop. */
const PERMANENT = new Set(['BAD_CHANNEL', 'FORBIDDEN', 'VALIDATION']);
const ACK_TIMEOUT_MS = 10_000;

function isOkAck(value: unknown): value is { ok: true; headlines: unknown[] } {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true && Array.isArray((value as { headlines?: unknown }).headlines);
}

function failureOf(value: unknown): { code: string; message: string } | null {
  const error = typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : code } : null;
}

export function openFeed(options: FeedOptions): Feed {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.server, {
    // WebSocket only: no long-polling fallback that would need sticky sessions behind a balancer.
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
    timeout: ACK_TIMEOUT_MS,
  });
  let lastId: string | undefined;
  let subscribed = false;
  let pending: unknown[] = [];
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;

  const accept = (list: readonly unknown[], kind: 'backlog' | 'live'): void => {
    const fresh: WireHeadline[] = [];
    for (const raw of list) {
      const headline = toHeadline(raw);
      if (headline === null || (lastId !== undefined && compareIds(headline.id, lastId) <= 0)) continue;
      lastId = headline.id;
      fresh.push(headline);
    }
    if (fresh.length > 0) options.onHeadlines(fresh, kind);
  };

  const noteOffline = (): void => {
    quietTimer ??= setTimeout(() => options.onStatus('reconnecting'), options.reconnectingAfterMs ?? 3000);
  };

  const retry = (): void => {
    if (closed || retryTimer !== undefined) return;
    noteOffline();
    const delay = fullJitterDelay(attempt++, options.backoff ?? DEFAULT_BACKOFF);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed && !socket.connected) socket.connect();
    }, delay);
  };

  const fail = (message: string): void => {
    closed = true;
    clearTimeout(quietTimer);
    socket.disconnect();
    options.onStatus('failed', message);
  };

  socket.on('connect', () => {
    subscribed = false;
    pending = [];
    const request: SubscribeRequest = { channels: [...options.channels], limit: options.limit };
    if (lastId !== undefined) request.since = lastId;
    socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', request, (error, response) => {
      if (closed) return;
      // Checked as unknown: a timeout leaves no answer, and a future server may answer differently.
      const ack: unknown = error === null ? response : undefined;
      if (!isOkAck(ack)) {
        const failure = failureOf(ack);
        if (failure !== null && PERMANENT.has(failure.code)) {
          fail(failure.message);
          return;
        }
        socket.disconnect();
        retry();
        return;
      }
      accept(ack.headlines, 'backlog');
      subscribed = true;
      accept(pending, 'live');
      pending = [];
      attempt = 0;
      clearTimeout(quietTimer);
      quietTimer = undefined;
      options.onStatus('live');
    });
  });

  socket.on('headlines', (list: unknown) => {
    if (!Array.isArray(list)) return;
    if (subscribed) accept(list, 'live');
    else pending.push(...(list as unknown[]));
  });

  socket.on('disconnect', () => {
    subscribed = false;
    retry();
  });
  socket.on('connect_error', () => retry());

  // Back online: try at once rather than wait out a long backoff (this client's own network
  // returned, so there is no herd of clients to spread out).
  const onOnline = (): void => {
    if (closed || socket.connected) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt = 0;
    socket.connect();
  };
  window.addEventListener('online', onOnline);

  options.onStatus('connecting');
  socket.connect();

  return {
    get lastId() {
      return lastId;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(quietTimer);
      window.removeEventListener('online', onOnline);
      socket.disconnect();
    },
  };
}
