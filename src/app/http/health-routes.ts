/** Liveness, readiness and Prometheus metrics. */
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Metrics } from '../../shared/metrics.ts';
import { describeError } from '../../shared/errors.ts';

export function createHealthRouter(deps: { redis: Redis; metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await Promise.race([
        deps.redis.ping(),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('ping timed out')), 1_000).unref()),
      ]);
      deps.metrics.redisUp.set(1);
      res.json({ status: 'ready', redis: 'up' });
    } catch (error) {
      deps.metrics.redisUp.set(0);
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: `Redis does not answer: ${describeError(error).message}` } });
    }
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
