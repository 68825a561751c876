/**
 * The service on a Sentinel setup (REDIS_SENTINELS: a master, a replica, 3 sentinels): the
 * whole flow, then a failover while headlines flow and clients listen. Prints the failover
 * figures (time until ready and publishing again, acknowledged publishes lost, duplicates).
 */
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
    expect(figures.readyAgainMs).toBeLessThan(10_000); // sentinels judge the master down after 1 s; the failover takes a few more
    expect(figures.duplicates).toBe(0);
    expect(figures.missed).toBe(0);
    expect(figures.recovered).toBe(4);
    // Nothing holds the replica back here: replication on loopback is milliseconds behind.
    for (const age of figures.lostAckedBeforeKillMs) expect(age).toBeLessThan(1_000);
  });
});
