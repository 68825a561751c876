/**
 * The editorial API over HTTP against a real service and Redis: PATCH and DELETE
 * /api/headlines/:id, priority and revision, change entries on the streams, history as
 * headlines now stand, and the audit log.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { HistoryHeadline, HeadlineChange } from '../../../src/protocol/headline.ts';
import { keys } from '../../../src/streams/keys.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let service: RunningService;

const auth = { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${service.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function publish(item: Record<string, unknown>): Promise<HistoryHeadline> {
  const { status, json } = await call('POST', '/api/headlines', item);
  expect(status).toBe(201);
  const results = json.results as { headline: HistoryHeadline }[];
  const headline = results[0]?.headline;
  if (headline === undefined) throw new Error('no headline answered');
  return headline;
}

async function history(query: string): Promise<{ headlines: HistoryHeadline[]; changes?: HeadlineChange[] }> {
  const { status, json } = await call('GET', `/api/headlines?${query}`, undefined, {});
  expect(status).toBe(200);
  return json as { headlines: HistoryHeadline[]; changes?: HeadlineChange[] };
}

async function streamIds(channel: string): Promise<string[]> {
  return (await redis.xrange(keys.channelStream(channel), '-', '+')).map(([id]) => id);
}

beforeAll(async () => {
  redis = privateRedis.redis;
  service = await startTestService({ REDIS_URL: privateRedis.url, ROLE: 'gateway' });
});
afterAll(async () => {
  await service.stop();
});

describe('priority and revision on publish', () => {
  it('stores every headline at revision 1, normal unless published as breaking', async () => {
    const normal = await publish({ title: 'Quiet day at the markets', topics: ['economy'] });
    const breaking = await publish({ title: 'Earthquake hits the coast', topics: ['disaster'], priority: 'breaking' });
    expect(normal).toMatchObject({ revision: 1, priority: 'normal' });
    expect(breaking).toMatchObject({ revision: 1, priority: 'breaking' });
    expect(normal.updatedAt).toBeUndefined();
    const { headlines } = await history('limit=5');
    expect(headlines.map((h) => [h.title, h.priority, h.revision])).toEqual([
      ['Quiet day at the markets', 'normal', 1],
      ['Earthquake hits the coast', 'breaking', 1],
    ]);
    const refused = await call('POST', '/api/headlines', { title: 'x', priority: 'urgent' });
    expect(refused.status).toBe(400);
  });
});

describe('PATCH /api/headlines/:id', () => {
  it('corrects the text, answers the headline as it now stands, and stores one change entry', async () => {
    const original = await publish({ title: 'Minister resigns', url: 'https://example.com/a', topics: ['politics'], regions: ['fr'] });
    const { status, json } = await call('PATCH', `/api/headlines/${original.id}`, { title: 'Minister offers to resign', summary: 'The offer was refused.', priority: 'breaking' });
    expect(status).toBe(200);
    const headline = json.headline as HistoryHeadline;
    expect(headline).toMatchObject({ id: original.id, title: 'Minister offers to resign', summary: 'The offer was refused.', priority: 'breaking', revision: 2, url: 'https://example.com/a' });
    expect(Date.parse(headline.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(original.receivedAt));
    const changeId = json.changeId as string;
    expect(changeId > original.id || changeId.length > original.id.length).toBe(true);
    // The change is an entry of its own on the all-stream and the headline's channel streams.
    expect(await streamIds('*/*')).toEqual([original.id, changeId]);
    expect(await streamIds('politics/*')).toEqual([original.id, changeId]);
    expect(await streamIds('*/fr')).toEqual([original.id, changeId]);
    // History shows the corrected text, once, under the original id.
    const { headlines } = await history('channel=politics/fr');
    expect(headlines).toEqual([headline]);
    // A patch that changes nothing stores nothing and answers the headline as it stands.
    const same = await call('PATCH', `/api/headlines/${original.id}`, { title: 'Minister offers to resign' });
    expect(same.status).toBe(200);
    expect(same.json).toEqual({ headline });
    expect(await redis.xlen(keys.allStream)).toBe(2);
  });

  it('retags: the change goes on the streams of the old and the new tags, and history follows the new ones', async () => {
    const original = await publish({ title: 'Cup final tonight', topics: ['sport'], regions: ['az'] });
    const { json } = await call('PATCH', `/api/headlines/${original.id}`, { topics: ['politics'] });
    const changeId = json.changeId as string;
    expect(await streamIds('sport/*')).toEqual([original.id, changeId]);
    expect(await streamIds('politics/*')).toEqual([changeId]);
    expect((await history('channel=sport/*')).headlines).toEqual([]);
    expect((await history('channel=politics/az')).headlines.map((h) => [h.id, h.topics])).toEqual([[original.id, ['politics']]]);
    // A reader resuming on the old channel (or an old combined one) gets the change.
    const resumed = await history(`channel=sport/az&since=${original.id}`);
    expect(resumed.changes?.map((c) => [c.id, c.type])).toEqual([[changeId, 'update']]);
  });

  it('validates like publishing, and refuses unknown fields and ids', async () => {
    const original = await publish({ title: 'Budget vote', topics: ['politics'] });
    for (const body of [{}, { title: '   ' }, { url: 'ftp://example.com/x' }, { topics: ['not-a-topic'] }, { id: '1-1' }, { priority: 'urgent' }]) {
      const { status, json } = await call('PATCH', `/api/headlines/${original.id}`, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json).toMatchObject({ error: { code: 'VALIDATION' } });
    }
    expect((await call('PATCH', '/api/headlines/1-0', { title: 'x' })).status).toBe(404);
    expect((await call('PATCH', '/api/headlines/not-an-id', { title: 'x' })).status).toBe(404);
    expect((await call('PATCH', `/api/headlines/${original.id}`, { title: 'x' }, { 'content-type': 'application/json' })).status).toBe(401);
    expect(await redis.xlen(keys.allStream)).toBe(1);
  });

  it('removes the summary or the link with null', async () => {
    const original = await publish({ title: 'Storm warning', summary: 'Winds up to 120 km/h', url: 'https://example.com/storm' });
    const { json } = await call('PATCH', `/api/headlines/${original.id}`, { summary: null, url: null });
    const headline = json.headline as HistoryHeadline;
    expect(headline.summary).toBeUndefined();
    expect(headline.url).toBeUndefined();
    expect(headline.revision).toBe(2);
  });
});

