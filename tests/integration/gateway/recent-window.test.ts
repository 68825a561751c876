/**
 * The gateway's recent window over the wire: resumes whose cursor it holds are answered from
 * memory (no stream read reaches Redis, counted from INFO commandstats), with the same
 * exactly-once hand-over as a Redis backlog, including changes, over Socket.IO and SSE, and
 * again after a gateway restart, once the new process has filled its window.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { SubscribeAck } from '../../../src/protocol/events.ts';
import { keys } from '../../../src/streams/keys.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { clientPool, deliveryReport } from '../../helpers/socket-client.ts';
import { openSseStream } from '../../helpers/sse-client.ts';
import { waitFor } from '../../helpers/wait.ts';

/** The commands a backlog read from Redis would issue (stream reads, scripts, headline state). */
const READ_COMMANDS = ['xrange', 'xrevrange', 'evalsha', 'eval', 'xinfo', 'hmget'];

let redisServer: TestRedis;
let redis: Redis;
let store: HeadlineStore;
let service: RunningService | undefined;
let logLines: string[] = [];
const clients = clientPool(() => service?.url ?? '');

async function readCalls(): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const name of READ_COMMANDS) total += Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return total;
}

async function startGateway(): Promise<RunningService> {
  logLines = [];
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const started = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', GATEWAY_RECENT_WINDOW: '1000' }, [], logs);
  await waitFor(() => logLines.some((line) => line.includes('recent window filled')), { what: 'the recent window filled' });
  return started;
}

const publish = async (title: string, topics = ['politics'], regions = ['az']): Promise<string> => (await store.store(prepared({ title }, { topics, regions }))).id;

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
});
beforeEach(async () => {
  clients.closeAll();
  await service?.stop();
  await redis.flushall();
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
  service = await startGateway();
});
afterAll(async () => {
  clients.closeAll();
  await service?.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

describe('the recent window', () => {
  it('answers a resume inside it without a Redis read, headlines and changes alike', async () => {
    const cursor = await publish('seen before the drop');
    const missed = [await publish('missed one'), await publish('missed two', ['sport'], ['az'])];
    await publish('another channel', ['sport'], ['fr']);
    await store.store(prepared({ title: 'not this one' }, { topics: ['weather'], regions: ['fr'] }));
    const retraction = await fetch(`${service?.url ?? ''}/api/headlines/${missed[0] ?? ''}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TEST_EDITOR_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'wrong figures' }),
    });
    expect(retraction.status).toBe(200);
    await waitFor(async () => (await redis.xlen(keys.allStream)) === 6 || undefined, { what: 'the retraction stored' });
    const before = await readCalls();
    const ack = (await clients.open().subscribe({ channels: ['*/az'], since: cursor })) as SubscribeAck;
    expect(await readCalls()).toBe(before);
    expect(ack).toMatchObject({ ok: true, recovered: true });
    expect(ack.headlines.map((headline) => headline.id)).toEqual(missed);
    expect(ack.changes).toMatchObject([{ type: 'retract', headline: { id: missed[0], retracted: true, reason: 'wrong figures' } }]);
    const resumes = await service?.metrics.registry.getSingleMetric('newsticker_gateway_resumes_total')?.get();
    expect(resumes?.values.find((value) => value.labels.from === 'window')?.value).toBe(1);
  });

  it('hands over from the window to live exactly once while headlines flow, over Socket.IO and SSE', async () => {
    const cursor = await publish('the last one seen');
    const published: string[] = [];
    let flowing = true;
    const flow = (async () => {
      for (let i = 0; flowing && i < 400; i += 1) published.push(await publish(`flowing ${i}`));
    })();
    await waitFor(() => published.length >= 20, { what: 'headlines flowing' });
    const socket = clients.open();
    const ack = (await socket.subscribe({ channels: ['politics/*'], since: cursor })) as SubscribeAck;
    const sse = openSseStream(`${service?.url ?? ''}/api/stream?channel=politics/*&since=${cursor}`);
    await waitFor(() => published.length >= 60, { what: 'more headlines' });
    flowing = false;
    await flow;
    await waitFor(() => socket.lastId() === published.at(-1) && sse.headlines().at(-1)?.id === published.at(-1), { what: 'both caught up' });
    expect(ack.recovered).toBe(true);
    expect(deliveryReport(published, socket.received)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(deliveryReport(published, sse.headlines())).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(sse.events.some((event) => event.event === 'reset')).toBe(false);
    await sse.close();
  });

  it('refuses a cursor older than what it holds and leaves that resume to Redis', async () => {
    const cursor = await publish('long ago');
    const batch = Array.from({ length: 1_100 }, (_, i) => prepared({ title: `filler ${i}`, guid: `filler-${i}` }, { topics: ['sport'], regions: ['gb'] }));
    for (let i = 0; i < batch.length; i += 100) await store.storeMany(batch.slice(i, i + 100));
    const last = await publish('the one that counts');
    await waitFor(async () => (await clients.open().subscribe({ channels: ['politics/*'], limit: 1 })).ok || undefined, { what: 'a subscribe' });
    const before = await readCalls();
    const ack = (await clients.open().subscribe({ channels: ['politics/*'], since: cursor })) as SubscribeAck;
    expect(await readCalls()).toBeGreaterThan(before);
    expect(ack).toMatchObject({ ok: true, recovered: true });
    expect(ack.headlines.map((headline) => headline.id)).toEqual([last]);
  });

  it('is filled again by a restarted gateway, so resumes after the restart read no Redis', async () => {
    const cursor = await publish('seen before the restart');
    const missed = [await publish('stored while the gateway was down')];
    await service?.stop();
    missed.push(await publish('also while it was down'));
    service = await startGateway();
    const before = await readCalls();
    const ack = (await clients.open().subscribe({ channels: ['politics/az'], since: cursor })) as SubscribeAck;
    expect(await readCalls()).toBe(before);
    expect(ack).toMatchObject({ ok: true, recovered: true });
    expect(ack.headlines.map((headline) => headline.id)).toEqual(missed);
  });
});
