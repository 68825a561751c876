/**
 * The shutdown sequence: steps run one at a time in STOP_ORDER, whatever order they were
 * opened in, under one deadline. A step that fails is logged and the rest still run; a step
 * still running at the deadline is abandoned (the idempotent store makes a re-run of an
 * abandoned poll harmless); the steps after it share FINAL_GRACE_MS more, so the Redis
 * clients and the private redis-server still close in order, and then the process exits.
 */
import { describeError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { within } from '../shared/within.ts';

/** What the steps after an abandoned one may still take, in all, past SHUTDOWN_TIMEOUT_MS. */
export const FINAL_GRACE_MS = 1_000;

/** Shutdown steps run in ascending `order`, one reason per step. */
export const STOP_ORDER = {
  'start-up': 0, // stop waiting for Redis and starting workers
  sources: 0.5, // stop following source changes (a reload or scheduler reconcile in flight finishes first)
  gateway: 1, // stop the live loop, disconnect clients: they reconnect elsewhere and resume
  'gateway redis': 2,
  'websub deleted sources': 2.4, // hub requests for just-deleted sources finish while HTTP still answers the hubs' verification
  'websub unsubscribe': 2.5, // while HTTP still answers: each hub verifies the unsubscribe by calling us back
  'http server': 3, // stop accepting
  'websub dispatcher': 4, // entries read but not yet dispatched are claimed by another worker later
  'poll worker': 5, // in-flight jobs finish (or are abandoned at the deadline); their locks are released
  'websub worker': 6, // likewise for verifications and deliveries
  'parser pool': 6.5, // after every user of it (polls, pushes): a thread still busy is stopped
  'poll queue': 7,
  'websub queue': 8,
  'bullmq redis': 9,
  'history redis': 9.5, // Cluster only: replica reads of REST history and feeds
  redis: 10,
  'redis-server child': 11, // after every client, so none of them sees it go away
  'data dir lock': 12, // last: the folder is free only once its redis-server has exited
} as const;

type StepName = keyof typeof STOP_ORDER;

export interface Closer {
  name: StepName;
  close: () => Promise<unknown>;
}

type StepOutcome = 'ok' | 'failed' | 'abandoned';

interface StopReport {
  steps: { step: StepName; outcome: StepOutcome; ms: number }[];
}

/** Runs every closer in STOP_ORDER within `timeoutMs` (+ FINAL_GRACE_MS), and reports each step's outcome. */
export async function runClosers(closers: readonly Closer[], logger: Logger, timeoutMs: number): Promise<StopReport> {
  const deadline = Date.now() + timeoutMs;
  const finalDeadline = deadline + FINAL_GRACE_MS;
  const ordered = [...closers].sort((a, b) => STOP_ORDER[a.name] - STOP_ORDER[b.name]);
  const report: StopReport = { steps: [] };
  for (const closer of ordered) {
    const started = Date.now();
    let outcome: StepOutcome = 'ok';
    try {
      // close() is called inside the try: a step that throws synchronously is a failed step too.
      const budget = (started < deadline ? deadline : finalDeadline) - started;
      if ((await within(Promise.resolve().then(closer.close), budget)) === 'late') outcome = 'abandoned';
    } catch (error) {
      outcome = 'failed';
      logger.warn({ step: closer.name, err: describeError(error).message }, 'error while shutting down; continuing');
    }
    const ms = Date.now() - started;
    if (outcome === 'abandoned') logger.warn({ step: closer.name, ms, timeoutMs }, `shutdown deadline reached: abandoned "${closer.name}" (SHUTDOWN_TIMEOUT_MS)`);
    else logger.debug({ step: closer.name, ms }, 'closed');
    report.steps.push({ step: closer.name, outcome, ms });
  }
  return report;
}
