import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';
import { FEED_PARSERS } from '../../helpers/feed-validity.ts';

let redisServer: TestRedis;
let service: RunningService;

async function publish(items: unknown[]): Promise<void> {
  const response = await fetch(`${service.url}/api/headlines`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway' });
  await publish([
    { title: 'Parliament passes budget 5 < 6 & more ]]> in Baku', url: 'https://example.com/a', topics: ['politics'], regions: ['az'], publishedAt: '2026-12-01T10:00:00Z' },
    { title: 'Cup final tonight', topics: ['sport'], regions: ['gb'] },
    { title: 'البرلمان يقر الميزانية', topics: ['politics'], regions: ['ir'] },
  ]);
});
afterAll(async () => {
  await service.stop();
  await redisServer.cleanup();
});

describe('GET /feeds/{topic}/{region}.{format}', () => {
  it.each(['rss', 'atom', 'json'] as const)('serves %s of the channel, valid and with self/hub links', async (format) => {
    const response = await fetch(`${service.url}/feeds/politics/all.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(format === 'json' ? /application\/feed\+json/ : new RegExp(`application/${format}\\+xml`));
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(response.headers.get('link')).toContain('rel="hub"');
    const entries = FEED_PARSERS[format](await response.text());
    expect(entries.map((entry) => entry.title)).toEqual(['البرلمان يقر الميزانية', 'Parliament passes budget 5 < 6 & more ]]> in Baku']);
    expect(entries[1]?.categories).toEqual(['Politics and government', 'Azerbaijan', 'Western Asia', 'Asia']);
  });

  it('answers 304 to a conditional request for an unchanged channel, and 200 once it changes', async () => {
    const first = await fetch(`${service.url}/feeds/all/gb.atom`);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(lastModified).not.toBeNull();
    const unchanged = await fetch(`${service.url}/feeds/all/gb.atom`, { headers: { 'if-none-match': etag ?? '' } });
    expect(unchanged.status).toBe(304);
    const byDate = await fetch(`${service.url}/feeds/all/gb.atom`, { headers: { 'if-modified-since': lastModified ?? '' } });
    expect(byDate.status).toBe(304);
    await publish([{ title: 'Rain over London tomorrow', topics: ['weather'], regions: ['gb'] }]);
    const changed = await fetch(`${service.url}/feeds/all/gb.atom`, { headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('names the feed itself and the hub with the public URL', async () => {
    const body = await (await fetch(`${service.url}/feeds/all/all.json`)).json() as { feed_url: string; hubs: { url: string }[] };
    expect(body.feed_url).toBe(`http://localhost:${service.port}/feeds/all/all.json`);
    expect(body.hubs[0]?.url).toBe(`http://localhost:${service.port}/websub`);
  });

  it('refuses an unknown channel with 400 and an unknown format with 404', async () => {
    const channel = await fetch(`${service.url}/feeds/sports/all.rss`);
    expect(channel.status).toBe(400);
    expect(await channel.json()).toMatchObject({ error: { code: 'BAD_CHANNEL' } });
    expect((await fetch(`${service.url}/feeds/sport/all.xml`)).status).toBe(404);
  });
});
