/**
 * API keys with names and scopes: API_KEYS_FILE (a JSON array) plus the plain keys of
 * PUBLISH_API_KEYS, validated once at start-up. Only SHA-256 digests of the keys are kept;
 * a broken file stops start-up with a message naming the entry at fault.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, describeError } from '../shared/errors.ts';
import type { Config } from './env.ts';

const SCOPES = ['publish', 'edit', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** A key as the service holds it: never the key itself. */
export interface ApiKey {
  readonly name: string;
  readonly digest: Buffer;
  readonly scopes: ReadonlySet<Scope>;
  /** Source ids (a trailing `*` matches a prefix) this key may publish under; undefined: any id but a configured source's. */
  readonly sources?: readonly string[] | undefined;
  /**
   * The name readers see on headlines this key publishes without a `source`: the file entry's
   * `name`. Undefined for PUBLISH_API_KEYS, whose `key-N` names mean nothing to a reader.
   */
  readonly publisherName?: string | undefined;
}

const MIN_KEY_LENGTH = 32;

export const keyDigest = (key: string): Buffer => createHash('sha256').update(key).digest();

const sourcePattern = z.string().regex(/^(\*|[a-z0-9][a-z0-9-]{0,63}\*?)$/, 'a source id, or a prefix ending in "*" (desk-*)');

const keyEntrySchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", up to 64'),
    key: z.string().min(MIN_KEY_LENGTH, `must be at least ${MIN_KEY_LENGTH} characters`).optional(),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (the SHA-256 of the key)').optional(),
    scopes: z.array(z.enum(SCOPES)).min(1, 'at least one of publish, edit, admin'),
    sources: z.array(sourcePattern).min(1).optional(),
  })
  .strict()
  .refine((entry) => (entry.key === undefined) !== (entry.sha256 === undefined), 'exactly one of "key" and "sha256"');

function toApiKey(entry: z.infer<typeof keyEntrySchema>): ApiKey {
  const digest = entry.key === undefined ? Buffer.from(entry.sha256 ?? '', 'hex') : keyDigest(entry.key);
  return { name: entry.name, digest, scopes: new Set(entry.scopes), sources: entry.sources, publisherName: entry.name };
}

/** The entries of an API_KEYS_FILE; `origin` names the file in messages. */
export function parseApiKeys(json: unknown, origin = 'API_KEYS_FILE'): ApiKey[] {
  if (!Array.isArray(json)) throw new AppError('CONFIG', `${origin}: must be a JSON array of keys`);
  return json.map((entry: unknown, index) => {
    const result = keyEntrySchema.safeParse(entry);
    if (result.success) return toApiKey(result.data);
    const named = typeof entry === 'object' && entry !== null && 'name' in entry ? ` (name ${JSON.stringify(entry.name)})` : '';
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    throw new AppError('CONFIG', `${origin}: entry ${index}${named} is invalid: ${problems.join('; ')}`, { details: problems });
  });
}

/** PUBLISH_API_KEYS as named keys: `key-1`, `key-2`... with scope publish and any source id. */
export function publishListKeys(keys: readonly string[]): ApiKey[] {
  return keys.map((key, index) => ({ name: `key-${index + 1}`, digest: keyDigest(key), scopes: new Set<Scope>(['publish']) }));
}

/** Every key of the configuration: PUBLISH_API_KEYS, then API_KEYS_FILE when set. Names and keys must not repeat. */
export async function loadApiKeys(config: Pick<Config, 'PUBLISH_API_KEYS' | 'API_KEYS_FILE'>): Promise<ApiKey[]> {
  const fromFile = config.API_KEYS_FILE === undefined ? [] : parseApiKeys(await readJson(config.API_KEYS_FILE), `API_KEYS_FILE ${config.API_KEYS_FILE}`);
  const all = [...publishListKeys(config.PUBLISH_API_KEYS), ...fromFile];
  const names = new Set<string>();
  const digests = new Set<string>();
  for (const key of all) {
    if (names.has(key.name)) throw new AppError('CONFIG', `API keys: the name "${key.name}" is used twice (PUBLISH_API_KEYS are named key-1, key-2...)`);
    const hex = key.digest.toString('hex');
    if (digests.has(hex)) throw new AppError('CONFIG', `API keys: the key named "${key.name}" is the same key as an earlier one`);
    names.add(key.name);
    digests.add(hex);
  }
  return all;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG', `cannot read API_KEYS_FILE ${path}: ${describeError(error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('CONFIG', `API_KEYS_FILE ${path} is not valid JSON: ${describeError(error).message}`, { cause: error });
  }
}

/**
 * May `key` publish under `sourceId`? A key with `sources` publishes only under ids they match;
 * a key without them under any id except a configured source's (`configured`), so that no key
 * holder can publish a feed's story first and suppress the real item through de-duplication.
 */
export function keyAllowsSource(key: ApiKey, sourceId: string, configured: { has(sourceId: string): boolean }): boolean {
  if (key.sources === undefined) return !configured.has(sourceId);
  return key.sources.some((pattern) => (pattern.endsWith('*') ? sourceId.startsWith(pattern.slice(0, -1)) : sourceId === pattern));
}
