/**
 * A process that stops the service and then its Redis (a script, a test run) exits by itself:
 * the service leaves no connection behind to reconnect to the Redis that is gone.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.ts';

/** Loading tsx and starting the service take most of this on a loaded 2-core machine; a leak never exits. */
const EXIT_BOUND_MS = 45_000;

describe('stopping the service', () => {
  it('leaves nothing that keeps the process alive once its Redis is gone too', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/entries/stop-service-then-redis.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => child.exitCode !== null, { timeoutMs: EXIT_BOUND_MS, intervalMs: 200, what: () => `the process to exit after stopping:\n${output}` });
      expect(output).toContain('stopped');
      expect(child.exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, EXIT_BOUND_MS + 5_000);
});
