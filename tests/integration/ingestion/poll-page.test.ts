/**
 * Listing pages as `page` sources, served over HTTP: the captured caliber.az page (when
 * ../shared/fixtures is present) and a listing of our own in the same format (always).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/sources.ts';
import { pollSource } from '../../../src/ingestion/poll/poll-source.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startHttpServer, withEtag, type TestHttpServer } from '../../helpers/http-server.ts';
import { pollDeps } from '../../helpers/poll-deps.ts';
import { oneSource } from '../../helpers/sources.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { testReader } from '../../helpers/reader.ts';

const SHARED = resolve(process.cwd(), '../shared/fixtures/caliber-az-article.txt');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipped: captured caliber.az page tests, because ${SHARED} is absent`);

const db = usePrivateRedis();
let http: TestHttpServer;

function pageSource(id: string, url: string): SourceConfig {
  return oneSource({
    id,
    name: 'Caliber.Az',
    type: 'page',
    url,
    timezone: 'Asia/Baku',
    lang: 'en',
    regions: ['az'],
    extraction: { kind: 'text', startAfter: 'Latest news', endBefore: 'All news', dateFormat: 'd MMMM yyyy - HH:mm' },
  });
}

/** A listing in the captured page's format, with our own headlines. */
function ownListing(): string {
  const items = [
    ['Harbour authority opens new ferry terminal in Baku', '', '2 March 2025 - 09:15'],
    ['Parliament debates water tariff reform', 'Vote expected next week', '2 March 2025 - 08:40'],
    ['Grain exports rise for third month', '', '1 March 2025 - 23:05'],
    ['Border guards report exchange of fire with Armenian units near Nakhchivan', '', '1 March 2025 - 22:30'],
  ];
  const body = items.map(([title, summary, date]) => `    ${title}\n\n${summary === '' ? '' : `    ${summary}\n\n`}    ${date}\n`).join('\n');
  return `Some article text\n\nRead also\n\nAn older piece\n\n01 March 2025 - 10:00\n\nLatest news\n\n${body}\nAll news\n\nFooter`;
}

beforeAll(async () => {
  http = await startHttpServer();
});
afterAll(async () => {
  await http.close();
});

describe.skipIf(!hasShared)('captured caliber.az page (../shared/fixtures)', () => {
  it('gives exactly its 40 latest headlines with UTC times and subtitles as summaries; a second poll adds none', async () => {
    http.route('/caliber', withEtag(readFileSync(SHARED), 'text/plain; charset=utf-8', '"cal"'));
    const deps = pollDeps(db.redis);
    const source = pageSource('caliber-az', `${http.url}/caliber`);
    const first = await pollSource(deps, source);
    expect(first).toMatchObject({ kind: 'stored', items: 40, stored: 40, duplicates: 0 });
    const headlines = await testReader(db.redis).latest(['*/*'], 100);
    expect(headlines).toHaveLength(40);
    const baku = headlines.find((h) => h.title === 'Azerbaijan, Albania foster trade ties through business meeting in Baku');
    expect(baku?.publishedAt).toBe('2024-06-14T16:59:00.000Z');
    expect(baku?.source).toEqual({ id: 'caliber-az', name: 'Caliber.Az' });
    expect(headlines.find((h) => h.title === 'The complexities of regional integration in Middle East')?.summary).toBe('Tensions and opportunities');
    expect(headlines.find((h) => h.title === 'Germany to transfer new aid package to Ukraine')?.summary).toBe('HIMARS, IRIS-T air defence systems');
    // Stored oldest first, so stream order follows publication order.
    expect(headlines[0]?.title).toBe('Armenian security chief to attend Ukraine Peace Summit in Switzerland');
    expect(headlines[39]?.title).toBe('Azerbaijan, Albania foster trade ties through business meeting in Baku');

    // The server answers 304 to the conditional GET; force a full re-read too.
    expect(await pollSource(deps, source)).toEqual({ kind: 'not-modified' });
    http.route('/caliber', withEtag(readFileSync(SHARED), 'text/plain; charset=utf-8', '"cal-2"'));
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 0, duplicates: 40 });
    expect(await db.redis.xlen(keys.allStream)).toBe(40);
  });
});

describe('our own listing page', () => {
  it('reads titles, summaries and Baku times; a repeat poll stores nothing new', async () => {
    http.route('/own', withEtag(ownListing(), 'text/plain; charset=utf-8', '"own-1"'));
    const deps = pollDeps(db.redis);
    const source = pageSource('own-page', `${http.url}/own`);
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', items: 4, stored: 4 });
    const reader = testReader(db.redis);
    // The classifier tags from the text on top of the source's default region (az).
    const conflict = await reader.latest(['conflict/western-asia'], 10);
    expect(conflict.map((h) => h.title)).toEqual(['Border guards report exchange of fire with Armenian units near Nakhchivan']);
    expect(conflict[0]?.regions).toEqual(['az', 'am', 'western-asia', 'asia']);
    const headlines = (await reader.latest(['*/az'], 10)).slice(1);
    expect(headlines.map((h) => [h.title, h.publishedAt, h.summary])).toEqual([
      ['Grain exports rise for third month', '2025-03-01T19:05:00.000Z', undefined],
      ['Parliament debates water tariff reform', '2025-03-02T04:40:00.000Z', 'Vote expected next week'],
      ['Harbour authority opens new ferry terminal in Baku', '2025-03-02T05:15:00.000Z', undefined],
    ]);
    expect(headlines[0]?.regions).toEqual(['az', 'western-asia', 'asia']);
    expect(await pollSource(deps, source)).toEqual({ kind: 'not-modified' });
    const state = await deps.state.get('own-page');
    expect(state).toMatchObject({ fetches: 2, notModified: 1, itemsIngested: 4, consecutiveFailures: 0, lastError: null });
  });
});
