/**
 * The one wait helper of the tests: polls `check` until it returns a value other than
 * undefined or false, or fails after `timeoutMs` saying what it waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said on timeout; a function is called then, so it can report the state reached. */
  what?: string | (() => string);
}

export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, options: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const what = typeof options.what === 'function' ? options.what() : (options.what ?? 'condition');
      throw new Error(`timed out waiting for ${what}`, { cause: lastError });
    }
    await sleep(options.intervalMs ?? 50);
  }
}
