/**
 * What the public can see: source URLs without their secrets, /metrics behind METRICS_TOKEN,
 * metric labels that no client can multiply, and a dashboard CSP whose WebSocket goes to its
 * own origin only.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';
const SECRET_FILE = '/srv/secret-folder/feeds/private.xml';
const SOURCES = [
  { id: 'tokened', name: 'Tokened', type: 'feed', url: 'http://127.0.0.1:9/feed.xml?token=s3cr3t-token&lang=en#frag', intervalSeconds: 3600, timezone: 'UTC' },
  { id: 'basic-auth', name: 'Basic auth', type: 'feed', url: 'http://alice:hunter2@127.0.0.1:9/rss', intervalSeconds: 3600, timezone: 'UTC' },
  { id: 'local-file', name: 'Local file', type: 'feed', url: pathToFileURL(SECRET_FILE).href, intervalSeconds: 3600, timezone: 'UTC' },
];
let redisServer: TestRedis;
let service: RunningService;

beforeAll(async () => {
  redisServer = await startTestRedis();
  service = await startTestService({ REDIS_URL: redisServer.url, METRICS_TOKEN }, SOURCES);
});
afterAll(async () => {
  await service.stop();
  await redisServer.cleanup();
});

describe('public exposure', () => {
  it('/api/sources shows URLs and error messages without tokens, passwords or file paths', async () => {
    const text = await waitFor(
      async () => {
        const body = await (await fetch(`${service.url}/api/sources`)).text();
        // Wait until every source has failed once, so that error messages (which name URLs) are there too.
        return (JSON.parse(body) as { sources: { lastError: unknown }[] }).sources.every((s) => s.lastError !== null) ? body : undefined;
      },
      { timeoutMs: 20_000, what: 'every source to record its first failure' },
    );
    for (const secret of ['s3cr3t-token', 'hunter2', 'alice', 'secret-folder', 'frag']) expect(text).not.toContain(secret);
    const urls = (JSON.parse(text) as { sources: { id: string; url: string }[] }).sources.map((s) => [s.id, s.url]);
    // By id: the sources live in Redis, which keeps no file order.
    expect(urls).toEqual([
      ['basic-auth', 'http://redacted:redacted@127.0.0.1:9/rss'],
      ['local-file', 'file:(redacted)'],
      ['tokened', 'http://127.0.0.1:9/feed.xml?token=redacted&lang=redacted#redacted'],
    ]);
  });

  it('/metrics needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('newsticker_headlines_stored_total');
  });

  it('keeps metric series bounded when publishers invent source ids', async () => {
    for (let batch = 0; batch < 5; batch += 1) {
      const items = Array.from({ length: 100 }, (_, i) => ({ title: `series ${batch}-${i}`, source: { id: `made-up-${batch}-${i}`, name: 'Made up' } }));
      const response = await fetch(`${service.url}/api/headlines`, { method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(items) });
      expect(response.status).toBe(201);
    }
    const stored = (await service.metrics.headlinesStored.get()).values;
    expect(stored.map((v) => v.labels.source)).toEqual(['publish-api']);
    expect(stored[0]?.value).toBe(500);
    const text = await (await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).not.toContain('made-up-');
  });

  it("the dashboard's CSP lets it connect to its own origin only", async () => {
    const csp = (await fetch(`${service.url}/dashboard`)).headers.get('content-security-policy') ?? '';
    const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
  });
});
