/**
 * redis-server processes for the multi-server helpers (Sentinel, Cluster): each on a free
 * loopback port in a temp dir of its own, killed without a goodbye when a test says so.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitForRedis } from '../../src/shared/redis-child.ts';
import { waitFor } from './wait.ts';

export interface RedisProcess {
  readonly port: number;
  readonly child: ChildProcess;
  readonly dir: string;
  readonly args: readonly string[];
}

/** Starts `redis-server` with `args` (which must name `port`) and waits until it answers. */
export async function startRedisProcess(dir: string, args: readonly string[], port: number): Promise<RedisProcess> {
  const child = spawn('redis-server', args, { stdio: 'ignore', cwd: dir });
  await waitForRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 10_000, gaveUp: () => (child.exitCode === null ? undefined : `redis-server on port ${port} exited`) });
  return { port, child, dir, args };
}

/** Starts a stopped server again on its port, dir and arguments (a Cluster node keeps its identity in nodes.conf there). */
export function restartRedisProcess(server: RedisProcess): Promise<RedisProcess> {
  return startRedisProcess(server.dir, server.args, server.port);
}

/** A data node's arguments: no persistence (the tests measure replication, not disks), never evicting. */
export async function dataNodeArgs(dir: string): Promise<{ port: number; args: string[] }> {
  const port = await freePort();
  return { port, args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'] };
}

/** SIGKILL: the server gets no chance to hand anything over. */
export async function killRedisProcess(server: RedisProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

export function isRunning(server: RedisProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** A fresh directory under `root` for one server. */
export function serverDir(root: string, name: string): Promise<string> {
  return mkdtemp(join(root, `${name}-`));
}

/** Runs `command` on a short-lived connection to one server (helpers' own questions, never the service's). */
export async function askServer<T>(port: number, command: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // the caller gets the command's rejection
  try {
    return await command(client);
  } finally {
    client.disconnect();
  }
}

/** True when the server answers PING within `ms`: one inside DEBUG SLEEP does not. */
async function answersWithin(port: number, ms: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // a refused or cut connection is an answer of "no"
  try {
    return await Promise.race([client.ping().then(() => true, () => false), sleep(ms).then(() => false)]);
  } finally {
    client.disconnect();
  }
}

/**
 * Cuts `master` off from `replicas` for `ms`: they sleep (DEBUG SLEEP) and, once each has
 * stopped answering, the master drops their links, so its writes meanwhile exist on it alone.
 * Resolves when the replicas wake.
 */
export async function cutOffReplicas(master: number, replicas: readonly number[], ms: number): Promise<void> {
  const asleep = Promise.all(replicas.map((port) => askServer(port, (client) => client.call('DEBUG', 'SLEEP', String(ms / 1000)))));
  // A replica that is still awake when its link is dropped reconnects at once.
  await Promise.all(replicas.map((port) => waitFor(async () => !(await answersWithin(port, 25)), { timeoutMs: ms, intervalMs: 5, what: `replica ${port} asleep` })));
  await askServer(master, (client) => client.call('CLIENT', 'KILL', 'TYPE', 'replica'));
  await asleep;
}
