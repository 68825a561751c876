/** Bearer API keys for the publish API, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Hashing both sides gives equal-length buffers, so timingSafeEqual never throws and the
 * comparison time does not depend on the key's length or on which key matched.
 */
export function createApiKeyCheck(keys: readonly string[]): (presented: string) => string | undefined {
  const digests = keys.map((key) => ({ key, digest: digest(key) }));
  return (presented) => {
    const candidate = digest(presented);
    let match: string | undefined;
    for (const entry of digests) if (timingSafeEqual(candidate, entry.digest)) match = entry.key;
    return match;
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

export function requireApiKey(keys: readonly string[]): RequestHandler {
  const check = createApiKeyCheck(keys);
  return (req, res, next) => {
    if (keys.length === 0) {
      next(new AppError('FORBIDDEN', 'publishing is disabled: set PUBLISH_API_KEYS to enable it'));
      return;
    }
    const presented = bearerToken(req.get('authorization'));
    const key = presented === undefined ? undefined : check(presented);
    if (key === undefined) {
      res.set('WWW-Authenticate', 'Bearer realm="news-ticker"');
      next(new AppError('UNAUTHORIZED', presented === undefined ? 'missing Authorization: Bearer <key> header' : 'wrong API key'));
      return;
    }
    // The key's hash, never the key, identifies the caller to rate limits and logs.
    res.locals.apiKeyId = digest(key).toString('hex').slice(0, 16);
    res.locals.keyName = `key:${String(res.locals.apiKeyId)}`;
    next();
  };
}

export type Scope = 'publish' | 'edit' | 'admin';

/**
 * The one guard of every route that needs a scope. Until keys carry names and scopes
 * (API_KEYS_FILE), each publish key holds every scope.
 */
export function requireScope(_scope: Scope, keys: readonly string[]): RequestHandler {
  return requireApiKey(keys);
}

/** Who the request's key is, for the audit log: set by the scope guard. */
export function keyNameOf(locals: Record<string, unknown>): string {
  return typeof locals.keyName === 'string' ? locals.keyName : 'unknown';
}
