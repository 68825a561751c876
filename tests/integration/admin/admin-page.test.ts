/**
 * GET /admin over HTTP: a static page under a strict CSP (no inline script or style, no
 * framing, not cached), whose script and stylesheet are same-origin files, and whose script
 * never turns text into markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { ADMIN_CSP } from '../../../src/admin/server/routes.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';

let redis: TestRedis;
let service: RunningService;

beforeAll(async () => {
  redis = await startTestRedis();
  service = await startTestService({ REDIS_URL: redis.url, ROLE: 'gateway' });
});

afterAll(async () => {
  await service.stop();
  await redis.cleanup();
});

/** The page's directives as a map: `script-src` → `'self'`. */
function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('GET /admin', () => {
  it('is served under a strict CSP that forbids inline code, other origins and framing', async () => {
    const response = await fetch(`${service.url}/admin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(ADMIN_CSP);
    const policy = directives(csp);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|data:.*script/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it('holds no inline script, style or handler; its script and stylesheet are same-origin files', async () => {
    const html = await (await fetch(`${service.url}/admin?key=%3Cscript%3Ealert(1)%3C/script%3E`)).text();
    expect(html).not.toContain('alert(1)');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/admin\/admin\.js\?v=[\w-]+"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|javascript:/i);
    const script = /src="(\/admin\/admin\.js\?v=[\w-]+)"/.exec(html)?.[1] ?? '';
    const style = /href="(\/admin\/admin\.css\?v=[\w-]+)"/.exec(html)?.[1] ?? '';

    const js = await fetch(`${service.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await js.text();
    expect(code).toContain('sessionStorage');
    // Text only ever goes in as text: no markup parsing, no eval-like constructs.
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    expect(code).not.toContain('localStorage');

    const css = await fetch(`${service.url}${style}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.sources-table');
  });

  it('serves the bundles only, never the client sources', async () => {
    for (const path of ['/admin/admin.ts', '/admin/main.ts', '/admin/client/main.ts', '/admin/api.ts']) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});
