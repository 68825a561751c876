import { describe, expect, it } from 'vitest';
import type { Headline } from '../../../src/headlines/headline.ts';
import { RecentWindow } from '../../../src/gateway/live/recent-window.ts';
import { toLiveChange } from '../../../src/gateway/live/live-entry.ts';

function h(ms: number, topics = ['politics'], regions = ['az'], title = 'A headline'): Headline {
  return { id: `${ms}-0`, title, source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: new Date().toISOString(), topics, regions };
}

/** A window filled at start with the newest `maxEntries` of `stored`, as the reader would give them. */
function filled(stored: Headline[], maxEntries: number, maxBytes = 1e9): RecentWindow {
  const window = new RecentWindow({ maxEntries, maxBytes });
  window.onBatch([], stored.at(-1)?.id ?? '0-0', () => window.filled(stored.slice(-maxEntries)));
  return window;
}

const ids = (read: { entries: { id: string }[] } | undefined): string[] | undefined => read?.entries.map((entry) => entry.id);

describe('the recent window', () => {
  it('answers cursors from its floor to its position, on the channels asked for', () => {
    const window = filled([h(1), h(2, ['sport']), h(3), h(4)], 3);
    // Filled with the newest 3: the floor is the oldest of them.
    expect(window.size).toBe(3);
    expect(ids(window.read(['politics/*'], '2-0', 100))).toEqual(['3-0', '4-0']);
    expect(ids(window.read(['sport/az'], '2-0', 100))).toEqual([]);
    expect(window.read(['politics/*'], '1-0', 100)).toBeUndefined();
    expect(window.read(['politics/*'], '5-0', 100)).toBeUndefined();
    expect(window.read(['politics/*'], '2-0', 100)?.position).toBe('4-0');
  });

  it('holds back batches that arrive during its fill, and is not ready until they are in', () => {
    const window = new RecentWindow({ maxEntries: 10, maxBytes: 1e9 });
    let fill: () => void = () => undefined;
    window.onBatch([], '2-0', () => {
      fill = () => window.filled([h(1), h(2)]);
    });
    window.onBatch([h(3)], '3-0', () => undefined);
    expect(window.ready).toBe(false);
    expect(window.read(['politics/*'], '1-0', 100)).toBeUndefined();
    fill();
    expect(ids(window.read(['politics/*'], '1-0', 100))).toEqual(['2-0', '3-0']);
  });

  it('evicts by count and by bytes, moving its floor up', () => {
    const window = filled([], 3);
    window.onBatch([h(1), h(2), h(3), h(4), h(5)], '5-0', () => undefined);
    expect(window.size).toBe(3);
    // 1 and 2 were evicted: a cursor at 2 still has everything after it, one at 1 does not.
    expect(window.read(['politics/*'], '1-0', 100)).toBeUndefined();
    expect(ids(window.read(['politics/*'], '2-0', 100))).toEqual(['3-0', '4-0', '5-0']);
    const small = filled([], 1_000, 5_000);
    small.onBatch([h(1, ['politics'], ['az'], 'x'.repeat(1_500)), h(2), h(3)], '3-0', () => undefined);
    expect(small.size).toBeLessThan(3);
    expect(small.read(['politics/*'], '0-0', 100)).toBeUndefined();
  });

  it('gives up on more than `max` matches, and carries changes on the old or new tags', () => {
    const window = filled([], 100);
    const story = h(1, ['sport'], ['gb']);
    const moved = toLiveChange({ kind: 'change', id: '2-0', change: { id: '2-0', type: 'update', headline: { ...story, topics: ['politics'] } }, was: story });
    window.onBatch([story, moved, h(3)], '3-0', () => undefined);
    expect(ids(window.read(['sport/*'], '0-0', 100))).toEqual(['1-0', '2-0']);
    expect(ids(window.read(['politics/*'], '1-0', 100))).toEqual(['2-0', '3-0']);
    expect(window.read(['*/*'], '0-0', 2)).toBeUndefined();
  });
});
