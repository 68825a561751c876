/** publish-routes: a publish request must fit one atomic store call (checked when the module loads). */
import { describe, expect, it } from 'vitest';
import { assertRequestFitsOneStoreCall } from '../../../src/ingestion/publish/publish-routes.ts';
import { MAX_ITEMS_PER_REQUEST } from '../../../src/ingestion/publish/publish-schema.ts';
import { STORE_BATCH } from '../../../src/streams/store.ts';

describe('assertRequestFitsOneStoreCall', () => {
  it('holds for the shipped limits (the module loaded, so it passed)', () => {
    expect(STORE_BATCH).toBeGreaterThanOrEqual(MAX_ITEMS_PER_REQUEST);
    expect(() => assertRequestFitsOneStoreCall(MAX_ITEMS_PER_REQUEST, STORE_BATCH)).not.toThrow();
  });

  it('refuses a request limit larger than one store call', () => {
    expect(() => assertRequestFitsOneStoreCall(STORE_BATCH + 1, STORE_BATCH)).toThrow(/exceeds STORE_BATCH/);
  });
});
