/** requestLogger: method, path, status and time at info; headers only at debug, secrets redacted. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { requestLogger } from '../../../src/app/http/request-log.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const SECRET = 'Bearer secret-publish-key-0123456789';

async function logOneRequest(level: string): Promise<{ line: Record<string, unknown>; raw: string }> {
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  const app = express();
  app.use(requestLogger(createLogger(level, 'test', sink)));
  app.get('/api/thing', (_req, res) => res.status(201).json({ ok: true }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/thing?channel=politics/*`, { headers: { authorization: SECRET, cookie: 'sid=session-cookie-value', 'x-extra': 'visible' } });
    expect(response.status).toBe(201);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const lines = raw.trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
  const line = lines.find((entry) => entry.msg === 'request completed');
  if (line === undefined) throw new Error(`no request line in:\n${raw}`);
  return { line, raw };
}

describe('requestLogger', () => {
  it('logs method, path, status and time at info, and no headers or query', async () => {
    const { line, raw } = await logOneRequest('info');
    expect(line.req).toEqual({ method: 'GET', path: '/api/thing' });
    expect(line.res).toEqual({ statusCode: 201 });
    expect(typeof line.responseTime).toBe('number');
    expect(raw).not.toContain('headers');
    expect(raw).not.toContain('x-extra');
    expect(raw).not.toContain('channel=');
  });

  it('adds the headers and query at debug, with Authorization and cookies redacted', async () => {
    const { line, raw } = await logOneRequest('debug');
    expect(line.req).toMatchObject({
      method: 'GET',
      path: '/api/thing',
      url: '/api/thing?channel=politics/*',
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-extra': 'visible' },
    });
    expect(raw).not.toContain('secret-publish-key');
    expect(raw).not.toContain('session-cookie-value');
  });
});
