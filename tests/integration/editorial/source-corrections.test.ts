/**
 * Corrections by a headline's source: a feed item (or a published headline) back under the
 * same guid with another title or link corrects the stored headline, once; the same title and
 * link again stay a duplicate.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/sources.ts';
import { pollSource } from '../../../src/ingestion/poll/poll-source.ts';
import { keys } from '../../../src/streams/keys.ts';
import { HeadlineReader } from '../../../src/streams/reader.ts';
import { decodeStreamEntries, type StreamEntry } from '../../../src/streams/serialise.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { pollDeps, testEditor } from '../../helpers/poll-deps.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { oneSource } from '../../helpers/sources.ts';

function feed(title: string, link: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Desk</title><link>https://news.example.org/</link>
<item><guid isPermaLink="false">desk-42</guid><title>${title}</title><link>${link}</link>
  <pubDate>Sun, 06 Dec 2026 09:00:00 +0000</pubDate></item>
<item><guid isPermaLink="false">desk-41</guid><title>Parliament opens its session</title>
  <link>https://news.example.org/politics/session</link><pubDate>Sun, 06 Dec 2026 08:00:00 +0000</pubDate></item>
</channel></rss>`;
}

let redisServer: TestRedis;
let redis: Redis;
let http: TestHttpServer;
let source: SourceConfig;
let body = '';

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  http = await startHttpServer();
  // No validators: every poll parses the feed as it is now.
  http.route('/desk.xml', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body));
  source = oneSource({ id: 'desk', name: 'Desk', type: 'feed', url: `${http.url}/desk.xml`, timezone: 'UTC', lang: 'en', topics: ['politics'] });
});
afterAll(async () => {
  redis.disconnect();
  await http.close();
  await redisServer.cleanup();
});
beforeEach(async () => {
  await redis.flushall();
});

async function allEntries(): Promise<StreamEntry[]> {
  return decodeStreamEntries((await redis.xrange(keys.allStream, '-', '+')), (error) => {
    throw error;
  });
}

const reader = (): HeadlineReader => new HeadlineReader(redis, { logger: createLogger('silent'), metrics: createMetrics() });

describe('a feed item that changes under the same guid', () => {
  it('becomes one correction by its source, not a new headline; the same text again is a duplicate', async () => {
    const deps = pollDeps(redis);
    body = feed('Minister resigns', 'https://news.example.org/politics/minister');
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 2, duplicates: 0 });
    const [first] = await reader().latest(['*/*'], 1);
    expect(first).toMatchObject({ title: 'Minister resigns', revision: 1 });

    body = feed('Minister offers to resign', 'https://news.example.org/politics/minister');
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 0, duplicates: 2 });
    body = feed('Minister offers to resign', 'https://news.example.org/politics/minister');
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 0, duplicates: 2 });

    const entries = await allEntries();
    expect(entries.map((e) => e.kind)).toEqual(['headline', 'headline', 'change']);
    const change = entries[2];
    expect(change?.kind === 'change' ? change.change : undefined).toMatchObject({ type: 'update', headline: { id: first?.id, title: 'Minister offers to resign', revision: 2 } });
    expect((await reader().latest(['politics/*'], 5)).map((h) => [h.title, h.revision])).toEqual([
      ['Parliament opens its session', 1],
      ['Minister offers to resign', 2],
    ]);
    const audit = (await redis.lrange(keys.audit, 0, -1)).map((json) => JSON.parse(json) as Record<string, unknown>);
    expect(audit).toMatchObject([{ action: 'headline.source-correction', actor: 'source:desk', target: first?.id }]);
  });

  it('corrects a changed link too, and a later repeat under the old link is still that headline', async () => {
    const deps = pollDeps(redis);
    body = feed('Storm closes the port', 'https://news.example.org/weather/storm');
    await pollSource(deps, source);
    body = feed('Storm closes the port', 'https://news.example.org/weather/storm-port');
    await pollSource(deps, source);
    const entries = await allEntries();
    expect(entries.map((e) => e.kind)).toEqual(['headline', 'headline', 'change']);
    const change = entries[2];
    expect(change?.kind === 'change' ? change.change.headline : undefined).toMatchObject({ url: 'https://news.example.org/weather/storm-port', revision: 2 });
  });

  it('leaves a retracted headline retracted whatever its source says next', async () => {
    const deps = pollDeps(redis);
    body = feed('Rumour of a reshuffle', 'https://news.example.org/politics/reshuffle');
    await pollSource(deps, source);
    const [pulled] = await reader().latest(['*/*'], 1);
    if (pulled === undefined) throw new Error('nothing stored');
    await testEditor(redis).retract(pulled.id, 'unconfirmed', 'key:desk');
    body = feed('Reshuffle confirmed', 'https://news.example.org/politics/reshuffle');
    expect(await pollSource(deps, source)).toMatchObject({ stored: 0, duplicates: 2 });
    expect((await allEntries()).map((e) => e.kind)).toEqual(['headline', 'headline', 'change']);
  });
});

describe('a published headline repeated under its guid', () => {
  it('corrects the stored one when its title changed, and answers it as it now stands', async () => {
    const deps = pollDeps(redis);
    const item = (title: string): Parameters<typeof deps.store.store>[0] => ({
      draft: { title, source: { id: 'wire', name: 'Wire' }, publishedAt: null, receivedAt: new Date().toISOString(), topics: ['economy'], regions: [] },
      dedupeKeys: ['g:wire-7'],
      sourceFingerprint: title,
    });
    const first = await deps.store.store(item('Rates held'));
    const corrected = await deps.store.store(item('Rates held at 4%'));
    expect(corrected).toMatchObject({ id: first.id, duplicate: true, headline: { title: 'Rates held at 4%', revision: 2 } });
    expect(corrected.changeId).toBeDefined();
    const again = await deps.store.store(item('Rates held at 4%'));
    expect(again).toMatchObject({ id: first.id, duplicate: true, headline: { title: 'Rates held at 4%', revision: 2 } });
    expect(again.changeId).toBeUndefined();
    expect(await redis.xlen(keys.allStream)).toBe(2);
  });
});
