/**
 * The per-address cap of open SSE streams: the same bound (GATEWAY_MAX_CONNECTIONS_PER_IP) as
 * Socket.IO connections, counted by express's `req.ip`, which follows TRUSTED_PROXIES like the
 * Socket.IO admission does. A stream is counted from the request until its response closes,
 * whatever ends it (client gone, slow consumer dropped, shutdown, or an error answer).
 */
import type { RequestHandler } from 'express';
import { addressOf, rateLimited } from '../../app/http/rate-limit.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { ConnectionCounter } from '../socket/admission.ts';

export function capStreamsPerAddress(maxPerAddress: number, metrics: Metrics): RequestHandler {
  const counter = new ConnectionCounter(maxPerAddress);
  return (req, res, next) => {
    const address = addressOf(req);
    if (!counter.hasRoom(address)) {
      metrics.rateLimitHits.inc({ kind: 'sse-ip-cap' });
      // Retry-After: an open stream from this address has to end first; a minute is a fair guess.
      next(rateLimited(res, 60_000, `too many open streams from this address (at most ${maxPerAddress})`));
      return;
    }
    counter.add(address);
    res.once('close', () => counter.release(address));
    next();
  };
}
