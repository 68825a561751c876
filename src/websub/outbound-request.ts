/**
 * HTTP requests the service makes to addresses others chose: WebSub callbacks (verification
 * and deliveries) and hubs named by source feeds. Same SSRF guard as source fetches (resolved
 * address checked in the socket's own lookup, IP literals before connecting), no redirects
 * (a callback that redirects is not the callback that was verified), a whole-request deadline
 * and a small cap on what is read back.
 */
import { Agent, request } from 'undici';
import { FetchError } from '../shared/errors.ts';
import { addressPolicy, assertHostAllowed, guardedLookupFor } from '../ingestion/fetch/ssrf-guard.ts';

export interface OutboundPolicy {
  /** ALLOW_PRIVATE_SOURCES: true allows all but cloud metadata; a list of CIDRs exempts just those. */
  allowPrivate: boolean | readonly string[];
  timeoutMs: number;
  userAgent: string;
}

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bytes of the answer kept (the rest is discarded); a challenge echo is short. */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

const DEFAULT_MAX_RESPONSE = 4096;

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new FetchError('FETCH_FAILED', `invalid URL "${raw.slice(0, 200)}"`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('FETCH_BLOCKED', `only http(s) URLs are allowed, not ${url.protocol}`);
  return url;
}

/** Throws FETCH_BLOCKED for a URL whose host is a blocked IP literal (hostnames are checked at connect). */
export function assertTargetAllowed(raw: string, allowPrivate: OutboundPolicy['allowPrivate']): URL {
  const url = parseTarget(raw);
  assertHostAllowed(url.hostname, addressPolicy(allowPrivate));
  return url;
}

export async function sendOutbound(policy: OutboundPolicy, outbound: OutboundRequest): Promise<OutboundResponse> {
  const url = assertTargetAllowed(outbound.url, policy.allowPrivate);
  // One agent per request, as for source fetches: no pooled socket skips the connect-time check.
  // The guard applies even with ALLOW_PRIVATE_SOURCES=true: cloud metadata stays blocked.
  const agent = new Agent({
    connect: { timeout: policy.timeoutMs, lookup: guardedLookupFor(addressPolicy(policy.allowPrivate)) },
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
  });
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    const response = await request(url, {
      method: outbound.method,
      dispatcher: agent,
      signal,
      headers: { 'user-agent': policy.userAgent, ...outbound.headers },
      ...(outbound.body === undefined ? {} : { body: outbound.body }),
    });
    const body = await readSome(response.body, outbound.maxResponseBytes ?? DEFAULT_MAX_RESPONSE);
    return { status: response.statusCode, body, headers: response.headers };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const cause = error instanceof Error && error.cause instanceof FetchError ? error.cause : undefined;
    if (cause !== undefined) throw cause;
    if (signal.aborted) throw new FetchError('FETCH_TIMEOUT', `no answer from ${url.host} within ${policy.timeoutMs} ms`, { cause: error });
    throw new FetchError('FETCH_FAILED', `${outbound.method} ${url.origin}${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    // A failure to close sockets of a finished request cannot change its outcome.
    await agent.destroy().catch(() => undefined);
  }
}

async function readSome(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
