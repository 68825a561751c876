/**
 * The sources API over HTTP against a real Redis: create, read, replace, patch, pause, delete and
 * poll now for `admin` keys; the field named on a 400, 404 for an unknown id, 409 for a taken one,
 * the SSRF guard on new URLs, 403 for a publish-only key, the audit log of every change, and the
 * public list without URL secrets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { AuditEntry } from '../../../src/editorial/audit.ts';
import { pollNowJobId } from '../../../src/ingestion/queue/poll-queue.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startKeyedService, type KeyedService } from '../../helpers/keyed-service.ts';
import { TEST_API_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const ADMIN_KEY = 'sources-admin-key-0123456789abcdef01';
const EDIT_KEY = 'sources-edit-key-0123456789abcdef012';
const SEEDED = { id: 'seeded', name: 'Seeded from the file', type: 'feed', url: 'https://example.com/seeded.xml', intervalSeconds: 600 };
const FEED = { id: 'desk-feed', name: 'Desk feed', type: 'feed', url: 'https://example.com/feed.xml?token=s3cret', intervalSeconds: 120, lang: 'en', topics: ['politics'] };

let running: KeyedService;
let service: RunningService;

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; details?: { path: string; message: string }[] } };
}

/** `key` null: no Authorization header. */
async function call(method: string, path: string, body?: unknown, key: string | null = ADMIN_KEY): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) };
  const response = await fetch(`${service.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as Answer['json'] };
}

async function auditTail(limit: number): Promise<AuditEntry[]> {
  return ((await call('GET', `/api/audit?limit=${limit}`)).json.entries ?? []) as AuditEntry[];
}

beforeAll(async () => {
  running = await startKeyedService(
    [
      { name: 'ops', key: ADMIN_KEY, scopes: ['admin'] },
      { name: 'editor', key: EDIT_KEY, scopes: ['edit'] },
    ],
    [SEEDED],
  );
  service = running.service;
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  // Back to the seeded store: every source but the file's is removed through the API.
  const list = (await call('GET', '/api/sources')).json.sources as { id: string }[];
  for (const { id } of list) if (id !== SEEDED.id) expect((await call('DELETE', `/api/sources/${id}`)).status).toBe(200);
  await call('PUT', `/api/sources/${SEEDED.id}`, SEEDED);
});

describe('sources API: create and read', () => {
  it('seeds the empty store from the sources file, and lists sources publicly with their health, URL secrets removed', async () => {
    expect((await call('POST', '/api/sources', FEED)).status).toBe(201);
    const { status, json } = await call('GET', '/api/sources', undefined, null);
    expect(status).toBe(200);
    expect(json.sources).toEqual([
      expect.objectContaining({ id: 'desk-feed', name: 'Desk feed', url: 'https://example.com/feed.xml?token=redacted', intervalSeconds: 120, paused: false, status: 'pending', itemsIngested: 0 }),
      expect.objectContaining({ id: 'seeded', name: 'Seeded from the file', url: 'https://example.com/seeded.xml', paused: false }),
    ]);
    expect(JSON.stringify(json)).not.toContain('s3cret');
  });

  it('creates a source (201, Location, defaults filled in) and answers it whole to an admin key, with its health', async () => {
    const created = await call('POST', '/api/sources', { ...FEED, reason: 'new desk' });
    expect(created.status).toBe(201);
    expect(created.json.source).toEqual({ ...FEED, maxItemsPerPoll: 200, timezone: 'UTC', regions: [], paused: false });
    const read = await call('GET', '/api/sources/desk-feed');
    expect(read.status).toBe(200);
    expect(read.json.source).toEqual(created.json.source);
    expect(read.json.health).toMatchObject({ status: 'pending', consecutiveFailures: 0, lastError: null });
    const [entry] = await auditTail(1);
    expect(entry).toMatchObject({ actor: 'ops', action: 'source.create', target: 'desk-feed', after: created.json.source, reason: 'new desk' });
  });

  it('answers 409 for an id that exists, 404 for an unknown id, and 400 naming each field at fault, storing nothing', async () => {
    expect((await call('POST', '/api/sources', FEED)).status).toBe(201);
    const duplicate = await call('POST', '/api/sources', { ...FEED, name: 'Another' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error?.code).toBe('CONFLICT');
    expect((await call('GET', '/api/sources/no-such-source')).status).toBe(404);
    expect((await call('PATCH', '/api/sources/no-such-source', { paused: true })).status).toBe(404);
    expect((await call('DELETE', '/api/sources/no-such-source')).status).toBe(404);
    expect((await call('POST', '/api/sources/no-such-source/poll')).status).toBe(404);

    const bad = await call('POST', '/api/sources', { id: 'Bad Id', name: '', type: 'feed', url: 'not a url', intervalSeconds: 1, interval: 60, topics: ['sports'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('VALIDATION');
    const paths = (bad.json.error?.details ?? []).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'url', 'intervalSeconds', 'topics.0', 'interval']));
    expect(bad.json.error?.details?.find((detail) => detail.path === 'interval')?.message).toContain('did you mean "intervalSeconds"?');
    expect((await call('POST', '/api/sources', [FEED])).status).toBe(400);
    expect((await call('GET', '/api/sources/bad-id')).status).toBe(404);
  });

  it('refuses URLs the SSRF guard refuses, and file: URLs, naming the url field', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:169.254.169.254]/feed', 'file:///etc/passwd', 'ftp://example.com/feed.xml']) {
      const refused = await call('POST', '/api/sources', { ...FEED, url });
      expect(refused.status, url).toBe(400);
      expect(refused.json.error?.details?.[0]?.path).toBe('url');
    }
    expect((await call('GET', '/api/sources/desk-feed')).status).toBe(404);
  });
});

describe('sources API: change', () => {
  it('replaces a source with PUT (the id kept, paused kept unless given) and records what changed', async () => {
    await call('POST', '/api/sources', FEED);
    await call('PATCH', '/api/sources/desk-feed', { paused: true });
    const replaced = await call('PUT', '/api/sources/desk-feed', { name: 'Desk feed (renamed)', type: 'feed', url: 'https://example.com/other.xml', intervalSeconds: 60, reason: 'moved' });
    expect(replaced.status).toBe(200);
    expect(replaced.json.source).toEqual({ id: 'desk-feed', name: 'Desk feed (renamed)', type: 'feed', url: 'https://example.com/other.xml', intervalSeconds: 60, maxItemsPerPoll: 200, timezone: 'UTC', topics: [], regions: [], paused: true });
    const [entry] = await auditTail(1);
    expect(entry).toMatchObject({
      action: 'source.update',
      target: 'desk-feed',
      before: { name: 'Desk feed', url: FEED.url, intervalSeconds: 120, lang: 'en', topics: ['politics'] },
      after: { name: 'Desk feed (renamed)', url: 'https://example.com/other.xml', intervalSeconds: 60, lang: null, topics: [] },
      reason: 'moved',
    });
    const otherId = await call('PUT', '/api/sources/desk-feed', { ...FEED, id: 'other-id' });
    expect(otherId.status).toBe(400);
    expect(otherId.json.error?.details?.[0]?.path).toBe('id');
  });

  it('patches fields, pauses and resumes, each in the audit log with before and after', async () => {
    await call('POST', '/api/sources', FEED);
    const patched = await call('PATCH', '/api/sources/desk-feed', { intervalSeconds: 60, lang: null, regions: ['az'] });
    expect(patched.status).toBe(200);
    expect(patched.json.source).toMatchObject({ intervalSeconds: 60, regions: ['az'] });
    expect(patched.json.source).not.toHaveProperty('lang');
    expect((await call('PATCH', '/api/sources/desk-feed', { paused: true, reason: 'feed is down' })).json.source).toMatchObject({ paused: true });
    expect((await call('GET', '/api/sources', undefined, null)).json.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'desk-feed', paused: true, status: 'paused' })]));
    expect((await call('PATCH', '/api/sources/desk-feed', { paused: false })).json.source).toMatchObject({ paused: false });
    const entries = await auditTail(3);
    expect(entries.map((entry) => [entry.action, entry.before, entry.after, entry.reason])).toEqual([
      ['source.resume', { paused: true }, { paused: false }, undefined],
      ['source.pause', { paused: false }, { paused: true }, 'feed is down'],
      ['source.update', { intervalSeconds: 120, lang: 'en', regions: [] }, { intervalSeconds: 60, lang: null, regions: ['az'] }, undefined],
    ]);

    const bad = await call('PATCH', '/api/sources/desk-feed', { intervalSeconds: 'often', paused: 'yes' });
    expect(bad.status).toBe(400);
    expect((bad.json.error?.details ?? []).map((detail) => detail.path).sort()).toEqual(['intervalSeconds', 'paused']);
    expect((await call('PATCH', '/api/sources/desk-feed', {})).status).toBe(400);
    expect((await call('PATCH', '/api/sources/desk-feed', { url: 'http://169.254.169.254/' })).json.error?.details?.[0]?.path).toBe('url');
    expect((await call('GET', '/api/sources/desk-feed')).json.source).toMatchObject({ intervalSeconds: 60, paused: false, url: FEED.url });
  });

  it('a change that changes nothing writes nothing', async () => {
    await call('POST', '/api/sources', FEED);
    const before = await running.redis.get(keys.sourcesVersion);
    expect((await call('PATCH', '/api/sources/desk-feed', { intervalSeconds: 120 })).status).toBe(200);
    expect(await running.redis.get(keys.sourcesVersion)).toBe(before);
    expect((await auditTail(1))[0]?.action).toBe('source.create');
  });

  it('deletes a source with its health, and queues one poll now however often it is asked', async () => {
    await call('POST', '/api/sources', FEED);
    const polled = await call('POST', '/api/sources/desk-feed/poll', { reason: 'breaking news' });
    expect(polled.status).toBe(202);
    expect(polled.json).toEqual({ source: 'desk-feed', queued: true });
    expect((await call('POST', '/api/sources/desk-feed/poll')).status).toBe(202);
    // This service runs no worker: both asks wait as one job for the first free worker.
    expect(await running.redis.exists(`{nt-bull}:poll:${pollNowJobId('desk-feed')}`)).toBe(1);
    expect((await call('POST', '/api/sources/desk-feed/poll', { force: true })).status).toBe(400);

    await running.redis.hset(keys.sourceState('desk-feed'), { fetches: 3 });
    const deleted = await call('DELETE', '/api/sources/desk-feed', { reason: 'closed' });
    expect(deleted.status).toBe(200);
    expect(deleted.json.source).toMatchObject({ id: 'desk-feed' });
    expect(await running.redis.exists(keys.sourceState('desk-feed'))).toBe(0);
    expect((await call('GET', '/api/sources/desk-feed')).status).toBe(404);
    const [deletion, poll] = await auditTail(3);
    expect(deletion).toMatchObject({ action: 'source.delete', target: 'desk-feed', before: { id: 'desk-feed', url: FEED.url }, reason: 'closed' });
    expect(poll).toMatchObject({ action: 'source.poll', target: 'desk-feed' });
  });
});

describe('sources API: keys', () => {
  it('answers 401 without a key and 403 to a key without the admin scope, on every admin route', async () => {
    await call('POST', '/api/sources', FEED);
    const routes: [string, string, unknown][] = [
      ['POST', '/api/sources', FEED],
      ['GET', '/api/sources/desk-feed', undefined],
      ['PUT', '/api/sources/desk-feed', FEED],
      ['PATCH', '/api/sources/desk-feed', { paused: true }],
      ['DELETE', '/api/sources/desk-feed', undefined],
      ['POST', '/api/sources/desk-feed/poll', undefined],
      ['POST', '/api/sources/import', undefined],
      ['GET', '/api/sources.opml', undefined],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, body, null)).status, `${method} ${path} without a key`).toBe(401);
      const publishOnly = await call(method, path, body, TEST_API_KEY);
      expect(publishOnly.status, `${method} ${path} with a publish key`).toBe(403);
      expect(publishOnly.json.error?.message).toBe('the key "key-1" does not have the scope "admin"');
      expect((await call(method, path, body, EDIT_KEY)).status, `${method} ${path} with an edit key`).toBe(403);
    }
    expect((await call('GET', '/api/sources/desk-feed')).json.source).toMatchObject({ paused: false, name: 'Desk feed' });
  });

  it('makes a source added at runtime one a key without sources may not publish under', async () => {
    const publish = (): Promise<Answer> => call('POST', '/api/headlines', { title: 'A story first', source: { id: 'desk-feed', name: 'Desk' } }, TEST_API_KEY);
    expect((await publish()).status).toBe(201);
    await call('POST', '/api/sources', FEED);
    await waitFor(async () => (await publish()).status === 403, { what: 'the new source id to be refused to publish-only keys' });
  });
});
