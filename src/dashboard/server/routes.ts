/**
 * GET /dashboard: the wall-screen page, plus its script and stylesheet as separate files so the
 * page runs under a strict CSP (no inline script or style). The HTML is static: columns and
 * title are read from the URL by the script and only ever rendered as text.
 */
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { getBundle, warmBundles, type Bundle } from '../../widget/server/bundle.ts';
import { sendBundle } from '../../widget/server/send.ts';

const SCRIPT_ENTRY = fileURLToPath(new URL('../client/main.ts', import.meta.url));
const STYLE_ENTRY = fileURLToPath(new URL('../client/dashboard.css', import.meta.url));

/** The page's CSP; `frameAncestors` (DASHBOARD_FRAME_ANCESTORS) are the pages that may frame it. */
export function dashboardCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'", // CSP 3: 'self' also covers ws: and wss: to this same host and port, and nothing else
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

function page(script: Bundle, style: Bundle): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>News Ticker dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/dashboard.css?v=${style.version}">
<script src="/dashboard/dashboard.js?v=${script.version}" defer></script>
</head>
<body>
<div id="app"><noscript>The dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}

function setPageHeaders(res: Response, frameAncestors: readonly string[]): void {
  res.set({
    'Content-Security-Policy': dashboardCsp(frameAncestors),
    'Cache-Control': 'no-cache',
  });
  // X-Frame-Options (SAMEORIGIN, from helmet) cannot name other origins, and browsers that know
  // frame-ancestors ignore it anyway: it stays only while nobody else may frame the page.
  if (frameAncestors.some((source) => source !== "'self'")) res.removeHeader('X-Frame-Options');
}

export function createDashboardRouter(deps: { logger: Logger; frameAncestors: readonly string[] }): Router {
  const router = Router();
  const assets = (): Promise<[Bundle, Bundle]> => Promise.all([getBundle(SCRIPT_ENTRY), getBundle(STYLE_ENTRY)]);
  warmBundles([SCRIPT_ENTRY, STYLE_ENTRY], deps.logger);

  router.get('/dashboard', async (_req, res) => {
    const [script, style] = await assets();
    setPageHeaders(res, deps.frameAncestors);
    res.type('html').send(page(script, style));
  });
  // Versioned URLs (?v=hash) change with the content, so the files may be cached for long.
  router.get('/dashboard/dashboard.js', async (req, res) => {
    sendBundle(req, res, await getBundle(SCRIPT_ENTRY), 'public, max-age=86400');
  });
  router.get('/dashboard/dashboard.css', async (req, res) => {
    sendBundle(req, res, await getBundle(STYLE_ENTRY), 'public, max-age=86400');
  });
  return router;
}
