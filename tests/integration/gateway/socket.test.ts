import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { SubscribeAck } from '../../../src/protocol/events.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { FRAME_PATHS } from '../../helpers/frame-paths.ts';
import { startTestService } from '../../helpers/service.ts';
import { clientPool, type ClientOptions, deliveryReport, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

const privateRedis = usePrivateRedis();
let redis: Redis;
let store: HeadlineStore;
let service: RunningService;
const clients = clientPool(() => service.url);
const client = (options?: ClientOptions): TickerClient => clients.open(options);
let seq = 0;

async function publish(topics: string[], regions: string[], title = `headline ${(seq += 1)}`): Promise<string> {
  return (await store.store(prepared({ title, guid: `g-${title}` }, { topics, regions }))).id;
}

async function publishMany(count: number, topics = ['politics'], regions = ['az']): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await publish(topics, regions));
  return ids;
}

async function connected(c: TickerClient): Promise<void> {
  await waitFor(() => c.acks.length > 0, { what: 'first subscribe ack' });
}

beforeAll(() => {
  redis = privateRedis.redis;
});
beforeEach(() => {
  clients.closeAll();
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
});

describe.each(FRAME_PATHS)('on $path', ({ env, direct }) => {
  beforeAll(async () => {
    // A window of 200: short resumes are answered from it, the long and trimmed cases below
    // from Redis (tests/integration/gateway/recent-window.test.ts covers the window itself).
    service = await startTestService({ REDIS_URL: privateRedis.url, ROLE: 'gateway', GATEWAY_RECENT_WINDOW: '200', ...env });
  });
  afterAll(async () => {
    clients.closeAll();
    await service.stop();
  });

  describe('Socket.IO subscribe', () => {
    it('routes by topic × region and delivers a headline on two of the channels once', async () => {
      const c = client({ channels: ['politics/*', '*/az'] });
      await connected(c);
      expect(c.acks[0]).toMatchObject({ ok: true, channels: ['*/az', 'politics/*'], headlines: [], recovered: false });
      const ir = await publish(['politics'], ['ir']);
      const az = await publish(['economy'], ['az']);
      await publish(['sport'], ['gb']);
      const both = await publish(['politics'], ['az']);
      const marker = await publish(['economy'], ['az']);
      await waitFor(() => c.lastId() === marker, { what: () => JSON.stringify(c.received.map((h) => h.id)) });
      expect(c.received.map((h) => h.id)).toEqual([ir, az, both, marker]);
    });

    it('answers the latest N oldest first, and exactly the missed ones after since', async () => {
      const ids = await publishMany(30);
      const c = client();
      const ack = (await c.subscribe({ channels: ['politics/az'], limit: 5 })) as SubscribeAck;
      expect(ack.headlines.map((h) => h.id)).toEqual(ids.slice(25));
      expect(ack.recovered).toBe(false);
      const resumed = (await c.subscribe({ channels: ['politics/az'], since: ids[9] ?? '' })) as SubscribeAck;
      expect(resumed.recovered).toBe(true);
      expect(resumed.headlines.map((h) => h.id)).toEqual(ids.slice(10));
      const fresh = client();
      const defaults = (await fresh.subscribe({ channels: ['*/*'] })) as SubscribeAck;
      expect(defaults.headlines.map((h) => h.id)).toEqual(ids.slice(10));
    });

    it('answers recovered false and the latest N when since is older than the trimmed stream', async () => {
      const small = new HeadlineStore(redis, { allStreamMaxLen: 50, channelStreamMaxLen: 50, dedupeTtlSeconds: 60 });
      const first = (await small.store(prepared({ title: 'old one' }, { topics: ['weather'] }))).id;
      const ids: string[] = [];
      for (let i = 0; i < 400; i += 1) ids.push((await small.store(prepared({ title: `w${i}` }, { topics: ['weather'] }))).id);
      const c = client();
      const ack = (await c.subscribe({ channels: ['weather/*'], since: first, limit: 7 })) as SubscribeAck;
      expect(ack.recovered).toBe(false);
      expect(ack.headlines.map((h) => h.id)).toEqual(ids.slice(-7));
    });

    it('answers recovered false when more than 1000 were missed', async () => {
      const first = await publish(['sport'], ['gb']);
      const ids: string[] = [];
      const batch = Array.from({ length: 1001 }, (_, i) => prepared({ title: `s${i}`, guid: `s${i}` }, { topics: ['sport'], regions: ['gb'] }));
      for (let i = 0; i < batch.length; i += 100) ids.push(...(await store.storeMany(batch.slice(i, i + 100))).map((r) => r.id));
      const c = client();
      const ack = (await c.subscribe({ channels: ['sport/gb'], since: first, limit: 3 })) as SubscribeAck;
      expect(ack).toMatchObject({ ok: true, recovered: false });
      expect(ack.headlines.map((h) => h.id)).toEqual(ids.slice(-3));
    });

    it('unsubscribes and keeps the other channels live', async () => {
      const c = client({ channels: ['politics/*', 'sport/*'] });
      await connected(c);
      expect(await c.unsubscribe(['sport/*'])).toEqual({ ok: true, channels: ['politics/*'] });
      await publish(['sport'], ['gb']);
      const p = await publish(['politics'], ['gb']);
      await waitFor(() => c.lastId() === p, { what: 'politics headline' });
      expect(c.received.map((h) => h.id)).toEqual([p]);
    });
  });

  describe('exactly once, in order', () => {
    it('hands over from backlog to live without loss or repeats while headlines flow', async () => {
      const published = await publishMany(50);
      let publishing = true;
      const flow = (async () => {
        while (publishing) published.push(await publish(['politics'], ['az']));
      })();
      const subscribers: TickerClient[] = [];
      for (let i = 0; i < 8; i += 1) {
        subscribers.push(client({ channels: ['politics/*', '*/az'], limit: 5 }));
        await waitFor(() => published.length > 50 + (i + 1) * 10, { what: 'publisher progress' });
      }
      await waitFor(() => subscribers.every((s) => s.acks.length > 0), { what: 'acks' });
      publishing = false;
      await flow;
      const last = published[published.length - 1] ?? '';
      for (const s of subscribers) {
        await waitFor(() => s.lastId() === last, { what: () => `subscriber at ${s.lastId()} of ${last}` });
        // From the first backlog headline on, every published headline arrives once, in order.
        const expected = published.slice(published.indexOf(s.received[0]?.id ?? ''));
        expect(deliveryReport(expected, s.received)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
        expect(s.received.map((h) => h.id)).toEqual(expected);
      }
    });

    it('adds a channel mid-stream without repeating or losing headlines of either', async () => {
      const c = client({ channels: ['politics/*'] });
      await connected(c);
      let publishing = true;
      const published: { id: string; politics: boolean }[] = [];
      const flow = (async () => {
        let n = 0;
        while (publishing) {
          n += 1;
          const politics = n % 2 === 0;
          published.push({ id: await publish(politics ? ['politics'] : ['economy'], ['ir']), politics });
        }
      })();
      await waitFor(() => published.length > 40, { what: 'publisher progress' });
      const ack = (await c.subscribe({ channels: ['economy/*'], limit: 0 })) as SubscribeAck;
      expect(ack.channels).toEqual(['economy/*', 'politics/*']);
      await waitFor(() => published.length > 80, { what: 'publisher progress' });
      publishing = false;
      await flow;
      const last = published[published.length - 1]?.id ?? '';
      await waitFor(() => c.lastId() === last, { what: () => `client at ${c.lastId()}` });
      const ids = c.received.map((h) => h.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Every politics headline arrives; economy ones from the moment the subscribe took effect.
      const firstEconomy = c.received.find((h) => h.topics.includes('economy'))?.id ?? last;
      const expected = published.filter((p) => p.politics || p.id >= firstEconomy).map((p) => p.id);
      expect(deliveryReport(expected, c.received)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    });

    it('resumes after 300 missed with since: all 300 once, in order; ten offline/online cycles lose nothing', async () => {
      const c = client({ channels: ['politics/*'] });
      await connected(c);
      const all: string[] = [];
      all.push(...(await publishMany(5, ['politics'], ['ir'])));
      await waitFor(() => c.received.length === 5, { what: 'first five' });
      c.socket.disconnect();
      all.push(...(await publishMany(300, ['politics'], ['ir'])));
      c.socket.connect();
      await waitFor(() => c.received.length >= 305, { what: () => `${c.received.length} received` });
      const afterOne = deliveryReport(all, c.received);
      expect(c.acks[1]).toMatchObject({ ok: true, recovered: true });
      for (let cycle = 0; cycle < 10; cycle += 1) {
        all.push(...(await publishMany(5, ['politics'], ['gb'])));
        c.socket.disconnect();
        all.push(...(await publishMany(20, ['politics'], ['gb'])));
        c.socket.connect();
        all.push(...(await publishMany(5, ['politics'], ['gb'])));
      }
      const last = all[all.length - 1] ?? '';
      await waitFor(() => c.lastId() === last, { what: () => `${c.received.length} of ${all.length}` });
      const report = deliveryReport(all, c.received);
      console.info(`[resume] 300 missed: lost=${afterOne.lost} duplicated=${afterOne.duplicated}; 10 cycles (${all.length} headlines): lost=${report.lost} duplicated=${report.duplicated} outOfOrder=${report.outOfOrder}`);
      expect(afterOne).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
      expect(report).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
      expect(c.received).toHaveLength(all.length);
      expect(c.acks.every((a) => a.ok && (a.recovered || a === c.acks[0]))).toBe(true);
    });
  });

  async function frameWrites(): Promise<Record<string, number>> {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(/^newsticker_gateway_frame_writes_total\{path="([^"]+)"\} (\d+)/gm)) counts[match[1] ?? ''] = Number(match[2]);
    return counts;
  }

  /**
   * On the direct path the live path writes one pre-encoded frame straight to each WebSocket, and
   * falls back to Socket.IO's own broadcast for sockets that engine.io must queue for (polling,
   * output pending); on the standard path every socket goes through Socket.IO. Both kinds of
   * client must see the same headlines, once each and in order.
   */
  describe('live frame writes', () => {
    it(`reach WebSocket clients ${direct ? 'directly' : 'through engine.io'} and polling clients through engine.io, alike`, async () => {
      const ws = client({ channels: ['politics/*'], transports: ['websocket'] });
      const polling = client({ channels: ['politics/*'], transports: ['polling'] });
      await waitFor(() => ws.acks.length > 0 && polling.acks.length > 0, { what: 'both subscribed' });
      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) ids.push((await store.store(prepared({ title: `frame ${i}`, guid: `frame-${i}` }, { topics: ['politics'] }))).id);
      // Some in one burst, so that batches hold several headlines.
      const burst = await store.storeMany(Array.from({ length: 30 }, (_, i) => prepared({ title: `burst ${i}`, guid: `burst-${i}` }, { topics: ['politics'], regions: ['fr'] })));
      ids.push(...burst.map((r) => r.id));
      const last = ids[ids.length - 1];
      await waitFor(() => ws.lastId() === last && polling.lastId() === last, { what: () => `ws ${ws.received.length}, polling ${polling.received.length}` });
      expect(ws.received.map((h) => h.id)).toEqual(ids);
      expect(polling.received.map((h) => h.id)).toEqual(ids);
      expect(ws.received[0]).toEqual(polling.received[0]);
      const writes = await frameWrites();
      if (direct) expect(writes.direct).toBeGreaterThan(0);
      else expect(writes.direct).toBeUndefined();
      expect(writes['engine.io']).toBeGreaterThan(0);
    });
  });
});
