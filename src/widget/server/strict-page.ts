/**
 * Same-origin pages (the dashboard, /admin) whose script and stylesheet are esbuild bundles
 * served as files of their own, so the page runs under a strict CSP: no inline script or
 * style, nothing from another origin. The HTML is static; the script builds everything else
 * from text (textContent), so nothing a request or the API carries is ever parsed as markup.
 */
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { getBundle, warmBundles, type Bundle } from './bundle.ts';
import { sendBundle } from './send.ts';

/** The pages' CSP; `frameAncestors` are the pages that may frame it (`'none'`: no one). */
export function strictPageCsp(frameAncestors: readonly string[]): string {
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

export interface StrictPage {
  /** The page is `/<name>`; its assets are `/<name>/<name>.js` and `/<name>/<name>.css`. */
  name: string;
  title: string;
  /** The folder of the page's browser code: `main.ts` and `<name>.css` are the bundles' entries. */
  clientDir: URL;
  /** Headers of the page itself (CSP, caching, framing). */
  setHeaders(res: Response): void;
}

function html(page: StrictPage, script: Bundle, style: Bundle): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>${page.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${page.name}/${page.name}.css?v=${style.version}">
<script src="/${page.name}/${page.name}.js?v=${script.version}" defer></script>
</head>
<body>
<div id="app"><noscript>${page.title} needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** GET `/<name>`, and its script and stylesheet under versioned URLs. */
export function createStrictPageRouter(page: StrictPage, logger: Logger): Router {
  const router = Router();
  const scriptEntry = fileURLToPath(new URL('main.ts', page.clientDir));
  const styleEntry = fileURLToPath(new URL(`${page.name}.css`, page.clientDir));
  const assets = (): Promise<[Bundle, Bundle]> => Promise.all([getBundle(scriptEntry), getBundle(styleEntry)]);
  warmBundles([scriptEntry, styleEntry], logger);

  router.get(`/${page.name}`, async (_req, res) => {
    const [script, style] = await assets();
    page.setHeaders(res);
    res.type('html').send(html(page, script, style));
  });
  // Versioned URLs (?v=hash) change with the content, so the files may be cached for long.
  router.get(`/${page.name}/${page.name}.js`, async (req, res) => {
    sendBundle(req, res, await getBundle(scriptEntry), 'public, max-age=86400');
  });
  router.get(`/${page.name}/${page.name}.css`, async (req, res) => {
    sendBundle(req, res, await getBundle(styleEntry), 'public, max-age=86400');
  });
  return router;
}
