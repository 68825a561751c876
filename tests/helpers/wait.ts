/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${options.what ?? 'condition'}`, { cause: lastError });
    }
    await sleep(options.intervalMs ?? 50);
  }
}
