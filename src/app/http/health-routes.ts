/** Liveness, readiness and Prometheus metrics. */
import { Router, type RequestHandler } from 'express';
import { bearerToken, createApiKeyCheck } from '../../ingestion/publish/api-key-auth.ts';
import { AppError, describeError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keys } from '../../streams/keys.ts';
import type { Readiness } from '../startup.ts';
import type { RedisClient } from '../../shared/redis.ts';

/**
 * With METRICS_TOKEN set, /metrics answers only `Authorization: Bearer <token>` (401 otherwise):
 * its figures (sources, error codes, client counts) are for the operator's scraper.
 */
function requireMetricsToken(token: string | undefined): RequestHandler {
  if (token === undefined) return (_req, _res, next) => next();
  const check = createApiKeyCheck([token]);
  return (req, res, next) => {
    const presented = bearerToken(req.get('authorization'));
    if (presented !== undefined && check(presented) !== undefined) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="news-ticker metrics"');
    next(new AppError('UNAUTHORIZED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'));
  };
}

/** `/healthz` answers whenever the process runs; `/readyz` only once start-up is done and Redis answers for every slot the service uses. */
export function createHealthRouter(deps: { redis: RedisClient; metrics: Metrics; readiness: Readiness; metricsToken: string | undefined }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const starting = deps.readiness.notReadyReason();
    if (starting !== undefined) {
      deps.metrics.redisUp.set(0);
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: starting } });
      return;
    }
    try {
      await Promise.race([
        Promise.all(keys.readinessProbes.map((key) => deps.redis.exists(key))),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('ping timed out')), 1_000).unref()),
      ]);
      deps.metrics.redisUp.set(1);
      res.json({ status: 'ready', redis: 'up' });
    } catch (error) {
      deps.metrics.redisUp.set(0);
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: `Redis does not answer: ${describeError(error).message}` } });
    }
  });
  router.get('/metrics', requireMetricsToken(deps.metricsToken), async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
