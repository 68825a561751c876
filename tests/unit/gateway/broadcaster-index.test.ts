import { describe, expect, it } from 'vitest';
import type { Headline } from '../../../src/headlines/headline.ts';
import { Broadcaster, type LiveSink } from '../../../src/gateway/live/broadcaster.ts';
import { matchesChannel } from '../../../src/protocol/channels.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';

function h(id: string, topics: string[], regions: string[]): Headline {
  return { id, title: id, source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: new Date().toISOString(), topics, regions };
}

/** A small seeded generator: the same "random" subscriptions on every run. */
function rng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('Broadcaster channel index', () => {
  const topics = ['politics', 'economy', 'sport', 'conflict'];
  const regions = ['az', 'gb', 'us', 'europe', 'asia', 'western-asia'];
  const names = [...topics.map((t) => `${t}/*`), ...regions.map((r) => `*/${r}`), ...topics.flatMap((t) => regions.map((r) => `${t}/${r}`)), '*/*'];

  it('sends every member and sink exactly the headlines a full scan would, in batch order, and forgets left groups', () => {
    const random = rng(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] ?? items[0] as T;
    const received = new Map<string, string[]>();
    const broadcaster = new Broadcaster<string>({
      emitToMembers: (groups, headlines) => {
        for (const group of groups) for (const member of group) received.set(member, [...(received.get(member) ?? []), ...headlines.map((x) => x.id)]);
      },
      emitChangesToMembers: () => undefined,
      logger: createLogger('silent'),
      metrics: createMetrics(),
    });
    const subscribers: { channels: string[]; key: string; leave: () => void }[] = [];
    for (let i = 0; i < 200; i += 1) {
      const channels = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(names)))].sort();
      if (i % 5 === 0) {
        const key = `sink:${i}`;
        const sink: LiveSink = { write: (headlines) => received.set(key, [...(received.get(key) ?? []), ...headlines.map((x) => x.id)]), writeChanges: () => undefined };
        const membership = broadcaster.join(channels, { kind: 'sink', sink });
        subscribers.push({ channels, key, leave: () => membership.leave() });
      } else {
        const key = `socket:${i}`;
        const membership = broadcaster.join(channels, { kind: 'member', member: key });
        subscribers.push({ channels, key, leave: () => membership.leave() });
      }
    }
    const batch = Array.from({ length: 40 }, (_, i) => h(`${i + 1}-0`, [pick(topics), pick(topics)], [pick(regions)]));
    broadcaster.onBatch(batch, '40-0');

    const expected = new Map<string, string[]>();
    for (const { channels, key } of subscribers) {
      // The rule itself, not the broadcaster's index of channel names: a fault there shows here.
      const ids = batch.filter((x) => channels.some((channel) => matchesChannel(x, channel))).map((x) => x.id);
      // Each member and sink gets its subset once per batch, whoever shares its group.
      if (ids.length > 0) expected.set(key, ids);
    }
    expect(new Map([...received].sort())).toEqual(new Map([...expected].sort()));

    // After everyone leaves, nothing is sent and the index holds nothing.
    for (const subscriber of subscribers) {
      subscriber.leave();
      subscriber.leave();
    }
    received.clear();
    broadcaster.onBatch([h('41-0', ['politics'], ['az'])], '41-0');
    expect(received.size).toBe(0);
  });
});
