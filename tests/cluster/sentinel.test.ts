/**
 * The service on a Sentinel setup (REDIS_SENTINELS: a master, a replica, 3 sentinels): the
 * whole flow, then failovers while headlines flow and clients listen, once with
 * PUBLISH_DURABILITY=local and once with `replica`. Prints the failover figures (time until
 * ready and publishing again, acknowledged publishes lost, duplicates).
 *
 * For the `replica` round the replicas are cut off for 1 s (asleep, their links dropped) and the
 * master is killed half-way through, as when a replica lags on a busy network: with `local` the
 * master would acknowledge writes that exist on it alone. Before it, the killed master comes back
 * as a replica and one more replica joins, so that the promoted master still has one to confirm
 * publishes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/app/service.ts';
import { describeFailover, publishThroughFailover } from '../helpers/failover.ts';
import { SENTINEL_MASTER_NAME, startTestSentinels, type TestSentinels } from '../helpers/redis-sentinel.ts';
import { startTestService } from '../helpers/service.ts';
import { waitFor } from '../helpers/wait.ts';
import { runWholeFlow, startFlowFeed, type FlowFeed } from '../helpers/whole-flow.ts';

let setup: TestSentinels;
let feed: FlowFeed;
let service: RunningService;

const HOLD_MS = 1_000;

beforeAll(async () => {
  setup = await startTestSentinels();
  feed = await startFlowFeed();
  service = await startTestService({ REDIS_SENTINELS: setup.sentinels, REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, PUBLISH_RATE_PER_MINUTE: '100000' }, [feed.source]);
  await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, { timeoutMs: 20_000, what: 'ready on the Sentinel master' });
});
afterAll(async () => {
  await service.stop();
  await feed.close();
  await setup.cleanup();
});

describe('Redis through Sentinel', () => {
  it('polls, publishes, delivers, resumes with since, corrects and serves history and feeds through the master the sentinels name', async () => {
    expect(service.redisTarget).toContain(`sentinel master ${SENTINEL_MASTER_NAME}`);
    await runWholeFlow(service);
  });

  it('is ready and publishing again within 10 s of the master being killed; clients resume without duplicates', async () => {
    const oldMaster = await setup.masterPort();
    const figures = await publishThroughFailover(service, () => setup.killMaster(), 'Sentinel');
    console.log(describeFailover('sentinel failover, PUBLISH_DURABILITY=local', figures));
    expect(await setup.masterPort()).not.toBe(oldMaster);
    expect(figures.readyAgainMs).toBeLessThan(10_000); // sentinels judge the master down after 2 s; the failover takes a few more
    expect(figures.duplicates).toBe(0);
    expect(figures.missed).toBe(0);
    expect(figures.recovered).toBe(4);
    // Nothing holds the replica back here: replication on loopback is milliseconds behind.
    for (const age of figures.lostAckedBeforeKillMs) expect(age).toBeLessThan(1_000);
  });

  it('PUBLISH_DURABILITY=replica: ready again within 10 s of the master being killed while its replicas lagged, no duplicates, no acknowledged publish lost', async () => {
    await setup.restartKilledAsReplicas();
    await setup.addReplica();
    const durable = await startTestService({ REDIS_SENTINELS: setup.sentinels, REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, PUBLISH_DURABILITY: 'replica', PUBLISH_RATE_PER_MINUTE: '100000' });
    try {
      await waitFor(async () => (await fetch(`${durable.url}/readyz`)).status === 200, { timeoutMs: 20_000, what: 'ready on the Sentinel master' });
      const oldMaster = await setup.masterPort();
      let held = Promise.resolve();
      const kill = async (): Promise<void> => {
        held = setup.cutOffReplicas(HOLD_MS);
        await sleep(HOLD_MS / 2);
        await setup.killMaster();
      };
      const figures = await publishThroughFailover(durable, kill, 'Sentinel replica');
      await held;
      console.log(describeFailover(`sentinel failover, PUBLISH_DURABILITY=replica, replicas cut off ${HOLD_MS / 2} ms before the kill`, figures));
      expect(await setup.masterPort()).not.toBe(oldMaster);
      expect(figures.readyAgainMs).toBeLessThan(10_000);
      expect(figures.duplicates).toBe(0);
      expect(figures.missed).toBe(0);
      expect(figures.recovered).toBe(4);
      expect(figures.lost).toBe(0);
      // The cut-off was real: no publish was acknowledged while the replicas were away (with
      // `local` the last acknowledgement is one publish interval, 50 ms, before the kill).
      expect(figures.lastAckBeforeKillMs).toBeGreaterThan(HOLD_MS / 4);
    } finally {
      await durable.stop();
    }
  });
});
