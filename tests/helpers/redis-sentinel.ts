/**
 * A Sentinel setup on loopback for one test file: a master, a replica of it and 3 sentinels
 * (quorum 2) watching it under the name `nt`, each on a free port with its own temp dir.
 * Sentinels judge the master down after 2 s so that a failover takes a few seconds.
 *
 * Not 1 s: a Sentinel pings an instance at most once a second, and on a switch it starts the new
 * master's clock without a ping. With down-after-milliseconds 1000 its first PONG comes just too
 * late, so the sentinels judge the master they have just promoted down and fail over once more,
 * to another replica. The first one promoted goes on acting as a master, without replicas, until
 * Sentinel's next INFO round (every 10 s) turns it into a replica: with PUBLISH_DURABILITY=replica
 * nothing could be confirmed for that long (seen in CI: ready again 19 s after the kill).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/shared/redis-child.ts';
import { askServer, cutOffReplicas, dataNodeArgs, isRunning, killRedisProcess, serverDir, startRedisProcess, type RedisProcess } from './redis-process.ts';
import { waitFor } from './wait.ts';

export const SENTINEL_MASTER_NAME = 'nt';
/** Above Sentinel's 1 s ping period, with room for a PONG (see above). */
const DOWN_AFTER_MS = 2_000;

export interface TestSentinels {
  /** `host:port,...` of the sentinels, as REDIS_SENTINELS takes it. */
  readonly sentinels: string;
  /** The port of the current master, as the sentinels report it. */
  masterPort(): Promise<number>;
  /** Kills the current master (SIGKILL: no goodbye) and resolves with its port. */
  killMaster(): Promise<number>;
  /**
   * Cuts the master off from its replicas for `ms`: they sleep (DEBUG SLEEP) and the master
   * drops their links, so its writes meanwhile exist on it alone. Resolves when the replicas wake.
   */
  cutOffReplicas(ms: number): Promise<void>;
  /** Starts every killed data server again on its port, as a replica of the current master. */
  restartKilledAsReplicas(): Promise<void>;
  /** Starts one more replica of the current master; resolves with its port. */
  addReplica(): Promise<number>;
  cleanup(): Promise<void>;
}

async function dataServer(dir: string, replicaOf?: number): Promise<RedisProcess> {
  const { port, args } = await dataNodeArgs(dir);
  args.push('--enable-debug-command', 'local'); // DEBUG SLEEP (from loopback only) lets a test hold a replica back
  if (replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(replicaOf));
  return startRedisProcess(dir, args, port);
}

async function sentinel(dir: string, masterPort: number): Promise<RedisProcess> {
  const port = await freePort();
  const config = join(dir, 'sentinel.conf');
  await writeFile(
    config,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 2`,
      `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${DOWN_AFTER_MS}`,
      `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
      `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
      '',
    ].join('\n'),
  );
  return startRedisProcess(dir, [config, '--sentinel'], port);
}

/** What one sentinel knows: the other sentinels, and the replicas whose link to the master is up. */
async function sentinelView(port: number): Promise<{ others: number; replicasInSync: number }> {
  return askServer(port, async (client) => {
    const others = (await client.call('SENTINEL', 'sentinels', SENTINEL_MASTER_NAME)) as unknown[];
    const replicas = (await client.call('SENTINEL', 'replicas', SENTINEL_MASTER_NAME)) as string[][];
    const inSync = replicas.filter((fields) => {
      const text = fields.join(' ');
      return text.includes('master-link-status ok') && !text.includes('s_down') && !text.includes('disconnected');
    });
    return { others: others.length, replicasInSync: inSync.length };
  });
}

export async function startTestSentinels(): Promise<TestSentinels> {
  const root = await mkdtemp(join(tmpdir(), 'nt-sentinel-'));
  const data: RedisProcess[] = [];
  const sentinels: RedisProcess[] = [];
  const subdir = (name: string): Promise<string> => serverDir(root, name);
  const cleanup = async (): Promise<void> => {
    await Promise.all([...data, ...sentinels].map(killRedisProcess));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const master = await dataServer(await subdir('master'));
    data.push(master);
    data.push(await dataServer(await subdir('replica'), master.port));
    for (let i = 0; i < 3; i += 1) sentinels.push(await sentinel(await subdir(`sentinel${i}`), master.port));
  } catch (error) {
    await cleanup();
    throw error;
  }
  const sentinelPort = sentinels[0]?.port ?? 0;
  const masterPort = async (): Promise<number> => {
    const reply = (await askServer(sentinelPort, (client) => client.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_MASTER_NAME))) as [string, string];
    return Number(reply[1]);
  };
  // Every running replica must have synced, and every sentinel must know the others and every
  // replica, before a failover works (sentinels learn of a new replica from the master's INFO,
  // every 10 s), and the master must count each replica online (WAIT counts only those).
  const untilSettled = async (): Promise<void> => {
    const replicas = data.filter(isRunning).length - 1;
    await waitFor(
      async () => {
        const views = await Promise.all(sentinels.map(({ port }) => sentinelView(port)));
        const replication = await askServer(await masterPort(), (client) => client.info('replication'));
        const online = (replication.match(/state=online/g) ?? []).length;
        return views.every(({ others, replicasInSync }) => others === 2 && replicasInSync === replicas) && online === replicas;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: `sentinels to see each other and ${replicas} replica(s) in sync` },
    );
  };
  await untilSettled().catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
  const replicaPorts = async (): Promise<number[]> => {
    const master = await masterPort();
    return data.filter((server) => isRunning(server) && server.port !== master).map(({ port }) => port);
  };
  return {
    sentinels: sentinels.map(({ port }) => `127.0.0.1:${port}`).join(','),
    masterPort,
    killMaster: async () => {
      const port = await masterPort();
      const server = data.find((candidate) => candidate.port === port);
      if (server !== undefined) await killRedisProcess(server);
      return port;
    },
    cutOffReplicas: async (ms) => {
      await cutOffReplicas(await masterPort(), await replicaPorts(), ms);
    },
    restartKilledAsReplicas: async () => {
      const master = await masterPort();
      for (const [index, server] of data.entries()) {
        // The last --replicaof wins: a killed master comes back following the one that took over.
        if (!isRunning(server)) data[index] = await startRedisProcess(server.dir, [...server.args, '--replicaof', '127.0.0.1', String(master)], server.port);
      }
      await untilSettled();
    },
    addReplica: async () => {
      const replica = await dataServer(await subdir(`replica${data.length}`), await masterPort());
      data.push(replica);
      await untilSettled();
      return replica.port;
    },
    cleanup,
  };
}
