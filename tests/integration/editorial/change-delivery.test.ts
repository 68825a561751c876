/**
 * Corrections, retractions and retags over the real wire: each is seen exactly once, in id
 * order with the headlines, by a live Socket.IO client, an SSE client, and a client that was
 * offline during the change and resumes with `since`, also across a gateway restart; on both
 * of the gateway's frame paths.
 */
import type { Redis } from 'ioredis';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { RETAGGED_AWAY_REASON, type HeadlineChange, type Headline } from '../../../src/protocol/headline.ts';
import { testEditor } from '../../helpers/poll-deps.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { FRAME_PATHS } from '../../helpers/frame-paths.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';
import { openSseStream, type SseStream } from '../../helpers/sse-client.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let service: RunningService;
const clients: TickerClient[] = [];
const streams: SseStream[] = [];

const auth = { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' };

async function call(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${service.url}${path}`, { method, headers: auth, body: JSON.stringify(body) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

async function publish(title: string, topics: string[]): Promise<Headline> {
  const json = await call('POST', '/api/headlines', { title, topics, regions: ['gb'] });
  const [result] = json.results as { headline: Headline }[];
  if (result === undefined) throw new Error('nothing published');
  return result.headline;
}

function client(channels: string[], since?: string): TickerClient {
  const created = createClient(service.url, { channels, ...(since === undefined ? {} : { since }) });
  clients.push(created);
  return created;
}

async function subscribed(ticker: TickerClient): Promise<void> {
  await waitUntil(() => ticker.acks.some((ack) => ack.ok), () => `acks ${JSON.stringify(ticker.acks)}`);
}

const waitUntil = (condition: () => boolean, what: () => string): Promise<true> => waitFor(condition, { what });

const summary = (changes: readonly HeadlineChange[]): [string, string, string][] =>
  changes.map((c) => [c.id, c.type, c.type === 'update' ? c.headline.title : c.headline.reason]);

beforeAll(() => {
  redis = privateRedis.redis;
});
describe.each(FRAME_PATHS)('changes over Socket.IO, SSE and resume, on $path', ({ env }) => {
  const startGateway = (): Promise<RunningService> => startTestService({ REDIS_URL: privateRedis.url, ROLE: 'gateway', ...env });
  beforeEach(async (context) => {
    await redis.flushall(); // this file's private Redis
    service = await startGateway();
    context.onTestFinished(async () => {
      for (const ticker of clients.splice(0)) ticker.close();
      for (const stream of streams.splice(0)) await stream.close();
      await service.stop();
    });
  });

  it('delivers a correction, a retraction and a retag exactly once to each kind of client', async () => {
    const fixed = await publish('Striker signs for City', ['sport']);
    const pulled = await publish('Coach sacked', ['sport']);
    const moved = await publish('Club owner runs for mayor', ['sport']);
    const live = client(['sport/*']);
    const elsewhere = client(['politics/*']);
    const sse = openSseStream(`${service.url}/api/stream?channel=sport/*`);
    streams.push(sse);
    const offline = client(['sport/*']);
    for (const ticker of [live, elsewhere, offline]) await subscribed(ticker);
    await waitUntil(() => sse.headlines().length === 3 && offline.received.length === 3, () => `sse ${sse.headlines().length}, offline ${offline.received.length}`);
    const cursor = offline.lastId();
    offline.close();

    const update = await call('PATCH', `/api/headlines/${fixed.id}`, { title: 'Striker signs for United' });
    const retract = await call('DELETE', `/api/headlines/${pulled.id}`, { reason: 'The club denies it.' });
    const retag = await call('PATCH', `/api/headlines/${moved.id}`, { topics: ['politics'] });
    // A headline after the changes: once it has arrived, everything before it has too.
    const marker = await publish('Derby ends in a draw', ['sport']);

    const expected: [string, string, string][] = [
      [update.changeId as string, 'update', 'Striker signs for United'],
      [retract.changeId as string, 'retract', 'The club denies it.'],
      [retag.changeId as string, 'retract', RETAGGED_AWAY_REASON],
    ];
    await waitUntil(() => live.received.some((h) => h.id === marker.id), () => `live ${JSON.stringify(live.changes)}`);
    expect(summary(live.changes)).toEqual(expected);
    expect(live.changes[2]?.headline.id).toBe(moved.id);
    // The client of the channel the headline moved into gets the whole headline.
    await waitUntil(() => elsewhere.changes.length > 0, () => 'politics client');
    expect(summary(elsewhere.changes)).toEqual([[retag.changeId, 'update', 'Club owner runs for mayor']]);
    expect(elsewhere.changes[0]?.type === 'update' ? elsewhere.changes[0].headline.topics : []).toEqual(['politics']);

    await waitUntil(() => sse.headlines().some((h) => h.id === marker.id), () => `sse ${JSON.stringify(sse.events.slice(-5))}`);
    expect(summary(sse.changes())).toEqual(expected);
    const frames = sse.events.filter((e) => e.event === 'update' || e.event === 'retract');
    expect(frames.map((e) => [e.id, e.event])).toEqual(expected.map(([id, type]) => [id, type]));
    // In id order with the headlines, as the streams hold them.
    expect(sse.events.filter((e) => e.id !== undefined).map((e) => e.id).slice(-4)).toEqual([...expected.map(([id]) => id), marker.id]);

    const resumed = client(['sport/*'], cursor);
    await waitUntil(() => resumed.received.some((h) => h.id === marker.id), () => `resumed ${JSON.stringify(resumed.acks)}`);
    expect(resumed.acks[0]).toMatchObject({ ok: true, recovered: true });
    expect(summary(resumed.changes)).toEqual(expected);
    expect(resumed.received.map((h) => h.id)).toEqual([marker.id]);
  });

  it('a client offline across a gateway restart resumes with every change, once', async () => {
    const story = await publish('Minister visits the flood zone', ['politics']);
    const ticker = client(['politics/*']);
    await waitUntil(() => ticker.received.length === 1, () => 'first headline');
    const cursor = ticker.lastId();
    ticker.close();
    await service.stop();

    // Made while no gateway runs: the change waits on the streams.
    const editor = testEditor(redis);
    const corrected = await editor.update(story.id, { title: 'Minister tours the flood zone' }, 'key:test');
    const retracted = await editor.retract(story.id, 'Visit cancelled.', 'key:test');

    service = await startGateway();
    const back = client(['politics/*'], cursor);
    await subscribed(back);
    const marker = await publish('Parliament sits late', ['politics']);
    await waitUntil(() => back.received.some((h) => h.id === marker.id), () => `back ${JSON.stringify(back.acks)}`);
    expect(summary(back.changes)).toEqual([
      [corrected.changeId, 'update', 'Minister tours the flood zone'],
      [retracted.changeId, 'retract', 'Visit cancelled.'],
    ]);
    expect(back.received.map((h) => h.id)).toEqual([marker.id]);
    // The SSE path resumes from Last-Event-ID the same way.
    const sse = openSseStream(`${service.url}/api/stream?channel=politics/*`, { 'last-event-id': cursor ?? '' });
    streams.push(sse);
    await waitUntil(() => sse.headlines().some((h) => h.id === marker.id), () => `sse ${JSON.stringify(sse.events)}`);
    expect(summary(sse.changes())).toEqual(summary(back.changes));
  });

  it('changes made during a subscribe hand-over arrive once, after the ack', async () => {
    const stories: Headline[] = [];
    for (let i = 0; i < 5; i += 1) stories.push(await publish(`Market report ${i}`, ['economy']));
    const tickers = Array.from({ length: 5 }, () => client(['economy/*'], stories[0]?.id));
    // Changes race the five subscribes' backlog reads and hand-overs.
    const changeIds: string[] = [];
    for (const story of stories.slice(1)) changeIds.push(String((await call('PATCH', `/api/headlines/${story.id}`, { priority: 'breaking' })).changeId));
    const marker = await publish('Markets close', ['economy']);
    for (const ticker of tickers) {
      await waitUntil(() => ticker.received.some((h) => h.id === marker.id), () => `ticker ${ticker.changes.length}`);
      expect(ticker.changes.map((c) => c.id)).toEqual(changeIds);
    }
  });
});
