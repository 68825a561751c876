/**
 * Runs the real service for tests: in this process (fast, for HTTP and Socket.IO checks)
 * or as a child process (for tests that kill or restart it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { loadApiKeys } from '../../src/config/api-keys.ts';
import { loadConfig } from '../../src/config/env.ts';
import { parseSources, type SourceConfig } from '../../src/config/sources.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { waitFor } from './wait.ts';

export const TEST_API_KEY = 'test-key-0123456789abcdef';
/** A key with every scope, from tests/fixtures/api-keys.json (the in-process service's API_KEYS_FILE unless a test sets its own). */
export const TEST_EDITOR_KEY = 'test-editor-key-0123456789abcdef0123';
const TEST_KEYS_FILE = fileURLToPath(new URL('../fixtures/api-keys.json', import.meta.url));
/** Tests poll the API far faster than a reader would; the tests of the limits set their own. */
const TEST_LIMITS = { HTTP_RATE_PER_MINUTE: '1000000' };

/** `logs`: a destination that receives the service's log lines at `info` and above (for tests that assert a log). */
export async function startTestService(env: Record<string, string>, sources: unknown[] = [], logs?: DestinationStream): Promise<RunningService> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PUBLISH_API_KEYS: TEST_API_KEY, API_KEYS_FILE: TEST_KEYS_FILE, ALLOW_PRIVATE_SOURCES: 'true', ...TEST_LIMITS, ...env });
  const parsed: SourceConfig[] = parseSources(sources);
  const logger = logs === undefined ? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') : createLogger('info', 'news-ticker', logs);
  return startService({ config, sources: parsed, apiKeys: await loadApiKeys(config), logger });
}

export interface ChildService {
  readonly process: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the first match of `pattern` in the output, waiting for it to appear. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The shutdown steps of a ROLE=all service with a private Redis, in the order of STOP_ORDER (src/app/stop-order.ts). */
export const STOP_STEPS = ['start-up', 'sources', 'gateway', 'gateway redis', 'gateway redis', 'websub deleted sources', 'websub unsubscribe', 'http server', 'websub dispatcher', 'poll worker', 'websub worker', 'parser pool', 'poll queue', 'websub queue', 'bullmq redis', 'redis', 'redis-server child', 'data dir lock'];

/** The steps listed by the service's last log line, `shut down`: "name: outcome (N ms)". */
export function stopSteps(output: string): string[] {
  const [report] = logLines(output, /^shut down$/);
  return (report?.steps as string[] | undefined) ?? [];
}

/** The service's complete JSON log lines whose message matches `msg`, parsed. */
export function logLines(output: string, msg: RegExp): Record<string, unknown>[] {
  return output
    .split('\n')
    .slice(0, -1) // the text after the last newline is a line still being written
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => typeof entry.msg === 'string' && msg.test(entry.msg));
}

/** Starts an entry point (`src/main.ts` unless told) in a child process and waits for its "listening" log line (loading tsx alone can take 20 s on a loaded 2-core machine). */
export async function spawnService(env: Record<string, string>, timeoutMs = 45_000, entry = 'src/main.ts'): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, HOST: '127.0.0.1', PUBLISH_API_KEYS: TEST_API_KEY, ALLOW_PRIVATE_SOURCES: 'true', LOG_LEVEL: 'info', ...TEST_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const EXITED = Symbol('exited');
  const started = await waitFor(
    () => /news-ticker listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1] ?? (child.exitCode !== null ? EXITED : undefined),
    { timeoutMs, what: () => `the service to start:\n${output}` },
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  if (started === EXITED) throw new Error(`service exited (${child.exitCode ?? '?'}):\n${output}`);
  const url = started;
  return {
    process: child,
    url,
    output: () => output,
    waitForOutput: async (pattern, waitMs = 20_000) => {
      const found = await waitFor(() => pattern.exec(output) ?? (child.exitCode !== null || child.signalCode !== null ? EXITED : undefined), {
        timeoutMs: waitMs,
        what: () => `${String(pattern)} in the service output:\n${output}`,
      });
      if (found === EXITED) throw new Error(`service exited before ${String(pattern)} appeared:\n${output}`);
      return found;
    },
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
}
