import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HeadlineReader } from '../../../src/streams/reader.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { keys } from '../../../src/streams/keys.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { prepared } from '../../helpers/headlines.ts';
import { testReader } from '../../helpers/reader.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let store: HeadlineStore;
let reader: HeadlineReader;

beforeEach(() => {
  redis = privateRedis.redis;
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 7 * 86_400 });
  reader = testReader(redis);
});

describe('HeadlineStore', () => {
  it('appends to the all-stream and to each topic and region stream under one id', async () => {
    const result = await store.store(prepared({ title: 'Talks in Baku', url: 'https://example.com/a' }, { topics: ['politics'], regions: ['az'] }));
    expect(result.duplicate).toBe(false);
    for (const channel of ['politics/*', '*/az', '*/western-asia', '*/asia']) {
      const entries = await redis.xrange(keys.channelStream(channel), '-', '+');
      expect(entries.map(([id]) => id), channel).toEqual([result.id]);
    }
    expect(await redis.xlen(keys.allStream)).toBe(1);
    // Combined channels are read from the facet streams, never written to.
    expect(await redis.exists(keys.channelStream('politics/az'), keys.channelStream('sport/*'))).toBe(0);
    expect((await reader.latest(['politics/az'], 5)).map((h) => h.id)).toEqual([result.id]);
    expect(result.headline).toMatchObject({ id: result.id, title: 'Talks in Baku', topics: ['politics'], regions: ['az', 'western-asia', 'asia'] });
  });

  it('answers a repeat with the existing id and stores nothing new', async () => {
    const first = await store.store(prepared({ title: 'One', guid: 'g-1' }, { topics: ['sport'] }));
    const again = await store.store(prepared({ title: 'One (updated title)', guid: 'g-1' }, { topics: ['sport'] }));
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(again.headline.title).toBe('One');
    expect(await redis.xlen(keys.allStream)).toBe(1);
    expect(await redis.xlen(keys.channelStream('sport/*'))).toBe(1);
    const ttl = await redis.ttl(keys.seen(prepared({ title: 'One', guid: 'g-1' }).dedupeKeys[0] ?? ''));
    expect(ttl).toBeGreaterThan(6 * 86_400);
  });

  it('recognises the same link arriving without a guid', async () => {
    const first = await store.store(prepared({ title: 'A', guid: 'feed-guid', url: 'https://example.com/x?utm_source=rss' }));
    const second = await store.store(prepared({ title: 'A', url: 'https://example.com/x' }, {}, { id: 'publisher', name: 'P' }));
    expect(second).toMatchObject({ id: first.id, duplicate: true });
  });

  it('trims channel streams approximately with MAXLEN ~', async () => {
    const small = new HeadlineStore(redis, { allStreamMaxLen: 100, channelStreamMaxLen: 10, dedupeTtlSeconds: 60 });
    for (let i = 0; i < 400; i += 1) await small.store(prepared({ title: `n${i}` }, { topics: ['economy'] }));
    expect(await redis.xlen(keys.allStream)).toBeLessThan(400);
    expect(await redis.xlen(keys.channelStream('economy/*'))).toBeLessThan(400);
  });
});

describe('HeadlineReader', () => {
  it('reads the latest N across channels oldest first, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const tags = i % 2 === 0 ? { topics: ['politics'], regions: ['az'] } : { topics: ['sport'], regions: ['az'] };
      ids.push((await store.store(prepared({ title: `h${i}` }, tags))).id);
    }
    const latest = await reader.latest(['politics/*', '*/az'], 4);
    expect(latest.map((h) => h.id)).toEqual(ids.slice(6));
    const after = await reader.after(['politics/*', '*/az'], ids[2] ?? '', 100);
    expect(after.map((h) => h.id)).toEqual(ids.slice(3));
    expect(await reader.reachesBack(['politics/*'], ids[0] ?? '')).toBe(true);
  });

  it('knows when a stream no longer reaches back to a cursor', async () => {
    const small = new HeadlineStore(redis, { allStreamMaxLen: 10, channelStreamMaxLen: 10, dedupeTtlSeconds: 60 });
    const first = await small.store(prepared({ title: 'first' }, { topics: ['weather'] }));
    for (let i = 0; i < 300; i += 1) await small.store(prepared({ title: `w${i}` }, { topics: ['weather'] }));
    expect(await reader.reachesBack(['weather/*'], first.id)).toBe(false);
    const last = await reader.lastId();
    expect(await reader.reachesBack(['weather/*'], last)).toBe(true);
    expect(await reader.reachesBack(['sport/*'], first.id)).toBe(true);
  });
});

describe('HeadlineStore.storeMany', () => {
  it('stores a batch atomically and de-duplicates within it', async () => {
    const results = await store.storeMany([
      prepared({ title: 'Batch one', guid: 'b1' }, { topics: ['economy'] }),
      prepared({ title: 'Batch two', guid: 'b2' }, { topics: ['economy'] }),
      prepared({ title: 'Batch one again', guid: 'b1' }, { topics: ['economy'] }),
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false, true]);
    expect(results[2]?.id).toBe(results[0]?.id);
    expect(await redis.xlen(keys.channelStream('economy/*'))).toBe(2);
  });

  it('stores a feed larger than one script call in order, finding a repeat across calls', async () => {
    const items = Array.from({ length: 230 }, (_, i) => prepared({ title: `Item ${i}`, guid: `big-${i}` }, { topics: ['sport'] }));
    items.push(prepared({ title: 'Item 3 again', guid: 'big-3' }, { topics: ['sport'] }));
    const results = await store.storeMany(items);
    expect(results).toHaveLength(231);
    expect(results.filter((r) => r.duplicate).map((r) => r.id)).toEqual([results[3]?.id]);
    const ids = (await redis.xrange(keys.allStream, '-', '+')).map(([id]) => id);
    expect(ids).toEqual(results.slice(0, 230).map((r) => r.id));
  });

  it('answers a repeat whose original was trimmed with the original id, described by the repeat', async () => {
    const first = await store.store(prepared({ title: 'Original', guid: 'g-trim' }, { topics: ['sport'] }));
    // The all-stream trimmed past it while its de-duplication key lives on.
    await redis.xtrim(keys.allStream, 'MAXLEN', 0);
    const again = await store.store(prepared({ title: 'Repeat', guid: 'g-trim' }, { topics: ['sport'] }));
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(again.headline).toMatchObject({ id: first.id, title: 'Repeat', topics: ['sport'] });
    expect(await redis.xlen(keys.allStream)).toBe(0);
  });
});
