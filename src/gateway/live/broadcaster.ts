/**
 * Fan-out of live batches from the stream tail.
 *
 * Subscribers with the same channel set form a group. Per batch, each group's matching
 * subset is computed once; groups with the same subset share ONE broadcast to their sockets
 * (encoded once, one frame written to each socket), and the subset is written to the group's
 * SSE sinks. A socket is in at most one group (a subscriber leaves its group before joining
 * another), so it receives each headline once and batches stay in id order. Groups are found through a channel → groups index, so
 * a batch costs its headlines' matching groups, not sockets × batch nor groups × batch.
 *
 * A subscriber whose backlog is being read sits behind a gate instead: the gate buffers
 * what it would have been sent, and is released once the tail has passed the backlog's
 * boundary (see boundary.ts), so nothing between backlog and live is lost or repeated.
 */
import { channelKind } from '../../channels/channel.ts';
import type { Headline } from '../../headlines/headline.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { matchesAny, signatureOf } from './channel-set.ts';
import { changesFor, namesOf, runsOf, type LiveChange, type LiveEntry } from './live-entry.ts';

/** A per-connection receiver (SSE). Sockets are reached through rooms instead. */
export interface LiveSink {
  write(headlines: readonly Headline[]): void;
  writeChanges(changes: readonly HeadlineChange[]): void;
}

export interface BroadcasterDeps<Member> {
  /** One broadcast (one encode, one frame) to every member of the given groups. */
  emitToMembers(groups: readonly ReadonlySet<Member>[], headlines: readonly Headline[]): void;
  /** One `changes` event to every member of the given groups. */
  emitChangesToMembers(groups: readonly ReadonlySet<Member>[], changes: readonly HeadlineChange[]): void;
  logger: Logger;
  metrics: Metrics;
  /** A gate holding more than this many headlines fails (its subscriber is dropped and resumes). */
  maxGateBuffer?: number;
}

interface Group<Member> {
  readonly channels: readonly string[];
  /** Sockets (Socket.IO), reached through one broadcast per batch. */
  readonly members: Set<Member>;
  /** Created with the first SSE sink: most groups only ever hold sockets. */
  sinks: Set<LiveSink> | undefined;
}

/** One group's matches in the batch being broadcast. */
interface GroupMatch<Member> {
  readonly group: Group<Member>;
  readonly subset: Headline[];
  /** The matching headlines' batch indexes: equal keys mean equal subsets. */
  key: string;
  last: number;
}

export interface Membership {
  /** The group's channels, normalised; shared by all its members, never to be changed. */
  readonly channels: readonly string[];
  leave(): void;
}

export type GateOutcome = { ok: true; buffered: readonly LiveEntry[] } | { ok: false; reason: 'overflow' };

export class Gate {
  readonly buffer: LiveEntry[] = [];
  boundary: string | undefined;
  onReady: ((outcome: GateOutcome) => void) | undefined;
  released = false;

  constructor(
    readonly channels: readonly string[],
    /** The tail position when the gate opened: later live headlines are all in `buffer`. */
    readonly openedAt: string | undefined,
  ) {}
}

export class Broadcaster<Member = unknown> {
  private readonly groups = new Map<string, Group<Member>>();
  /** Channel name → the groups subscribed to it: a batch is matched by lookups, not by testing every group. */
  private readonly byChannel = new Map<string, Set<Group<Member>>>();
  private readonly gates = new Set<Gate>();
  private current: string | undefined;
  private readonly maxGateBuffer: number;
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  constructor(private readonly deps: BroadcasterDeps<Member>) {
    this.maxGateBuffer = deps.maxGateBuffer ?? 10_000;
    this.started = new Promise((resolve) => {
      this.markStarted = resolve;
    });
  }

