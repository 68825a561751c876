/**
 * Every process's view of the sources: a change is seen at once through its announcement, and
 * within the resync interval when the announcement was missed (a subscriber reconnecting).
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOURCES_RESYNC_MS, SourceCatalog } from '../../../src/ingestion/sources/source-catalog.ts';
import { SourceStore } from '../../../src/ingestion/sources/source-store.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { oneSource } from '../../helpers/sources.ts';
import { waitFor } from '../../helpers/wait.ts';

const db = usePrivateRedis();
const logger = createLogger('silent');
const feed = (id: string) => oneSource({ id, name: id, type: 'feed', url: `https://example.com/${id}.xml` });

let subscriber: Redis;
let store: SourceStore;
let catalog: SourceCatalog;
const errors: unknown[] = [];

beforeEach(async () => {
  subscriber = db.redis.duplicate();
  store = new SourceStore(db.redis, { logger, metrics: createMetrics() });
  catalog = new SourceCatalog({ store, subscriber, seed: [feed('seeded')], logger, onError: (error) => errors.push(error) });
  await catalog.start();
});
afterEach(async () => {
  await catalog.stop();
  expect(errors).toEqual([]);
});

describe('SourceCatalog', () => {
  it('loads the seeded store and sees each change through its announcement', async () => {
    expect(catalog.all().map((source) => source.id)).toEqual(['seeded']);
    const seen: string[][] = [];
    catalog.onChange((sources) => void seen.push(sources.map((source) => source.id)));
    expect(await store.write('added', undefined, feed('added'), 'delete')).toBe(true);
    await waitFor(() => catalog.has('added'), { timeoutMs: SOURCES_RESYNC_MS / 2, what: 'the announced change, well before a resync' });
    expect(seen).toEqual([['added', 'seeded']]);
  });

  it('applies a change whose announcement it missed within the resync interval', async () => {
    await subscriber.unsubscribe(); // as if the subscriber had been reconnecting when it was announced
    const written = Date.now();
    expect(await store.write('missed', undefined, feed('missed'), 'delete')).toBe(true);
    await waitFor(() => catalog.has('missed'), { timeoutMs: SOURCES_RESYNC_MS * 2, what: 'the resync to find the change' });
    expect(Date.now() - written).toBeLessThanOrEqual(SOURCES_RESYNC_MS + 500);
  });

  it('seeds a wiped store again from the file', async () => {
    await store.write('extra', undefined, feed('extra'), 'delete');
    await waitFor(() => catalog.has('extra'), { what: 'the extra source' });
    await db.redis.flushall();
    await waitFor(() => !catalog.has('extra'), { timeoutMs: SOURCES_RESYNC_MS * 2, what: 'the wiped store to be seeded again' });
    expect((await store.list()).map((source) => source.id)).toEqual(['seeded']);
  });
});
