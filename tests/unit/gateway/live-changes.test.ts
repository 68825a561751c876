import { describe, expect, it } from 'vitest';
import type { Headline } from '../../../src/headlines/headline.ts';
import { Broadcaster } from '../../../src/gateway/live/broadcaster.ts';
import { changeFor, runsOf, toLiveChange, type LiveChange } from '../../../src/gateway/live/live-entry.ts';
import { RETAGGED_AWAY_REASON, type HeadlineChange } from '../../../src/protocol/headline.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';

function h(id: string, topics: string[], regions: string[]): Headline {
  return { id, title: id, source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: new Date().toISOString(), topics, regions };
}

function retag(id: string, headline: Headline, topics: string[]): LiveChange {
  return toLiveChange({ kind: 'change', id, change: { id, type: 'update', headline: { ...headline, topics } }, was: { topics: headline.topics, regions: headline.regions } });
}

function retract(id: string, headline: Headline): LiveChange {
  return toLiveChange({ kind: 'change', id, change: { id, type: 'retract', headline: { id: headline.id, retracted: true, reason: 'wrong' } }, was: headline });
}

describe('a change as each subscriber receives it', () => {
  const story = h('1-0', ['sport'], ['gb']);
  const moved = retag('2-0', story, ['politics']);

  it('is the update where the headline still (or now) matches, a removal where it no longer does', () => {
    expect(changeFor(['politics/*'], moved)?.type).toBe('update');
    expect(changeFor(['*/gb'], moved)?.type).toBe('update');
    expect(changeFor(['sport/gb'], moved)).toEqual({ id: '2-0', type: 'retract', headline: { id: '1-0', retracted: true, reason: RETAGGED_AWAY_REASON } });
    expect(changeFor(['economy/*', '*/fr'], moved)).toBeUndefined();
  });

  it('is a retraction on any channel the headline was on', () => {
    expect(changeFor(['sport/*'], retract('3-0', story))?.type).toBe('retract');
    expect(changeFor(['politics/*'], retract('3-0', story))).toBeUndefined();
  });

  it('keeps the stream order in runs of one kind', () => {
    const runs = runsOf([story, moved, retract('3-0', story), h('4-0', [], [])]);
    expect(runs.map((run) => [run.kind, run.items.map((item) => item.id)])).toEqual([
      ['headlines', ['1-0']],
      ['changes', ['2-0', '3-0']],
      ['headlines', ['4-0']],
    ]);
  });
});

describe('the broadcaster with changes', () => {
  it('sends each group its reading of a change once, in order with the headlines, sharing equal lists', () => {
    const events: { member: string; kind: string; ids: string[]; types?: string[] }[] = [];
    const broadcaster = new Broadcaster<string>({
      emitToMembers: (groups, headlines) => {
        for (const group of groups) for (const member of group) events.push({ member, kind: 'headlines', ids: headlines.map((x) => x.id) });
      },
      emitChangesToMembers: (groups, changes: readonly HeadlineChange[]) => {
        for (const group of groups) for (const member of group) events.push({ member, kind: 'changes', ids: changes.map((c) => c.id), types: changes.map((c) => c.type) });
      },
      logger: createLogger('silent'),
      metrics: createMetrics(),
    });
    broadcaster.join(['sport/*'], { kind: 'member', member: 'sport' });
    broadcaster.join(['politics/*'], { kind: 'member', member: 'politics' });
    broadcaster.join(['*/*'], { kind: 'member', member: 'all' });
    const sunk: HeadlineChange[] = [];
    broadcaster.join(['sport/gb'], { kind: 'sink', sink: { write: () => undefined, writeChanges: (changes) => sunk.push(...changes) } });
    const story = h('1-0', ['sport'], ['gb']);
    broadcaster.onBatch([story, retag('2-0', story, ['politics']), h('3-0', ['sport'], [])], '3-0');
    const of = (member: string): unknown[] => events.filter((e) => e.member === member).map((e) => [e.kind, e.ids, e.types]);
    expect(of('sport')).toEqual([
      ['headlines', ['1-0'], undefined],
      ['changes', ['2-0'], ['retract']],
      ['headlines', ['3-0'], undefined],
    ]);
    expect(of('politics')).toEqual([['changes', ['2-0'], ['update']]]);
    expect(of('all')).toEqual([
      ['headlines', ['1-0'], undefined],
      ['changes', ['2-0'], ['update']],
      ['headlines', ['3-0'], undefined],
    ]);
    expect(sunk.map((c) => c.type)).toEqual(['retract']);
  });
});
