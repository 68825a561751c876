/** The served bundles: size budget, CSP-safe output, and the HTTP headers embedding relies on. */
import type { AddressInfo } from 'node:net';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardRouter, dashboardCsp } from '../../../src/dashboard/server/routes.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { getBundle, warmBundles } from '../../../src/widget/server/bundle.ts';
import { createWidgetRouter, WIDGET_ENTRY } from '../../../src/widget/server/routes.ts';
import { waitFor } from '../../helpers/wait.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  const logger = createLogger('silent');
  app.use(createWidgetRouter({ logger }), createDashboardRouter({ logger, frameAncestors: ["'self'"] }));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('widget.js', () => {
  it('is at most 20 KB gzipped, Socket.IO client included', async () => {
    const bundle = await getBundle(WIDGET_ENTRY);
    expect(bundle.gzip.length).toBeLessThanOrEqual(20 * 1024);
    const code = bundle.body.toString('utf8');
    expect(code).toContain('subscribe');
    // No eval-like constructs: strict host CSPs (no 'unsafe-eval') must run it.
    expect(code).not.toMatch(/\beval\(|new Function\(|setTimeout\("|innerHTML|insertAdjacentHTML|document\.write/);
  });

  it('is served cross-origin with an ETag, gzip and 304s', async () => {
    const response = await fetch(`${base}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await response.text()).length).toBeGreaterThan(10_000);
    // node:http, not fetch: fetch adds "Cache-Control: no-cache" to conditional requests.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${base}/widget.js`, { headers: { 'if-none-match': etag ?? '' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(status).toBe(304);
  });
});

describe('widget language files', () => {
  it('serves each language cross-origin, and nothing for an unknown one', async () => {
    const response = await fetch(`${base}/widget/i18n/ar.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await response.json()).toMatchObject({ waiting: 'في انتظار الأخبار…', topics: { politics: 'سياسة' } });
    for (const path of ['xx.json', 'ar.js', '__proto__.json', '..%2Fpacks.ts']) expect((await fetch(`${base}/widget/i18n/${path}`)).status, path).toBe(404);
  });
});

describe('dashboard', () => {
  it('serves a static page under a strict CSP, with external script and style only', async () => {
    const response = await fetch(`${base}/dashboard?columns=politics/*&title=%3Cscript%3E`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(dashboardCsp(["'self'"]));
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/style=|<style/);
    const script = /src="(\/dashboard\/dashboard\.js\?v=[\w-]+)"/.exec(html)?.[1];
    const style = /href="(\/dashboard\/dashboard\.css\?v=[\w-]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await fetch(`${base}${script ?? ''}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${base}${style ?? ''}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.column');
  });
});

describe('warmBundles', () => {
  it('logs a build that fails at start-up instead of dropping the error', async () => {
    let output = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    warmBundles([join(tmpdir(), 'nt-no-such-entry', 'missing.ts')], createLogger('info', 'test', sink));
    await waitFor(() => output.includes('bundle warm-up failed'), { what: 'the warm-up failure in the log' });
    expect(output).toContain('missing.ts');
    expect(output).toContain('"level":50');
  });
});
