/**
 * OPML over HTTP: GET /api/sources.opml and POST /api/sources/import (scope admin). An export
 * imported into an empty store gives the same sources; a feed reader's export is imported once,
 * however often it is posted; an invalid file imports nothing.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { AuditEntry } from '../../../src/editorial/audit.ts';
import { startKeyedService, type KeyedService } from '../../helpers/keyed-service.ts';
import { waitFor } from '../../helpers/wait.ts';

const ADMIN_KEY = 'opml-admin-key-0123456789abcdef0123';
const SOURCES = [
  { id: 'wire', name: 'Wire & "Desk"', type: 'feed', url: 'https://example.com/feed.xml?a=1&b=2', intervalSeconds: 60, maxItemsPerPoll: 50, timezone: 'Asia/Baku', lang: 'az', topics: ['politics'], regions: ['az'] },
  { id: 'listing', name: 'Listing', type: 'page', url: 'https://caliber.az/en/latest', timezone: 'Asia/Baku', extraction: { kind: 'text', startAfter: 'Latest news', endBefore: 'All news', dateFormat: 'd MMMM yyyy - HH:mm' } },
  { id: 'quiet', name: 'Quiet', type: 'feed', url: 'https://example.org/rss' },
];

let running: KeyedService;
let service: RunningService;

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

async function list(): Promise<Record<string, unknown>[]> {
  const { sources } = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: { id: string }[] };
  return Promise.all(sources.map(async ({ id }) => ((await (await fetch(`${service.url}/api/sources/${id}`, { headers: auth })).json()) as { source: Record<string, unknown> }).source));
}

async function importOpml(body: string): Promise<{ status: number; json: { created?: { id: string }[]; skipped?: { id: string; reason: string }[]; error?: { code: string; details?: { path: string }[] } } }> {
  const response = await fetch(`${service.url}/api/sources/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/x-opml' }, body });
  return { status: response.status, json: (await response.json()) as Awaited<ReturnType<typeof importOpml>>['json'] };
}

/** An empty store: what a first start on a new Redis with an empty sources file finds. */
async function emptyStore(): Promise<void> {
  await running.redis.flushall();
  await waitFor(async () => (await list()).length === 0 && (await running.redis.exists('{nt}:sources:seeded')) === 1, { what: 'the wiped store to be seeded again (from an empty file)' });
}

beforeAll(async () => {
  running = await startKeyedService([{ name: 'ops', key: ADMIN_KEY, scopes: ['admin'] }]);
  service = running.service;
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  await emptyStore();
});

describe('OPML', () => {
  it('exports the sources, and the export imported into an empty store gives the same sources', async () => {
    for (const source of SOURCES) {
      expect((await fetch(`${service.url}/api/sources`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(source) })).status).toBe(201);
    }
    await fetch(`${service.url}/api/sources/quiet`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ paused: true }) });
    const before = await list();
    expect(before).toHaveLength(3);

    const exported = await fetch(`${service.url}/api/sources.opml`, { headers: auth });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename=news-ticker-sources.opml');
    const opml = await exported.text();
    expect(opml).toContain('xmlUrl="https://example.com/feed.xml?a=1&amp;b=2"');

    await emptyStore();
    const imported = await importOpml(opml);
    expect(imported.status).toBe(201);
    expect(imported.json.created?.map((source) => source.id)).toEqual(['listing', 'quiet', 'wire']);
    expect(imported.json.skipped).toEqual([]);
    expect(await list()).toEqual(before);
  });

  it('imports a feed reader export once: each feed created, the second subscription to a feed and a second import skipped', async () => {
    const opml = await readFile(new URL('../../fixtures/opml/feed-reader-export.opml', import.meta.url), 'utf8');
    const first = await importOpml(opml);
    expect(first.status).toBe(201);
    expect(first.json.created?.map((source) => source.id)).toEqual([
      'bbc-news-world',
      'al-jazeera-english',
      'deutsche-welle-english',
      'ars-technica',
      'nature-latest-research',
      'hacker-news-front-page',
      'oc-media',
      'azadliq-radiosu',
    ]);
    expect(first.json.skipped).toEqual([{ id: 'bbc-world', url: 'https://feeds.bbci.co.uk/news/world/rss.xml', reason: 'the source "bbc-news-world" has this URL' }]);
    expect((await list()).map((source) => source.id).sort()).toEqual(first.json.created?.map((source) => source.id).sort());
    // One audit entry per source created, newest first.
    const { entries } = (await (await fetch(`${service.url}/api/audit?limit=20`, { headers: auth })).json()) as { entries: AuditEntry[] };
    expect(entries.map((entry) => [entry.actor, entry.action, entry.target, entry.reason])).toEqual([...(first.json.created ?? [])].reverse().map((source) => ['ops', 'source.create', source.id, 'OPML import']));

    const second = await importOpml(opml);
    expect(second.status).toBe(200);
    expect(second.json.created).toEqual([]);
    expect(second.json.skipped).toHaveLength(9);
  });

  it('numbers an id made from a name that is taken by another feed', async () => {
    const one = '<opml version="2.0"><body><outline text="Desk" xmlUrl="https://example.com/one.xml"/></body></opml>';
    const two = '<opml version="2.0"><body><outline text="Desk" xmlUrl="https://example.com/two.xml"/><outline text="Desk" xmlUrl="https://example.com/three.xml"/></body></opml>';
    expect((await importOpml(one)).json.created?.map((source) => source.id)).toEqual(['desk']);
    expect((await importOpml(two)).json.created?.map((source) => source.id)).toEqual(['desk-2', 'desk-3']);
  });

  it('imports nothing from a file with one invalid outline, a file: URL or an address the SSRF guard refuses, or what is not OPML', async () => {
    const withBad = '<opml version="2.0"><body><outline text="Good" xmlUrl="https://example.com/good.xml"/><outline text="Bad" xmlUrl="gopher://example.com/x"/></body></opml>';
    const invalid = await importOpml(withBad);
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.details?.map((detail) => detail.path)).toEqual(['outline 2 (Bad).url']);
    for (const url of ['file:///etc/passwd', 'http://169.254.169.254/latest/']) {
      const refused = await importOpml(`<opml version="2.0"><body><outline text="Good" xmlUrl="https://example.com/good.xml"/><outline text="Inside" xmlUrl="${url}"/></body></opml>`);
      expect(refused.status, url).toBe(400);
      expect(refused.json.error?.details?.[0]?.path).toBe('inside.url');
    }
    expect((await importOpml('{"not":"opml"}')).status).toBe(400);
    expect((await importOpml('')).status).toBe(400);
    expect(await list()).toEqual([]);
  });
});
