/**
 * The backlog → live hand-over, one sequence for every transport (a Socket.IO subscribe, an
 * SSE stream): wait for the live loop, open a gate, read the backlog, deliver it, release the
 * gate once the live loop has passed the backlog's boundary, deliver what the gate buffered
 * minus what the backlog carried, and join the live group, all in one tick. The promise it
 * keeps: each matching entry reaches the subscriber once, in id order (boundary.ts says which
 * buffered entries that leaves).
 */
import { UnavailableError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { LiveGates } from '../live/broadcaster.ts';
import type { Gate } from '../live/gates.ts';
import type { LiveSink } from '../live/groups.ts';
import type { RecentWindow } from '../live/recent-window.ts';
import { changesFor, runsOf, type LiveEntry } from '../live/live-entry.ts';
import { backlogIds, readBacklog, type Backlog } from './backlog.ts';
import { selectBuffered } from './boundary.ts';

/**
 * How long a subscriber arriving while the gateway starts waits for the live loop's start
 * position. A gate must not open before it: entries between a backlog read earlier and the
 * position the loop starts from would reach neither the backlog nor the live path.
 */
const LIVE_START_WAIT_MS = 5_000;

export interface HandOverDeps {
  reader: HeadlineReader;
  /** The gateway's recent entries: resumes inside it read no Redis. */
  window?: RecentWindow | undefined;
  broadcaster: LiveGates;
  metrics: Metrics;
}

export interface HandOverRequest {
  /** The channels whose backlog is read: the ones asked for now. */
  readonly backlogChannels: readonly string[];
  /** The subscriber's channels once live: for a socket, its earlier ones and the new ones. */
  readonly channels: readonly string[];
  readonly since: string | undefined;
  readonly limit: number;
}

/** Why a hand-over did not start: the client is told to retry. */
export type Refusal = { reason: 'starting'; error: UnavailableError } | { reason: 'store'; error: unknown };

export type Transport = 'socket.io' | 'sse';

/** What a transport does at each step; the hand-over decides when. */
export interface HandOverSubscriber {
  readonly transport: Transport;
  /** What it receives live now (a socket's earlier channels); none for a new stream. */
  readonly liveChannels: readonly string[];
  /** True once it has gone away: the hand-over stops where it is. */
  readonly gone: boolean;
  /** Stops its live delivery. Runs in the tick the gate opens, so no batch falls between the two. */
  pauseLive(): void;
  refuse(refusal: Refusal): void;
  /** The backlog; runs before anything buffered is written. */
  deliverBacklog(backlog: Backlog): void;
  /** Where buffered entries go, as the live path would have sent them. */
  readonly sink: LiveSink;
  /** Joins the live group of `channels`: from here on the live path delivers. */
  goLive(channels: readonly string[]): void;
  /** The gate's buffer overflowed while the backlog was read; the client reconnects and resumes. */
  fellBehind(): void;
}

/** Headlines and changes in id order, each run as the live path sends it, counted under `path`. */
export function deliverEntries(subscriber: HandOverSubscriber, channels: readonly string[], entries: readonly LiveEntry[], metrics: Metrics, path: 'backlog' | 'boundary'): void {
  const { sink, transport } = subscriber;
  for (const run of runsOf(entries)) {
    if (run.kind === 'headlines') {
      sink.write(run.items);
      metrics.headlinesDelivered.inc({ transport, path }, run.items.length);
      continue;
    }
    const changes = changesFor(channels, run.items);
    if (changes.length === 0) continue;
    sink.writeChanges(changes);
    metrics.changesDelivered.inc({ transport, path }, changes.length);
  }
}

/** Where the live path takes over: after the backlog, or, when it could not be read, where the subscriber left it. */
interface Takeover {
  channels: readonly string[];
  boundary: string | undefined;
  skipped: ReadonlySet<string>;
}

/** One subscriber's hand-over; `cancel` when it goes away (idempotent). */
export class HandOver {
  private gate: Gate | undefined;
  private settle: (() => void) | undefined;

  constructor(
    private readonly deps: HandOverDeps,
    private readonly subscriber: HandOverSubscriber,
  ) {}

  /** Resolves once the subscriber is live, refused or gone; never rejects. */
  async run(request: HandOverRequest): Promise<void> {
    const { broadcaster } = this.deps;
    const subscriber = this.subscriber;
    if (!(await broadcaster.whenStarted(LIVE_START_WAIT_MS))) {
      subscriber.refuse({ reason: 'starting', error: new UnavailableError('the live feed is starting; retry shortly') });
      return;
    }
    if (subscriber.gone) return;
    const previous = subscriber.liveChannels;
    // Everything up to here on the previous channels was delivered live.
    const liveCursor = broadcaster.position;
    subscriber.pauseLive();
    const gate = broadcaster.openGate(request.channels);
    this.gate = gate;
    const backlog = await this.readBacklog(request);
    if (subscriber.gone) return;
    if (backlog !== undefined) subscriber.deliverBacklog(backlog);
    else if (previous.length === 0) {
      // Nothing to go back to: the subscriber stays as it was, with no live channels.
      this.cancel();
      return;
    }
    const takeover: Takeover =
      backlog === undefined
        ? { channels: previous, boundary: liveCursor, skipped: new Set() }
        : { channels: request.channels, boundary: backlog.boundary, skipped: backlogIds(backlog) };
    await new Promise<void>((resolve) => {
      this.settle = resolve;
      broadcaster.release(gate, takeover.boundary, (outcome) => {
        this.gate = undefined;
        this.settle = undefined;
        resolve();
        if (subscriber.gone) return;
        if (!outcome.ok) {
          subscriber.fellBehind();
          return;
        }
        const input = { previousChannels: previous, liveCursor, channels: takeover.channels, boundary: takeover.boundary, backlogIds: takeover.skipped };
        deliverEntries(subscriber, takeover.channels, selectBuffered(outcome.buffered, input), this.deps.metrics, 'boundary');
        subscriber.goLive(takeover.channels);
      });
    });
  }

  cancel(): void {
    if (this.gate !== undefined) this.deps.broadcaster.cancel(this.gate);
    this.gate = undefined;
    this.settle?.();
    this.settle = undefined;
  }

  private async readBacklog(request: HandOverRequest): Promise<Backlog | undefined> {
    try {
      return await readBacklog(this.deps, request.backlogChannels, request);
    } catch (error) {
      this.subscriber.refuse({ reason: 'store', error });
      return undefined;
    }
  }
}
