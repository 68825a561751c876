import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { Headline } from '../../../src/protocol/events.ts';
import { keys } from '../../../src/streams/keys.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';
import { deliveryReport } from '../../helpers/socket-client.ts';
import { openSseStream, type SseStream } from '../../helpers/sse-client.ts';

let redisServer: TestRedis;
let redis: Redis;
let store: HeadlineStore;
let service: RunningService;
let seq = 0;

async function publish(topics: string[], regions: string[]): Promise<string> {
  const title = `headline ${(seq += 1)}`;
  return (await store.store(prepared({ title, guid: title }, { topics, regions }))).id;
}

async function getJson(path: string): Promise<{ status: number; body: { headlines?: Headline[]; error?: { code: string } } }> {
  const response = await fetch(`${service.url}${path}`);
  return { status: response.status, body: (await response.json()) as { headlines?: Headline[]; error?: { code: string } } };
}

const openStream = (path: string, headers: Record<string, string> = {}): SseStream => openSseStream(`${service.url}${path}`, headers);

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  redis.on('error', () => undefined); // this test stops Redis on purpose
  // No recent window: the cursor tests here are about what Redis can still prove.
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', SSE_HEARTBEAT_MS: '200', GATEWAY_RECENT_WINDOW: '0' });
});
afterAll(async () => {
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});
beforeEach(async () => {
  await redis.flushall();
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
});

describe('GET /api/headlines', () => {
  it('answers the latest N oldest first, after since, and a union of repeated channels', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await publish(i % 2 === 0 ? ['politics'] : ['sport'], i % 2 === 0 ? ['ir'] : ['gb']));
    const latest = await getJson('/api/headlines?channel=politics/*&limit=2');
    expect(latest.status).toBe(200);
    expect(latest.body.headlines?.map((h) => h.id)).toEqual([ids[2], ids[4]]);
    const after = await getJson(`/api/headlines?channel=*/*&since=${ids[3] ?? ''}`);
    expect(after.body.headlines?.map((h) => h.id)).toEqual(ids.slice(4));
    const union = await getJson('/api/headlines?channel=politics/ir&channel=sport/gb&limit=4');
    expect(union.body.headlines?.map((h) => h.id)).toEqual(ids.slice(2));
    const everything = await getJson('/api/headlines');
    expect(everything.body.headlines).toHaveLength(6);
    expect(everything.body.headlines?.[0]).toMatchObject({ id: ids[0], title: 'headline 1', topics: ['politics'] });
  });

  it('answers 400 for a bad channel, cursor or limit', async () => {
    expect(await getJson('/api/headlines?channel=nonsense/*')).toMatchObject({ status: 400, body: { error: { code: 'BAD_CHANNEL' } } });
    expect(await getJson('/api/headlines?channel=politics')).toMatchObject({ status: 400, body: { error: { code: 'BAD_CHANNEL' } } });
    expect(await getJson('/api/headlines?since=abc')).toMatchObject({ status: 400, body: { error: { code: 'BAD_CURSOR' } } });
    expect(await getJson('/api/headlines?limit=501')).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
    expect(await getJson('/api/headlines?limit=-1')).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
  });
});

describe('GET /api/stream (SSE)', () => {
  it('streams live headlines and resumes after Last-Event-ID without repeats', async () => {
    const first = await publish(['politics'], ['az']);
    const stream = openStream(`/api/stream?channel=politics/*&channel=*/az&since=${first}`);
    const live = [await publish(['economy'], ['az']), await publish(['politics'], ['ir'])];
    await publish(['sport'], ['gb']);
    await waitFor(() => stream.headlines().length === 2, { what: () => `${stream.headlines().length} SSE headlines` });
    expect(stream.state.status).toBe(200);
    expect(stream.state.headers?.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.state.headers?.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.state.headers?.get('x-accel-buffering')).toBe('no');
    expect(stream.events.filter((e) => e.event === 'headline').map((e) => e.id)).toEqual(live);
    await waitFor(() => stream.events.some((e) => e.comment === 'heartbeat'), { what: 'heartbeat' });
    await stream.close();

    const missed: string[] = [];
    for (let i = 0; i < 25; i += 1) missed.push(await publish(['politics'], ['az']));
    const resumed = openStream('/api/stream?channel=politics/*&channel=*/az', { 'Last-Event-ID': live[1] ?? '' });
    const more = [await publish(['politics'], ['gb'])];
    const expected = [...missed, ...more];
    await waitFor(() => resumed.headlines().length >= expected.length, { what: () => `${resumed.headlines().length} resumed` });
    const report = deliveryReport(expected, resumed.headlines());
    console.info(`[sse resume] ${expected.length} headlines: lost=${report.lost} duplicated=${report.duplicated}`);
    expect(report).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(resumed.headlines()).toHaveLength(expected.length);
    await resumed.close();
  });

  it('says `event: reset` before the latest headlines when the cursor can no longer be honoured', async () => {
    const gone = await publish(['politics'], ['az']);
    await publish(['politics'], ['az']);
    // Trimmed past the cursor: what came after it can no longer be proven complete.
    for (const key of [keys.allStream, keys.channelStream('politics/*'), keys.channelStream('*/az')]) await redis.xtrim(key, 'MAXLEN', 0);
    const kept = await publish(['politics'], ['az']);
    const stream = openStream(`/api/stream?channel=politics/*&since=${gone}`);
    await waitFor(() => stream.headlines().length === 1, { what: () => `${stream.headlines().length} SSE headlines` });
    const [reset, ...rest] = stream.events.filter((e) => e.event !== undefined);
    expect(reset).toEqual({ event: 'reset', data: '{"recovered":false}' });
    expect(rest.map((e) => [e.event, e.id])).toEqual([['headline', kept]]);
    await stream.close();

    const honoured = openStream(`/api/stream?channel=politics/*&since=${kept}`);
    const next = await publish(['politics'], ['az']);
    await waitFor(() => honoured.headlines().length === 1, { what: 'the live headline' });
    expect(honoured.events.filter((e) => e.event !== undefined).map((e) => [e.event, e.id])).toEqual([['headline', next]]);
    await honoured.close();
  });

  it('rejects a bad Last-Event-ID with 400', async () => {
    const response = await fetch(`${service.url}/api/stream`, { headers: { 'Last-Event-ID': 'garbage' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_CURSOR' } });
  });
});

describe('when Redis is down', () => {
  it('answers 503 UNAVAILABLE', async () => {
    await redisServer.stop();
    try {
      const response = await getJson('/api/headlines');
      expect(response).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
    } finally {
      await redisServer.start();
    }
  });
});
