/**
 * A Redis Cluster on loopback for one test file: 3 masters and 3 replicas (more on request), each a
 * `redis-server --cluster-enabled yes` on a free port with its own temp dir, joined by
 * `redis-cli --cluster create ... --cluster-replicas 1`. Nodes judge a peer failed after 1 s
 * (cluster-node-timeout), so a replica takes over a killed master within a few seconds.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { askServer, cutOffReplicas, dataNodeArgs, isRunning, killRedisProcess, restartRedisProcess, serverDir, startRedisProcess, type RedisProcess } from './redis-process.ts';
import { waitFor } from './wait.ts';

const run = promisify(execFile);

const NODES = 6;
const NODE_TIMEOUT_MS = 1_000;

export interface TestCluster {
  /** `host:port,...` of every node, as REDIS_CLUSTER_NODES takes it. */
  readonly nodes: string;
  /** The port of the master that now serves `key`'s slot, as a live node reports it. */
  masterOf(key: string): Promise<number>;
  /** The ports of that master's replicas (at least one, or it throws). */
  replicasOf(key: string): Promise<[number, ...number[]]>;
  /** Kills the master of `key`'s slot (SIGKILL: no goodbye) and resolves with its port. */
  killMasterOf(key: string): Promise<number>;
  /**
   * Cuts `key`'s master off from its replicas for `ms`: they sleep (DEBUG SLEEP) and the master
   * drops their links, so its writes meanwhile exist on it alone (bytes already sent would still
   * reach a sleeping replica). Resolves when the replicas wake.
   */
  cutOffReplicasOf(key: string, ms: number): Promise<void>;
  /** Starts every killed node again on its port and config: it rejoins as a replica of whoever took its slots. */
  restartKilled(): Promise<void>;
  /**
   * Adds a node as one more replica of the master of `key`'s slot; resolves with its port. It
   * never stands for election (cluster-replica-no-failover): two replicas at the same offset
   * stand within the same millisecond, the masters' votes can split between them, and a split
   * election is tried again only 4 s later (twice the 2 s minimum auth timeout). In 3 of 8 runs
   * the node logs showed both standing within 3 ms of each other; one run in CI took 8.8 s.
   */
  addReplicaOf(key: string): Promise<number>;
  cleanup(): Promise<void>;
}

type SlotRange = [number, number, [string, number, ...unknown[]], ...unknown[]];

async function clusterNode(root: string, index: number): Promise<RedisProcess> {
  const dir = await serverDir(root, `node${index}`);
  const { port, args } = await dataNodeArgs(dir);
  // A master pings its replicas every second, so a new replica's offset moves at once: CLUSTER
  // SLOTS (what clients route by) lists a replica only once its offset is not 0. DEBUG SLEEP
  // (from loopback only) lets a test hold a replica back.
  args.push('--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', String(NODE_TIMEOUT_MS), '--repl-ping-replica-period', '1', '--enable-debug-command', 'local');
  return startRedisProcess(dir, args, port);
}

/**
 * Every running node says the cluster is ok and lists a replica for every slot range, every
 * replica's link is up, and every master sees its replicas online (WAIT counts only those).
 */
async function settled(servers: readonly RedisProcess[]): Promise<boolean> {
  const running = servers.filter(isRunning);
  const views = await Promise.all(
    running.map((server) =>
      askServer(server.port, async (client) => ({
        info: (await client.call('CLUSTER', 'INFO')) as string,
        ranges: (await client.call('CLUSTER', 'SLOTS')) as SlotRange[],
        replication: await client.info('replication'),
      })),
    ),
  );
  const replicas = views.filter(({ replication }) => replication.includes('role:slave'));
  const online = views.reduce((count, { replication }) => count + (replication.match(/state=online/g) ?? []).length, 0);
  return (
    views.every(({ info, ranges }) => info.includes('cluster_state:ok') && ranges.length > 0 && ranges.every((range) => range.length >= 4)) &&
    replicas.every(({ replication }) => replication.includes('master_link_status:up')) &&
    online === replicas.length
  );
}

export async function startTestCluster(): Promise<TestCluster> {
  const root = await mkdtemp(join(tmpdir(), 'nt-cluster-'));
  const servers: RedisProcess[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(servers.map(killRedisProcess));
    await rm(root, { recursive: true, force: true });
  };
  const untilSettled = (): Promise<boolean> => waitFor(() => settled(servers), { timeoutMs: 30_000, what: 'the cluster to be ok with every replica in sync' });
  try {
    for (let index = 0; index < NODES; index += 1) servers.push(await clusterNode(root, index));
    const addresses = servers.map(({ port }) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 });
    await untilSettled();
  } catch (error) {
    await cleanup();
    throw error;
  }

  /** The ports serving `key`'s slot, master first, as a live node reports them. */
  const servingPorts = async (key: string): Promise<number[]> => {
    const live = servers.find(isRunning);
    if (live === undefined) throw new Error('no cluster node is running');
    return askServer(live.port, async (client) => {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as SlotRange[];
      const range = ranges.find(([from, to]) => from <= slot && slot <= to);
      if (range === undefined) throw new Error(`no node serves slot ${slot}`);
      return (range.slice(2) as [string, number][]).map(([, port]) => port);
    });
  };
  const masterOf = async (key: string): Promise<number> => {
    const [master] = await servingPorts(key);
    if (master === undefined) throw new Error(`no master serves ${key}`);
    return master;
  };

  return {
    nodes: servers.map(({ port }) => `127.0.0.1:${port}`).join(','),
    masterOf,
    replicasOf: async (key) => {
      const [, first, ...others] = await servingPorts(key);
      if (first === undefined) throw new Error(`no replica serves ${key}`);
      return [first, ...others];
    },
    killMasterOf: async (key) => {
      const port = await masterOf(key);
      const server = servers.find((candidate) => candidate.port === port);
      if (server !== undefined) await killRedisProcess(server);
      return port;
    },
    cutOffReplicasOf: async (key, ms) => {
      const [master, ...replicas] = await servingPorts(key);
      if (master === undefined) throw new Error(`no master serves ${key}`);
      await cutOffReplicas(master, replicas, ms);
    },
    restartKilled: async () => {
      for (const [index, server] of servers.entries()) if (!isRunning(server)) servers[index] = await restartRedisProcess(server);
      await untilSettled();
    },
    addReplicaOf: async (key) => {
      const master = await masterOf(key);
      const masterId = await askServer(master, (client) => client.call('CLUSTER', 'MYID') as Promise<string>);
      const node = await clusterNode(root, servers.length);
      servers.push(node);
      await askServer(node.port, (client) => client.call('CONFIG', 'SET', 'cluster-replica-no-failover', 'yes'));
      await run('redis-cli', ['--cluster', 'add-node', `127.0.0.1:${node.port}`, `127.0.0.1:${master}`, '--cluster-slave', '--cluster-master-id', masterId], { timeout: 30_000 });
      await untilSettled();
      return node.port;
    },
    cleanup,
  };
}
