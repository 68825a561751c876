/**
 * What a combined-channel read costs Redis: it scans the shorter facet stream (and the longer
 * one only below the shorter one's trimmed start), in calls of bounded size, and a request
 * stops at its scan budget with an answer that says it is partial.
 */
import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/shared/metrics.ts';
import { CombinedScanner, ScanBudget } from '../../../src/streams/combined-scan.ts';
import { keys } from '../../../src/streams/keys.ts';
import { sourceOf } from '../../../src/streams/layout.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { testReader } from '../../helpers/reader.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let store: HeadlineStore;

beforeEach(() => {
  redis = privateRedis.redis;
  store = new HeadlineStore(redis, { allStreamMaxLen: 100_000, channelStreamMaxLen: 100_000, dedupeTtlSeconds: 60 });
});

async function storeMany(count: number, tags: { topics: string[]; regions: string[] }, title: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) => prepared({ title: `${title} ${start + i}`, url: `https://example.com/${title}/${start + i}` }, tags));
    for (const result of await store.storeMany(batch)) ids.push(result.id);
  }
  return ids;
}

/** Reads a combined channel to the end in scans of `step` entries, each going on where the last stopped. */
async function scanInSteps(channel: string, mode: 'latest' | 'after', step: number): Promise<{ ids: string[]; calls: number }> {
  const source = sourceOf(channel);
  if (source.kind !== 'combined') throw new Error(`${channel} is not combined`);
  const scanner = new CombinedScanner(redis);
  const ids: string[] = [];
  let cursor = mode === 'latest' ? '' : '0-0';
  for (let calls = 1; calls < 1_000; calls += 1) {
    const { entries, stoppedAt } = await scanner.scan(source, mode, cursor, 1_000, new ScanBudget(step));
    ids.push(...entries.map(([id]) => id));
    if (stoppedAt === undefined) return { ids, calls };
    cursor = stoppedAt;
  }
  throw new Error('the scan never ended');
}

describe('combined-channel scan cost', () => {
  it('scans the shorter facet: a tiny region is not paid for with the whole topic stream', async () => {
    await storeMany(2_000, { topics: ['politics'], regions: ['fr'] }, 'french politics');
    const matches = await storeMany(3, { topics: ['politics'], regions: ['nz'] }, 'politics in New Zealand');
    // 50 entries are far fewer than the 2,003 of the topic stream: only the region stream fits.
    const metrics = createMetrics();
    const reader = testReader(redis, metrics, 50);
    expect((await reader.latest(['politics/nz'], 10)).map((h) => h.id)).toEqual(matches);
    expect((await reader.entriesAfter(['politics/nz'], '0-1', 10)).entries.map((e) => e.id)).toEqual(matches);
    expect((await metrics.registry.getSingleMetric('newsticker_read_scans_truncated_total')?.get())?.values ?? []).toEqual([]);
  });

  it('reads below a trimmed short facet in the long one, in bounded steps that resume exactly', async () => {
    const [oldest] = await storeMany(1, { topics: ['health'], regions: ['az'] }, 'oldest clinic');
    await storeMany(50, { topics: ['sport'], regions: ['az'] }, 'az sport');
    const [middle] = await storeMany(1, { topics: ['health'], regions: ['az'] }, 'middle clinic');
    await storeMany(20, { topics: ['health'], regions: ['fr'] }, 'french health');
    const [newest] = await storeMany(1, { topics: ['health'], regions: ['az'] }, 'newest clinic');
    // The topic stream, now the shorter (3 entries), keeps only the newest match; the region
    // stream (53 entries) still reaches back to the first.
    await redis.xtrim(keys.channelStream('health/*'), 'MAXLEN', 3);
    const expected = [oldest, middle, newest];
    const reader = testReader(redis);
    expect((await reader.latest(['health/az'], 10)).map((h) => h.id)).toEqual(expected);
    expect((await reader.after(['health/az'], '0-1', 10)).map((h) => h.id)).toEqual(expected);
    for (const step of [1, 2, 7, 1_000]) {
      const after = await scanInSteps('health/az', 'after', step);
      expect(after.ids, `after, steps of ${step}`).toEqual(expected);
      const latest = await scanInSteps('health/az', 'latest', step);
      expect(latest.ids, `latest, steps of ${step}`).toEqual([...expected].reverse());
      // The long stream is scanned below the split only: 3 + 52 entries at most.
      expect(after.calls).toBeLessThanOrEqual(Math.ceil(55 / step) + 2);
    }
  });

  it('stops a request at its scan budget and says the answer is partial', async () => {
    // Two long facets that never meet: the attacker's query.
    await storeMany(600, { topics: ['sport'], regions: ['fr'] }, 'french sport');
    const [lastSportAz] = await storeMany(1, { topics: ['sport'], regions: ['az'] }, 'sport in Azerbaijan');
    await storeMany(600, { topics: ['politics'], regions: ['az'] }, 'az politics');
    const metrics = createMetrics();
    const reader = testReader(redis, metrics, 1_000);
    const channels = ['politics/fr', 'sport/asia', 'sport/az'];
    // Three channels of ~600 entries each cannot all be read within 1,000 (333 each). The
    // match is the newest entry of the sport stream, so `latest` finds it in its share.
    expect((await reader.latest(channels, 10)).map((h) => h.id)).toEqual([lastSportAz]);
    const page = await reader.entriesAfter(channels, '0-1', 10);
    expect(page.stoppedAt).toBeDefined();
    expect(page.entries.every((entry) => entry.id <= (page.stoppedAt ?? ''))).toBe(true);
    // Paging on from where it stopped finds the match and ends complete.
    let cursor = page.stoppedAt ?? '';
    const found = [...page.entries.map((entry) => entry.id)];
    for (let pages = 0; pages < 10; pages += 1) {
      const next = await reader.entriesAfter(channels, cursor, 10);
      found.push(...next.entries.map((entry) => entry.id));
      if (next.stoppedAt === undefined) break;
      cursor = next.stoppedAt;
    }
    expect(found).toEqual([lastSportAz]);
    const truncated = (await metrics.registry.getSingleMetric('newsticker_read_scans_truncated_total')?.get())?.values ?? [];
    expect(truncated.map((v) => v.labels.kind).sort()).toEqual(['after', 'latest']);
  });
});
