/**
 * Asks a source's hub to start or stop pushing to us (W3C WebSub §5.1, subscriber side). The hub
 * answers 202 and then verifies our intent by calling our callback, where the pending request in
 * PushStateStore is matched; nothing is active until then.
 */
import { randomBytes } from 'node:crypto';
import { FetchError } from '../../shared/errors.ts';
import { sendOutbound, type OutboundPolicy } from '../outbound-request.ts';
import type { PushState, PushStateStore } from './push-state.ts';

export interface HubClientDeps {
  pushState: PushStateStore;
  outbound: OutboundPolicy;
  /** `PUBLIC_URL`: the hub must reach our callback there. */
  publicUrl: () => string;
  leaseSeconds: number;
}

export function callbackUrl(publicUrl: string, sourceId: string): string {
  return `${publicUrl}/websub/callback/${encodeURIComponent(sourceId)}`;
}

async function hubRequest(deps: Pick<HubClientDeps, 'outbound'>, hub: string, fields: Record<string, string>): Promise<void> {
  const answer = await sendOutbound(deps.outbound, {
    method: 'POST',
    url: hub,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    maxResponseBytes: 1024,
  });
  if (answer.status < 200 || answer.status > 299) {
    throw new FetchError('FETCH_HTTP_STATUS', `hub ${new URL(hub).host} answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`, { details: { status: answer.status } });
  }
}

export async function subscribeToHub(deps: HubClientDeps, sourceId: string, hub: string, topic: string): Promise<void> {
  // A fresh secret per subscription: a leaked one dies with its lease.
  const secret = randomBytes(32).toString('base64url');
  await deps.pushState.requested(sourceId, { hub, topic, secret });
  try {
    await hubRequest(deps, hub, {
      'hub.mode': 'subscribe',
      'hub.topic': topic,
      'hub.callback': callbackUrl(deps.publicUrl(), sourceId),
      'hub.secret': secret,
      'hub.lease_seconds': String(deps.leaseSeconds),
    });
  } catch (error) {
    await deps.pushState.markStatus(sourceId, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Asks the hub to stop; the caller has marked the state `unsubscribing`, which is what the hub's verification must find. */
export async function sendUnsubscribe(deps: Pick<HubClientDeps, 'outbound' | 'publicUrl'>, sourceId: string, state: Pick<PushState, 'hub' | 'topic'>): Promise<void> {
  await hubRequest(deps, state.hub, { 'hub.mode': 'unsubscribe', 'hub.topic': state.topic, 'hub.callback': callbackUrl(deps.publicUrl(), sourceId) });
}

export async function unsubscribeFromHub(deps: HubClientDeps, sourceId: string): Promise<void> {
  const state = await deps.pushState.get(sourceId);
  if (state === undefined) return;
  await deps.pushState.markStatus(sourceId, 'unsubscribing');
  await sendUnsubscribe(deps, sourceId, state);
}
