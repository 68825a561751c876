/** GET /api/headlines: history across channels, oldest first. */
import { Router } from 'express';
import type { HeadlineReader } from '../../streams/reader.ts';
import { channelsFromQuery, cursorFrom, limitFromQuery } from './query.ts';

export function createHeadlinesRouter(deps: { reader: HeadlineReader }): Router {
  const router = Router();
  router.get('/api/headlines', async (req, res) => {
    const channels = channelsFromQuery(req.query.channel);
    const limit = limitFromQuery(req.query.limit, 1);
    const since = cursorFrom(req.query.since, 'since');
    // Errors (including Redis being down: 503) reach the app's error handler via express 5.
    const headlines = since === undefined ? await deps.reader.latest(channels, limit) : await deps.reader.after(channels, since, limit);
    res.set('Cache-Control', 'no-store').json({ headlines });
  });
  return router;
}
