/**
 * GET /api/stream: Server-Sent Events with the same gap-free promise as Socket.IO. The
 * stream resumes after `Last-Event-ID` (or `since` on a first connection), and is fed from
 * the gateway's one live loop through the broadcaster, behind the same backlog/live gate.
 */
import type { Request, Response } from 'express';
import { Router } from 'express';
import type { Headline } from '../../headlines/headline.ts';
import { describeError, UnavailableError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import { backlogIds, readBacklog, type Backlog } from '../backlog.ts';
import { changesFor, runsOf, type LiveChange, type LiveEntry } from '../live/live-entry.ts';
import { selectBuffered } from '../live/boundary.ts';
import type { Broadcaster, LiveSink, Membership } from '../live/broadcaster.ts';
import { channelsFromQuery, cursorFrom, limitFromQuery } from './query.ts';

export interface SseDeps {
  reader: HeadlineReader;
  broadcaster: Broadcaster;
  logger: Logger;
  metrics: Metrics;
  heartbeatMs: number;
  maxBufferedBytes: number;
}

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
} as const;

// One encoding per headline object, shared by every stream that sends it.
const frames = new WeakMap<Headline, string>();

function sseFrame(headline: Headline): string {
  let frame = frames.get(headline);
  if (frame === undefined) {
    frame = `id: ${headline.id}\nevent: headline\ndata: ${JSON.stringify(headline)}\n\n`;
    frames.set(headline, frame);
  }
  return frame;
}

/** A correction or retraction: `event: update` or `event: retract`, `id:` the change id, `data:` the change. */
export function sseChangeFrame(change: HeadlineChange): string {
  return `id: ${change.id}\nevent: ${change.type}\ndata: ${JSON.stringify(change)}\n\n`;
}

/** The backlog's headlines and changes in one id-ordered list. */
function mergeEntries(headlines: readonly Headline[], changes: readonly LiveChange[]): LiveEntry[] {
  return [...headlines, ...changes].sort((a, b) => compareStreamIds(a.id, b.id));
}

export interface SseStreams {
  readonly router: Router;
  /** Ends every open stream (shutdown); clients reconnect with Last-Event-ID. */
  closeAll(): void;
}

export function createSseRouter(deps: SseDeps): SseStreams {
  const router = Router();
  const open = new Set<() => void>();

  router.get('/api/stream', async (req: Request, res: Response) => {
    const channels = channelsFromQuery(req.query.channel);
    const limit = limitFromQuery(req.query.limit, 0);
    const since = cursorFrom(req.get('last-event-id'), 'Last-Event-ID') ?? cursorFrom(req.query.since, 'since');

    // A gate opened before the live loop has its start position could miss entries.
    if (!(await deps.broadcaster.whenStarted(5_000))) throw new UnavailableError('the live feed is starting; retry shortly');
    const gate = deps.broadcaster.openGate(channels);
    let backlog: Backlog;
    try {
      backlog = await readBacklog(deps.reader, channels, { since, limit });
    } catch (error) {
      deps.broadcaster.cancel(gate);
      throw error; // answered 503 by the error handler when Redis is down
    }
    if (req.socket.destroyed) {
      deps.broadcaster.cancel(gate);
      return;
    }

    let membership: Membership | undefined;
    let closed = false;
    /** `drop` discards unsent output: ending behind a stalled client's buffer would linger. */
    const close = (drop = false): void => {
      if (closed) return;
      closed = true;
      open.delete(close);
      clearInterval(heartbeat);
      deps.broadcaster.cancel(gate);
      membership?.leave();
      deps.metrics.gatewaySseClients.dec();
      if (drop) res.destroy();
      else res.end();
    };
    const write = (chunk: string): void => {
      if (closed) return;
      res.write(chunk);
      if (res.writableLength > deps.maxBufferedBytes) {
        deps.metrics.slowConsumerDisconnects.inc({ transport: 'sse' });
        deps.logger.warn({ bytes: res.writableLength }, 'dropping slow SSE consumer');
        close(true);
      }
    };
    const sink: LiveSink = {
      write: (headlines) => write(headlines.map(sseFrame).join('')),
      writeChanges: (changes) => write(changes.map(sseChangeFrame).join('')),
    };
    /** Headlines and changes in id order, each as the live path would send it. */
    const writeEntries = (entries: readonly LiveEntry[], path: 'backlog' | 'boundary'): void => {
      for (const run of runsOf(entries)) {
        if (run.kind === 'headlines') {
          sink.write(run.items);
          deps.metrics.headlinesDelivered.inc({ transport: 'sse', path }, run.items.length);
        } else {
          const changes = changesFor(channels, run.items);
          sink.writeChanges(changes);
          deps.metrics.changesDelivered.inc({ transport: 'sse', path }, changes.length);
        }
      }
    };

    deps.metrics.gatewaySseClients.inc();
    open.add(close);
    res.writeHead(200, SSE_HEADERS);
    res.write('retry: 2000\n\n');
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), deps.heartbeatMs);
    heartbeat.unref();
    res.on('close', () => close());
    res.on('error', (error) => {
      deps.metrics.errors.inc({ component: 'sse', code: describeError(error).code });
      close(true);
    });

    // A cursor that could not be honoured is said explicitly, like Socket.IO's `recovered: false`.
    if (since !== undefined && !backlog.recovered) write('event: reset\ndata: {"recovered":false}\n\n');
    writeEntries(mergeEntries(backlog.headlines, backlog.changes), 'backlog');
    const skipped = backlogIds(backlog);
    deps.broadcaster.release(gate, backlog.boundary, (outcome) => {
      if (closed) return;
      if (!outcome.ok) {
        deps.metrics.slowConsumerDisconnects.inc({ transport: 'sse' });
        close(true);
        return;
      }
      writeEntries(selectBuffered(outcome.buffered, { previousChannels: [], liveCursor: undefined, channels, boundary: backlog.boundary, backlogIds: skipped }), 'boundary');
      membership = deps.broadcaster.join(channels, { kind: 'sink', sink });
    });
  });

  return {
    router,
    closeAll: () => {
      for (const close of [...open]) close();
    },
  };
}
