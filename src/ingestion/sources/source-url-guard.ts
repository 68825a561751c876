/**
 * The SSRF guard for a URL given through the API, checked when a source is created or its URL
 * changes: the same address policy as every fetch (ALLOW_PRIVATE_SOURCES), answered at once as
 * a 400 naming the field instead of as a failing source later. Only http(s): a `file:` source
 * reads the service's own disk, so only the operator's sources file may name one.
 *
 * The connect-time check in the fetch stays the real defence (DNS can answer differently
 * later); this one is for a clear answer now. A name that does not resolve yet is accepted:
 * it fails as any unreachable feed does, with its error in GET /api/sources.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ValidationError } from '../../shared/errors.ts';
import { addressPolicy } from '../fetch/ssrf-guard.ts';

const LOOKUP_TIMEOUT_MS = 2_000;

function refused(path: string, message: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message }]);
}

/** Throws VALIDATION naming `path` when `url` may not be a source URL. */
export type SourceUrlCheck = (url: string, path: string) => Promise<void>;

/** The check of new source URLs under ALLOW_PRIVATE_SOURCES, as SourceAdmin takes it. */
export function sourceUrlCheck(allowPrivate: boolean | readonly string[]): SourceUrlCheck {
  return (url, path) => assertSourceUrlAllowed(url, allowPrivate, path);
}

/** Throws VALIDATION naming `path` when `raw` may not be a source URL. */
export async function assertSourceUrlAllowed(raw: string, allowPrivate: boolean | readonly string[], path = 'url'): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(path, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(path, 'must be an http(s) URL (file: sources belong in the sources file)');
  const policy = addressPolicy(allowPrivate);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host);
  const blocked = addresses.find((address) => policy.blocks(address));
  if (blocked !== undefined) {
    const where = blocked === host ? host : `${host} (${blocked})`;
    throw refused(path, `refused: ${where} is a loopback, private, link-local, metadata or reserved address (${policy.remedy})`);
  }
}

/** The addresses `host` resolves to now; none when it does not resolve (yet) or takes too long. */
async function resolve(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((done) => (timer = setTimeout(() => done([]), LOOKUP_TIMEOUT_MS)));
  const answered = lookup(host, { all: true }).then(
    (found) => found.map((entry) => entry.address),
    // Not resolvable now (ENOTFOUND, no network): judged by the fetch, which reports it on the source.
    (): string[] => [],
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
