/**
 * The start-up work that needs Redis (scheduling sources, starting the poll worker) runs after
 * HTTP listens, once Redis answers, and again with backoff if a step fails. Until it is done
 * `/readyz` answers 503 saying what the service waits for; `/healthz` answers all along.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { RedisOutageLog } from '../shared/redis.ts';
import type { RedisClient } from '../shared/redis.ts';

export interface Readiness {
  /** Why the service is not ready yet; undefined once start-up work is done. */
  notReadyReason(): string | undefined;
}

export interface StartupDeps {
  redis: RedisClient;
  outage: RedisOutageLog;
  /** Redis target for messages, without credentials. */
  target: string;
  logger: Logger;
  /** The work itself; safe to run again after a failure. `signal` aborts at shutdown. */
  work: (signal: AbortSignal) => Promise<void>;
}

export interface Startup extends Readiness {
  /** Stops waiting; work in flight is left to the shutdown steps that close its connections. */
  stop(): void;
}

function retryDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
}

export function startWhenRedisReady(deps: StartupDeps): Startup {
  const abort = new AbortController();
  let done = false;
  let problem: string | undefined;

  // Not events.once: it rejects on the 'error' events a client emits between its retries.
  const untilReady = (): Promise<void> =>
    new Promise((resolveReady, reject) => {
      if (deps.redis.status === 'ready') return resolveReady();
      const onAbort = (): void => {
        deps.redis.off('ready', onReady);
        reject(new Error('stopped'));
      };
      const onReady = (): void => {
        abort.signal.removeEventListener('abort', onAbort);
        resolveReady();
      };
      deps.redis.once('ready', onReady);
      abort.signal.addEventListener('abort', onAbort, { once: true });
    });

  void (async () => {
    for (let attempt = 1; !abort.signal.aborted; attempt += 1) {
      try {
        await untilReady();
        await deps.work(abort.signal);
        done = !abort.signal.aborted;
        if (done) deps.logger.info({ redis: deps.target }, 'ready: start-up work done');
        return;
      } catch (error) {
        if (abort.signal.aborted) return;
        problem = describeError(error).message;
        const delayMs = retryDelay(attempt);
        deps.logger.warn({ err: problem, attempt, delayMs }, 'start-up work failed; retrying');
        await sleep(delayMs, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  })();

  return {
    notReadyReason: () => {
      if (done) return undefined;
      const cause = deps.outage.lastError ?? problem;
      return `starting: waiting for Redis at ${deps.target}${cause === undefined ? '' : ` (${cause})`}`;
    },
    stop: () => abort.abort(),
  };
}
