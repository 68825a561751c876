/**
 * A breaking headline stays first for `breaking-minutes` (10 by default), then goes back to its
 * place: the widget's option, the kept set and the timer that wakes the view, on a clock the
 * test moves by hand.
 */
import { describe, expect, it } from 'vitest';
import { HeadlineSet } from '../../../src/browser/headline-set.ts';
import { UnpinTimer, type Clock } from '../../../src/browser/unpin-timer.ts';
import type { HeadlineChange, Headline } from '../../../src/protocol/events.ts';
import { normaliseOptions, optionsFromAttributes } from '../../../src/widget/client/options.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

/** Time that moves only when the test says so; due timers run in order as it passes them. */
class ManualClock implements Clock {
  time = NOW;
  private timers: { at: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= time).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.run();
    }
    this.time = time;
  }
}

function headline(seq: number, publishedMinutesAgo: number, extra: Partial<Headline> = {}): Headline {
  return {
    id: `${1_700_000_000_000 + seq}-0`,
    title: `headline ${seq}`,
    source: { id: 'wire', name: 'Wire' },
    publishedAt: new Date(NOW - publishedMinutesAgo * MIN).toISOString(),
    receivedAt: new Date(NOW).toISOString(),
    topics: ['politics'],
    regions: ['az'],
    ...extra,
  };
}

/** The view's state as the widget builds it from its options (`breaking-minutes` attribute or none). */
function view(attributes: Record<string, string> = {}) {
  const options = normaliseOptions(optionsFromAttributes((name) => attributes[name] ?? null), 'https://news.example');
  const clock = new ManualClock();
  const kept = new HeadlineSet(options.max, options.breakingMinutes * MIN);
  const wakes: number[] = [];
  const timer = new UnpinTimer(kept, (now) => wakes.push(now), clock);
  const titles = () => kept.ordered(clock.now()).map((h) => h.title);
  return { clock, kept, timer, wakes, titles };
}

describe('breaking headlines stay first for breaking-minutes', () => {
  it('keeps one first for 10 minutes by default, then puts it back in its published place', () => {
    const { clock, kept, timer, wakes, titles } = view();
    kept.add([headline(1, 5), headline(2, 10), headline(3, 120, { priority: 'breaking' })], clock.now());
    timer.schedule();
    expect(titles()).toEqual(['headline 3', 'headline 1', 'headline 2']);

    clock.advanceTo(NOW + 10 * MIN - 1);
    expect(wakes).toEqual([]);
    expect(titles()[0]).toBe('headline 3');
    expect(kept.isBreaking(headline(3, 0).id, clock.now())).toBe(true);

    clock.advanceTo(NOW + 10 * MIN);
    expect(wakes).toEqual([NOW + 10 * MIN]);
    expect(titles()).toEqual(['headline 1', 'headline 2', 'headline 3']);
    expect(clock.pending).toBe(0); // nothing pinned: no timer left running
  });

  it('follows the breaking-minutes attribute, and 0 pins nothing', () => {
    const three = view({ 'breaking-minutes': '3' });
    three.kept.add([headline(1, 5), headline(2, 60, { priority: 'breaking' })], three.clock.now());
    three.timer.schedule();
    three.clock.advanceTo(NOW + 3 * MIN - 1);
    expect(three.titles()[0]).toBe('headline 2');
    three.clock.advanceTo(NOW + 3 * MIN);
    expect(three.wakes).toEqual([NOW + 3 * MIN]);
    expect(three.titles()).toEqual(['headline 1', 'headline 2']);

    const never = view({ 'breaking-minutes': '0' });
    never.kept.add([headline(1, 5), headline(2, 60, { priority: 'breaking' })], never.clock.now());
    never.timer.schedule();
    expect(never.titles()).toEqual(['headline 1', 'headline 2']);
    expect(never.clock.pending).toBe(0);
  });

  it('wakes for each pinned headline in turn, counting from when each became breaking', () => {
    const { clock, kept, timer, wakes, titles } = view();
    kept.add([headline(1, 5), headline(2, 30, { priority: 'breaking' })], clock.now());
    timer.schedule();
    clock.advanceTo(NOW + 4 * MIN);
    // A correction makes another one breaking four minutes later: its ten minutes start then.
    const corrected = { ...headline(3, 60), priority: 'breaking' as const, revision: 2, updatedAt: new Date(clock.now()).toISOString() };
    kept.add([headline(3, 60)], clock.now());
    const change: HeadlineChange = { id: '1800000000000-0', type: 'update', headline: corrected };
    kept.apply([change], clock.now());
    timer.schedule();
    expect(titles()).toEqual(['headline 2', 'headline 3', 'headline 1']);

    clock.advanceTo(NOW + 10 * MIN);
    expect(titles()).toEqual(['headline 3', 'headline 1', 'headline 2']);
    clock.advanceTo(NOW + 14 * MIN);
    expect(titles()).toEqual(['headline 1', 'headline 2', 'headline 3']);
    expect(wakes).toEqual([NOW + 10 * MIN, NOW + 14 * MIN]);
    expect(clock.pending).toBe(0);
  });

  it('stops waiting when the pinned headline is retracted', () => {
    const { clock, kept, timer, wakes } = view();
    const breaking = headline(1, 30, { priority: 'breaking' });
    kept.add([breaking, headline(2, 5)], clock.now());
    timer.schedule();
    expect(clock.pending).toBe(1);
    kept.apply([{ id: '1800000000000-0', type: 'retract', headline: { id: breaking.id, retracted: true, reason: 'wrong' } }], clock.now());
    timer.schedule();
    expect(clock.pending).toBe(0);
    clock.advanceTo(NOW + 60 * MIN);
    expect(wakes).toEqual([]);
  });
});
