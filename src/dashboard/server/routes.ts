/**
 * GET /dashboard: the wall-screen page, plus its script and stylesheet as separate files so the
 * page runs under a strict CSP (no inline script or style). The HTML is static: columns and
 * title are read from the URL by the script and only ever rendered as text.
 */
import type { Response, Router } from 'express';
import type { Logger } from '../../shared/logger.ts';
import { createStrictPageRouter, strictPageCsp } from '../../widget/server/strict-page.ts';

/** The page's CSP; `frameAncestors` (DASHBOARD_FRAME_ANCESTORS) are the pages that may frame it. */
export const dashboardCsp = strictPageCsp;

/**
 * X-Frame-Options (SAMEORIGIN, from helmet) cannot name other origins, and browsers that know
 * frame-ancestors ignore it anyway: it stays only while nobody else may frame the page.
 */
function dashboardHeaders(frameAncestors: readonly string[]): (res: Response) => void {
  return (res) => {
    res.set({ 'Content-Security-Policy': dashboardCsp(frameAncestors), 'Cache-Control': 'no-cache' });
    if (frameAncestors.some((source) => source !== "'self'")) res.removeHeader('X-Frame-Options');
  };
}

export function createDashboardRouter(deps: { logger: Logger; frameAncestors: readonly string[] }): Router {
  const page = { name: 'dashboard', title: 'News Ticker dashboard', clientDir: new URL('../client/', import.meta.url), setHeaders: dashboardHeaders(deps.frameAncestors) };
  return createStrictPageRouter(page, deps.logger);
}
