/**
 * fetchSource against a real local HTTP server (127.0.0.1, port 0). allowPrivate is true except
 * where the SSRF guard itself is under test.
 */
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchOptions } from '../../../src/ingestion/fetch/http-fetch.ts';
import { FetchError } from '../../../src/shared/errors.ts';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>';
const ETAG = '"feed-v1"';
const LAST_MODIFIED = 'Fri, 14 Jun 2024 16:59:00 GMT';
const MiB = 1024 * 1024;

let server: Server;
let base: string;
let port: number;
const seenHeaders: IncomingMessage['headers'][] = [];

/** Streams `total` bytes in 64 KiB chunks, honouring backpressure, until done or the client leaves. */
async function stream(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  seenHeaders.push(req.headers);
  const redirect = /^\/redirect\/(\d+)$/.exec(url.pathname);
  if (redirect !== null) {
    const left = Number(redirect[1]);
    if (left === 0) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    else res.writeHead(302, { location: `/redirect/${left - 1}` }).end();
    return;
  }
  switch (url.pathname) {
    case '/feed':
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED }).end(FEED);
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      void stream(res, 50 * MiB);
      return;
    case '/big-declared':
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(50 * MiB) });
      void stream(res, 50 * MiB);
      return;
    case '/bomb':
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb);
      return;
    case '/gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED));
      return;
    case '/br':
      res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED));
      return;
    case '/deflate':
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(FEED));
      return;
    case '/deflate-raw':
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(FEED));
      return;
    case '/gzip-gzip':
      res.writeHead(200, { 'content-encoding': 'gzip, gzip' }).end(gzipSync(gzipSync(FEED)));
      return;
    case '/gzip-x3':
      res.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip' }).end(gzipSync(gzipSync(gzipSync(FEED))));
      return;
    case '/gzip-trickle': {
      // A valid gzip stream written a few bytes at a time: decoding never finishes in time.
      const compressed = gzipSync(FEED);
      res.writeHead(200, { 'content-encoding': 'gzip' });
      let offset = 0;
      const timer = setInterval(() => {
        if (offset < compressed.length) res.write(compressed.subarray(offset, (offset += 4)));
      }, 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/corrupt-gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('definitely not gzip'));
      return;
    case '/hang':
      return; // never answers
    case '/trickle': {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/status/503':
      res.writeHead(503).end('busy');
      return;
    case '/to-file':
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return;
    case '/to-loopback':
      res.writeHead(302, { location: `http://127.0.0.1:${port}/feed` }).end();
      return;
    default:
      res.writeHead(404).end();
  }
}

// 10 MiB of zeros gzips to about 10 KiB: inflated, it is twice the 5 MiB cap.
const bomb = gzipSync(Buffer.alloc(10 * MiB));

