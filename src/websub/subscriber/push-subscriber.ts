/**
 * What polling asks of WebSub, in one place: after a fetch, subscribe to the hub the feed names
 * (or renew before the lease ends); before a fetch, whether a healthy push lets this poll be
 * skipped; on shutdown, unsubscribe. Polling stays the fallback: a lapsed lease, a refused
 * verification or a hub that stops answering brings the normal interval back by itself.
 */
import type { Logger } from '../../shared/logger.ts';
import { describeError } from '../../shared/errors.ts';
import { subscribeToHub, unsubscribeFromHub, type HubClientDeps } from './hub-client.ts';
import { isPushHealthy, type PushState } from './push-state.ts';

/** While pushes are healthy, a source is still polled, this many times less often. */
export const PUSH_POLL_STRETCH = 6;
/** Renew once less than this share of the lease is left (and never later than a poll interval before it ends). */
const RENEW_SHARE = 0.2;
/** A request the hub never verified is asked again (a deleted source's state forgotten) after this long. */
export const PENDING_RETRY_MS = 10 * 60_000;

export interface HubLinks {
  /** The hub the document or the `Link` header names. */
  hub: string | undefined;
  /** The topic URL: the document's `rel="self"`, else the URL fetched. */
  self: string;
}

export interface PolledSource {
  id: string;
  intervalSeconds: number;
}

export class PushSubscriber {
  constructor(private readonly deps: HubClientDeps & { logger: Logger }) {}

  /** True when this poll may be skipped: pushes are healthy and the stretched interval has not passed. */
  async maySkipPoll(source: PolledSource, lastFetchAt: string | null, now = Date.now()): Promise<boolean> {
    const state = await this.deps.pushState.get(source.id);
    if (!isPushHealthy(state, now) || lastFetchAt === null) return false;
    return now - Date.parse(lastFetchAt) < source.intervalSeconds * 1000 * PUSH_POLL_STRETCH;
  }

  /** After a successful fetch: subscribe, renew or leave alone. Never fails the poll. */
  async afterFetch(source: PolledSource, links: HubLinks, now = Date.now()): Promise<void> {
    if (links.hub === undefined) return;
    const state = await this.deps.pushState.get(source.id);
    if (!this.needsRequest(state, source, links, now)) return;
    try {
      await subscribeToHub(this.deps, source.id, links.hub, links.self);
      this.deps.logger.info({ source: source.id, hub: new URL(links.hub).host }, 'websub: subscription requested');
    } catch (error) {
      this.deps.logger.warn({ source: source.id, err: describeError(error).message }, 'websub: subscription request failed; polling continues');
    }
  }

  /** After a 304: nothing was parsed, so renew with the hub and topic already known, if any. */
  async renewKnown(source: PolledSource, now = Date.now()): Promise<void> {
    const state = await this.deps.pushState.get(source.id);
    if (state !== undefined) await this.afterFetch(source, { hub: state.hub, self: state.topic }, now);
  }

  private needsRequest(state: PushState | undefined, source: PolledSource, links: HubLinks, now: number): boolean {
    if (state === undefined || state.status === 'failed' || state.hub !== links.hub || state.topic !== links.self) return true;
    if (state.status === 'pending' || state.status === 'unsubscribing') return now - state.requestedAt > PENDING_RETRY_MS;
    const left = state.leaseExpiresAt - now;
    const lease = state.leaseExpiresAt - state.requestedAt;
    return left < Math.max(lease * RENEW_SHARE, source.intervalSeconds * 1000 * 2);
  }

  /** Asks each hub to stop; waits (bounded) for the hubs' verification so they stop pushing. */
  async unsubscribeAll(sourceIds: readonly string[], waitMs = 3_000): Promise<void> {
    const states = await Promise.all(sourceIds.map(async (id) => [id, await this.deps.pushState.get(id)] as const));
    const active = states.filter(([, state]) => state !== undefined && state.status !== 'failed').map(([id]) => id);
    await Promise.all(
      active.map(async (id) => {
        try {
          await unsubscribeFromHub(this.deps, id);
        } catch (error) {
          this.deps.logger.warn({ source: id, err: describeError(error).message }, 'websub: unsubscribe failed; the lease ends it');
        }
      }),
    );
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const pending = await Promise.all(active.map((id) => this.deps.pushState.get(id)));
      if (pending.every((state) => state === undefined || state.status !== 'unsubscribing')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