describe('DELETE /api/headlines/:id', () => {
  it('retracts once: 409 after, 404 for an unknown id, 400 without a reason', async () => {
    const original = await publish({ title: 'Celebrity dies', topics: ['arts-culture'] });
    expect((await call('DELETE', `/api/headlines/${original.id}`, {})).status).toBe(400);
    const { status, json } = await call('DELETE', `/api/headlines/${original.id}`, { reason: 'The report was false.' });
    expect(status).toBe(200);
    expect(json.headline).toEqual({ id: original.id, retracted: true, reason: 'The report was false.' });
    const again = await call('DELETE', `/api/headlines/${original.id}`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await call('PATCH', `/api/headlines/${original.id}`, { title: 'Back' })).status).toBe(409);
    expect((await call('DELETE', '/api/headlines/1-0', { reason: 'x' })).status).toBe(404);
    expect(await streamIds('arts-culture/*')).toEqual([original.id, json.changeId]);
  });

  it('leaves retracted headlines out of history unless include=retracted', async () => {
    const kept = await publish({ title: 'Rates unchanged', topics: ['economy'] });
    const pulled = await publish({ title: 'Bank collapses', topics: ['economy'] });
    const { json } = await call('DELETE', `/api/headlines/${pulled.id}`, { reason: 'Wrong bank.' });
    expect((await history('channel=economy/*')).headlines.map((h) => h.id)).toEqual([kept.id]);
    const all = await history('channel=economy/*&include=retracted');
    expect(all.headlines.map((h) => [h.id, h.retracted, h.reason])).toEqual([
      [kept.id, undefined, undefined],
      [pulled.id, true, 'Wrong bank.'],
    ]);
    // Resuming before the retraction carries it, in id order with the headlines.
    const resumed = await history(`channel=economy/*&since=${kept.id}`);
    expect(resumed.headlines).toEqual([]);
    expect(resumed.changes).toEqual([{ id: json.changeId, type: 'retract', headline: { id: pulled.id, retracted: true, reason: 'Wrong bank.' } }]);
    expect((await call('GET', '/api/headlines?include=everything', undefined, {})).status).toBe(400);
  });

  it('fills history up to the limit past retracted headlines and change entries', async () => {
    const stored: HistoryHeadline[] = [];
    for (let i = 0; i < 6; i += 1) stored.push(await publish({ title: `Item ${i}`, topics: ['science-technology'], regions: ['jp'] }));
    for (const pulled of stored.slice(3)) await call('DELETE', `/api/headlines/${pulled.id}`, { reason: 'duplicate story' });
    for (const channel of ['science-technology/*', 'science-technology/jp', '*/*']) {
      expect((await history(`channel=${channel}&limit=3`)).headlines.map((h) => h.title), channel).toEqual(['Item 0', 'Item 1', 'Item 2']);
    }
  });
});

describe('the audit log', () => {
  it('records who changed what, when and why, newest first, bounded', async () => {
    const original = await publish({ title: 'Strike called off', topics: ['labour'] });
    await call('PATCH', `/api/headlines/${original.id}`, { title: 'Strike postponed' });
    await call('DELETE', `/api/headlines/${original.id}`, { reason: 'Union denies it.' });
    const entries = (await redis.lrange(keys.audit, 0, -1)).map((json) => JSON.parse(json) as Record<string, unknown>);
    expect(entries.map((e) => e.action)).toEqual(['headline.retract', 'headline.update']);
    expect(entries[0]).toMatchObject({ target: original.id, reason: 'Union denies it.', actor: 'test-editor' });
    expect(entries[1]).toMatchObject({ before: { title: 'Strike called off' }, after: { title: 'Strike postponed', revision: 2 } });
    expect(Date.parse(String(entries[0]?.at))).not.toBeNaN();
  });
});
