/**
 * A Sentinel setup on loopback for one test file: a master, a replica of it and 3 sentinels
 * (quorum 2) watching it under the name `nt`, each on a free port with its own temp dir.
 * Sentinels judge the master down after 1 s so that a failover takes a few seconds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/shared/redis-child.ts';
import { askServer, dataNodeArgs, killRedisProcess, serverDir, startRedisProcess, type RedisProcess } from './redis-process.ts';
import { waitFor } from './wait.ts';

export const SENTINEL_MASTER_NAME = 'nt';

export interface TestSentinels {
  /** `host:port,...` of the sentinels, as REDIS_SENTINELS takes it. */
  readonly sentinels: string;
  /** The port of the current master, as the sentinels report it. */
  masterPort(): Promise<number>;
  /** Kills the current master (SIGKILL: no goodbye) and resolves with its port. */
  killMaster(): Promise<number>;
  cleanup(): Promise<void>;
}

async function dataServer(dir: string, replicaOf?: number): Promise<RedisProcess> {
  const { port, args } = await dataNodeArgs(dir);
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
      `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
      `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
      `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
      '',
    ].join('\n'),
  );
  return startRedisProcess(dir, [config, '--sentinel'], port);
}

export async function startTestSentinels(): Promise<TestSentinels> {
  const root = await mkdtemp(join(tmpdir(), 'nt-sentinel-'));
  const servers: RedisProcess[] = [];
  const subdir = (name: string): Promise<string> => serverDir(root, name);
  try {
    const master = await dataServer(await subdir('master'));
    servers.push(master);
    servers.push(await dataServer(await subdir('replica'), master.port));
    for (let i = 0; i < 3; i += 1) servers.push(await sentinel(await subdir(`sentinel${i}`), master.port));
  } catch (error) {
    await Promise.all(servers.map(killRedisProcess));
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const sentinels = servers.slice(2);
  const sentinelPort = sentinels[0]?.port ?? 0;
  const masterPort = async (): Promise<number> => {
    const reply = (await askServer(sentinelPort, (client) => client.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_MASTER_NAME))) as [string, string];
    return Number(reply[1]);
  };
  // The replica must have synced and every sentinel must know the others before a failover works.
  await waitFor(
    () =>
      askServer(sentinelPort, async (client) => {
        const others = (await client.call('SENTINEL', 'sentinels', SENTINEL_MASTER_NAME)) as unknown[];
        const replicas = (await client.call('SENTINEL', 'replicas', SENTINEL_MASTER_NAME)) as string[][];
        return others.length === 2 && replicas.some((fields) => fields.join(' ').includes('master-link-status ok'));
      }),
    { timeoutMs: 20_000, what: 'sentinels to see each other and the replica in sync' },
  );
  return {
    sentinels: sentinels.map(({ port }) => `127.0.0.1:${port}`).join(','),
    masterPort,
    killMaster: async () => {
      const port = await masterPort();
      const server = servers.find((candidate) => candidate.port === port);
      if (server !== undefined) await killRedisProcess(server);
      return port;
    },
    cleanup: async () => {
      await Promise.all(servers.map(killRedisProcess));
      await rm(root, { recursive: true, force: true });
    },
  };
}
