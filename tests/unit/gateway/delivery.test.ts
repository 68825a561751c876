import { describe, expect, it } from 'vitest';
import type { Headline } from '../../../src/headlines/headline.ts';
import { selectBuffered, maxId } from '../../../src/gateway/handover/boundary.ts';
import { Broadcaster } from '../../../src/gateway/live/broadcaster.ts';
import { headlineChannelSet, matchesAny, parseChannelList, signatureOf, unionChannels, withoutChannels } from '../../../src/gateway/live/channel-set.ts';
import { backoffDelay } from '../../../src/gateway/live/stream-tail.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';

function h(id: string, topics: string[], regions: string[]): Headline {
  return { id, title: id, source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: new Date().toISOString(), topics, regions };
}

describe('channel sets', () => {
  it('validates and normalises channel lists', () => {
    expect(parseChannelList(['Politics/*', '*/az', 'politics/*'])).toEqual({ ok: true, channels: ['*/az', 'politics/*'] });
    expect(parseChannelList('politics/*')).toMatchObject({ ok: false });
    expect(parseChannelList([])).toMatchObject({ ok: false });
    expect(parseChannelList(['nope/az'])).toMatchObject({ ok: false });
    expect(parseChannelList(Array.from({ length: 51 }, () => 'sport/*'))).toMatchObject({ ok: false, message: 'at most 50 channels' });
    expect(unionChannels(['b/*'], ['a/*', 'b/*'])).toEqual(['a/*', 'b/*']);
    expect(withoutChannels(['a/*', 'b/*'], ['a/*'])).toEqual(['b/*']);
    expect(signatureOf(['politics/*', '*/az'])).toBe(signatureOf(['*/az', 'politics/*']));
  });

  it('matches a headline to the rooms of its topic × region channels', () => {
    const names = headlineChannelSet({ topics: ['politics'], regions: ['az', 'asia'] });
    expect(matchesAny(['politics/*'], names)).toBe(true);
    expect(matchesAny(['*/asia'], names)).toBe(true);
    expect(matchesAny(['*/*'], names)).toBe(true);
    expect(matchesAny(['sport/*', '*/gb'], names)).toBe(false);
  });
});

describe('backlog/live boundary', () => {
  const buffer = [h('5-0', ['politics'], ['ir']), h('6-0', ['economy'], ['az']), h('7-0', ['economy'], ['az']), h('8-0', ['sport'], ['gb'])];

  it('drops what the backlog covers and keeps what is newer', () => {
    const picked = selectBuffered(buffer, { previousChannels: [], liveCursor: undefined, channels: ['*/az', 'politics/*'], boundary: '6-0', backlogIds: new Set(['6-0']) });
    expect(picked.map((x) => x.id)).toEqual(['7-0']);
  });

  it('continues channels that were live before, even below the new backlog boundary', () => {
    const picked = selectBuffered(buffer, { previousChannels: ['politics/*'], liveCursor: '4-0', channels: ['*/az', 'politics/*'], boundary: '7-0', backlogIds: new Set(['6-0', '7-0']) });
    expect(picked.map((x) => x.id)).toEqual(['5-0']);
  });

  it('never repeats an id and keeps id order', () => {
    const picked = selectBuffered([...buffer, buffer[1] ?? h('0-0', [], [])], { previousChannels: [], liveCursor: undefined, channels: ['*/*'], boundary: '4-0', backlogIds: new Set() });
    expect(picked.map((x) => x.id)).toEqual(['5-0', '6-0', '7-0', '8-0']);
    expect(maxId('9-0', '10-0', undefined)).toBe('10-0');
  });
});

describe('Broadcaster', () => {
  function setup() {
    const emitted: { members: string[]; ids: string[] }[] = [];
    const broadcaster = new Broadcaster<string>({
      emitToMembers: (groups, headlines) => emitted.push({ members: groups.flatMap((group) => [...group]), ids: headlines.map((x) => x.id) }),
      emitChangesToMembers: () => undefined,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      maxGateBuffer: 3,
    });
    return { broadcaster, emitted };
  }

  it('sends each group its matching subset once per batch, in order', () => {
    const { broadcaster, emitted } = setup();
    broadcaster.join(['politics/*', '*/az'], { kind: 'member', member: 'a' });
    broadcaster.join(['*/az', 'politics/*'], { kind: 'member', member: 'b' });
    broadcaster.onBatch([h('1-0', ['politics'], ['ir']), h('2-0', ['sport'], ['gb']), h('3-0', ['politics'], ['az'])], '3-0');
    expect(emitted).toEqual([{ members: ['a', 'b'], ids: ['1-0', '3-0'] }]);
  });

  it('holds a gate until the tail passes the boundary, buffering meanwhile', () => {
    const { broadcaster } = setup();
    broadcaster.onBatch([], '1-0');
    const gate = broadcaster.openGate(['politics/*']);
    broadcaster.onBatch([h('2-0', ['politics'], ['ir'])], '2-0');
    const released: string[][] = [];
    broadcaster.release(gate, '3-0', (outcome) => released.push(outcome.ok ? outcome.buffered.map((x) => x.id) : ['overflow']));
    expect(released).toEqual([]);
    broadcaster.onBatch([h('3-0', ['politics'], ['ir'])], '3-0');
    expect(released).toEqual([['2-0', '3-0']]);
    expect(broadcaster.gateCount).toBe(0);
  });

  it('fails a gate whose buffer overflows', () => {
    const { broadcaster } = setup();
    broadcaster.onBatch([], '1-0');
    const gate = broadcaster.openGate(['*/*']);
    const outcomes: boolean[] = [];
    broadcaster.release(gate, '99-0', (outcome) => outcomes.push(outcome.ok));
    broadcaster.onBatch(['2-0', '3-0', '4-0', '5-0'].map((id) => h(id, ['sport'], ['gb'])), '5-0');
    expect(outcomes).toEqual([false]);
  });

  it('gives groups with the same subset one shared broadcast', () => {
    const shared: { groups: string[][]; ids: string[] }[] = [];
    const broadcaster = new Broadcaster<string>({
      emitToMembers: (groups, headlines) => shared.push({ groups: groups.map((group) => [...group]), ids: headlines.map((x) => x.id) }),
      emitChangesToMembers: () => undefined,
      logger: createLogger('silent'),
      metrics: createMetrics(),
    });
    broadcaster.join(['politics/*'], { kind: 'member', member: 'a' });
    broadcaster.join(['politics/ir'], { kind: 'member', member: 'b' });
    broadcaster.join(['sport/*'], { kind: 'member', member: 'c' });
    broadcaster.onBatch([h('1-0', ['politics'], ['ir']), h('2-0', ['sport'], ['gb'])], '2-0');
    expect(shared).toEqual([
      { groups: [['a'], ['b']], ids: ['1-0'] },
      { groups: [['c']], ids: ['2-0'] },
    ]);
  });

  it('leaves groups and removes empty ones', () => {
    const { broadcaster, emitted } = setup();
    broadcaster.join(['sport/*'], { kind: 'member', member: 'a' }).leave();
    broadcaster.onBatch([h('1-0', ['sport'], ['gb'])], '1-0');
    expect(emitted).toEqual([]);
  });
});

describe('backoff', () => {
  it('is full jitter under a cap', () => {
    expect(backoffDelay(1, 100, 5_000, () => 0.999)).toBeLessThan(200);
    expect(backoffDelay(30, 100, 5_000, () => 0.999)).toBeLessThan(5_000);
    expect(backoffDelay(3, 100, 5_000, () => 0)).toBe(0);
  });
});
