/**
 * PATCH /api/headlines/:id (correct, retag, flag breaking) and DELETE /api/headlines/:id
 * (retract, with a reason). Both need the `edit` scope and are recorded in the audit log.
 */
import express, { Router } from 'express';
import type { ApiKey } from '../../config/api-keys.ts';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { keyNameOf, requireScope } from '../../ingestion/publish/api-key-auth.ts';
import { throttleFailedAuth } from '../../ingestion/publish/auth-throttle.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { fieldErrors } from '../../ingestion/publish/publish-schema.ts';
import { AppError, ValidationError } from '../../shared/errors.ts';
import { isStreamId } from '../../protocol/stream-id.ts';
import type { HeadlineEditor } from '../editor.ts';
import { headlinePatchSchema, retractBodySchema } from './edit-schema.ts';

const BODY_LIMIT = '64kb';

export interface HeadlineEditDeps {
  apiKeys: readonly ApiKey[];
  editor: HeadlineEditor;
  /** Failed key attempts, per client address (as on publish). */
  authFailures: RateLimiterAbstract;
  metrics: Metrics;
}

export function createHeadlineEditRouter(deps: HeadlineEditDeps): Router {
  const router = Router();
  const json = express.json({ limit: BODY_LIMIT, type: () => true });
  const authorise = throttleFailedAuth(deps.authFailures, deps.metrics, requireScope('edit', deps.apiKeys));

  router.patch('/api/headlines/:id', authorise, json, async (req, res) => {
    const id = headlineId(req.params.id);
    const parsed = headlinePatchSchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('invalid change; nothing was stored', fieldErrors(parsed.error));
    const result = await deps.editor.update(id, parsed.data, keyNameOf(res.locals));
    res.json({ headline: result.headline, ...(result.changeId === undefined ? {} : { changeId: result.changeId }) });
  });

  router.delete('/api/headlines/:id', authorise, json, async (req, res) => {
    const id = headlineId(req.params.id);
    const parsed = retractBodySchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('a retraction needs { "reason": "..." }', fieldErrors(parsed.error));
    const result = await deps.editor.retract(id, parsed.data.reason, keyNameOf(res.locals));
    res.json(result);
  });

  return router;
}

function headlineId(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !isStreamId(raw)) throw new AppError('NOT_FOUND', 'no such headline: ids look like "1718384340000-0"');
  return raw;
}
