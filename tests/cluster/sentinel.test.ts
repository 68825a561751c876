/**
 * The service on a Sentinel setup (REDIS_SENTINELS): the whole publish/read flow, then a
 * failover while headlines are published. Prints the failover figures (time until publishing
 * works again, acknowledged publishes lost to asynchronous replication).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/app/service.ts';
import { MAX_LIMIT } from '../../src/gateway/handover/backlog.ts';
import { SENTINEL_MASTER_NAME, startTestSentinels, type TestSentinels } from '../helpers/redis-sentinel.ts';
import { startTestService, TEST_API_KEY } from '../helpers/service.ts';
import { waitFor } from '../helpers/wait.ts';

let setup: TestSentinels;
let service: RunningService;

async function publish(title: string): Promise<number> {
  const response = await fetch(`${service.url}/api/headlines`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, url: `https://example.com/${encodeURIComponent(title)}`, source: { id: 'ops', name: 'Ops' } }),
    signal: AbortSignal.timeout(5_000),
  });
  return response.status;
}

async function storedTitles(): Promise<Set<string>> {
  const reply = (await (await fetch(`${service.url}/api/headlines?limit=${MAX_LIMIT}`)).json()) as { headlines: { title: string }[] };
  return new Set(reply.headlines.map((headline) => headline.title));
}

beforeAll(async () => {
  setup = await startTestSentinels();
  service = await startTestService({ REDIS_SENTINELS: setup.sentinels, REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, ROLE: 'all', PUBLISH_RATE_PER_MINUTE: '100000' });
  await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, { timeoutMs: 20_000, what: 'ready on the Sentinel master' });
});
afterAll(async () => {
  await service.stop();
  await setup.cleanup();
});

describe('Redis through Sentinel', () => {
  it('publishes and reads through the master the sentinels name', async () => {
    expect(service.redisTarget).toContain(`sentinel master ${SENTINEL_MASTER_NAME}`);
    expect(await publish('Before any failover')).toBe(201);
    expect(await storedTitles()).toContain('Before any failover');
  });

  it('publishes again within 10 s of the master being killed; acknowledged publishes lost are counted', async () => {
    const acknowledged: string[] = [];
    let seq = 0;
    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        const title = `During failover ${(seq += 1)}`;
        try {
          if ((await publish(title)) === 201) acknowledged.push(title);
        } catch {
          // a publish that times out during the failover is not acknowledged
        }
        await sleep(50); // pacing, so that every acknowledged headline fits in one read
      }
    })();
    await waitFor(() => acknowledged.length >= 5, { what: 'publishes flowing before the failover' });

    const oldMaster = await setup.killMaster();
    const killedAt = Date.now();
    const countAtKill = acknowledged.length;
    await waitFor(async () => (await setup.masterPort()) !== oldMaster, { timeoutMs: 20_000, what: 'sentinels to promote the replica' });
    await waitFor(() => acknowledged.length > countAtKill + 3, { timeoutMs: 20_000, what: 'publishes acknowledged by the new master' });
    const recoveredMs = Date.now() - killedAt;
    flowing = false;
    await flow;

    const stored = await storedTitles();
    const lost = acknowledged.filter((title) => !stored.has(title));
    console.log(`sentinel failover: publishing again ${recoveredMs} ms after the master was killed; ${acknowledged.length} acknowledged, ${lost.length} lost`);
    expect(recoveredMs).toBeLessThan(10_000); // the bound: sentinels judge down after 1 s, failover takes a few more
    expect(await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, { what: 'ready after the failover' })).toBe(true);
  });
});
