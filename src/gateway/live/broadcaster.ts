/**
 * Fan-out of live batches from the stream tail.
 *
 * Subscribers with the same channel set form a group. Per batch, each group's matching
 * subset is computed once and sent with ONE emit to the group's Socket.IO room (encoded
 * once, written to every socket in it) and written to the group's SSE sinks. A socket is in
 * exactly one group, so it receives each headline once and batches stay in id order, with
 * no per-socket work on the hot path. Cost per batch: groups × batch, not sockets × batch.
 *
 * A subscriber whose backlog is being read sits behind a gate instead: the gate buffers
 * what it would have been sent, and is released once the tail has passed the backlog's
 * boundary (see boundary.ts), so nothing between backlog and live is lost or repeated.
 */
import type { Headline } from '../../headlines/headline.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { compareStreamIds } from '../../streams/stream-id.ts';
import { headlineChannelSet, matchesAny, signatureOf } from './channel-set.ts';

/** A per-connection receiver (SSE). Sockets are reached through rooms instead. */
export interface LiveSink {
  write(headlines: readonly Headline[]): void;
}

export interface BroadcasterDeps {
  /** One broadcast to every socket in `room` on this process. */
  emitToRoom(room: string, headlines: readonly Headline[]): void;
  /** One broadcast (one encode, one frame) to every socket in any of `rooms`; else emitToRoom per room. */
  emitToRooms?(rooms: readonly string[], headlines: readonly Headline[]): void;
  logger: Logger;
  metrics: Metrics;
  /** A gate holding more than this many headlines fails (its subscriber is dropped and resumes). */
  maxGateBuffer?: number;
}

interface Group {
  readonly room: string;
  readonly channels: readonly string[];
  roomMembers: number;
  readonly sinks: Set<LiveSink>;
}

export interface Membership {
  /** The Socket.IO room to join (for `kind: 'room'`). */
  readonly room: string;
  leave(): void;
}

export type GateOutcome = { ok: true; buffered: readonly Headline[] } | { ok: false; reason: 'overflow' };

export class Gate {
  readonly buffer: Headline[] = [];
  boundary: string | undefined;
  onReady: ((outcome: GateOutcome) => void) | undefined;
  released = false;

  constructor(
    readonly channels: readonly string[],
    /** The tail position when the gate opened: later live headlines are all in `buffer`. */
    readonly openedAt: string | undefined,
  ) {}
}

export class Broadcaster {
  private readonly groups = new Map<string, Group>();
  private readonly gates = new Set<Gate>();
  private current: string | undefined;
  private readonly maxGateBuffer: number;

  constructor(private readonly deps: BroadcasterDeps) {
    this.maxGateBuffer = deps.maxGateBuffer ?? 10_000;
  }

  get position(): string | undefined {
    return this.current;
  }

  get gateCount(): number {
    return this.gates.size;
  }

  /** Adds a live subscriber to the group of `channels`; a room member or an SSE sink. */
  join(channels: readonly string[], member: { kind: 'room' } | { kind: 'sink'; sink: LiveSink }): Membership {
    const signature = signatureOf(channels);
    let group = this.groups.get(signature);
    if (group === undefined) {
      group = { room: `sig:${signature}`, channels: [...channels], roomMembers: 0, sinks: new Set() };
      this.groups.set(signature, group);
    }
    const joined = group;
    if (member.kind === 'room') joined.roomMembers += 1;
    else joined.sinks.add(member.sink);
    for (const channel of channels) this.deps.metrics.gatewaySubscriptions.inc({ channel });
    let left = false;
    return {
      room: joined.room,
      leave: () => {
        if (left) return;
        left = true;
        if (member.kind === 'room') joined.roomMembers -= 1;
        else joined.sinks.delete(member.sink);
        for (const channel of channels) this.deps.metrics.gatewaySubscriptions.dec({ channel });
        if (joined.roomMembers <= 0 && joined.sinks.size === 0) this.groups.delete(signature);
      },
    };
  }

