/**
 * A deleted source takes its WebSub subscription with it (W3C WebSub §5.1, `hub.mode=unsubscribe`).
 * Before the delete is answered the subscription is marked `unsubscribing`, so from then on the
 * callback refuses the source's pushes (410 Gone, which also lets the hub end it, §7) whatever
 * any process's copy of the sources still says. The hub is asked in the background: a hub that
 * is slow or down never holds up or fails the delete. The state goes when the hub verifies the
 * unsubscribe (callback-routes.ts), at once when the hub could not be asked, and in any case
 * after PENDING_RETRY_MS.
 */
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { within } from '../../shared/within.ts';
import { sendUnsubscribe, type HubClientDeps } from './hub-client.ts';
import type { PushState } from './push-state.ts';
import { PENDING_RETRY_MS } from './push-subscriber.ts';

export interface DeletedSourcesDeps extends Pick<HubClientDeps, 'pushState' | 'outbound' | 'publicUrl'> {
  logger: Logger;
  metrics: Metrics;
}

export class DeletedSourceUnsubscriber {
  /** Hub requests still running, so shutdown can let them finish before HTTP and Redis close. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: DeletedSourcesDeps) {}

  /** Called once the source is gone from the store. Never rejects: the delete has happened whatever this does. */
  async sourceDeleted(sourceId: string): Promise<void> {
    let state: PushState | undefined;
    try {
      state = await this.deps.pushState.get(sourceId);
      if (state === undefined) return;
      // A failed request left nothing at the hub to end.
      if (state.status === 'failed') return await this.deps.pushState.remove(sourceId);
      await this.deps.pushState.retire(sourceId, PENDING_RETRY_MS);
    } catch (error) {
      // Redis refused: the lease ends the subscription at the hub, and the callback 404s once the sources reload.
      this.failed(sourceId, error, 'websub: could not end the subscription of a deleted source; its lease ends it');
      return;
    }
    const request = this.ask(sourceId, state).finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  /**
   * Shutdown: waits (bounded, as PushSubscriber.unsubscribeAll does) for the hub requests already
   * started. One still running after `waitMs` is left to its own deadline; it rejects nothing.
   */
  async drain(waitMs = 3_000): Promise<void> {
    await within(Promise.all([...this.inFlight]), waitMs);
  }

  private async ask(sourceId: string, state: PushState): Promise<void> {
    try {
      await sendUnsubscribe(this.deps, sourceId, state);
      this.deps.logger.info({ source: sourceId, hub: new URL(state.hub).host }, 'websub: unsubscribe requested for a deleted source');
    } catch (error) {
      this.failed(sourceId, error, 'websub: unsubscribe of a deleted source failed; its lease ends it');
      // The hub got no request it could verify, so nothing would ever remove the state: forget it now.
      await this.deps.pushState.remove(sourceId).catch((removeError: unknown) => this.failed(sourceId, removeError, 'websub: could not forget a deleted source\'s subscription; it expires'));
    }
  }

  private failed(sourceId: string, error: unknown, message: string): void {
    const { code, message: err } = describeError(error);
    this.deps.metrics.errors.inc({ component: 'websub-subscriber', code });
    this.deps.logger.warn({ source: sourceId, code, err }, message);
  }
}
