import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let service: RunningService;

const auth = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };

async function publish(body: unknown, headers: Record<string, string> = auth): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${service.url}/api/headlines`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  redis = privateRedis.redis;
  service = await startTestService({ REDIS_URL: privateRedis.url, ROLE: 'gateway', PUBLISH_RATE_PER_MINUTE: '30' });
});
afterAll(async () => {
  await service.stop();
});

describe('POST /api/headlines', () => {
  it('answers 401 without a key and with a wrong key, storing nothing', async () => {
    const missing = await publish({ title: 'x' }, { 'content-type': 'application/json' });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const wrong = await publish({ title: 'x' }, { ...auth, authorization: 'Bearer not-the-key-at-all-123' });
    expect(wrong.status).toBe(401);
    expect(await redis.exists(keys.allStream)).toBe(0);
  });

  it('stores a headline, normalised, and answers the contract shape', async () => {
    const { status, json } = await publish({
      title: '  <b>Azerbaijan</b> &amp; Albania   foster trade ties ',
      url: 'https://example.com/news/123?utm_source=x&id=5',
      summary: '<p>Business meeting in <i>Baku</i></p>',
      publishedAt: '2024-06-14T20:59:00+04:00',
      source: { id: 'caliber-az', name: 'Caliber.Az' },
      topics: ['economy', 'politics'],
      regions: ['az', 'al'],
      lang: 'en',
    });
    expect(status).toBe(201);
    const result = (json as { results: { id: string; duplicate: boolean; headline: Record<string, unknown> }[] }).results[0];
    expect(result?.duplicate).toBe(false);
    expect(result?.headline).toEqual({
      id: result?.id,
      title: 'Azerbaijan & Albania foster trade ties',
      url: 'https://example.com/news/123?id=5',
      summary: 'Business meeting in Baku',
      source: { id: 'caliber-az', name: 'Caliber.Az' },
      publishedAt: '2024-06-14T16:59:00.000Z',
      receivedAt: expect.any(String) as unknown,
      topics: ['economy', 'politics'],
      regions: ['az', 'al', 'western-asia', 'southern-europe', 'asia', 'europe'],
      lang: 'en',
      priority: 'normal',
      revision: 1,
    });
    const read = await fetch(`${service.url}/api/channels`);
    expect(read.status).toBe(200);
  });

  it('classifies a published headline that names no topics or regions', async () => {
    const { status, json } = await publish({ title: 'Liverpool beat Real Madrid in Champions League final in Paris' });
    expect(status).toBe(201);
    const headline = (json as { results: { headline: { topics: string[]; regions: string[] } }[] }).results[0]?.headline;
    expect(headline?.topics[0]).toBe('sport');
    expect(headline?.regions).toEqual(expect.arrayContaining(['fr', 'western-europe', 'europe']));
  });

  it('answers a repeat with duplicate: true and the first id; a new title under the same guid corrects it', async () => {
    const item = { title: 'Same story', guid: 'story-1', source: { id: 'wire', name: 'Wire' } };
    const first = (await publish(item)).json as { results: { id: string }[] };
    const again = await publish([item, { ...item, title: 'Same story, new wording' }]);
    expect(again.status).toBe(200);
    const results = (again.json as { results: { id: string; duplicate: boolean; changeId?: string; headline: { title: string; revision: number } }[] }).results;
    expect(results.map((r) => [r.id, r.duplicate, r.headline.title, r.headline.revision])).toEqual([
      [first.results[0]?.id, true, 'Same story', 1],
      [first.results[0]?.id, true, 'Same story, new wording', 2],
    ]);
    expect(results[0]?.changeId).toBeUndefined();
    // One headline and one correction entry: never a second headline.
    const entries = await redis.xrange(keys.allStream, '-', '+');
    expect(entries.map(([id, fields]) => [id, fields[0]])).toEqual([
      [first.results[0]?.id, 'h'],
      [results[1]?.changeId, 'c'],
    ]);
  });

  it('answers 400 with per-field errors and stores nothing from the batch', async () => {
    const { status, json } = await publish([
      { title: 'Fine headline' },
      { title: '', url: 'javascript:alert(1)', topics: ['nonsense'], regions: ['xx'], publishedAt: 'yesterday' },
    ]);
    expect(status).toBe(400);
    const details = (json as { error: { code: string; details: { path: string }[] } }).error;
    expect(details.code).toBe('VALIDATION');
    expect(details.details.map((d) => d.path).sort()).toEqual(['1.publishedAt', '1.regions.0', '1.title', '1.topics.0', '1.url']);
    expect(await redis.exists(keys.allStream)).toBe(0);
  });

  it('names the field for a single object as for an array, and suggests the nearest topic or region', async () => {
    const { status, json } = await publish({ title: 'One', url: 'javascript:alert(1)', topics: ['sports'], regions: ['uk'] });
    expect(status).toBe(400);
    const details = (json as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details).toEqual([
      { path: 'url', message: 'must be an absolute http(s) URL' },
      { path: 'topics.0', message: 'unknown topic "sports" (did you mean "sport"?); see GET /api/channels' },
      { path: 'regions.0', message: 'unknown region "uk" (did you mean "gb"?); see GET /api/channels' },
    ]);
    const missingTitle = await publish({ url: 'https://example.com/a' });
    expect((missingTitle.json as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['title']);
    expect(await redis.exists(keys.allStream)).toBe(0);
  });

  it('answers 400 for malformed JSON and for more than 100 items', async () => {
    expect((await publish('{"title": ')).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => ({ title: `t${i}` }));
    const tooMany = await publish(many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ error: { details: [{ path: '', message: 'at most 100 headlines per request; split the batch' }] } });
    expect(await redis.exists(keys.allStream)).toBe(0);
  });

  it('answers 413 for a body over 256 KiB', async () => {
    const { status, json } = await publish({ title: 'big', summary: 'x'.repeat(300 * 1024) });
    expect(status).toBe(413);
    expect(json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('rate limits per key with 429 and Retry-After', async () => {
    await redis.flushall();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 35; i += 1) {
      const response = await fetch(`${service.url}/api/headlines`, { method: 'POST', headers: auth, body: JSON.stringify({ title: `rate ${i}` }) });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
