/**
 * Broken sources through the whole service: each becomes a recorded source error at
 * /api/sources within seconds, and the process stays healthy.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

interface SourceView {
  id: string;
  status: string;
  lastError: { code: string; message: string } | null;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
}

let redisServer: TestRedis;
let http: TestHttpServer;
let service: RunningService;
const hanging: { destroy(): void }[] = [];

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;

const CASES: Record<string, { expected: string; setup: (path: string) => void }> = {
  malformed: { expected: 'PARSE_FAILED', setup: (p) => http.route(p, (_q, r) => r.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss><channel><item><title>unclosed')) },
  empty: { expected: 'PARSE_FAILED', setup: (p) => http.route(p, (_q, r) => r.writeHead(200, { 'Content-Type': 'application/xml' }).end('')) },
  'html-page': { expected: 'PARSE_FAILED', setup: (p) => http.route(p, (_q, r) => r.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html><head><title>Home</title></head><body><h1>Welcome</h1></body></html>')) },
  'fifty-mb': {
    expected: 'FETCH_TOO_LARGE',
    setup: (p) =>
      http.route(p, (_q, r) => {
        r.writeHead(200, { 'Content-Type': 'application/xml' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < 50 && r.write(chunk)) sent += 1;
          if (sent >= 50) r.end();
          else r.once('drain', pump);
        };
        r.on('close', () => (sent = 50));
        pump();
      }),
  },
  'gzip-bomb': {
    expected: 'FETCH_TOO_LARGE',
    setup: (p) => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      http.route(p, (_q, r) => r.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Encoding': 'gzip' }).end(bomb));
    },
  },
  'billion-laughs': { expected: 'UNSAFE_XML', setup: (p) => http.route(p, (_q, r) => r.writeHead(200, { 'Content-Type': 'application/xml' }).end(BILLION_LAUGHS)) },
  'never-answers': { expected: 'FETCH_TIMEOUT', setup: (p) => http.route(p, (req) => hanging.push(req.socket)) },
  'not-found': { expected: 'FETCH_HTTP_STATUS', setup: () => undefined },
};

beforeAll(async () => {
  redisServer = await startTestRedis();
  http = await startHttpServer();
  const sources = Object.entries(CASES).map(([id, testCase]) => {
    testCase.setup(`/${id}`);
    return { id, name: id, type: 'feed', url: `${http.url}/${id}`, intervalSeconds: 600 };
  });
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'all', FETCH_TIMEOUT_MS: '1500' }, sources);
});
afterAll(async () => {
  await service.stop();
  for (const socket of hanging) socket.destroy();
  await http.close();
  await redisServer.cleanup();
});

describe('broken sources', () => {
  it('each becomes a recorded source error, and the service stays healthy', async () => {
    const views = await waitFor(
      async () => {
        const body = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: SourceView[] };
        return body.sources.every((s) => s.lastError !== null) ? body.sources : undefined;
      },
      { timeoutMs: 20_000, what: 'every broken source to record an error' },
    );
    const codes = Object.fromEntries(views.map((s) => [s.id, s.lastError?.code]));
    expect(codes).toEqual(Object.fromEntries(Object.entries(CASES).map(([id, c]) => [id, c.expected])));
    for (const view of views) {
      expect(view.status).toBe('failing');
      expect(view.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(view.nextAttemptAt).not.toBeNull();
      expect(view.lastError?.message.length).toBeGreaterThan(5);
    }
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/newsticker_source_fetch_errors_total\{source="billion-laughs",code="UNSAFE_XML"\} 1/);
  });
});
