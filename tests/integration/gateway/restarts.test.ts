/**
 * Gap-free delivery across process-level events: gateway restarts, two gateway instances,
 * and a Redis restart. Gateways run as child processes; a publisher writes to Redis directly.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { freePort, startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { spawnService, type ChildService } from '../../helpers/service.ts';
import { createClient, deliveryReport, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

let redisServer: TestRedis;
let redis: Redis;
let store: HeadlineStore;
const children: ChildService[] = [];
const clients: TickerClient[] = [];
let seq = 0;

async function gateway(env: Record<string, string> = {}): Promise<ChildService> {
  const child = await spawnService({ REDIS_URL: redisServer.url, ROLE: 'gateway', PORT: '0', ...env });
  children.push(child);
  return child;
}

function client(url: string, channels: string[]): TickerClient {
  const created = createClient(url, { channels });
  clients.push(created);
  return created;
}

/** Publishes continuously (retrying through outages) until stopped; ids in store order. */
function publisher(topics = ['politics'], regions = ['az']) {
  const ids: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const title = `flow ${(seq += 1)}`;
      for (;;) {
        try {
          const result = await store.store(prepared({ title, guid: title }, { topics, regions }));
          // A retry after a lost reply answers the stored copy (duplicate: true, same id).
          if (!ids.includes(result.id)) ids.push(result.id);
          break;
        } catch {
          await sleep(50); // Redis is restarting: the same headline is retried
        }
      }
      await sleep(5);
    }
  })();
  return {
    ids,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function allCaughtUp(targets: TickerClient[], ids: string[]): Promise<void> {
  const last = ids[ids.length - 1] ?? '';
  for (const c of targets) await waitFor(() => c.lastId() === last, { what: () => `client at ${c.lastId()}, last ${last}`, timeoutMs: 20_000 });
}

function report(label: string, targets: TickerClient[], ids: string[]) {
  const reports = targets.map((c) => deliveryReport(ids.slice(ids.indexOf(c.received[0]?.id ?? '')), c.received));
  const lost = reports.reduce((sum, r) => sum + r.lost, 0);
  const duplicated = reports.reduce((sum, r) => sum + r.duplicated, 0);
  const outOfOrder = reports.reduce((sum, r) => sum + r.outOfOrder, 0);
  console.info(`[${label}] ${targets.length} clients, ${ids.length} headlines: lost=${lost} duplicated=${duplicated} outOfOrder=${outOfOrder}`);
  return { lost, duplicated, outOfOrder };
}

beforeAll(async () => {
  redisServer = await startTestRedis({ aof: true });
  redis = new Redis(redisServer.url);
  redis.on('error', () => undefined); // the Redis restart test makes this client reconnect
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 600 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const child of children) await child.kill('SIGKILL');
  redis.disconnect();
  await redisServer.cleanup();
});

describe('across restarts', () => {
  it('a gateway stopped and started while headlines flow: clients resume with 0 lost, 0 duplicated', async () => {
    const port = String(await freePort());
    let gw = await gateway({ PORT: port });
    const targets = [client(gw.url, ['politics/*']), client(gw.url, ['*/az', 'politics/az'])];
    await waitFor(() => targets.every((c) => c.acks.length > 0), { what: 'subscribed' });
    const flow = publisher();
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      await waitFor(() => targets.every((c) => c.received.length > flow.ids.length / 2 && c.received.length > 10), { what: 'live flow' });
      await gw.kill(signal);
      const stoppedAt = flow.ids.length;
      await waitFor(() => flow.ids.length > stoppedAt + 20, { what: 'publishing while the gateway is down' });
      gw = await gateway({ PORT: port });
    }
    await waitFor(() => targets.every((c) => c.acks.filter((a) => a.ok).length >= 3), { what: 'resubscribed twice' });
    await flow.stop();
    await allCaughtUp(targets, flow.ids);
    expect(report('gateway restart', targets, flow.ids)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(targets.every((c) => c.acks.every((a) => !a.ok || a.recovered || a === c.acks[0]))).toBe(true);
    await gw.kill('SIGTERM');
  });

  it('two gateway processes: clients on each receive the same headlines', async () => {
    const [a, b] = await Promise.all([gateway(), gateway()]);
    const onA = client(a.url, ['politics/*']);
    const onB = client(b.url, ['politics/*']);
    await waitFor(() => onA.acks.length > 0 && onB.acks.length > 0, { what: 'subscribed on both' });
    const startA = onA.received.length;
    const startB = onB.received.length;
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push((await store.store(prepared({ title: `both ${i}` }, { topics: ['politics'] }))).id);
    await allCaughtUp([onA, onB], ids);
    expect(onA.received.slice(startA).map((h) => h.id)).toEqual(ids);
    expect(onB.received.slice(startB).map((h) => h.id)).toEqual(ids);
    // The adapter connects the instances: each sees two servers.
    await waitFor(async () => /newsticker_gateway_servers 2\b/.test(await (await fetch(`${a.url}/metrics`)).text()), { what: 'two servers in metrics', intervalMs: 250 });
  });

  it('Redis restarted during live flow: the gateway recovers by itself and nothing is lost or repeated', async () => {
    const gw = children[children.length - 1];
    if (gw === undefined) throw new Error('no gateway');
    const targets = [client(gw.url, ['politics/*']), client(gw.url, ['*/*'])];
    await waitFor(() => targets.every((c) => c.acks.length > 0), { what: 'subscribed' });
    const flow = publisher();
    await waitFor(() => targets.every((c) => c.received.length > 10), { what: 'live flow' });
    await redisServer.restart();
    const restartedAt = flow.ids.length;
    await waitFor(() => flow.ids.length > restartedAt + 30, { what: 'publishing after the restart' });
    await flow.stop();
    await allCaughtUp(targets, flow.ids);
    expect(report('redis restart', targets, flow.ids)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
  });
});
