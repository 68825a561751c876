/**
 * The live path writes one pre-encoded frame straight to each WebSocket, and falls back to
 * Socket.IO's own broadcast for sockets that engine.io must queue for (polling, output
 * pending). Both kinds of client must see the same headlines, once each and in order.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { createClient, waitUntil, type TickerClient } from '../../helpers/socket-client.ts';

let redisServer: TestRedis;
let redis: Redis;
let service: RunningService;
const clients: TickerClient[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

async function frameWrites(): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^newsticker_gateway_frame_writes_total\{path="([^"]+)"\} (\d+)/gm)) counts[match[1] ?? ''] = Number(match[2]);
  return counts;
}

describe('live frame writes', () => {
  it('reach WebSocket clients directly and polling clients through engine.io, alike', async () => {
    const ws = createClient(service.url, { channels: ['politics/*'], transports: ['websocket'] });
    const polling = createClient(service.url, { channels: ['politics/*'], transports: ['polling'] });
    clients.push(ws, polling);
    await waitUntil(() => ws.acks.length > 0 && polling.acks.length > 0, () => 'both subscribed');
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push((await store.store(prepared({ title: `frame ${i}`, guid: `frame-${i}` }, { topics: ['politics'] }))).id);
    // Some in one burst, so that batches hold several headlines.
    const burst = await store.storeMany(Array.from({ length: 30 }, (_, i) => prepared({ title: `burst ${i}`, guid: `burst-${i}` }, { topics: ['politics'], regions: ['fr'] })));
    ids.push(...burst.map((r) => r.id));
    const last = ids[ids.length - 1];
    await waitUntil(() => ws.lastId() === last && polling.lastId() === last, () => `ws ${ws.received.length}, polling ${polling.received.length}`);
    expect(ws.received.map((h) => h.id)).toEqual(ids);
    expect(polling.received.map((h) => h.id)).toEqual(ids);
    expect(ws.received[0]).toEqual(polling.received[0]);
    const writes = await frameWrites();
    expect(writes.direct).toBeGreaterThan(0);
    expect(writes['engine.io']).toBeGreaterThan(0);
  });
});
