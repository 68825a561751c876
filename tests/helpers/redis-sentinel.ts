/**
 * A Sentinel setup on loopback for one test file: a master, a replica of it and 3 sentinels
 * (quorum 2) watching it under the name `nt`, each on a free port with its own temp dir.
 * Sentinels judge the master down after 1 s so that a failover takes a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitForRedis } from '../../src/shared/redis-child.ts';
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

interface Server {
  port: number;
  child: ChildProcess;
}

async function startServer(dir: string, args: string[], port: number): Promise<Server> {
  const child = spawn('redis-server', args, { stdio: 'ignore', cwd: dir });
  await waitForRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 10_000, gaveUp: () => (child.exitCode === null ? undefined : `redis-server on port ${port} exited`) });
  return { port, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

async function dataServer(dir: string, replicaOf?: number): Promise<Server> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  if (replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(replicaOf));
  return startServer(dir, args, port);
}

async function sentinel(dir: string, masterPort: number): Promise<Server> {
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
  return startServer(dir, [config, '--sentinel'], port);
}

export async function startTestSentinels(): Promise<TestSentinels> {
  const root = await mkdtemp(join(tmpdir(), 'nt-sentinel-'));
  const servers: Server[] = [];
  const subdir = async (name: string): Promise<string> => mkdtemp(join(root, `${name}-`));
  try {
    const master = await dataServer(await subdir('master'));
    servers.push(master);
    servers.push(await dataServer(await subdir('replica'), master.port));
    for (let i = 0; i < 3; i += 1) servers.push(await sentinel(await subdir(`sentinel${i}`), master.port));
  } catch (error) {
    await Promise.all(servers.map(stopServer));
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const sentinels = servers.slice(2);
  const masterPort = async (): Promise<number> => {
    const client = new Redis({ port: sentinels[0]?.port ?? 0, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      const reply = (await client.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_MASTER_NAME)) as [string, string];
      return Number(reply[1]);
    } finally {
      client.disconnect();
    }
  };
  // The replica must have synced and every sentinel must know the others before a failover works.
  await waitFor(
    async () => {
      const client = new Redis({ port: sentinels[0]?.port ?? 0, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
      client.on('error', () => undefined);
      try {
        const others = (await client.call('SENTINEL', 'sentinels', SENTINEL_MASTER_NAME)) as unknown[];
        const replicas = (await client.call('SENTINEL', 'replicas', SENTINEL_MASTER_NAME)) as string[][];
        return others.length === 2 && replicas.some((fields) => fields.join(' ').includes('master-link-status ok'));
      } finally {
        client.disconnect();
      }
    },
    { timeoutMs: 20_000, what: 'sentinels to see each other and the replica in sync' },
  );
  return {
    sentinels: sentinels.map(({ port }) => `127.0.0.1:${port}`).join(','),
    masterPort,
    killMaster: async () => {
      const port = await masterPort();
      const server = servers.find((candidate) => candidate.port === port);
      if (server !== undefined) await stopServer(server);
      return port;
    },
    cleanup: async () => {
      await Promise.all(servers.map(stopServer));
      await rm(root, { recursive: true, force: true });
    },
  };
}
