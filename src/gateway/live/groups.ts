/**
 * Live subscribers grouped by channel set, and a channel → groups index. Subscribers with the
 * same channel set share a group (one broadcast reaches all its sockets); a batch finds its
 * groups by looking up each entry's channel names, so it costs its entries' matching groups,
 * not sockets × batch nor groups × batch.
 */
import { channelKind } from '../../channels/channel.ts';
import type { Headline } from '../../headlines/headline.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { signatureOf } from './channel-set.ts';

/** A per-connection receiver (SSE). Sockets are reached through one broadcast per batch instead. */
export interface LiveSink {
  write(headlines: readonly Headline[]): void;
  writeChanges(changes: readonly HeadlineChange[]): void;
}

export type Subscriber<Member> = { kind: 'member'; member: Member } | { kind: 'sink'; sink: LiveSink };

export interface Group<Member> {
  readonly channels: readonly string[];
  /** Sockets (Socket.IO), reached through one broadcast per batch. */
  readonly members: Set<Member>;
  /** Created with the first SSE sink: most groups only ever hold sockets. */
  sinks: Set<LiveSink> | undefined;
}

export interface Membership {
  /** The group's channels, normalised; shared by all its members, never to be changed. */
  readonly channels: readonly string[];
  leave(): void;
}

export class GroupIndex<Member> {
  private readonly groups = new Map<string, Group<Member>>();
  private readonly byChannel = new Map<string, Set<Group<Member>>>();

  constructor(private readonly metrics: Metrics) {}

  /** The groups that follow the channel `name`. */
  following(name: string): ReadonlySet<Group<Member>> | undefined {
    return this.byChannel.get(name);
  }

  join(channels: readonly string[], subscriber: Subscriber<Member>): Membership {
    const signature = signatureOf(channels);
    const group = this.groups.get(signature) ?? this.create(signature, channels);
    if (subscriber.kind === 'member') group.members.add(subscriber.member);
    else (group.sinks ??= new Set()).add(subscriber.sink);
    for (const channel of channels) this.metrics.gatewaySubscriptions.inc({ kind: channelKind(channel) });
    return new GroupMembership(this, signature, group, subscriber);
  }

  /** Called once per membership by GroupMembership.leave. */
  leave(signature: string, group: Group<Member>, subscriber: Subscriber<Member>): void {
    if (subscriber.kind === 'member') group.members.delete(subscriber.member);
    else group.sinks?.delete(subscriber.sink);
    for (const channel of group.channels) this.metrics.gatewaySubscriptions.dec({ kind: channelKind(channel) });
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

  private create(signature: string, channels: readonly string[]): Group<Member> {
    const group: Group<Member> = { channels: [...channels], members: new Set(), sinks: undefined };
    this.groups.set(signature, group);
    for (const channel of group.channels) {
      let indexed = this.byChannel.get(channel);
      if (indexed === undefined) {
        indexed = new Set();
        this.byChannel.set(channel, indexed);
      }
      indexed.add(group);
    }
    return group;
  }
}

/** A subscriber's place in a group; a class rather than a closure: one small object per socket. */
class GroupMembership<Member> implements Membership {
  private left = false;

  constructor(
    private readonly index: GroupIndex<Member>,
    private readonly signature: string,
    private readonly group: Group<Member>,
    private readonly subscriber: Subscriber<Member>,
  ) {}

  get channels(): readonly string[] {
    return this.group.channels;
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.index.leave(this.signature, this.group, this.subscriber);
  }
}
