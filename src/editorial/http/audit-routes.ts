/** GET /api/audit?limit=N: the newest audit entries, newest first, for keys with the `admin` scope. */
import { Router } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { ApiKey } from '../../config/api-keys.ts';
import { requireScope } from '../../ingestion/publish/api-key-auth.ts';
import { throttleFailedAuth } from '../../ingestion/publish/auth-throttle.ts';
import { fieldErrors } from '../../ingestion/publish/publish-schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { AuditLog } from '../audit.ts';

/** Entries one request may ask for; the log itself keeps AUDIT_MAX_ENTRIES. */
export const AUDIT_MAX_LIMIT = 1000;

const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(50) });

export interface AuditRoutesDeps {
  apiKeys: readonly ApiKey[];
  audit: AuditLog;
  /** Failed key attempts, per client address (as on publish). */
  authFailures: RateLimiterAbstract;
  metrics: Metrics;
}

export function createAuditRouter(deps: AuditRoutesDeps): Router {
  const router = Router();
  const authorise = throttleFailedAuth(deps.authFailures, deps.metrics, requireScope('admin', deps.apiKeys));
  router.get('/api/audit', authorise, async (req, res) => {
    const parsed = auditQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new ValidationError(`limit must be a whole number from 1 to ${AUDIT_MAX_LIMIT}`, fieldErrors(parsed.error));
    res.json({ entries: await deps.audit.recent(parsed.data.limit) });
  });
  return router;
}
