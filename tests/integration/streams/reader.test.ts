/** HeadlineReader: corrupt entries are skipped and counted; reachesBack notices deleted entries. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../../src/shared/metrics.ts';
import { keys } from '../../../src/streams/keys.ts';
import type { HeadlineReader } from '../../../src/streams/reader.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { testReader } from '../../helpers/reader.ts';

const db = usePrivateRedis();
let store: HeadlineStore;
let metrics: Metrics;
let reader: HeadlineReader;
let seq = 0;

beforeEach(() => {
  store = new HeadlineStore(db.redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
  metrics = createMetrics();
  reader = testReader(db.redis, metrics);
});

async function storeOne(): Promise<string> {
  const title = `headline ${(seq += 1)}`;
  return (await store.store(prepared({ title, guid: title }, { topics: ['politics'] }))).id;
}

async function undecodableCount(): Promise<number> {
  const counter = await metrics.errors.get();
  return counter.values.find((v) => v.labels.component === 'reader' && v.labels.code === 'UNDECODABLE')?.value ?? 0;
}

describe('HeadlineReader on corrupt entries', () => {
  it('skips and counts an entry that is not JSON, not a headline, or has no headline field, and serves the rest', async () => {
    const before = await storeOne();
    await db.redis.xadd(keys.allStream, '*', 'h', '{not json');
    await db.redis.xadd(keys.allStream, '*', 'h', JSON.stringify({ title: 5, topics: 'politics' }));
    await db.redis.xadd(keys.allStream, '*', 'other', 'field');
    const after = await storeOne();
    expect((await reader.latest(['*/*'], 10)).map((h) => h.id)).toEqual([before, after]);
    expect((await reader.after(['*/*'], before, 10)).map((h) => h.id)).toEqual([after]);
    expect(await undecodableCount()).toBe(6);
  });
});

describe('HeadlineReader.reachesBack', () => {
  it('answers false when an entry after the cursor was deleted (XDEL), true from the deleted one on', async () => {
    const first = await storeOne();
    const second = await storeOne();
    const third = await storeOne();
    expect(await reader.reachesBack(['*/*'], first)).toBe(true);
    await db.redis.xdel(keys.allStream, second);
    // Not trimmed from the head, so only max-deleted-entry-id can tell.
    expect(await reader.reachesBack(['*/*'], first)).toBe(false);
    expect(await reader.reachesBack(['*/*'], second)).toBe(true);
    expect(await reader.reachesBack(['*/*'], third)).toBe(true);
  });
});
