/**
 * A private redis-server for one test file: free port, temp dir, optional AOF so that a
 * test can stop and restart it without losing data. Never touches a shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForRedis } from '../../src/shared/redis-child.ts';

export { freePort };

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

/** `port`: a port chosen beforehand (a service told to use it may already be waiting for it). */
export async function startTestRedis(options: { aof?: boolean; port?: number } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'nt-redis-'));
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction'];
    args.push('--appendonly', options.aof === true ? 'yes' : 'no');
    if (options.aof === true) args.push('--appendfsync', 'always');
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForRedis(url, { timeoutMs: 10_000, gaveUp: () => (child?.exitCode === null ? undefined : `test redis-server on port ${port} exited`) });
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url,
    port,
    dir,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    cleanup: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
