/**
 * One Socket.IO connection that follows a set of channels and never misses or repeats a
 * headline: it subscribes with `since` = the last id it saw on every (re)connect, buffers
 * live frames until that subscribe is acknowledged, and drops anything not newer than the
 * cursor. Reconnects itself with full-jitter backoff (the client's own backoff is not full jitter).
 */
import { ORIGIN_NOT_ALLOWED, type HeadlineChange, type SubscribeRequest, type Headline } from '../protocol/events.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff.ts';
import { toChange, toHeadline } from './safety.ts';
import { connectIo, type IoConnection } from './socket-io.ts';
import { compareStreamIds as compareIds, isStreamId } from '../protocol/stream-id.ts';

/** `refused`: the service does not serve this page's origin (ALLOWED_ORIGINS); no retry will help. */
export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'refused';


export interface FeedOptions {
  server: string;
  channels: readonly string[];
  /** Backlog size asked for on a fresh subscribe. */
  limit: number;
  onHeadlines(headlines: Headline[], kind: 'backlog' | 'live'): void;
  /** Corrections and retractions, in id order (ignored when absent). */
  onChanges?(changes: HeadlineChange[]): void;
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

/** A live frame held until the subscribe is acknowledged, so the two kinds keep their order. */
type Frame = { kind: 'headlines' | 'changes'; list: unknown[] };

function idOf(value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && isStreamId(id) ? id : '0-0';
}

/** An ack's backlog and changes merged in id order, as runs of one kind (a change follows what it changes). */
function inIdOrder(headlines: readonly unknown[], changes: readonly unknown[]): Frame[] {
  const all = [...headlines.map((raw) => ({ kind: 'headlines' as const, raw })), ...changes.map((raw) => ({ kind: 'changes' as const, raw }))];
  all.sort((a, b) => compareIds(idOf(a.raw), idOf(b.raw)));
  const frames: Frame[] = [];
  for (const { kind, raw } of all) {
    const last = frames[frames.length - 1];
    if (last?.kind === kind) last.list.push(raw);
    else frames.push({ kind, list: [raw] });
  }
  return frames;
}

function isOkAck(value: unknown): value is { ok: true; headlines: unknown[]; changes?: unknown } {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true && Array.isArray((value as { headlines?: unknown }).headlines);
}

function failureOf(value: unknown): { code: string; message: string } | null {
  const error = typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : code } : null;
}

export function openFeed(options: FeedOptions): Feed {
  let connection: IoConnection | undefined;
  let lastId: string | undefined;
  let subscribed = false;
  let pending: Frame[] = [];
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The entries of a frame that are well-formed and newer than the cursor, which they move on.
   * Change ids share the cursor with headline ids: a resume brings back the changes missed too.
   */
  const newer = <T extends { id: string }>(list: readonly unknown[], check: (raw: unknown) => T | null): T[] => {
    const fresh: T[] = [];
    for (const raw of list) {
      const entry = check(raw);
      if (entry === null || (lastId !== undefined && compareIds(entry.id, lastId) <= 0)) continue;
      lastId = entry.id;
      fresh.push(entry);
    }
    return fresh;
  };

  const accept = (list: readonly unknown[], kind: 'backlog' | 'live'): void => {
    const fresh = newer(list, toHeadline);
    if (fresh.length > 0) options.onHeadlines(fresh, kind);
  };

  const acceptChanges = (list: readonly unknown[]): void => {
    const fresh = newer(list, toChange);
    if (fresh.length > 0) options.onChanges?.(fresh);
  };

  const acceptFrame = (frame: Frame): void => {
    if (frame.kind === 'changes') acceptChanges(frame.list);
    else accept(frame.list, 'live');
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
      connect();
    }, delay);
  };

  const stop = (status: 'failed' | 'refused', message: string): void => {
    closed = true;
    clearTimeout(quietTimer);
    connection?.close();
    options.onStatus(status, message);
  };

  const subscribe = async (current: IoConnection): Promise<void> => {
    const request: SubscribeRequest = { channels: [...options.channels], limit: options.limit };
    if (lastId !== undefined) request.since = lastId;
    // Checked as unknown: a future server may answer differently. A timeout or a lost connection rejects.
    const ack: unknown = await current.request('subscribe', request, ACK_TIMEOUT_MS).catch(() => undefined);
    if (closed || current !== connection) return;
    if (!isOkAck(ack)) {
      const failure = failureOf(ack);
      if (failure !== null && PERMANENT.has(failure.code)) {
        stop('failed', failure.message);
        return;
      }
      current.close(); // and retried, as any lost connection
      lost(current);
      return;
    }
    const changes = Array.isArray(ack.changes) ? (ack.changes as unknown[]) : [];
    for (const frame of inIdOrder(ack.headlines, changes)) {
      if (frame.kind === 'changes') acceptChanges(frame.list);
      else accept(frame.list, 'backlog');
    }
    subscribed = true;
    for (const frame of pending) acceptFrame(frame);
    pending = [];
    attempt = 0;
    clearTimeout(quietTimer);
    quietTimer = undefined;
    options.onStatus('live');
  };

  const lost = (current: IoConnection): void => {
    if (current !== connection) return;
    connection = undefined;
    subscribed = false;
    retry();
  };

  const connect = (): void => {
    if (closed || connection !== undefined) return;
    subscribed = false;
    pending = [];
    const current: IoConnection = connectIo(options.server, {
      connect: () => void subscribe(current),
      event: (name, args) => {
        const list = args[0];
        if ((name !== 'headlines' && name !== 'changes') || !Array.isArray(list)) return;
        const frame: Frame = { kind: name, list: list as unknown[] };
        if (subscribed) acceptFrame(frame);
        else pending.push(frame);
      },
      refused: (message, data) => {
        const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
        if (code === ORIGIN_NOT_ALLOWED) stop('refused', message);
        else lost(current);
      },
      closed: () => lost(current),
    });
    connection = current;
  };

  // Back online: try at once rather than wait out a long backoff (this client's own network
  // returned, so there is no herd of clients to spread out).
  const onOnline = (): void => {
    if (closed || connection !== undefined) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt = 0;
    connect();
  };
  window.addEventListener('online', onOnline);

  options.onStatus('connecting');
  connect();

  return {
    get lastId() {
      return lastId;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(quietTimer);
      window.removeEventListener('online', onOnline);
      connection?.close();
    },
  };
}
