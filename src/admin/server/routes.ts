/**
 * GET /admin: the newsroom page (sources, recent headlines with correct / retract / breaking,
 * the audit tail). The page itself holds nothing secret: the key is typed into it and every
 * call it makes goes to the API of this same origin, which checks the key and its scopes.
 */
import type { Response, Router } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { createStrictPageRouter, strictPageCsp } from '../../widget/server/strict-page.ts';

/** Nobody frames the page that holds an editor's key: a framed page can be clicked into acting. */
export const ADMIN_CSP = strictPageCsp(["'none'"]);

function adminHeaders(res: Response): void {
  res.set({
    'Content-Security-Policy': ADMIN_CSP,
    // The page is the same for everyone, but what a tab shows is not for shared caches.
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'X-Robots-Tag': 'noindex, nofollow',
  });
}

export function createAdminRouter(deps: { logger: Logger }): Router {
  const page = { name: 'admin', title: 'News Ticker admin', clientDir: new URL('../client/', import.meta.url), setHeaders: adminHeaders };
  return createStrictPageRouter(page, deps.logger);
}
