/**
 * Runs the real service for tests: in this process (fast, for HTTP and Socket.IO checks)
 * or as a child process (for tests that kill or restart it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { DestinationStream } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/env.ts';
import { parseSources, type SourceConfig } from '../../src/config/sources.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';

export const TEST_API_KEY = 'test-key-0123456789abcdef';
/** Tests poll the API far faster than a reader would; the tests of the limits set their own. */
const TEST_LIMITS = { HTTP_RATE_PER_MINUTE: '1000000' };

/** `logs`: a destination that receives the service's log lines at `info` and above (for tests that assert a log). */
export async function startTestService(env: Record<string, string>, sources: unknown[] = [], logs?: DestinationStream): Promise<RunningService> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PUBLISH_API_KEYS: TEST_API_KEY, ALLOW_PRIVATE_SOURCES: 'true', ...TEST_LIMITS, ...env });
  const parsed: SourceConfig[] = parseSources(sources);
  const logger = logs === undefined ? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') : createLogger('info', 'news-ticker', logs);
  return startService({ config, sources: parsed, logger });
}

export interface ChildService {
  readonly process: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the first match of `pattern` in the output, waiting for it to appear. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
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

/** Starts `src/main.ts` in a child process and waits for its "listening" log line. */
export async function spawnService(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PUBLISH_API_KEYS: TEST_API_KEY, ALLOW_PRIVATE_SOURCES: 'true', LOG_LEVEL: 'info', ...TEST_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (url === undefined) {
    const match = /news-ticker listening on (http:\/\/[\d.]+:\d+)/.exec(output);
    if (match?.[1] !== undefined) url = match[1];
    else if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}):\n${output}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${output}`);
    } else await sleep(50);
  }
  return {
    process: child,
    url,
    output: () => output,
    waitForOutput: async (pattern, waitMs = 20_000) => {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match !== null) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`service exited before ${String(pattern)} appeared:\n${output}`);
        if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in the service output within ${waitMs} ms:\n${output}`);
        await sleep(50);
      }
    },
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
}