  /**
   * True once the stream tail has its start position (at once when it has), false after
   * `timeoutMs`. A gate must not open before then: the tail starts at the stream's last id
   * when it first reads, so entries between a backlog read earlier and that id would reach
   * neither the backlog nor the live path.
   */
  async whenStarted(timeoutMs: number): Promise<boolean> {
    if (this.current !== undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.started.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  get position(): string | undefined {
    return this.current;
  }

  get gateCount(): number {
    return this.gates.size;
  }

  /** Adds a live subscriber to the group of `channels`: a socket, or an SSE sink. */
  join(channels: readonly string[], subscriber: { kind: 'member'; member: Member } | { kind: 'sink'; sink: LiveSink }): Membership {
    const signature = signatureOf(channels);
    let group = this.groups.get(signature);
    if (group === undefined) {
      group = { channels: [...channels], members: new Set(), sinks: undefined };
      this.groups.set(signature, group);
      for (const channel of group.channels) {
        let indexed = this.byChannel.get(channel);
        if (indexed === undefined) {
          indexed = new Set();
          this.byChannel.set(channel, indexed);
        }
        indexed.add(group);
      }
    }
    if (subscriber.kind === 'member') group.members.add(subscriber.member);
    else (group.sinks ??= new Set()).add(subscriber.sink);
    for (const channel of channels) this.deps.metrics.gatewaySubscriptions.inc({ kind: channelKind(channel) });
    return new GroupMembership(this, signature, group, subscriber);
  }

  /** Called once per membership by GroupMembership.leave. */
  leaveGroup(signature: string, group: Group<Member>, subscriber: { kind: 'member'; member: Member } | { kind: 'sink'; sink: LiveSink }): void {
    if (subscriber.kind === 'member') group.members.delete(subscriber.member);
    else group.sinks?.delete(subscriber.sink);
    for (const channel of group.channels) this.deps.metrics.gatewaySubscriptions.dec({ kind: channelKind(channel) });
    if (group.members.size > 0 || (group.sinks !== undefined && group.sinks.size > 0)) return;
    if (this.groups.get(signature) !== group) return;
    this.groups.delete(signature);
    for (const channel of group.channels) {
      const indexed = this.byChannel.get(channel);
      if (indexed === undefined) continue;
      indexed.delete(group);
      if (indexed.size === 0) this.byChannel.delete(channel);
    }
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

  /** The stream tail's listener: headlines and changes, in id order. */
  onBatch(batch: readonly LiveEntry[], position: string): void {
    this.current = position;
    this.markStarted();
    if (batch.length > 0) {
      const tagged = batch.map((entry) => ({ entry, names: namesOf(entry) }));
      // Runs of one kind keep the stream's order across the `headlines` and `changes` events.
      let start = 0;
      for (const run of runsOf(batch)) {
        const slice = tagged.slice(start, start + run.items.length);
        start += run.items.length;
        if (run.kind === 'headlines') this.broadcastHeadlines(slice as { entry: Headline; names: ReadonlySet<string> }[]);
        else this.broadcastChanges(slice as { entry: LiveChange; names: ReadonlySet<string> }[]);
      }
      for (const gate of this.gates) {
        for (const t of tagged) if (matchesAny(gate.channels, t.names)) gate.buffer.push(t.entry);
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

  private broadcastHeadlines(tagged: readonly { entry: Headline; names: ReadonlySet<string> }[]): void {
    const now = Date.now();
    for (const { entry } of tagged) {
      const received = Date.parse(entry.receivedAt);
      if (Number.isFinite(received)) this.deps.metrics.storeToEmitSeconds.observe(Math.max(0, now - received) / 1000);
    }
    // Groups whose subset of this batch is the same share one broadcast: with real
    // subscriptions most sockets have a channel set of their own, so one emit per group
    // would encode once per socket (the bench's profile: socket.io-parser at ~30 % of CPU).
    // Matching by lookup: each headline's channel names lead to the groups that follow one
    // of them; headlines are visited in batch order, so every subset stays in id order.
    const matches = new Map<Group<Member>, GroupMatch<Member>>();
    tagged.forEach((t, index) => {
      for (const name of t.names) {
        const indexed = this.byChannel.get(name);
        if (indexed === undefined) continue;
        for (const group of indexed) {
          const match = matches.get(group);
          if (match === undefined) matches.set(group, { group, subset: [t.entry], key: `${index},`, last: index });
          else if (match.last !== index) {
            match.subset.push(t.entry);
            match.key += `${index},`;
            match.last = index;
          }
        }
      }
    });
    const bySubset = new Map<string, { groups: Set<Member>[]; subset: Headline[]; members: number }>();
    for (const { group, subset, key } of matches.values()) {
      if (group.members.size > 0) {
        let shared = bySubset.get(key);
        if (shared === undefined) {
          shared = { groups: [], subset, members: 0 };
          bySubset.set(key, shared);
        }
        shared.groups.push(group.members);
        shared.members += group.members.size;
      }
      if (group.sinks !== undefined) for (const sink of group.sinks) this.writeSink(sink, subset);
    }
    for (const { groups, subset, members } of bySubset.values()) {
      this.deps.emitToMembers(groups, subset);
      this.deps.metrics.headlinesDelivered.inc({ transport: 'socket.io', path: 'live' }, subset.length * members);
    }
  }

  /**
   * Changes are rare next to headlines: each group's list is computed on its own (a change
   * reads differently to a group its headline is leaving), and groups with equal lists share
   * one emit.
   */
  private broadcastChanges(tagged: readonly { entry: LiveChange; names: ReadonlySet<string> }[]): void {
    const groups = new Set<Group<Member>>();
    for (const { names } of tagged) {
      for (const name of names) for (const group of this.byChannel.get(name) ?? []) groups.add(group);
    }
    const byList = new Map<string, { groups: Set<Member>[]; changes: HeadlineChange[]; members: number }>();
    const entries = tagged.map((t) => t.entry);
    for (const group of groups) {
      const changes = changesFor(group.channels, entries);
      if (changes.length === 0) continue;
      if (group.sinks !== undefined) for (const sink of group.sinks) this.writeSinkChanges(sink, changes);
      if (group.members.size === 0) continue;
      const key = changes.map((c) => `${c.id}:${c.type}`).join(',');
      let shared = byList.get(key);
      if (shared === undefined) byList.set(key, (shared = { groups: [], changes, members: 0 }));
      shared.groups.push(group.members);
      shared.members += group.members.size;
    }
    for (const { groups: members, changes, members: count } of byList.values()) {
      this.deps.emitChangesToMembers(members, changes);
      this.deps.metrics.changesDelivered.inc({ transport: 'socket.io', path: 'live' }, changes.length * count);
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

  private writeSinkChanges(sink: LiveSink, changes: readonly HeadlineChange[]): void {
    this.guardSink(() => {
      sink.writeChanges(changes);
      this.deps.metrics.changesDelivered.inc({ transport: 'sse', path: 'live' }, changes.length);
    });
  }

  private writeSink(sink: LiveSink, headlines: readonly Headline[]): void {
    this.guardSink(() => {
      sink.write(headlines);
      this.deps.metrics.headlinesDelivered.inc({ transport: 'sse', path: 'live' }, headlines.length);
    });
  }

  /** One SSE stream's failing write must not stop the broadcast to the others. */
  private guardSink(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.deps.metrics.errors.inc({ component: 'sse', code: 'WRITE_FAILED' });
      this.deps.logger.warn({ err: error }, 'SSE write failed');
    }
  }
}

/** A subscriber's place in a group; a class rather than a closure: one small object per socket. */
class GroupMembership<Member> implements Membership {
  private left = false;

  constructor(
    private readonly owner: Broadcaster<Member>,
    private readonly signature: string,
    private readonly group: Group<Member>,
    private readonly subscriber: { kind: 'member'; member: Member } | { kind: 'sink'; sink: LiveSink },
  ) {}

  get channels(): readonly string[] {
    return this.group.channels;
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.owner.leaveGroup(this.signature, this.group, this.subscriber);
  }
}
