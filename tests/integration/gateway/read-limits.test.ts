/**
 * Bounds on readers: open SSE streams per address (the Socket.IO cap), REST/SSE requests
 * per address per minute, counted in Redis so that two gateways share one budget, and the
 * scan budget of one read over combined channels.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { createClient } from '../../helpers/socket-client.ts';
import { startTestService } from '../../helpers/service.ts';
import { openSseStream, type SseStream } from '../../helpers/sse-client.ts';
import { waitFor } from '../../helpers/wait.ts';
import { Redis } from 'ioredis';

let redisServer: TestRedis;
let redis: Redis;
let gatewayA: RunningService;
let gatewayB: RunningService;
const streams: SseStream[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  const env = { REDIS_URL: redisServer.url, ROLE: 'gateway', GATEWAY_MAX_CONNECTIONS_PER_IP: '3', HTTP_RATE_PER_MINUTE: '10', READ_SCAN_BUDGET: '1000', GATEWAY_RECENT_WINDOW: '0' };
  [gatewayA, gatewayB] = await Promise.all([startTestService(env), startTestService(env)]);
});
beforeEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
  await redis.flushall();
});
afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await Promise.all([gatewayA.stop(), gatewayB.stop()]);
  redis.disconnect();
  await redisServer.cleanup();
});

function open(service: RunningService, address: string): SseStream {
  const stream = openSseStream(`${service.url}/api/stream?channel=politics/*`, { 'X-Forwarded-For': address });
  streams.push(stream);
  return stream;
}

const statusOf = (stream: SseStream): Promise<number> => waitFor(() => stream.state.status, { what: 'SSE response status' });

describe('read limits', () => {
  it('caps open SSE streams per address, and frees a place when one closes', async () => {
    const admitted = [open(gatewayA, '203.0.113.1'), open(gatewayA, '203.0.113.1'), open(gatewayA, '203.0.113.1')];
    expect(await Promise.all(admitted.map(statusOf))).toEqual([200, 200, 200]);
    const refused = open(gatewayA, '203.0.113.1');
    expect(await statusOf(refused)).toBe(429);
    expect(refused.state.headers?.get('retry-after')).toMatch(/^\d+$/);
    // Another address is not affected.
    expect(await statusOf(open(gatewayA, '203.0.113.2'))).toBe(200);

    await admitted[0]?.close();
    const again = await waitFor(
      async () => {
        const stream = open(gatewayA, '203.0.113.1');
        const status = await statusOf(stream);
        return status === 200 ? status : undefined;
      },
      { what: 'a place freed by the closed stream' },
    );
    expect(again).toBe(200);
  });

  it('rate-limits REST and SSE per address with 429 and Retry-After, shared by every gateway', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i += 1) {
      // Alternating gateways: one budget in Redis, not one per process.
      const service = i % 2 === 0 ? gatewayA : gatewayB;
      const response = await fetch(`${service.url}/api/headlines?channel=sport/*`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // SSE opens spend the same budget.
    expect(await statusOf(open(gatewayB, '203.0.113.9'))).toBe(429);
    // Health and metrics are not part of the API budget.
    expect((await fetch(`${gatewayA.url}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(200);
  });

  it('answers a read that runs out of its scan budget with what is complete and where to go on', async () => {
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 10_000, dedupeTtlSeconds: 60 });
    const storeMany = async (count: number, tags: { topics: string[]; regions: string[] }, title: string): Promise<string[]> => {
      const batch = Array.from({ length: count }, (_, i) => prepared({ title: `${title} ${i}`, url: `https://example.com/${title}/${i}` }, tags));
      return (await store.storeMany(batch)).map((result) => result.id);
    };
    await storeMany(600, { topics: ['sport'], regions: ['fr'] }, 'french-sport');
    const [match] = await storeMany(1, { topics: ['sport'], regions: ['az'] }, 'sport-in-azerbaijan');
    await storeMany(600, { topics: ['politics'], regions: ['az'] }, 'az-politics');
    // Three combined channels of ~600 entries each share 1,000: a third each.
    const query = 'channel=politics/fr&channel=sport/asia&channel=sport/az';
    const found: string[] = [];
    let since = '0-1';
    let pages = 0;
    for (; pages < 5; pages += 1) {
      const response = await fetch(`${gatewayA.url}/api/headlines?${query}&since=${since}`, { headers: { 'X-Forwarded-For': `203.0.113.${50 + pages}` } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { headlines: { id: string }[]; next?: string };
      found.push(...body.headlines.map((headline) => headline.id));
      if (body.next === undefined) break;
      expect(body.next > since).toBe(true);
      since = body.next;
    }
    expect(pages).toBeGreaterThan(0);
    expect(found).toEqual([match]);
    // A subscribe cannot replay a partial backlog as complete: it gets the latest instead.
    const client = createClient(gatewayB.url, { extraHeaders: { 'X-Forwarded-For': '203.0.113.70' } });
    try {
      const ack = await client.subscribe({ channels: ['politics/fr', 'sport/asia', 'sport/az'], since: '0-1' });
      expect(ack.ok && ack.recovered).toBe(false);
      expect(ack.ok ? ack.headlines.map((headline) => headline.id) : []).toEqual([match]);
    } finally {
      client.close();
    }
  });
});
