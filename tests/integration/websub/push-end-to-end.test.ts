/**
 * Two instances of the service on one machine, each with its own Redis: B has a source that is
 * A's politics feed, and A is that feed's hub. Headlines published to A reach a Socket.IO
 * client of B by push alone (B polls once an hour), and B unsubscribes when it shuts down.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { freePort, startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

const HEADLINES = 100;

let redisA: TestRedis;
let redisB: TestRedis;
let serviceA: RunningService;
let serviceB: RunningService | undefined;
let client: TickerClient | undefined;

interface SourceView {
  id: string;
  push?: { status: string; hub: string; pushes: number };
}

async function pushStatus(service: RunningService): Promise<SourceView['push']> {
  const body = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: SourceView[] };
  return body.sources[0]?.push;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

beforeAll(async () => {
  [redisA, redisB] = await Promise.all([startTestRedis(), startTestRedis()]);
  const [portA, portB] = [await freePort(), await freePort()];
  serviceA = await startTestService({ REDIS_URL: redisA.url, PORT: String(portA) });
  serviceB = await startTestService({ REDIS_URL: redisB.url, PORT: String(portB) }, [
    { id: 'instance-a', name: 'Instance A politics', type: 'feed', url: `http://localhost:${portA}/feeds/politics/all.atom`, intervalSeconds: 3600, timezone: 'UTC' },
  ]);
});

afterAll(async () => {
  client?.close();
  await serviceB?.stop();
  await serviceA.stop();
  await Promise.all([redisA.cleanup(), redisB.cleanup()]);
});

describe('WebSub push between two instances', () => {
  it('B subscribes to A through the hub A names, and headlines published to A reach B within a second', async () => {
    const b = serviceB;
    if (b === undefined) throw new Error('B did not start');
    const push = await waitFor(async () => {
      const status = await pushStatus(b);
      return status?.status === 'active' ? status : undefined;
    }, { timeoutMs: 20_000, what: "B's subscription to A's hub" });
    expect(push?.hub).toBe(`http://localhost:${serviceA.port}/websub`);

    client = createClient(b.url, { channels: ['politics/*'] });
    await waitFor(() => (client?.acks.some((ack) => ack.ok) === true ? true : undefined), { what: "B client subscribed" });

    const latencies: number[] = [];
    for (let index = 0; index < HEADLINES; index += 1) {
      const title = `Pushed headline ${index}`;
      const sentAt = Date.now();
      const response = await fetch(`${serviceA.url}/api/headlines`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, url: `https://desk.example/politics/${index}`, topics: ['politics'], regions: ['az'] }),
      });
      expect(response.status).toBe(201);
      await waitFor(() => (client?.received.some((headline) => headline.title === title) === true ? true : undefined), { timeoutMs: 10_000, what: `"${title}" on B` });
      latencies.push(Date.now() - sentAt);
    }
    const titles = client.received.map((headline) => headline.title);
    expect(new Set(titles).size).toBe(titles.length); // each once
    const sorted = [...latencies].sort((x, y) => x - y);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    console.log(`push end to end over ${HEADLINES} headlines: p50 ${p50} ms, p99 ${p99} ms, max ${sorted.at(-1)} ms`);
    expect(p99).toBeLessThan(1_000);
    expect((await pushStatus(b))?.pushes).toBeGreaterThanOrEqual(HEADLINES);
  });

  it('B unsubscribes on shutdown, and A verifies it and drops the subscription', async () => {
    const redis = new Redis(redisA.url);
    try {
      expect(await redis.zcard('{nt}:websub:expiry')).toBe(1);
      client?.close();
      client = undefined;
      await serviceB?.stop();
      serviceB = undefined;
      await waitFor(async () => ((await redis.zcard('{nt}:websub:expiry')) === 0 ? true : undefined), { what: "A's subscription removed" });
    } finally {
      redis.disconnect();
    }
  });
});
