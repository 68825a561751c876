/**
 * GET /widget.js: the embeddable ticker, and GET /widget/i18n/<lang>.json: its UI strings in
 * each language. Loaded by third-party pages, so both are readable cross-origin (CORS and CORP);
 * the script is revalidated cheaply by ETag.
 */
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { uiPack } from '../i18n/packs.ts';
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
  router.get('/widget/i18n/:file', (req, res, next) => {
    const pack = /^([a-z]{2})\.json$/.exec(req.params.file)?.[1];
    const strings = pack === undefined ? undefined : uiPack(pack);
    if (strings === undefined) {
      next();
      return;
    }
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cache-Control': 'public, max-age=3600' });
    res.json(strings);
  });
  return router;
}
