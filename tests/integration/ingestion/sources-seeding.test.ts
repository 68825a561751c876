/**
 * The sources file seeds an empty store, once: after that the API's changes stand across
 * restarts, until the store is re-seeded by deleting its keys (as the README says).
 */
import { describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const FILE = [
  { id: 'alpha', name: 'Alpha', type: 'feed', url: 'https://example.com/alpha.xml', intervalSeconds: 3600 },
  { id: 'beta', name: 'Beta', type: 'feed', url: 'https://example.com/beta.xml', intervalSeconds: 3600 },
];

const db = usePrivateRedis();

async function ids(service: RunningService): Promise<string[]> {
  const { sources } = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: { id: string }[] };
  return sources.map((source) => source.id);
}

async function change(service: RunningService, method: string, path: string, body?: unknown): Promise<number> {
  const headers = { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' };
  return (await fetch(`${service.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).status;
}

describe('seeding the sources from the file', () => {
  it('seeds an empty store, keeps the API’s changes across a restart, and seeds again once the store’s keys are deleted', async () => {
    const first = await startTestService({ REDIS_URL: db.url, ROLE: 'gateway' }, FILE);
    try {
      expect(await ids(first)).toEqual(['alpha', 'beta']);
      expect(await change(first, 'DELETE', '/api/sources/beta')).toBe(200);
      expect(await change(first, 'POST', '/api/sources', { id: 'gamma', name: 'Gamma', type: 'feed', url: 'https://example.com/gamma.xml' })).toBe(201);
    } finally {
      await first.stop();
    }

    // A restart with the same file: the store was seeded, so the file changes nothing.
    const second = await startTestService({ REDIS_URL: db.url, ROLE: 'gateway' }, FILE);
    try {
      expect(await ids(second)).toEqual(['alpha', 'gamma']);
      // Deleting only the marker seeds nothing: a store that holds sources keeps them.
      await db.redis.del(keys.sourcesSeeded);
      await waitFor(async () => (await db.redis.exists(keys.sourcesSeeded)) === 1, { what: 'the marker to be set again' });
      expect(await ids(second)).toEqual(['alpha', 'gamma']);
      // The README's re-seed: the running service notices and seeds the store from its file.
      await db.redis.del(keys.sources, keys.sourcesSeeded);
      await waitFor(async () => (await ids(second)).join() === 'alpha,beta', { timeoutMs: 5_000, what: 'the store to be seeded again from the file' });
      expect(await db.redis.hlen(keys.sources)).toBe(2);
    } finally {
      await second.stop();
    }
  });
});
