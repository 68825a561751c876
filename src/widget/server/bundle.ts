/**
 * Builds browser bundles with esbuild in memory, once per process, on first use: a fresh
 * clone needs no build step before `npm start` or `npm test`. Each bundle is kept with its
 * gzip form (sent to clients that accept it) and a strong ETag.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';

export interface Bundle {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  /** Short content hash, for cache-busting URLs. */
  readonly version: string;
  readonly contentType: string;
}

const cache = new Map<string, Promise<Bundle>>();

/**
 * Our clients connect with `transports: ['websocket']` (no long-polling, which would need sticky
 * sessions behind a balancer), so Engine.IO's registry of default transports is cut down to the
 * WebSocket one: that drops the polling and WebTransport code, about 2 KB gzipped.
 */
const websocketOnly: Plugin = {
  name: 'engine.io-websocket-only',
  setup(context) {
    context.onResolve({ filter: /^\.\/transports\/index\.js$/ }, (args) =>
      args.importer.includes('engine.io-client') ? { path: `${dirname(args.importer)}/transports/index.js`, namespace: 'ws-only' } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'ws-only' }, (args) => ({
      contents: 'import { WS } from "./websocket.js"; export const transports = { websocket: WS };',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Our protocol is JSON only: neither side ever sends binary. socket.io-parser's binary support
 * (attachment placeholders, walking every payload for ArrayBuffers and Blobs) is replaced by
 * stubs that report "no binary" and refuse a binary packet, which the feed treats as a broken
 * connection. About 0.6 KB gzipped.
 */
const textPacketsOnly: Plugin = {
  name: 'socket.io-parser-text-only',
  setup(context) {
    const stubs: Record<string, string> = {
      './is-binary.js': 'export const isBinary = () => false; export const hasBinary = () => false;',
      './binary.js':
        'export const deconstructPacket = (packet) => ({ packet, buffers: [] }); export const reconstructPacket = () => { throw new Error("binary packets are not supported"); };',
    };
    context.onResolve({ filter: /^\.\/(is-)?binary\.js$/ }, (args) =>
      args.importer.includes('socket.io-parser') ? { path: args.path, namespace: 'text-only' } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'text-only' }, (args) => ({ contents: stubs[args.path] ?? '', loader: 'js' }));
  },
};

async function compile(entry: string): Promise<Bundle> {
  const isCss = entry.endsWith('.css');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [websocketOnly, textPacketsOnly],
    ...(isCss ? { target: ['chrome100', 'firefox100', 'safari15'] } : { format: 'iife', target: 'es2020', platform: 'browser' }),
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  const body = Buffer.from(output.contents);
  const hash = createHash('sha256').update(body).digest('base64url');
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${hash.slice(0, 27)}"`,
    version: hash.slice(0, 12),
    contentType: isCss ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
  };
}

/** The bundle for `entry` (an absolute path); a failed build is retried on the next call. */
export function getBundle(entry: string): Promise<Bundle> {
  let pending = cache.get(entry);
  if (pending === undefined) {
    pending = compile(entry);
    cache.set(entry, pending);
    pending.catch(() => cache.delete(entry));
  }
  return pending;
}

/**
 * Builds `entries` at start-up so that the first page view does not wait for esbuild. A failed
 * build is logged now (the request that needs it builds again and fails loudly then).
 */
export function warmBundles(entries: readonly string[], logger: Logger): void {
  for (const entry of entries) {
    getBundle(entry).catch((error: unknown) => {
      logger.error({ entry, err: describeError(error) }, 'bundle warm-up failed; the first request for it will build again');
    });
  }
}
