/** The publish API runs every text field through the same plain-text normaliser as feeds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';

let redisServer: TestRedis;
let service: RunningService;

beforeAll(async () => {
  redisServer = await startTestRedis();
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway' });
});
afterAll(async () => {
  await service.stop();
  await redisServer.cleanup();
});

describe('published text', () => {
  it('strips NUL, lone surrogates, bidi overrides, zero-width characters and tags from source.name, title and summary', async () => {
    const spoof = (text: string): string => `\u0000${text}\uD800\u202E\u2067 <b>x</b>\u200D\uFEFF`;
    const response = await fetch(`${service.url}/api/headlines`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: spoof('Rates held'), summary: spoof('Central bank'), source: { id: 'desk', name: spoof('Desk') } }),
    });
    expect(response.status).toBe(201);
    const { results } = (await response.json()) as { results: { headline: { title: string; summary?: string; source: { name: string } } }[] };
    expect(results[0]?.headline).toMatchObject({ title: 'Rates held x', summary: 'Central bank x', source: { id: 'desk', name: 'Desk x' } });
    // What clients read back is the stored copy, equally clean.
    const history = (await (await fetch(`${service.url}/api/headlines?channel=*/*`)).json()) as { headlines: { source: { name: string } }[] };
    expect(history.headlines.map((headline) => headline.source.name)).toEqual(['Desk x']);
  });
});
