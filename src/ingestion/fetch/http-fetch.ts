/**
 * Fetching one source: http(s) with undici, or a local `file:` URL.
 *
 * Every limit the design asks for lives here: a whole-request timeout (covers a server that never
 * answers and one that trickles), a size cap counted after decompression, redirects followed
 * manually so each hop passes the SSRF guard, and conditional GET.
 */
import { stat, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Agent, request, type Dispatcher } from 'undici';
import { FetchError, describeError } from '../../shared/errors.ts';
import { readCappedBody, tooLarge } from './body.ts';
import { cidrList } from '../../shared/cidr.ts';
import { assertHostAllowed, guardedLookupFor } from './ssrf-guard.ts';

export interface FetchOptions {
  url: string;
  etag?: string;
  lastModified?: string;
  /** Whole-request budget, all redirect hops and the body included. */
  timeoutMs: number;
  /** Cap on the decoded (decompressed) body. */
  maxBytes: number;
  maxRedirects?: number;
  /** ALLOW_PRIVATE_SOURCES: true skips the SSRF guard; a list of CIDRs exempts just those. */
  allowPrivate: boolean | readonly string[];
  userAgent: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; body: Buffer; contentType?: string; etag?: string; lastModified?: string; finalUrl: string };

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, text/plain;q=0.6, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchSource(options: FetchOptions): Promise<FetchResult> {
  const url = parseUrl(options.url);
  if (url.protocol === 'file:') return readFileSource(url, options);
  return fetchHttp(url, options);
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new FetchError('FETCH_FAILED', `invalid source URL "${raw}"`, { cause: error });
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
    throw new FetchError('FETCH_BLOCKED', `unsupported URL scheme "${url.protocol}" (only http, https and file)`);
  }
  return url;
}

/** `file:` sources are configured by the operator (sources file), so the SSRF guard does not apply. */
async function readFileSource(url: URL, options: FetchOptions): Promise<FetchResult> {
  const path = fileURLToPath(url);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FetchError('FETCH_FAILED', `${path} is not a regular file`);
    const lastModified = info.mtime.toUTCString();
    if (options.lastModified !== undefined && options.lastModified === lastModified) return { status: 'not-modified' };
    if (info.size > options.maxBytes) throw tooLarge(options.maxBytes, `of ${info.size} bytes exceeds`);
    const body = await readFile(path, { signal: options.signal });
    if (body.length > options.maxBytes) throw tooLarge(options.maxBytes, 'exceeds');
    return { status: 'ok', body, lastModified, finalUrl: url.href };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('FETCH_FAILED', `cannot read ${path}: ${describeError(error).message}`, { cause: error });
  }
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) return value[0];
  return value;
}

async function fetchHttp(initial: URL, options: FetchOptions): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeoutMs = options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timeoutError = new FetchError('FETCH_TIMEOUT', `no complete response from ${initial.host} within ${timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeoutError), timeoutMs);
  const onOuterAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted === true) onOuterAbort();

  // One agent per fetch: no pooled socket outlives the request, and the guard sits in the
  // connector, so every new connection (every hop) has its resolved address checked.
  const exempt = Array.isArray(options.allowPrivate) ? cidrList(options.allowPrivate) : undefined;
  const agent = new Agent({
    connect: options.allowPrivate === true ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup: guardedLookupFor(exempt) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  try {
    let url = initial;
    for (let hop = 0; ; hop += 1) {
      if (options.allowPrivate !== true) assertHostAllowed(url.hostname, exempt);
      const response = await request(url, {
        method: 'GET',
        dispatcher: agent,
        signal: controller.signal,
        headers: requestHeaders(options),
      });
      const { statusCode, headers } = response;
      if (REDIRECT_STATUSES.has(statusCode)) {
        await response.body.dump();
        if (hop >= maxRedirects) {
          throw new FetchError('FETCH_TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects fetching ${initial.href}`);
        }
        url = nextHop(url, header(headers, 'location'), statusCode);
        continue;
      }
      if (statusCode === 304) {
        await response.body.dump();
        return { status: 'not-modified' };
      }
      if (statusCode < 200 || statusCode > 299) {
        await response.body.dump();
        throw new FetchError('FETCH_HTTP_STATUS', `HTTP ${statusCode} from ${url.href}`, { details: { status: statusCode } });
      }
      const declared = Number(header(headers, 'content-length'));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.body.destroy();
        throw tooLarge(options.maxBytes, `of ${declared} bytes (Content-Length) exceeds`);
      }
      const body = await readCappedBody(response.body, header(headers, 'content-encoding'), options.maxBytes);
      return compact({
        body,
        contentType: header(headers, 'content-type'),
        etag: header(headers, 'etag'),
        lastModified: header(headers, 'last-modified'),
        finalUrl: url.href,
      });
    }
  } catch (error) {
    throw toFetchError(error, controller.signal, timeoutError, initial);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    // Closing sockets of a finished request cannot change its outcome; a failure here must not
    // mask the fetch's own result or error, so it is deliberately not rethrown.
    await agent.destroy().catch(() => undefined);
  }
}

function requestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag !== undefined && options.etag !== '') headers['if-none-match'] = options.etag;
  if (options.lastModified !== undefined && options.lastModified !== '') headers['if-modified-since'] = options.lastModified;
  return headers;
}

function nextHop(current: URL, location: string | undefined, status: number): URL {
  if (location === undefined || location.trim() === '') {
    throw new FetchError('FETCH_FAILED', `HTTP ${status} redirect without a Location header from ${current.href}`);
  }
  let next: URL;
  try {
    next = new URL(location.trim(), current);
  } catch (error) {
    throw new FetchError('FETCH_FAILED', `invalid redirect Location "${location}" from ${current.href}`, { cause: error });
  }
  // Never from the network to the local disk or anything else odd.
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FetchError('FETCH_BLOCKED', `refusing redirect to ${next.protocol} URL from ${current.href}`);
  }
  return next;
}

function compact(result: { body: Buffer; contentType: string | undefined; etag: string | undefined; lastModified: string | undefined; finalUrl: string }): FetchResult {
  const out: FetchResult = { status: 'ok', body: result.body, finalUrl: result.finalUrl };
  if (result.contentType !== undefined) out.contentType = result.contentType;
  if (result.etag !== undefined) out.etag = result.etag;
  if (result.lastModified !== undefined) out.lastModified = result.lastModified;
  return out;
}

/** Finds a FetchError anywhere in a cause chain (undici wraps connector errors). */
function findFetchError(error: unknown): FetchError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof FetchError) return current;
    current = current.cause;
  }
  return undefined;
}

function toFetchError(error: unknown, signal: AbortSignal, timeoutError: FetchError, url: URL): FetchError {
  if (signal.aborted && signal.reason === timeoutError) return timeoutError;
  const found = findFetchError(error);
  if (found !== undefined) return found;
  if (signal.aborted) return new FetchError('FETCH_FAILED', `fetch of ${url.href} was aborted`, { cause: error });
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError('FETCH_TIMEOUT', `timed out fetching ${url.href} (${code})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('FETCH_FAILED', `cannot fetch ${url.href}: ${code === undefined ? message : `${code} ${message}`}`, { cause: error });
}