  /** Starts buffering for a subscriber about to read its backlog. Call before the read. */
  openGate(channels: readonly string[]): Gate {
    const gate = new Gate([...channels], this.current);
    this.gates.add(gate);
    return gate;
  }

  /**
   * Hands the buffer to `onReady` as soon as the tail has passed `boundary` (at once when it
   * already has). `onReady` runs synchronously between batches, so the subscriber can join
   * its group without a batch slipping in between.
   */
  release(gate: Gate, boundary: string | undefined, onReady: (outcome: GateOutcome) => void): void {
    if (!this.gates.has(gate)) return;
    gate.boundary = boundary;
    gate.onReady = onReady;
    this.releaseIfPassed(gate);
  }

  cancel(gate: Gate): void {
    this.gates.delete(gate);
  }

  /** The stream tail's listener. */
  onBatch(batch: readonly Headline[], position: string): void {
    this.current = position;
    if (batch.length > 0) {
      const tagged = batch.map((headline) => ({ headline, names: headlineChannelSet(headline) }));
      const now = Date.now();
      for (const { headline } of tagged) {
        const received = Date.parse(headline.receivedAt);
        if (Number.isFinite(received)) this.deps.metrics.storeToEmitSeconds.observe(Math.max(0, now - received) / 1000);
      }
      // Groups whose subset of this batch is the same share one broadcast: with real
      // subscriptions most sockets have a channel set of their own, so one emit per group
      // would encode once per socket (the bench's profile: socket.io-parser at ~30 % of CPU).
      const bySubset = new Map<string, { rooms: string[]; subset: Headline[]; members: number }>();
      for (const group of this.groups.values()) {
        const subset: Headline[] = [];
        let key = '';
        tagged.forEach((t, index) => {
          if (!matchesAny(group.channels, t.names)) return;
          subset.push(t.headline);
          key += `${index},`;
        });
        if (subset.length === 0) continue;
        if (group.roomMembers > 0) {
          let shared = bySubset.get(key);
          if (shared === undefined) {
            shared = { rooms: [], subset, members: 0 };
            bySubset.set(key, shared);
          }
          shared.rooms.push(group.room);
          shared.members += group.roomMembers;
        }
        for (const sink of group.sinks) this.writeSink(sink, subset);
      }
      for (const { rooms, subset, members } of bySubset.values()) {
        if (this.deps.emitToRooms !== undefined) this.deps.emitToRooms(rooms, subset);
        else for (const room of rooms) this.deps.emitToRoom(room, subset);
        this.deps.metrics.headlinesDelivered.inc({ transport: 'socket.io', path: 'live' }, subset.length * members);
      }
      for (const gate of this.gates) {
        for (const t of tagged) if (matchesAny(gate.channels, t.names)) gate.buffer.push(t.headline);
      }
    }
    for (const gate of [...this.gates]) {
      // One subscriber's failing hand-over must not hold up the others'.
      try {
        if (gate.buffer.length > this.maxGateBuffer) {
          this.gates.delete(gate);
          gate.onReady?.({ ok: false, reason: 'overflow' });
          continue;
        }
        this.releaseIfPassed(gate);
      } catch (error) {
        this.deps.metrics.errors.inc({ component: 'broadcast', code: 'GATE_RELEASE' });
        this.deps.logger.error({ err: error }, 'gate release failed');
      }
    }
  }

  private releaseIfPassed(gate: Gate): void {
    if (gate.onReady === undefined || gate.released) return;
    if (this.current === undefined) return;
    if (gate.boundary !== undefined && compareStreamIds(this.current, gate.boundary) < 0) return;
    gate.released = true;
    this.gates.delete(gate);
    gate.onReady({ ok: true, buffered: gate.buffer });
  }

  private writeSink(sink: LiveSink, headlines: readonly Headline[]): void {
    try {
      sink.write(headlines);
      this.deps.metrics.headlinesDelivered.inc({ transport: 'sse', path: 'live' }, headlines.length);
    } catch (error) {
      this.deps.metrics.errors.inc({ component: 'sse', code: 'WRITE_FAILED' });
      this.deps.logger.warn({ err: error }, 'SSE write failed');
    }
  }
}
