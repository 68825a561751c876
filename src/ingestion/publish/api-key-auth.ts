/** Bearer API keys with names and scopes, compared in constant time. */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { keyDigest, type ApiKey, type Scope } from '../../config/api-keys.ts';
import { AppError } from '../../shared/errors.ts';

/**
 * Comparing digests gives equal-length buffers, so timingSafeEqual never throws; every key is
 * compared, so the time taken does not depend on the key's length or on which key matched.
 */
export function createKeyLookup(keys: readonly ApiKey[]): (presented: string) => ApiKey | undefined {
  return (presented) => {
    const candidate = keyDigest(presented);
    let match: ApiKey | undefined;
    for (const key of keys) if (timingSafeEqual(candidate, key.digest)) match = key;
    return match;
  };
}

/** A check of one secret (e.g. METRICS_TOKEN) that answers the matching secret or undefined. */
export function createApiKeyCheck(secrets: readonly string[]): (presented: string) => string | undefined {
  const lookup = createKeyLookup(secrets.map((secret) => ({ name: secret, digest: keyDigest(secret), scopes: new Set<Scope>() })));
  return (presented) => lookup(presented)?.name;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/**
 * The one guard of every route that needs a key: 401 for a missing or unknown key, 403 for a
 * key without `scope`. The matched key is left in res.locals (see keyOf, keyNameOf).
 */
export function requireScope(scope: Scope, keys: readonly ApiKey[]): RequestHandler {
  const lookup = createKeyLookup(keys);
  return (req, res, next) => {
    if (keys.length === 0) {
      next(new AppError('FORBIDDEN', 'no API keys are configured: set PUBLISH_API_KEYS or API_KEYS_FILE'));
      return;
    }
    const presented = bearerToken(req.get('authorization'));
    const key = presented === undefined ? undefined : lookup(presented);
    if (key === undefined) {
      res.set('WWW-Authenticate', 'Bearer realm="news-ticker"');
      next(new AppError('UNAUTHORIZED', presented === undefined ? 'missing Authorization: Bearer <key> header' : 'wrong API key'));
      return;
    }
    if (!key.scopes.has(scope)) {
      next(new AppError('FORBIDDEN', `the key "${key.name}" does not have the scope "${scope}"`));
      return;
    }
    res.locals.apiKey = key;
    // The key's hash, never the key, identifies the caller to rate limits and logs.
    res.locals.apiKeyId = key.digest.toString('hex').slice(0, 16);
    next();
  };
}

/** The key the scope guard admitted. */
export function keyOf(locals: Record<string, unknown>): ApiKey {
  const key = locals.apiKey as ApiKey | undefined;
  if (key === undefined) throw new AppError('INTERNAL', 'no API key on the request: the route lacks requireScope');
  return key;
}

/** Who the request's key is, for the audit log: set by the scope guard. */
export function keyNameOf(locals: Record<string, unknown>): string {
  return (locals.apiKey as ApiKey | undefined)?.name ?? 'unknown';
}
