/**
 * The sources API for keys with the `admin` scope: POST /api/sources, GET|PUT|PATCH|DELETE
 * /api/sources/:id, POST /api/sources/:id/poll, and OPML: POST /api/sources/import and
 * GET /api/sources.opml. Bodies are validated like the sources file (a 400 names the field);
 * 404 for an unknown id, 409 for an id that exists. Every change is in the audit log.
 */
import express, { Router, type Response } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiKey } from '../../config/api-keys.ts';
import { SOURCE_ID_PATTERN } from '../../config/sources.ts';
import { AppError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keyNameOf, requireScope } from '../publish/api-key-auth.ts';
import { throttleFailedAuth } from '../publish/auth-throttle.ts';
import { opmlToSources, sourcesToOpml } from './opml.ts';
import type { Actor, SourceAdmin } from './source-admin.ts';
import { parseCreateBody, parsePatchBody, parseReasonBody, parseReplaceBody } from './source-bodies.ts';
import { readHealth, type SourceHealthDeps } from './sources-routes.ts';

const JSON_LIMIT = '64kb';
const OPML_LIMIT = '1mb';

export interface SourceAdminRoutesDeps extends SourceHealthDeps {
  apiKeys: readonly ApiKey[];
  admin: SourceAdmin;
  /** Failed key attempts, per client address (as on publish). */
  authFailures: RateLimiterAbstract;
  metrics: Metrics;
}

function sourceId(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !SOURCE_ID_PATTERN.test(raw)) throw new AppError('NOT_FOUND', `no source ${JSON.stringify(raw)}: ids are lower-case letters, digits and dashes`);
  return raw;
}

function actorOf(res: Response, reason?: string): Actor {
  return { name: keyNameOf(res.locals), reason };
}

export function createSourceAdminRouter(deps: SourceAdminRoutesDeps): Router {
  const router = Router();
  const authorise = throttleFailedAuth(deps.authFailures, deps.metrics, requireScope('admin', deps.apiKeys));
  const json = express.json({ limit: JSON_LIMIT, type: () => true });
  const counted = (action: string): void => deps.metrics.sourceChanges.inc({ action });
  // No change before the first load: a source added first would keep the file from seeding the store.
  router.use(['/api/sources', '/api/sources.opml'], (_req, _res, next) => {
    deps.loaded().then(() => next(), next);
  });

  router.get('/api/sources.opml', authorise, async (_req, res) => {
    const opml = sourcesToOpml(await deps.store.list());
    res.type('text/x-opml; charset=utf-8').attachment('news-ticker-sources.opml').send(opml);
  });

  router.post('/api/sources/import', authorise, express.text({ limit: OPML_LIMIT, type: () => true }), async (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    const result = await deps.admin.importMany(opmlToSources(text), actorOf(res));
    if (result.created.length > 0) counted('import');
    res.status(result.created.length > 0 ? 201 : 200).json(result);
  });

  router.post('/api/sources', authorise, json, async (req, res) => {
    const { value, reason } = parseCreateBody(req.body);
    const source = await deps.admin.create(value, actorOf(res, reason));
    counted('create');
    res.status(201).location(`/api/sources/${source.id}`).json({ source });
  });

  router.get('/api/sources/:id', authorise, async (req, res) => {
    const id = sourceId(req.params.id);
    const source = await deps.store.get(id);
    if (source === undefined) throw new AppError('NOT_FOUND', `no source "${id}"`);
    const health = await readHealth(deps, [source]);
    res.json({ source, health: health.get(id) });
  });

  router.put('/api/sources/:id', authorise, json, async (req, res) => {
    const source = await deps.admin.update(sourceId(req.params.id), (current) => parseReplaceBody(req.body, current), actorOf(res));
    counted('update');
    res.json({ source });
  });

  router.patch('/api/sources/:id', authorise, json, async (req, res) => {
    const source = await deps.admin.update(sourceId(req.params.id), (current) => parsePatchBody(req.body, current), actorOf(res));
    counted('update');
    res.json({ source });
  });

  router.delete('/api/sources/:id', authorise, json, async (req, res) => {
    const id = sourceId(req.params.id);
    const source = await deps.admin.remove(id, actorOf(res, parseReasonBody(req.body)));
    counted('delete');
    res.json({ source });
  });

  router.post('/api/sources/:id/poll', authorise, json, async (req, res) => {
    const id = sourceId(req.params.id);
    await deps.admin.pollNow(id, actorOf(res, parseReasonBody(req.body)));
    counted('poll');
    res.status(202).json({ source: id, queued: true });
  });

  return router;
}
