/**
 * Fan-out of live batches from the stream tail.
 *
 * Subscribers with the same channel set form a group (groups.ts). Per batch, each group's
 * matching subset is computed once; groups with the same subset share ONE broadcast to their
 * sockets (encoded once, one frame written to each socket), and the subset is written to the
 * group's SSE sinks. A socket is in at most one group (a subscriber leaves its group before
 * joining another), so it receives each headline once and batches stay in id order.
 *
 * A subscriber whose backlog is being read sits behind a gate instead (gates.ts), so nothing
 * between backlog and live is lost or repeated (../handover/).
 */
import type { Headline } from '../../headlines/headline.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { Gates, type Gate, type GateOutcome, type TaggedEntry } from './gates.ts';
import { GroupIndex, type Group, type LiveSink, type Membership, type Subscriber } from './groups.ts';
import { changesFor, namesOf, runsOf, type LiveChange, type LiveEntry } from './live-entry.ts';

export type { Gate, GateOutcome } from './gates.ts';
export type { LiveSink, Membership } from './groups.ts';

export interface BroadcasterDeps<Member> {
  /** One broadcast (one encode, one frame) to every member of the given groups. */
  emitToMembers(groups: readonly ReadonlySet<Member>[], headlines: readonly Headline[]): void;
  /** One `changes` event to every member of the given groups. */
  emitChangesToMembers(groups: readonly ReadonlySet<Member>[], changes: readonly HeadlineChange[]): void;
  logger: Logger;
  metrics: Metrics;
  /** A gate holding more than this many entries fails (its subscriber is dropped and resumes). */
  maxGateBuffer?: number;
}

/** One group's matches in the batch being broadcast. */
interface GroupMatch<Member> {
  readonly group: Group<Member>;
  readonly subset: Headline[];
  /** The matching headlines' batch indexes: equal keys mean equal subsets. */
  key: string;
  last: number;
}

/** What a hand-over needs of the broadcaster: the live position and the gates. */
export type LiveGates = Pick<Broadcaster, 'whenStarted' | 'position' | 'openGate' | 'release' | 'cancel'>;

export class Broadcaster<Member = unknown> {
  private readonly groups: GroupIndex<Member>;
  private readonly gates: Gates;
  private current: string | undefined;
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  constructor(private readonly deps: BroadcasterDeps<Member>) {
    this.groups = new GroupIndex(deps.metrics);
    this.gates = new Gates(deps, deps.maxGateBuffer ?? 10_000);
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
    return this.gates.count;
  }

  /** Adds a live subscriber to the group of `channels`: a socket, or an SSE sink. */
  join(channels: readonly string[], subscriber: Subscriber<Member>): Membership {
    return this.groups.join(channels, subscriber);
  }

  /** Starts buffering for a subscriber about to read its backlog. Call before the read. */
  openGate(channels: readonly string[]): Gate {
    return this.gates.add(channels);
  }

  /**
   * Hands the buffer to `onReady` as soon as the tail has passed `boundary` (at once when it
   * already has). `onReady` runs synchronously between batches, so the subscriber can join
   * its group without a batch slipping in between.
   */
  release(gate: Gate, boundary: string | undefined, onReady: (outcome: GateOutcome) => void): void {
    this.gates.release(gate, boundary, onReady, this.current);
  }

  cancel(gate: Gate): void {
    this.gates.remove(gate);
  }

  /** The stream tail's listener: headlines and changes, in id order. */
  onBatch(batch: readonly LiveEntry[], position: string): void {
    this.current = position;
    this.markStarted();
    if (batch.length > 0) {
      const tagged = batch.map((entry) => ({ entry, names: namesOf(entry) }));
      this.broadcast(batch, tagged);
      this.gates.buffer(tagged);
    }
    this.gates.settle(position);
  }

  /** Runs of one kind, in order: the `headlines` and `changes` events keep the stream's order. */
  private broadcast(batch: readonly LiveEntry[], tagged: readonly TaggedEntry[]): void {
    let start = 0;
    for (const run of runsOf(batch)) {
      const slice = tagged.slice(start, start + run.items.length);
      start += run.items.length;
      if (run.kind === 'headlines') this.broadcastHeadlines(slice as TaggedEntry<Headline>[]);
      else this.broadcastChanges(slice as TaggedEntry<LiveChange>[]);
    }
  }

  private broadcastHeadlines(tagged: readonly TaggedEntry<Headline>[]): void {
    this.observeLatency(tagged);
    // Groups whose subset of this batch is the same share one broadcast: with real
    // subscriptions most sockets have a channel set of their own, so one emit per group
    // would encode once per socket.
    const shared = new Map<string, { groups: Set<Member>[]; subset: Headline[]; members: number }>();
    for (const { group, subset, key } of this.matchGroups(tagged).values()) {
      if (group.sinks !== undefined) for (const sink of group.sinks) this.writeSink(sink, subset);
      if (group.members.size === 0) continue;
      let emit = shared.get(key);
      if (emit === undefined) shared.set(key, (emit = { groups: [], subset, members: 0 }));
      emit.groups.push(group.members);
      emit.members += group.members.size;
    }
    for (const { groups, subset, members } of shared.values()) {
      this.deps.emitToMembers(groups, subset);
      this.deps.metrics.headlinesDelivered.inc({ transport: 'socket.io', path: 'live' }, subset.length * members);
    }
  }

  /**
   * Each group's matching subset, found by lookup: each headline's channel names lead to the
   * groups that follow one of them. Headlines are visited in batch order, so every subset
   * stays in id order.
   */
  private matchGroups(tagged: readonly TaggedEntry<Headline>[]): Map<Group<Member>, GroupMatch<Member>> {
    const matches = new Map<Group<Member>, GroupMatch<Member>>();
    tagged.forEach((t, index) => {
      for (const name of t.names) {
        for (const group of this.groups.following(name) ?? []) {
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
    return matches;
  }

  private observeLatency(tagged: readonly TaggedEntry<Headline>[]): void {
    const now = Date.now();
    for (const { entry } of tagged) {
      const received = Date.parse(entry.receivedAt);
      if (Number.isFinite(received)) this.deps.metrics.storeToEmitSeconds.observe(Math.max(0, now - received) / 1000);
    }
  }

  /**
   * Changes are rare next to headlines: each group's list is computed on its own (a change
   * reads differently to a group its headline is leaving), and groups with equal lists share
   * one emit.
   */
  private broadcastChanges(tagged: readonly TaggedEntry<LiveChange>[]): void {
    const groups = new Set<Group<Member>>();
    for (const { names } of tagged) {
      for (const name of names) for (const group of this.groups.following(name) ?? []) groups.add(group);
    }
    const shared = new Map<string, { groups: Set<Member>[]; changes: HeadlineChange[]; members: number }>();
    const entries = tagged.map((t) => t.entry);
    for (const group of groups) {
      const changes = changesFor(group.channels, entries);
      if (changes.length === 0) continue;
      if (group.sinks !== undefined) for (const sink of group.sinks) this.writeSinkChanges(sink, changes);
      if (group.members.size === 0) continue;
      const key = changes.map((c) => `${c.id}:${c.type}`).join(',');
      let emit = shared.get(key);
      if (emit === undefined) shared.set(key, (emit = { groups: [], changes, members: 0 }));
      emit.groups.push(group.members);
      emit.members += group.members.size;
    }
    for (const { groups: members, changes, members: count } of shared.values()) {
      this.deps.emitChangesToMembers(members, changes);
      this.deps.metrics.changesDelivered.inc({ transport: 'socket.io', path: 'live' }, changes.length * count);
    }
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
