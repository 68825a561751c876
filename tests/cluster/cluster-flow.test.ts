/**
 * The service on a Redis Cluster (REDIS_CLUSTER_NODES, 3 masters and 3 replicas): the whole
 * flow, with the BullMQ queues in the `{nt-bull}` slot, and REST history read from a replica.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/app/service.ts';
import { keys } from '../../src/streams/keys.ts';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster.ts';
import { askServer } from '../helpers/redis-process.ts';
import { startTestService } from '../helpers/service.ts';
import { waitFor } from '../helpers/wait.ts';
import { runWholeFlow, startFlowFeed, type FlowFeed } from '../helpers/whole-flow.ts';

let cluster: TestCluster;
let feed: FlowFeed;
let service: RunningService;

beforeAll(async () => {
  cluster = await startTestCluster();
  feed = await startFlowFeed();
  service = await startTestService({ REDIS_CLUSTER_NODES: cluster.nodes, ROLE: 'all' }, [feed.source]);
  await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, { timeoutMs: 20_000, what: 'ready on the Cluster' });
});
afterAll(async () => {
  await service.stop();
  await feed.close();
  await cluster.cleanup();
});

describe('Redis Cluster', () => {
  it('polls, publishes, delivers, resumes with since, corrects and serves history and feeds', async () => {
    expect(service.redisTarget).toMatch(/^cluster 127\.0\.0\.1:\d+/);
    await runWholeFlow(service);
    // Only reads reach a replica as commands of their own (writes arrive as their effects), and
    // the combined channel's history is read by read-combined-2.lua on the replica.
    const [replica] = await cluster.replicasOf(keys.allStream);
    const stats = await askServer(replica, (client) => client.info('commandstats'));
    expect(stats).toMatch(/^cmdstat_evalsha?:calls=[1-9]/m);
    expect(stats).toMatch(/^cmdstat_xrevrange:calls=[1-9]/m);
  });
});
