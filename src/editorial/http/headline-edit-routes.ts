/**
 * PATCH /api/headlines/:id (correct, retag, flag breaking) and DELETE /api/headlines/:id
 * (retract, with a reason). Both need the `edit` scope and are recorded in the audit log.
 */
import express, { Router } from 'express';
import { keyNameOf, requireScope } from '../../ingestion/publish/api-key-auth.ts';
import { fieldErrors } from '../../ingestion/publish/publish-schema.ts';
import { AppError, ValidationError } from '../../shared/errors.ts';
import { isStreamId } from '../../streams/stream-id.ts';
import type { HeadlineEditor } from '../editor.ts';
import { headlinePatchSchema, retractBodySchema } from './edit-schema.ts';

const BODY_LIMIT = '64kb';

export function createHeadlineEditRouter(deps: { apiKeys: readonly string[]; editor: HeadlineEditor }): Router {
  const router = Router();
  const json = express.json({ limit: BODY_LIMIT, type: () => true });

  router.patch('/api/headlines/:id', requireScope('edit', deps.apiKeys), json, async (req, res) => {
    const id = headlineId(req.params.id);
    const parsed = headlinePatchSchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('invalid change; nothing was stored', fieldErrors(parsed.error));
    const result = await deps.editor.update(id, parsed.data, keyNameOf(res.locals));
    res.json({ headline: result.headline, ...(result.changeId === undefined ? {} : { changeId: result.changeId }) });
  });

  router.delete('/api/headlines/:id', requireScope('edit', deps.apiKeys), json, async (req, res) => {
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
