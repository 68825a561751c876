/**
 * Failed API-key attempts are throttled per client address: once an address has failed
 * `AUTH_FAILURES_PER_15_MINUTES` times, every keyed request from it is answered 429 (with
 * `Retry-After`) before its key is even looked at, so guessing keys costs the guesser time
 * rather than us. Only wrong or missing keys count; a right key never spends a point.
 */
import type { RequestHandler } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressOf, rateLimited } from '../../app/http/rate-limit.ts';
import { AppError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';

const MESSAGE = 'too many failed authentication attempts from this address; retry later';

/** `authenticate` (e.g. requireApiKey) wrapped so that its UNAUTHORIZED answers are counted and throttled. */
export function throttleFailedAuth(limiter: RateLimiterAbstract, metrics: Metrics, authenticate: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const address = addressOf(req);
    limiter.get(address).then(
      (record) => {
        if (record !== null && record.consumedPoints >= limiter.points) {
          metrics.rateLimitHits.inc({ kind: 'auth-failures' });
          next(rateLimited(res, record.msBeforeNext, MESSAGE));
          return;
        }
        void authenticate(req, res, (error?: unknown) => {
          if (!(error instanceof AppError) || error.code !== 'UNAUTHORIZED') {
            next(error);
            return;
          }
          // The failure is recorded before it is answered: a burst of parallel guesses cannot outrun the count.
          limiter.penalty(address, 1).then(
            () => next(error),
            (storeError: unknown) => next(storeError),
          );
        });
      },
      (storeError: unknown) => next(storeError),
    );
  };
}
