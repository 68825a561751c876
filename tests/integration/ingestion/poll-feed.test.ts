/** Feed sources over HTTP: conditional GET, and one headline from polls and the publish API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/sources.ts';
import { pollSource } from '../../../src/ingestion/poll/poll-source.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startHttpServer, withEtag, type TestHttpServer } from '../../helpers/http-server.ts';
import { pollDeps } from '../../helpers/poll-deps.ts';
import { oneSource } from '../../helpers/sources.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://news.example.org/</link>
<item><guid isPermaLink="false">wire-1001</guid><title><![CDATA[ Flood waters recede in Dhaka ]]></title>
  <link>/world/flood-dhaka?utm_source=rss</link><pubDate>Sun, 29 Nov 2026 03:10:00 +0000</pubDate>
  <description>&lt;p&gt;Relief work &lt;b&gt;continues&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><guid isPermaLink="false">wire-1002</guid><title>Central bank holds rates</title>
  <link>https://news.example.org/economy/rates</link><pubDate>Sun, 29 Nov 2026 03:20:00 +0000</pubDate></item>
</channel></rss>`;

const db = usePrivateRedis();
let http: TestHttpServer;
let source: SourceConfig;

beforeAll(async () => {
  http = await startHttpServer();
  http.route('/wire.xml', withEtag(FEED, 'application/rss+xml; charset=utf-8', '"wire-v1"'));
  source = oneSource({ id: 'wire', name: 'Wire', type: 'feed', url: `${http.url}/wire.xml`, timezone: 'UTC', lang: 'en' });
});
afterAll(async () => {
  await http.close();
});

describe('polling a feed', () => {
  it('answers a second poll of an unchanged feed from a 304, parsing nothing', async () => {
    const deps = pollDeps(db.redis);
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', items: 2, stored: 2 });
    const before = http.requests.length;
    expect(await pollSource(deps, source)).toEqual({ kind: 'not-modified' });
    expect(http.requests[before]?.headers['if-none-match']).toBe('"wire-v1"');
    expect(http.requests[before]?.headers['user-agent']).toMatch(/^NewsTicker\//);
    expect(await deps.state.get('wire')).toMatchObject({ fetches: 2, notModified: 1, notModifiedShare: 0.5, itemsIngested: 2 });
  });

  it('records a failure together with its backoff, and a success clears both', async () => {
    const deps = pollDeps(db.redis);
    const broken = oneSource({ id: 'gone', name: 'Gone', type: 'feed', url: `${http.url}/missing.xml` });
    const outcome = await pollSource(deps, broken);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'FETCH_HTTP_STATUS' });
    const state = await deps.state.get('gone');
    expect(state).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'FETCH_HTTP_STATUS' } });
    expect(Date.parse(state.nextAttemptAt ?? '')).toBeGreaterThan(Date.now());
    // Inside the backoff window a scheduled poll does not fetch.
    const before = http.requests.length;
    expect(await pollSource(deps, broken)).toMatchObject({ kind: 'backing-off' });
    expect(http.requests.length).toBe(before);
    // A retry ignores the window; once the source answers, the failure count resets.
    http.route('/missing.xml', withEtag(FEED, 'application/rss+xml', '"back"'));
    expect(await pollSource(deps, broken, { ignoreBackoff: true })).toMatchObject({ kind: 'stored' });
    expect(await deps.state.get('gone')).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastSuccessAt: expect.any(String) as unknown });
  });

  it('stores one headline for the same item from two polls and from the publish API', async () => {
    const service = await startTestService({ REDIS_URL: db.url, ROLE: 'gateway' });
    try {
      const deps = pollDeps(db.redis);
      await pollSource(deps, source);
      await db.redis.hdel(keys.sourceState('wire'), 'etag'); // force a full second read
      expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 0, duplicates: 2 });
      const response = await fetch(`${service.url}/api/headlines`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
        // Relative links resolve against the feed's URL.
        body: JSON.stringify({ title: 'Flood waters recede in Dhaka', url: `${http.url}/world/flood-dhaka` }),
      });
      const body = (await response.json()) as { results: { id: string; duplicate: boolean; headline: { title: string; summary?: string } }[] };
      expect(body.results[0]).toMatchObject({ duplicate: true, headline: { title: 'Flood waters recede in Dhaka', summary: 'Relief work continues.' } });
      expect(await db.redis.xlen(keys.allStream)).toBe(2);
      // Stored in publication order: the Dhaka story (03:10) before the rates story (03:20).
      const [stored] = await db.redis.xrange(keys.allStream, '-', '+');
      expect(stored?.[0]).toBe(body.results[0]?.id);
      const headline = JSON.parse(stored?.[1][1] ?? '{}') as { url: string; regions: string[]; publishedAt: string };
      expect(headline.url).toBe(`${http.url}/world/flood-dhaka`);
      expect(headline.publishedAt).toBe('2026-11-29T03:10:00.000Z');
      expect(headline.regions).toContain('bd'); // classified from the text
    } finally {
      await service.stop();
    }
  });
});
