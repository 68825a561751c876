/**
 * One Server-Sent Events stream: its side of the backlog → live hand-over (../handover/), the
 * frames it writes, its heartbeat, and how it ends (a slow consumer's unsent output is dropped).
 */
import type { Request, Response } from 'express';
import type { Headline } from '../../headlines/headline.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { Backlog } from '../handover/backlog.ts';
import { deliverEntries, HandOver, type HandOverDeps, type HandOverSubscriber, type Refusal } from '../handover/hand-over.ts';
import type { Broadcaster, LiveSink, Membership } from '../live/broadcaster.ts';
import type { LiveEntry } from '../live/live-entry.ts';

export interface SseStreamDeps extends HandOverDeps {
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
function sseChangeFrame(change: HeadlineChange): string {
  return `id: ${change.id}\nevent: ${change.type}\ndata: ${JSON.stringify(change)}\n\n`;
}

export class SseStream implements HandOverSubscriber {
  readonly transport = 'sse';
  /** A new stream receives nothing live before its hand-over. */
  readonly liveChannels: readonly string[] = [];
  readonly sink: LiveSink = {
    write: (headlines) => this.write(headlines.map(sseFrame).join('')),
    writeChanges: (changes) => this.write(changes.map(sseChangeFrame).join('')),
  };
  readonly handOver: HandOver;
  private opened = false;
  private closed = false;
  private membership: Membership | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly deps: SseStreamDeps,
    private readonly request: { channels: readonly string[]; since: string | undefined },
    /** Where a refusal goes (the stream has not opened yet): express's error handler answers it (503). */
    private readonly fail: (error: unknown) => void,
    /** The open streams, which shutdown ends: this one is in it from its first byte to its end. */
    private readonly openStreams: Set<SseStream>,
  ) {
    this.handOver = new HandOver(deps, this);
  }

  get gone(): boolean {
    return this.closed || this.req.socket.destroyed;
  }

  pauseLive(): void {
    // Nothing is live yet.
  }

  refuse(refusal: Refusal): void {
    this.fail(refusal.error);
  }

  deliverBacklog(backlog: Backlog): void {
    this.open();
    // A cursor that could not be honoured is said explicitly, like Socket.IO's `recovered: false`.
    if (this.request.since !== undefined && !backlog.recovered) this.write('event: reset\ndata: {"recovered":false}\n\n');
    const entries: LiveEntry[] = [...backlog.headlines, ...backlog.changes].sort((a, b) => compareStreamIds(a.id, b.id));
    deliverEntries(this, this.request.channels, entries, this.deps.metrics, 'backlog');
  }

  goLive(channels: readonly string[]): void {
    this.membership = this.deps.broadcaster.join(channels, { kind: 'sink', sink: this.sink });
  }

  fellBehind(): void {
    this.deps.metrics.slowConsumerDisconnects.inc({ transport: 'sse' });
    this.close(true);
  }

  /** `drop` discards unsent output: ending behind a stalled client's buffer would linger. */
  close(drop = false): void {
    if (this.closed) return;
    this.closed = true;
    this.handOver.cancel();
    if (!this.opened) return;
    clearInterval(this.heartbeat);
    this.membership?.leave();
    this.deps.metrics.gatewaySseClients.dec();
    this.openStreams.delete(this);
    if (drop) this.res.destroy();
    else this.res.end();
  }

  private open(): void {
    this.opened = true;
    this.openStreams.add(this);
    this.deps.metrics.gatewaySseClients.inc();
    this.res.writeHead(200, SSE_HEADERS);
    this.res.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.deps.heartbeatMs);
    this.heartbeat.unref();
    this.res.on('close', () => this.close());
    this.res.on('error', (error) => {
      this.deps.metrics.errors.inc({ component: 'sse', code: describeError(error).code });
      this.close(true);
    });
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    if (this.res.writableLength > this.deps.maxBufferedBytes) {
      this.deps.metrics.slowConsumerDisconnects.inc({ transport: 'sse' });
      this.deps.logger.warn({ bytes: this.res.writableLength }, 'dropping slow SSE consumer');
      this.close(true);
    }
  }
}
