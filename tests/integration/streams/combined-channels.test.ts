/**
 * Combined channels (`politics/az`) have no stream of their own: the reader filters the topic
 * or the region stream in a Lua script. These tests pin what that must keep: the same answers
 * a dedicated stream would give, across chunk boundaries and trims, and a filter that text
 * inside a headline cannot fool.
 */
import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../../src/streams/keys.ts';
import type { HeadlineReader } from '../../../src/streams/reader.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { usePrivateReader } from '../../helpers/reader.ts';

const setup = usePrivateReader();
let redis: Redis;
let reader: HeadlineReader;
beforeEach(() => ({ redis, reader } = setup));

const storeWith = (limits: { channel: number }) =>
  new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: limits.channel, dedupeTtlSeconds: 60 });

describe('combined channels', () => {
  it('answers latest and after with exactly the headlines that carry both tags', async () => {
    const store = storeWith({ channel: 1_000 });
    const mix = [
      { topics: ['politics'], regions: ['az'] },
      { topics: ['sport'], regions: ['az'] },
      { topics: ['politics'], regions: ['ir'] },
      { topics: ['politics', 'economy'], regions: ['az', 'ge'] },
    ];
    const stored: { id: string; match: boolean }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const tags = mix[i % mix.length] ?? { topics: [], regions: [] };
      const { id } = await store.store(prepared({ title: `h${i}` }, tags));
      stored.push({ id, match: tags.topics.includes('politics') && tags.regions.includes('az') });
    }
    const matching = stored.filter((s) => s.match).map((s) => s.id);
    expect(matching).toHaveLength(20);
    expect((await reader.latest(['politics/az'], 5)).map((h) => h.id)).toEqual(matching.slice(-5));
    expect((await reader.after(['politics/az'], matching[3] ?? '', 100)).map((h) => h.id)).toEqual(matching.slice(4));
    expect((await reader.after(['politics/az'], matching[3] ?? '', 2)).map((h) => h.id)).toEqual(matching.slice(4, 6));
    // Widened regions match too: az is in western-asia and asia, ir in southern-asia and asia.
    expect(await reader.latest(['politics/asia'], 100)).toHaveLength(30);
    expect(await reader.latest(['politics/western-asia'], 100)).toHaveLength(20);
    // Mixed with a facet channel, each headline still comes once.
    const both = await reader.latest(['politics/az', '*/az'], 100);
    expect(both).toHaveLength(30);
    expect(new Set(both.map((h) => h.id)).size).toBe(30);
  });

  it('scans past the script chunk when matches are sparse', async () => {
    const store = storeWith({ channel: 5_000 });
    const matching: string[] = [];
    for (let i = 0; i < 700; i += 1) {
      const isMatch = i % 250 === 0;
      const { id } = await store.store(prepared({ title: `s${i}` }, { topics: [isMatch ? 'health' : 'sport'], regions: ['az'] }));
      if (isMatch) matching.push(id);
    }
    await store.store(prepared({ title: 'health elsewhere' }, { topics: ['health'], regions: ['fr'] }));
    expect(matching).toHaveLength(3);
    expect((await reader.latest(['health/az'], 10)).map((h) => h.id)).toEqual(matching);
    expect((await reader.after(['health/az'], '0-1', 10)).map((h) => h.id)).toEqual(matching);
  });

  it('reads the facet that reaches further back, and reaches back as far as it does', async () => {
    const store = storeWith({ channel: 10 });
    const old = await store.store(prepared({ title: 'old politics in Azerbaijan' }, { topics: ['politics'], regions: ['az'] }));
    // Trim the topic stream far past `old`; the region stream keeps it.
    for (let i = 0; i < 300; i += 1) await store.store(prepared({ title: `p${i}` }, { topics: ['politics'], regions: ['fr'] }));
    const recent = await store.store(prepared({ title: 'new politics in Azerbaijan' }, { topics: ['politics'], regions: ['az'] }));
    expect((await redis.xrange(keys.channelStream('politics/*'), old.id, old.id))).toHaveLength(0);

    expect((await reader.latest(['politics/az'], 10)).map((h) => h.id)).toEqual([old.id, recent.id]);
    expect((await reader.after(['politics/az'], '0-1', 10)).map((h) => h.id)).toEqual([old.id, recent.id]);
    expect(await reader.reachesBack(['politics/az'], old.id)).toBe(true);
    expect(await reader.reachesBack(['politics/*'], old.id)).toBe(false);
    expect(await reader.reachesBack(['politics/az', 'politics/*'], old.id)).toBe(false);

    // Once both facets are trimmed past the cursor, the combined channel says so too.
    for (let i = 0; i < 300; i += 1) await store.store(prepared({ title: `a${i}` }, { topics: ['sport'], regions: ['az'] }));
    expect(await reader.reachesBack(['politics/az'], old.id)).toBe(false);
    expect(await reader.reachesBack(['politics/az'], recent.id)).toBe(true);
  });

  it('is empty and complete when a facet stream has never existed', async () => {
    const store = storeWith({ channel: 1_000 });
    const { id } = await store.store(prepared({ title: 'only politics in France' }, { topics: ['politics'], regions: ['fr'] }));
    expect(await reader.latest(['politics/az', 'weather/fr'], 10)).toEqual([]);
    expect(await reader.after(['politics/az'], id, 10)).toEqual([]);
    expect(await reader.reachesBack(['politics/az', 'weather/fr'], id)).toBe(true);
  });

  it('is not fooled by text that spells a topics or regions array', async () => {
    const store = storeWith({ channel: 1_000 });
    const title = 'Quote: "topics":["health"],"regions":["az"] and "health" "az"';
    const decoy = await store.store(prepared({ title, summary: '"topics":["health"]' }, { topics: ['sport'], regions: ['az'] }));
    expect(decoy.headline.title).toContain('"topics":["health"]');
    const real = await store.store(prepared({ title: 'Clinic opens' }, { topics: ['health'], regions: ['az'] }));
    expect((await reader.latest(['health/az'], 10)).map((h) => h.id)).toEqual([real.id]);
    expect((await reader.latest(['sport/az'], 10)).map((h) => h.id)).toEqual([decoy.id]);
  });

  it('keeps working after Redis loses its script cache (a restart, SCRIPT FLUSH)', async () => {
    const store = storeWith({ channel: 1_000 });
    const first = await store.store(prepared({ title: 'before the flush' }, { topics: ['politics'], regions: ['az'] }));
    expect(await reader.latest(['politics/az'], 5)).toHaveLength(1);
    await redis.script('FLUSH');
    const second = await store.store(prepared({ title: 'after the flush' }, { topics: ['politics'], regions: ['az'] }));
    await redis.script('FLUSH');
    expect((await reader.latest(['politics/az', 'sport/*'], 5)).map((h) => h.id)).toEqual([first.id, second.id]);
    expect((await reader.after(['politics/az'], first.id, 5)).map((h) => h.id)).toEqual([second.id]);
  });
});
