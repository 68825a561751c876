/**
 * Failover on a Redis Cluster while headlines flow: the master of the `{nt}` slot is killed,
 * once with PUBLISH_DURABILITY=local and once with `replica`. Prints the figures (time until
 * ready and publishing again, acknowledged publishes lost, duplicates at resuming clients).
 *
 * On loopback a replica is a fraction of a millisecond behind, so a plain kill rarely loses
 * anything: the shard's replicas are cut off for 1 s (asleep, their links dropped) and the master
 * is killed half-way through, as when a replica lags on a busy network. For the `replica` round the killed
 * node comes back (as a replica) and the shard gets a second replica, so that the promoted
 * master still has one to confirm publishes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/app/service.ts';
import { keys } from '../../src/streams/keys.ts';
import { describeFailover, publishThroughFailover, type FailoverFigures } from '../helpers/failover.ts';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster.ts';
import { startTestService } from '../helpers/service.ts';
import { waitFor } from '../helpers/wait.ts';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await cluster.cleanup();
});

const HOLD_MS = 1_000;

async function failover(durability: 'local' | 'replica'): Promise<FailoverFigures> {
  const service: RunningService = await startTestService({ REDIS_CLUSTER_NODES: cluster.nodes, PUBLISH_DURABILITY: durability, PUBLISH_RATE_PER_MINUTE: '100000' });
  try {
    await waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, { timeoutMs: 20_000, what: 'ready on the Cluster' });
    let held = Promise.resolve();
    const kill = async (): Promise<void> => {
      held = cluster.cutOffReplicasOf(keys.allStream, HOLD_MS);
      await sleep(HOLD_MS / 2);
      await cluster.killMasterOf(keys.allStream);
    };
    const figures = await publishThroughFailover(service, kill, `Cluster ${durability}`);
    await held;
    console.log(describeFailover(`cluster failover, PUBLISH_DURABILITY=${durability}, replicas cut off ${HOLD_MS / 2} ms before the kill`, figures));
    return figures;
  } finally {
    await service.stop();
  }
}

describe('Redis Cluster failover of the {nt} master while headlines flow', () => {
  it('PUBLISH_DURABILITY=local: ready again within 10 s, no duplicates; the publishes acknowledged while the replica was behind are lost', async () => {
    const figures = await failover('local');
    expect(figures.readyAgainMs).toBeLessThan(10_000);
    expect(figures.duplicates).toBe(0);
    expect(figures.missed).toBe(0);
    expect(figures.recovered).toBe(4);
    expect(figures.lost).toBeGreaterThan(0);
    // Only what the master acknowledged while its replica was held back: everything older was on the replica.
    for (const age of figures.lostAckedBeforeKillMs) expect(age).toBeLessThanOrEqual(HOLD_MS / 2 + 100);
  });

  it('PUBLISH_DURABILITY=replica: ready again within 10 s, no duplicates, no acknowledged publish lost', async () => {
    await cluster.restartKilled();
    await cluster.addReplicaOf(keys.allStream);
    const figures = await failover('replica');
    expect(figures.readyAgainMs).toBeLessThan(10_000);
    expect(figures.duplicates).toBe(0);
    expect(figures.missed).toBe(0);
    expect(figures.recovered).toBe(4);
    expect(figures.lost).toBe(0);
  });
});
