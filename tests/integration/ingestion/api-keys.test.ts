/**
 * Named keys with scopes over HTTP: API_KEYS_FILE beside PUBLISH_API_KEYS, 401 for a missing or
 * unknown key, 403 for a key without the scope, and source ids a key may not publish under.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { FEED_PARSERS } from '../../helpers/feed-validity.ts';
import { startKeyedService, type KeyedService } from '../../helpers/keyed-service.ts';
import { TEST_API_KEY } from '../../helpers/service.ts';

const DESK_KEY = 'desk-key-0123456789abcdef0123456789';
const EDIT_KEY = 'edit-key-0123456789abcdef0123456789';
const BBC_KEY = 'bbc-key-0123456789abcdef0123456789ab';
const HASHED_KEY = 'hashed-key-0123456789abcdef01234567';
const KEYS_FILE = [
  { name: 'desk', key: DESK_KEY, scopes: ['publish'], sources: ['desk-*'] },
  { name: 'editor', key: EDIT_KEY, scopes: ['edit'] },
  { name: 'bbc-bridge', key: BBC_KEY, scopes: ['publish'], sources: ['bbc-world'] },
  { name: 'hashed', sha256: createHash('sha256').update(HASHED_KEY).digest('hex'), scopes: ['publish', 'admin'] },
];
const CONFIGURED_FEED = { id: 'bbc-world', name: 'BBC World', type: 'feed', url: 'http://127.0.0.1:9/feed.xml' };

let running: KeyedService;
let redis: Redis;
let service: RunningService;

async function publish(key: string | undefined, sourceId?: string): Promise<{ status: number; json: { error?: { code: string; message: string } } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) };
  const body = { title: `A headline from ${sourceId ?? 'the API'}`, ...(sourceId === undefined ? {} : { source: { id: sourceId, name: sourceId } }) };
  const response = await fetch(`${service.url}/api/headlines`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string } } };
}

beforeAll(async () => {
  running = await startKeyedService(KEYS_FILE, [CONFIGURED_FEED]);
  ({ service, redis } = running);
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  await redis.flushall(); // this file's private Redis
});

describe('API keys with names and scopes', () => {
  it('answers 401 for a missing or unknown key and 403 for a key without the publish scope', async () => {
    expect((await publish(undefined)).status).toBe(401);
    expect((await publish('unknown-key-0123456789abcdef0123456')).status).toBe(401);
    const forbidden = await publish(EDIT_KEY);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toMatchObject({ code: 'FORBIDDEN', message: 'the key "editor" does not have the scope "publish"' });
    expect(await redis.exists(keys.allStream)).toBe(0);
  });

  it('answers 403 to a publish-only key on PATCH and DELETE /api/headlines/:id and on GET /api/audit', async () => {
    const headers = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };
    const patch = await fetch(`${service.url}/api/headlines/1718384340000-0`, { method: 'PATCH', headers, body: JSON.stringify({ title: 'Fixed' }) });
    const retract = await fetch(`${service.url}/api/headlines/1718384340000-0`, { method: 'DELETE', headers, body: JSON.stringify({ reason: 'wrong' }) });
    const audit = await fetch(`${service.url}/api/audit`, { headers });
    expect([patch.status, retract.status, audit.status]).toEqual([403, 403, 403]);
    expect(await patch.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: 'the key "key-1" does not have the scope "edit"' } });
  });

  it('lets a key limited to desk-* publish as desk-sport but not as bbc-world, storing nothing then', async () => {
    expect((await publish(DESK_KEY, 'desk-sport')).status).toBe(201);
    const refused = await publish(DESK_KEY, 'bbc-world');
    expect(refused.status).toBe(403);
    expect(refused.json.error?.message).toMatch(/"desk" may not publish/);
    expect((await publish(DESK_KEY)).status).toBe(403); // the API's own source id is not desk-*
    expect(await redis.xlen(keys.allStream)).toBe(1);
  });

  it('keeps PUBLISH_API_KEYS working, except under a configured source id', async () => {
    expect((await publish(TEST_API_KEY, 'caliber-az')).status).toBe(201);
    expect((await publish(TEST_API_KEY)).status).toBe(201);
    const refused = await publish(TEST_API_KEY, 'bbc-world');
    expect(refused.status).toBe(403);
    expect(refused.json.error?.message).toMatch(/"key-1" may not publish/);
  });

  it('lets a key whose sources name a configured source publish under it, and accepts a key given as its SHA-256', async () => {
    expect((await publish(BBC_KEY, 'bbc-world')).status).toBe(201);
    expect((await publish(HASHED_KEY, 'newsroom')).status).toBe(201);
    expect((await publish(HASHED_KEY, 'bbc-world')).status).toBe(403);
  });

  it("names a headline published without a source after its key's file name, or leaves it unnamed: never \"Publish API\"", async () => {
    const sourceOf = async (key: string): Promise<unknown> => {
      const response = await fetch(`${service.url}/api/headlines`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ title: `No source given, key ${key.slice(0, 6)}`, topics: ['economy'], regions: ['az'] }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { results: { headline: { source: unknown } }[] }).results[0]?.headline.source;
    };
    expect(await sourceOf(HASHED_KEY)).toEqual({ id: 'publish-api', name: 'hashed' });
    // PUBLISH_API_KEYS are named key-1, key-2...: nothing a reader should see.
    expect(await sourceOf(TEST_API_KEY)).toEqual({ id: 'publish-api', name: '' });

    const history = (await (await fetch(`${service.url}/api/headlines?channel=*/*`)).json()) as { headlines: { source: { name: string } }[] };
    expect(history.headlines.map((headline) => headline.source)).toEqual([
      { id: 'publish-api', name: 'hashed' },
      { id: 'publish-api', name: '' },
    ]);
    // Feeds leave the unnamed one without an author; Atom then names the feed's own (RFC 4287 4.1.1).
    for (const format of ['rss', 'atom', 'json'] as const) {
      const body = await (await fetch(`${service.url}/feeds/all/all.${format}`)).text();
      expect(FEED_PARSERS[format](body)).toHaveLength(2);
      expect(body).not.toContain('Publish API');
      expect(body).toContain('hashed');
    }
    const atom = await (await fetch(`${service.url}/feeds/all/all.atom`)).text();
    expect(atom).toMatch(/<feed[^]*<author>\s*<name>News Ticker<\/name>\s*<\/author>[^]*<entry>/);
  });
});
