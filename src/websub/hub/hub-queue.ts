/**
 * The hub's BullMQ queue: `verify` jobs (verification of intent, W3C WebSub §5.3) and `deliver`
 * jobs (content distribution, §7), each retried with exponential backoff. Any gateway adds
 * verify jobs; any worker runs both.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { BULL_PREFIX } from '../../streams/keys.ts';

/** Its keys are `{nt-bull}:websub:*`: the poll queue's hash tag and slot. */
export const WEBSUB_QUEUE = 'websub';

export interface VerifyJobData {
  kind: 'verify';
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: string;
  channel: string;
  leaseSeconds: number;
  secret?: string;
}

export interface DeliverJobData {
  kind: 'deliver';
  subscriptionId: string;
  /** The stream entry that triggered this delivery (its id's time starts the latency clock). */
  entryId: string;
}

export type HubJobData = VerifyJobData | DeliverJobData;

export interface HubRetryPolicy {
  deliveryAttempts: number;
  retryDelayMs: number;
}

export function createHubQueue(connection: ConnectionOptions): Queue<HubJobData> {
  return new Queue<HubJobData>(WEBSUB_QUEUE, {
    connection,
    prefix: BULL_PREFIX,
    defaultJobOptions: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } },
  });
}

export function verifyJobOptions(policy: HubRetryPolicy): JobsOptions {
  return { attempts: 3, backoff: { type: 'exponential', delay: policy.retryDelayMs } };
}

/** One job per (subscription, entry): a re-read entry (a dispatcher restart) adds nothing twice. */
export function deliverJobOptions(policy: HubRetryPolicy, subscriptionId: string, entryId: string): JobsOptions {
  return { jobId: `deliver-${subscriptionId}-${entryId}`, attempts: policy.deliveryAttempts, backoff: { type: 'exponential', delay: policy.retryDelayMs } };
}
