/** SourceStateStore: per-source health in Redis, and a failed write is an error, not silence. */
import { describe, expect, it } from 'vitest';
import { SourceStateStore } from '../../../src/ingestion/sources/source-state.ts';
import { keys } from '../../../src/streams/keys.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';

const db = usePrivateRedis();

describe('SourceStateStore', () => {
  it('records successes and failures and reads them back', async () => {
    const state = new SourceStateStore(db.redis);
    await state.recordSuccess('a', { at: new Date('2026-01-01T00:00:00Z'), notModified: false, itemsStored: 3, etag: '"v1"' });
    await state.recordSuccess('a', { at: new Date('2026-01-01T00:01:00Z'), notModified: true, itemsStored: 0 });
    await state.recordFailure('b', { code: 'FETCH_TIMEOUT', message: 'slow', at: new Date('2026-01-01T00:02:00Z'), consecutiveFailures: 2, nextAttemptAt: new Date('2026-01-01T00:03:00Z') });
    const both = await state.getMany(['a', 'b']);
    expect(both.get('a')).toMatchObject({ fetches: 2, itemsIngested: 3, notModified: 1, notModifiedShare: 0.5, etag: '"v1"', lastError: null });
    expect(both.get('b')).toMatchObject({
      fetches: 1,
      consecutiveFailures: 2,
      lastError: { code: 'FETCH_TIMEOUT', message: 'slow', at: '2026-01-01T00:02:00.000Z' },
      nextAttemptAt: '2026-01-01T00:03:00.000Z',
    });
  });

  it('rejects when a command inside the transaction fails (exec() alone would resolve)', async () => {
    const state = new SourceStateStore(db.redis);
    await db.redis.set(keys.sourceState('broken'), 'not a hash');
    await expect(state.recordSuccess('broken', { at: new Date(), notModified: false, itemsStored: 1 })).rejects.toThrow(/WRONGTYPE/);
    await expect(
      state.recordFailure('broken', { code: 'X', message: 'x', at: new Date(), consecutiveFailures: 1, nextAttemptAt: new Date() }),
    ).rejects.toThrow(/WRONGTYPE/);
    await expect(state.getMany(['broken'])).rejects.toThrow(/WRONGTYPE/);
  });
});
