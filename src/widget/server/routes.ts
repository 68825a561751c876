/**
 * GET /widget.js: the embeddable ticker. Loaded by third-party pages, so it is readable
 * cross-origin (CORS and CORP) and revalidated cheaply by ETag.
 */
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { getBundle, warmBundles } from './bundle.ts';
import { sendBundle } from './send.ts';

export const WIDGET_ENTRY = fileURLToPath(new URL('../client/index.ts', import.meta.url));

export function createWidgetRouter(deps: { logger: Logger }): Router {
  const router = Router();
  warmBundles([WIDGET_ENTRY], deps.logger);
  router.get('/widget.js', async (req, res) => {
    const bundle = await getBundle(WIDGET_ENTRY);
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    // The URL is not versioned, so caches must come back soon; a 304 costs almost nothing.
    sendBundle(req, res, bundle, 'public, max-age=300, stale-while-revalidate=3600');
  });
  return router;
}
