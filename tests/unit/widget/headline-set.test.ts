/** The kept-headlines state behind both widget layouts: order, window, breaking news, corrections and retractions. */
import { describe, expect, it } from 'vitest';
import { HeadlineSet } from '../../../src/browser/headline-set.ts';
import type { HeadlineChange, Headline } from '../../../src/protocol/events.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

function headline(seq: number, publishedMinutesAgo: number | null, extra: Partial<Headline> = {}): Headline {
  return {
    id: `${1_700_000_000_000 + seq}-0`,
    title: `headline ${seq}`,
    source: { id: 'wire', name: 'Wire' },
    publishedAt: publishedMinutesAgo === null ? null : new Date(NOW - publishedMinutesAgo * MIN).toISOString(),
    receivedAt: new Date(NOW - MIN).toISOString(),
    topics: ['politics'],
    regions: ['az'],
    ...extra,
  };
}

const titles = (set: HeadlineSet, now = NOW): string[] => set.ordered(now).map((h) => h.title);
const update = (changeSeq: number, next: Headline): HeadlineChange => ({ id: `${1_800_000_000_000 + changeSeq}-0`, type: 'update', headline: next });
const retract = (changeSeq: number, id: string): HeadlineChange => ({ id: `${1_800_000_000_000 + changeSeq}-0`, type: 'retract', headline: { id, retracted: true, reason: 'wrong' } });

describe('HeadlineSet', () => {
  it('orders by publication, not arrival: a late story sits among its peers', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    set.add([headline(1, 30), headline(2, 5)], NOW);
    // Arrives last, but was published three days ago; one without a date falls back to when it was received.
    set.add([headline(3, 3 * 24 * 60), headline(4, null)], NOW);
    expect(titles(set)).toEqual(['headline 4', 'headline 2', 'headline 1', 'headline 3']);
  });

  it('keeps at most max, dropping the oldest published, and ignores repeats', () => {
    const set = new HeadlineSet(2, 10 * MIN);
    expect(set.add([headline(1, 10), headline(2, 20)], NOW)).toEqual({ added: [headline(1, 10), headline(2, 20)], dropped: [] });
    const result = set.add([headline(3, 300), headline(4, 1), headline(1, 10)], NOW);
    // The old arrival is dropped at once; the oldest kept one makes room for the fresh one.
    expect(result).toEqual({ added: [headline(4, 1)], dropped: [headline(2, 20).id, headline(3, 300).id] });
    expect(titles(set)).toEqual(['headline 4', 'headline 1']);
  });

  it('keeps a breaking headline first for its window, then puts it back in its place', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    const breaking = headline(1, 30, { priority: 'breaking', receivedAt: new Date(NOW - 2 * MIN).toISOString() });
    set.add([breaking, headline(2, 5)], NOW);
    expect(titles(set)).toEqual(['headline 1', 'headline 2']);
    expect(set.isBreaking(breaking.id, NOW)).toBe(true);
    expect(set.nextUnpin(NOW)).toBe(NOW + 8 * MIN);
    expect(titles(set, NOW + 8 * MIN)).toEqual(['headline 2', 'headline 1']);
    expect(set.nextUnpin(NOW + 8 * MIN)).toBeUndefined();
  });

  it('does not pin a breaking headline from a backlog older than the window', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    set.add([headline(1, 60, { priority: 'breaking', receivedAt: new Date(NOW - 60 * MIN).toISOString() }), headline(2, 5)], NOW);
    expect(titles(set)).toEqual(['headline 2', 'headline 1']);
  });

  it('applies a correction in place and a retraction by removal; changes to others are not its business', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    const [a, b] = [headline(1, 10), headline(2, 20)];
    set.add([a, b], NOW);
    const corrected = { ...a, title: 'headline 1, corrected', revision: 2, updatedAt: new Date(NOW).toISOString() };
    const effects = set.apply([update(1, corrected), retract(2, b.id), retract(3, headline(9, 1).id), update(4, headline(8, 1))], NOW);
    expect(effects).toEqual({ removed: [b.id], updated: [corrected] });
    expect(titles(set)).toEqual(['headline 1, corrected']);
    expect(set.has(headline(8, 1).id)).toBe(false);
  });

  it('makes a headline corrected to breaking first, from the time of the correction', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    const a = headline(1, 30);
    set.add([a, headline(2, 5)], NOW);
    set.apply([update(1, { ...a, priority: 'breaking', revision: 2, updatedAt: new Date(NOW).toISOString() })], NOW);
    expect(titles(set)).toEqual(['headline 1', 'headline 2']);
    expect(set.nextUnpin(NOW)).toBe(NOW + 10 * MIN);
  });

  it('drops a headline a correction moved out of the view', () => {
    const set = new HeadlineSet(10, 10 * MIN, (h) => h.topics.includes('politics'));
    const a = headline(1, 10);
    set.add([a, headline(2, 10, { topics: ['sport'] })], NOW);
    expect(set.size).toBe(1);
    expect(set.apply([update(1, { ...a, topics: ['sport'], revision: 2 })], NOW)).toEqual({ removed: [a.id], updated: [] });
    expect(set.size).toBe(0);
  });

  it('follows a correction and then a retraction of the same headline within one batch', () => {
    const set = new HeadlineSet(10, 10 * MIN);
    const a = headline(1, 10);
    set.add([a], NOW);
    expect(set.apply([update(1, { ...a, title: 'x', revision: 2 }), retract(2, a.id)], NOW)).toEqual({ removed: [a.id], updated: [] });
  });
});
