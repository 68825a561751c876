/**
 * GET /api/headlines: history across channels, oldest first, as the headlines now stand
 * (corrected text, revision); retracted ones are left out unless `include=retracted`.
 * With `since`, the answer also carries the changes stored after it, in id order, so a client
 * that pages with the highest id it has seen of either kind misses none. When the request's
 * scan budget (READ_SCAN_BUDGET) ran out first, the answer carries `next`: page on from it.
 */
import { Router } from 'express';
import { ValidationError } from '../../shared/errors.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import { channelsFromQuery, cursorFrom, limitFromQuery } from './query.ts';

export function createHeadlinesRouter(deps: { reader: HeadlineReader }): Router {
  const router = Router();
  router.get('/api/headlines', async (req, res) => {
    const channels = channelsFromQuery(req.query.channel);
    const limit = limitFromQuery(req.query.limit, 1);
    const since = cursorFrom(req.query.since, 'since');
    const includeRetracted = includeFromQuery(req.query.include);
    res.set('Cache-Control', 'no-store');
    // Errors (including Redis being down: 503) reach the app's error handler via express 5.
    if (since === undefined) {
      res.json({ headlines: await deps.reader.latest(channels, limit, { includeRetracted }) });
      return;
    }
    const { headlines, changes, stoppedAt } = await deps.reader.currentAfter(channels, since, limit);
    const shown = headlines.filter((headline) => includeRetracted || headline.retracted !== true);
    // Cut short by the scan budget: `next` is where to read on (everything before it is here).
    res.json(stoppedAt === undefined ? { headlines: shown, changes } : { headlines: shown, changes, next: stoppedAt });
  });
  return router;
}

function includeFromQuery(raw: unknown): boolean {
  if (raw === undefined || raw === '') return false;
  if (raw === 'retracted') return true;
  throw new ValidationError('include must be "retracted"', { field: 'include' });
}