beforeAll(async () => {
  server = createServer(route);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const defaults: Omit<FetchOptions, 'url'> = { timeoutMs: 15_000, maxBytes: 5 * MiB, allowPrivate: true, userAgent: 'NewsTicker/test (+https://example.org)' };

async function fetchError(options: Partial<FetchOptions> & { url: string }): Promise<FetchError> {
  try {
    await fetchSource({ ...defaults, ...options });
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

describe('fetchSource over HTTP', () => {
  it('fetches a feed with User-Agent and Accept, and keeps ETag and Last-Modified', async () => {
    const result = await fetchSource({ ...defaults, url: `${base}/feed` });
    expect(result).toEqual({ status: 'ok', body: Buffer.from(FEED), contentType: 'application/rss+xml; charset=utf-8', etag: ETAG, lastModified: LAST_MODIFIED, finalUrl: `${base}/feed` });
    const headers = seenHeaders.at(-1);
    expect(headers?.['user-agent']).toBe(defaults.userAgent);
    expect(headers?.accept).toMatch(/^application\/rss\+xml/);
    expect(headers?.['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match / If-Modified-Since and reports 304 as not-modified', async () => {
    expect(await fetchSource({ ...defaults, url: `${base}/feed`, etag: ETAG })).toEqual({ status: 'not-modified' });
    expect(seenHeaders.at(-1)?.['if-none-match']).toBe(ETAG);
    expect(await fetchSource({ ...defaults, url: `${base}/feed`, lastModified: LAST_MODIFIED })).toEqual({ status: 'not-modified' });
    expect(seenHeaders.at(-1)?.['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it.each(['/gzip', '/br', '/deflate', '/deflate-raw'])('decodes %s bodies', async (route) => {
    const result = await fetchSource({ ...defaults, url: `${base}${route}` });
    expect(result.status === 'ok' && result.body.toString()).toBe(FEED);
  });

  it('decodes two stacked codings, and refuses three with FETCH_TOO_MANY_ENCODINGS before decoding any', async () => {
    const result = await fetchSource({ ...defaults, url: `${base}/gzip-gzip` });
    expect(result.status === 'ok' && result.body.toString()).toBe(FEED);
    const error = await fetchError({ url: `${base}/gzip-x3` });
    expect(error.code).toBe('FETCH_TOO_MANY_ENCODINGS');
    expect(error.message).toMatch(/3 stacked Content-Encodings \(at most 2/);
  });

  it('decodes under the fetch deadline: a compressed body still arriving at the timeout fails FETCH_TIMEOUT', async () => {
    const started = Date.now();
    const error = await fetchError({ url: `${base}/gzip-trickle`, timeoutMs: 500 });
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails a body it cannot decode with FETCH_FAILED', async () => {
    const error = await fetchError({ url: `${base}/corrupt-gzip` });
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/gzip/);
  });

  it('refuses a 50 MB streamed body with FETCH_TOO_LARGE, quickly', async () => {
    const started = Date.now();
    const error = await fetchError({ url: `${base}/big` });
    expect(error.code).toBe('FETCH_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a declared Content-Length above the cap before reading', async () => {
    const error = await fetchError({ url: `${base}/big-declared` });
    expect(error.code).toBe('FETCH_TOO_LARGE');
    expect(error.message).toMatch(/Content-Length/);
  });

  it('refuses a gzip bomb by its decompressed size', async () => {
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await fetchError({ url: `${base}/bomb` });
    expect(error.code).toBe('FETCH_TOO_LARGE');
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    const error = await fetchError({ url: `${base}/hang`, timeoutMs: 500 });
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out a server that trickles its body', async () => {
    const error = await fetchError({ url: `${base}/trickle`, timeoutMs: 500 });
    expect(error.code).toBe('FETCH_TIMEOUT');
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const result = await fetchSource({ ...defaults, url: `${base}/redirect/5` });
    expect(result.status === 'ok' && result.finalUrl).toBe(`${base}/redirect/0`);
  });

  it('fails past 5 redirects with FETCH_TOO_MANY_REDIRECTS', async () => {
    expect((await fetchError({ url: `${base}/redirect/6` })).code).toBe('FETCH_TOO_MANY_REDIRECTS');
    expect((await fetchError({ url: `${base}/redirect/2`, maxRedirects: 1 })).code).toBe('FETCH_TOO_MANY_REDIRECTS');
  });

  it('refuses a redirect to a file: URL', async () => {
    expect((await fetchError({ url: `${base}/to-file` })).code).toBe('FETCH_BLOCKED');
  });

  it('reports a non-2xx status with FETCH_HTTP_STATUS naming it', async () => {
    const error = await fetchError({ url: `${base}/status/503` });
    expect(error.code).toBe('FETCH_HTTP_STATUS');
    expect(error.message).toMatch(/503/);
  });

  it('reports a refused connection as FETCH_FAILED', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    expect((await fetchError({ url: `http://127.0.0.1:${closedPort}/` })).code).toBe('FETCH_FAILED');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    const error = await fetchError({ url: `${base}/hang`, signal: controller.signal });
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/aborted/);
  });

  it('refuses other schemes', async () => {
    expect((await fetchError({ url: 'ftp://example.org/feed.xml' })).code).toBe('FETCH_BLOCKED');
  });
});

describe('fetchSource SSRF guard (allowPrivate: false)', () => {
  it('refuses a loopback IP literal before connecting', async () => {
    const before = seenHeaders.length;
    const error = await fetchError({ url: `${base}/feed`, allowPrivate: false });
    expect(error.code).toBe('FETCH_BLOCKED');
    expect(error.message).toMatch(/127\.0\.0\.1/);
    expect(seenHeaders.length).toBe(before);
  });

  it('refuses a hostname that resolves to loopback (checked at connect time)', async () => {
    const before = seenHeaders.length;
    const error = await fetchError({ url: `http://localhost:${port}/feed`, allowPrivate: false });
    expect(error.code).toBe('FETCH_BLOCKED');
    expect(seenHeaders.length).toBe(before);
  });

  it('refuses the metadata address and IPv6 loopback', async () => {
    expect((await fetchError({ url: 'http://169.254.169.254/latest/meta-data/', allowPrivate: false })).code).toBe('FETCH_BLOCKED');
    expect((await fetchError({ url: `http://[::1]:${port}/feed`, allowPrivate: false })).code).toBe('FETCH_BLOCKED');
    expect((await fetchError({ url: `http://[::ffff:127.0.0.1]:${port}/feed`, allowPrivate: false })).code).toBe('FETCH_BLOCKED');
    // The URL parser turns decimal and short forms into 127.0.0.1 before the guard sees them.
    expect((await fetchError({ url: `http://2130706433:${port}/feed`, allowPrivate: false })).code).toBe('FETCH_BLOCKED');
    expect((await fetchError({ url: `http://127.1:${port}/feed`, allowPrivate: false })).code).toBe('FETCH_BLOCKED');
  });
});

describe('fetchSource SSRF guard (allowPrivate: true)', () => {
  it('still refuses cloud metadata addresses, in IPv4, IPv6 and embedded forms', async () => {
    for (const host of ['169.254.169.254', '[fd00:ec2::254]', '[::ffff:169.254.169.254]', '[64:ff9b::a9fe:a9fe]']) {
      const error = await fetchError({ url: `http://${host}/latest/meta-data/`, allowPrivate: true });
      expect(error.code, host).toBe('FETCH_BLOCKED');
      expect(error.message).toContain('list the address in ALLOW_PRIVATE_SOURCES');
    }
    // Private addresses are open: the local test server answers.
    expect((await fetchSource({ ...defaults, url: `${base}/feed`, allowPrivate: true })).status).toBe('ok');
  });
});

describe('fetchSource SSRF guard on redirects (allowPrivate: a list of exempted addresses)', () => {
  it('refuses a redirect from an allowed host to 127.0.0.1 without contacting it', async () => {
    // An "intranet" host on 127.0.0.2 is exempted; its redirect to 127.0.0.1 is not.
    let reachedTarget = false;
    const target = createServer((_req, res) => {
      reachedTarget = true;
      res.end('<rss version="2.0"><channel></channel></rss>');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as AddressInfo).port;
    const intranet = createServer((_req, res) => res.writeHead(302, { Location: `http://127.0.0.1:${targetPort}/feed` }).end());
    await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.2', resolve));
    const intranetPort = (intranet.address() as AddressInfo).port;
    try {
      const error = await fetchError({ url: `http://127.0.0.2:${intranetPort}/start`, allowPrivate: ['127.0.0.2/32'] });
      expect(error.code).toBe('FETCH_BLOCKED');
      expect(error.message).toMatch(/127\.0\.0\.1/);
      expect(reachedTarget).toBe(false);
      // The exempted host itself is fetched normally.
      const direct = await fetchSource({ ...defaults, url: `http://127.0.0.1:${targetPort}/feed`, allowPrivate: ['127.0.0.1'] });
      expect(direct.status).toBe('ok');
    } finally {
      intranet.closeAllConnections();
      target.closeAllConnections();
      await new Promise((resolve) => intranet.close(resolve));
      await new Promise((resolve) => target.close(resolve));
    }
  });
});

describe('fetchSource for file: URLs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-ticker-fetch-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file, then answers not-modified while its mtime is unchanged', async () => {
    const file = path.join(dir, 'feed.xml');
    await writeFile(file, FEED);
    const url = pathToFileURL(file).href;
    const first = await fetchSource({ ...defaults, url, allowPrivate: false });
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.body.toString()).toBe(FEED);
    expect(first.finalUrl).toBe(url);
    expect(await fetchSource({ ...defaults, url, lastModified: first.lastModified })).toEqual({ status: 'not-modified' });
  });

  it('applies the size cap and reports a missing file', async () => {
    const file = path.join(dir, 'big.xml');
    await writeFile(file, Buffer.alloc(2048, 0x61));
    expect((await fetchError({ url: pathToFileURL(file).href, maxBytes: 1024 })).code).toBe('FETCH_TOO_LARGE');
    expect((await fetchError({ url: pathToFileURL(path.join(dir, 'missing.xml')).href })).code).toBe('FETCH_FAILED');
  });
});
