/**
 * What the hub's jobs do. Verification: GET the callback with a random challenge; only an exact
 * echo with a 2xx confirms intent, and only then is the subscription stored or removed.
 * Delivery: POST the topic's feed as it now stands, signed when the subscriber gave a secret.
 */
import { randomBytes } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { FetchError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { RenderedFeed } from '../../feeds/out/feed-routes.ts';
import type { FeedRequest } from '../../feeds/out/feed-request.ts';
import { sendOutbound, type OutboundPolicy } from '../outbound-request.ts';
import { signatureHeader } from '../signature.ts';
import { subscriptionId, type SubscriptionStore } from './subscription-store.ts';
import type { DeliverJobData, VerifyJobData } from './hub-queue.ts';
import { topicRequest } from './topic.ts';

export interface HubJobDeps {
  subscriptions: SubscriptionStore;
  renderFeed: (request: FeedRequest) => Promise<RenderedFeed>;
  outbound: OutboundPolicy;
  hubUrl: () => string;
  metrics: Metrics;
  logger: Logger;
}

export type VerifyOutcome = 'verified' | 'refused';

export async function runVerify(deps: HubJobDeps, job: VerifyJobData): Promise<VerifyOutcome> {
  const challenge = randomBytes(24).toString('base64url');
  const url = new URL(job.callback);
  url.searchParams.append('hub.mode', job.mode);
  url.searchParams.append('hub.topic', job.topic);
  url.searchParams.append('hub.challenge', challenge);
  if (job.mode === 'subscribe') url.searchParams.append('hub.lease_seconds', String(job.leaseSeconds));
  const answer = await sendOutbound(deps.outbound, { method: 'GET', url: url.href, maxResponseBytes: 1024 });
  if (answer.status < 200 || answer.status > 299 || answer.body.trim() !== challenge) {
    deps.logger.info({ callback: url.origin, mode: job.mode, status: answer.status }, 'websub: subscriber did not confirm intent');
    deps.metrics.websubVerifications.inc({ mode: job.mode, outcome: 'refused' });
    return 'refused';
  }
  if (job.mode === 'subscribe') {
    await deps.subscriptions.activate({
      callback: job.callback,
      topic: job.topic,
      channel: job.channel,
      leaseSeconds: job.leaseSeconds,
      ...(job.secret === undefined ? {} : { secret: job.secret }),
    });
  } else {
    await deps.subscriptions.remove(subscriptionId(job.topic, job.callback));
  }
  deps.metrics.websubSubscriptions.set(await deps.subscriptions.count());
  deps.metrics.websubVerifications.inc({ mode: job.mode, outcome: 'verified' });
  return 'verified';
}

export type DeliverOutcome = 'delivered' | 'gone' | 'expired';

export async function runDeliver(deps: HubJobDeps, job: DeliverJobData, attempt: { number: number; last: boolean }): Promise<DeliverOutcome> {
  const subscription = await deps.subscriptions.get(job.subscriptionId);
  if (subscription === undefined || subscription.expiresAt <= Date.now()) {
    deps.metrics.websubDeliveries.inc({ outcome: 'expired' });
    return 'expired';
  }
  const request = topicRequest(subscription.topic);
  if (request === undefined) throw new UnrecoverableError(`subscription ${subscription.id} names no feed of ours`);
  const feed = await deps.renderFeed(request);
  const headers: Record<string, string> = {
    'content-type': feed.contentType,
    link: `<${deps.hubUrl()}>; rel="hub", <${subscription.topic}>; rel="self"`,
  };
  if (subscription.secret !== undefined) headers['x-hub-signature'] = signatureHeader(subscription.secret, feed.body);
  let status: number;
  try {
    ({ status } = await sendOutbound(deps.outbound, { method: 'POST', url: subscription.callback, headers, body: feed.body, maxResponseBytes: 256 }));
  } catch (error) {
    countFailure(deps, attempt);
    if (error instanceof FetchError && error.code === 'FETCH_BLOCKED') throw new UnrecoverableError(error.message);
    throw error;
  }
  if (status === 410) {
    // §7: a subscriber answering 410 Gone has ended the subscription itself.
    await deps.subscriptions.remove(subscription.id);
    deps.metrics.websubDeliveries.inc({ outcome: 'gone' });
    return 'gone';
  }
  if (status < 200 || status > 299) {
    countFailure(deps, attempt);
    throw new FetchError('FETCH_HTTP_STATUS', `callback answered HTTP ${status}`, { details: { status } });
  }
  deps.metrics.websubDeliveries.inc({ outcome: 'delivered' });
  const enteredAt = Number(job.entryId.split('-')[0]);
  if (Number.isFinite(enteredAt)) deps.metrics.websubDeliverySeconds.observe(Math.max(0, Date.now() - enteredAt) / 1000);
  return 'delivered';
}

function countFailure(deps: HubJobDeps, attempt: { last: boolean }): void {
  deps.metrics.websubDeliveries.inc({ outcome: attempt.last ? 'failed' : 'retried' });
}
