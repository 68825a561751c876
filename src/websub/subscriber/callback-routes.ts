/**
 * `GET|POST /websub/callback/:sourceId`: where the hubs that our sources name talk to us.
 * GET: verification of intent (W3C WebSub §5.3), answered with the challenge only for the
 * request we actually made. POST: content distribution (§7), accepted only when signed with
 * the secret of our subscription, then stored through the same path as a poll.
 */
import express, { Router, type Request } from 'express';
import { AppError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { checkSignature } from '../signature.ts';
import type { PushStateStore } from './push-state.ts';

export interface PushedContent {
  body: Buffer;
  contentType: string | undefined;
}

export interface CallbackDeps {
  pushState: PushStateStore;
  /** Stores what a hub pushed for a source; throws what a poll would (parse errors, Redis down). */
  ingest: (sourceId: string, content: PushedContent) => Promise<void>;
  /** FETCH_MAX_BYTES: a push is a feed document, capped like a fetched one. */
  maxBytes: number;
  metrics: Metrics;
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

export function createCallbackRouter(deps: CallbackDeps): Router {
  const router = Router();

  router.get('/websub/callback/:sourceId', async (req, res) => {
    const sourceId = req.params.sourceId;
    const state = await deps.pushState.get(sourceId);
    const mode = query(req, 'hub.mode');
    const topic = query(req, 'hub.topic');
    const challenge = query(req, 'hub.challenge');
    if (state === undefined || topic !== state.topic) throw new AppError('NOT_FOUND', 'no subscription of ours matches this request');
    if (mode === 'denied') {
      await deps.pushState.markStatus(sourceId, 'failed', `hub denied the subscription: ${query(req, 'hub.reason') ?? 'no reason given'}`);
      res.status(200).end();
      return;
    }
    const expected = mode === 'subscribe' ? ['pending', 'active'] : mode === 'unsubscribe' ? ['unsubscribing'] : [];
    if (challenge === undefined || !expected.includes(state.status)) throw new AppError('NOT_FOUND', 'no pending request of ours matches this verification');
    if (mode === 'subscribe') {
      const lease = Number(query(req, 'hub.lease_seconds'));
      await deps.pushState.verified(sourceId, Number.isInteger(lease) && lease > 0 ? lease : 0);
    } else {
      await deps.pushState.remove(sourceId);
    }
    res.status(200).type('text/plain').send(challenge);
  });

  router.post('/websub/callback/:sourceId', express.raw({ type: () => true, limit: deps.maxBytes }), async (req, res) => {
    const sourceId = req.params.sourceId;
    const state = await deps.pushState.get(sourceId);
    if (state === undefined) {
      deps.metrics.websubPushes.inc({ outcome: 'unknown-source' });
      throw new AppError('NOT_FOUND', 'no subscription of ours for this source');
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = checkSignature(state.secret, body, req.get('x-hub-signature'));
    if (signature !== 'valid') {
      // Ignored, not stored (§8); the subscription itself stays as it is, so a forger can't end it.
      deps.metrics.websubPushes.inc({ outcome: `signature-${signature}` });
      throw new AppError('FORBIDDEN', signature === 'missing' ? 'push is not signed (X-Hub-Signature)' : 'push signature does not match');
    }
    if (state.status === 'unsubscribing') {
      // We asked the hub to stop (the source was deleted, or this worker is shutting down): nothing
      // it sends now is stored, and 410 lets the hub end the subscription without waiting (§7).
      deps.metrics.websubPushes.inc({ outcome: 'unsubscribed' });
      throw new AppError('GONE', 'this subscription is being ended');
    }
    await deps.ingest(sourceId, { body, contentType: req.get('content-type') });
    await deps.pushState.pushed(sourceId);
    deps.metrics.websubPushes.inc({ outcome: 'stored' });
    res.status(204).end();
  });

  return router;
}
