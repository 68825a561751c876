/** Starting the servers under test as child processes, and reading their memory. */
import type { MemoryReply } from '../servers/admin-hook.ts';
import { startChild, type Child } from './procs.ts';
import type { ServerName } from './settings.ts';

const SCRIPTS: Record<ServerName, string> = {
  ours: 'bench/servers/ours.ts',
  naive: 'bench/baselines/naive-server.ts',
  rooms: 'bench/baselines/rooms-server.ts',
  limit: 'bench/baselines/ws-limit-server.ts',
  'limit-batch': 'bench/baselines/ws-limit-server.ts',
  candidate: 'bench/servers/ours.ts',
  'ours-standard': 'bench/servers/ours.ts',
};

const EXTRA_ENV: Partial<Record<ServerName, Record<string, string>>> = {
  'limit-batch': { LIMIT_FRAMES: 'batch' },
  'ours-standard': { GATEWAY_DIRECT_FRAMES: 'false' },
};

export interface ServerUnderTest {
  readonly name: ServerName;
  readonly child: Child;
  readonly url: string;
  memory(): Promise<MemoryReply>;
  /** Starts a CPU profile; the returned function stops it and writes it to `path`. */
  profile(path: string): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

export async function startServer(name: ServerName, redisUrl: string, extraEnv: Record<string, string> = {}): Promise<ServerUnderTest> {
  const nodeArgs = ['--expose-gc'];
  // The candidate runs from its own checkout (its src/ and its copy of the bench hook).
  const cwd = name === 'candidate' ? process.env.BENCH_CANDIDATE_DIR : undefined;
  const child = startChild({ script: SCRIPTS[name], env: { REDIS_URL: redisUrl, PORT: '0', LOG_LEVEL: 'warn', ...EXTRA_ENV[name], ...extraEnv }, nodeArgs, capture: true, ...(cwd === undefined ? {} : { cwd }) });
  try {
    const ready = await child.next<{ type: 'ready'; port: number }>('ready', 60_000);
    return {
      name,
      child,
      url: `http://127.0.0.1:${ready.port}`,
      memory: async () => {
        child.send({ type: 'memory' });
        return child.next<MemoryReply>('memory', 30_000);
      },
      profile: async (path) => {
        child.send({ type: 'profile-start' });
        await child.next('profile-started', 30_000);
        return async () => {
          child.send({ type: 'profile-stop', path });
          await child.next('profile-stopped', 60_000);
        };
      },
      stop: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
