/**
 * Rate limits of the HTTP API, kept in Redis so that every gateway shares them: publishing per
 * key, reads (REST and SSE opens) per client address, and failed API-key attempts per client
 * address. A refusal is a 429 with `Retry-After`; a limiter whose store fails (Redis down)
 * passes its error on, which the error handler answers 503.
 */
import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config/env.ts';
import { AppError } from '../../shared/errors.ts';
import { keys } from '../../streams/keys.ts';
import type { RedisClient } from '../../shared/redis.ts';

export interface HttpLimiters {
  /** POST /api/headlines, per API key. */
  publish: RateLimiterAbstract;
  /** GET /api/* (REST history, channels, sources) and SSE opens, per client address. */
  reads: RateLimiterAbstract;
  /** Failed API-key attempts, per client address. */
  authFailures: RateLimiterAbstract;
}

export const AUTH_FAILURE_WINDOW_SECONDS = 15 * 60;

export function createHttpLimiters(redis: RedisClient, config: Config): HttpLimiters {
  return {
    publish: new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimit('publish'), points: config.PUBLISH_RATE_PER_MINUTE, duration: 60 }),
    reads: new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimit('reads'), points: config.HTTP_RATE_PER_MINUTE, duration: 60 }),
    authFailures: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.rateLimit('auth-failures'),
      points: config.AUTH_FAILURES_PER_15_MINUTES,
      duration: AUTH_FAILURE_WINDOW_SECONDS,
    }),
  };
}

/** Sets `Retry-After` (whole seconds, at least 1) and returns the 429 error to pass on. */
export function rateLimited(res: Response, msBeforeNext: number, message: string): AppError {
  res.set('Retry-After', String(Math.max(1, Math.ceil(msBeforeNext / 1000))));
  return new AppError('RATE_LIMITED', message);
}

export interface RateLimitOptions {
  limiter: RateLimiterAbstract;
  keyOf: (req: Request, res: Response) => string;
  message: string;
  /** Called once per refusal (metrics). */
  onLimited?: () => void;
}

/** Takes one point per request under `keyOf`; a request without a point left gets 429. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  return (req, res, next) => {
    options.limiter.consume(options.keyOf(req, res)).then(
      () => next(),
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          options.onLimited?.();
          next(rateLimited(res, rejection.msBeforeNext, options.message));
        } else {
          next(rejection); // the limiter's store failed: surfaced, not ignored
        }
      },
    );
  };
}

/** The address limits key on: express's `req.ip`, which follows TRUSTED_PROXIES. */
export function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
