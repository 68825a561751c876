/** GET /api/channels: the topic and region vocabulary. */
import { Router } from 'express';
import { REGIONS, TOPICS } from './vocabulary.ts';

export function createChannelsRouter(): Router {
  const router = Router();
  // Built once: the vocabulary is static for the life of the process.
  const body = JSON.stringify({
    topics: TOPICS.map((t) => ({ slug: t.slug, medtop: t.medtop, label: t.label })),
    regions: REGIONS.map((r) => ({ slug: r.slug, label: r.label, kind: r.kind, parent: r.parent, ...(r.m49 === undefined ? {} : { m49: r.m49 }) })),
  });
  router.get('/api/channels', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'public, max-age=3600').send(body);
  });
  return router;
}
