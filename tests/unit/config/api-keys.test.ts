import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyAllowsSource, keyDigest, loadApiKeys, parseApiKeys, publishListKeys } from '../../../src/config/api-keys.ts';

const LONG_KEY = 'k'.repeat(32);

describe('parseApiKeys', () => {
  it('keeps only the SHA-256 of each key, whether given as the key or as its digest', () => {
    const [plain, hashed] = parseApiKeys([
      { name: 'desk', key: LONG_KEY, scopes: ['publish'], sources: ['desk-*'] },
      { name: 'ops', sha256: keyDigest(LONG_KEY).toString('hex').toUpperCase(), scopes: ['admin', 'edit'] },
    ]);
    expect(plain).toEqual({ name: 'desk', digest: keyDigest(LONG_KEY), scopes: new Set(['publish']), sources: ['desk-*'], publisherName: 'desk' });
    expect(hashed?.digest.equals(keyDigest(LONG_KEY))).toBe(true);
    expect(JSON.stringify(plain)).not.toContain(LONG_KEY);
  });

  it('names the entry at fault and the problem', () => {
    expect(() => parseApiKeys({})).toThrow(/must be a JSON array/);
    expect(() => parseApiKeys([{ name: 'a', key: LONG_KEY, scopes: ['publish'] }, { name: 'short', key: 'too-short', scopes: ['publish'] }])).toThrow(
      /entry 1 \(name "short"\) is invalid: key: must be at least 32 characters/,
    );
    expect(() => parseApiKeys([{ name: 'both', key: LONG_KEY, sha256: 'ab'.repeat(32), scopes: ['edit'] }])).toThrow(/exactly one of "key" and "sha256"/);
    expect(() => parseApiKeys([{ name: 'none', scopes: ['edit'] }])).toThrow(/exactly one of "key" and "sha256"/);
    expect(() => parseApiKeys([{ name: 'x', key: LONG_KEY, scopes: ['root'] }])).toThrow(/scopes\.0/);
    expect(() => parseApiKeys([{ name: 'x', key: LONG_KEY, scopes: [] }])).toThrow(/at least one of publish, edit, admin/);
    expect(() => parseApiKeys([{ name: 'x', key: LONG_KEY, scopes: ['publish'], sources: ['Desk*'] }])).toThrow(/sources\.0/);
    expect(() => parseApiKeys([{ name: 'x', sha256: 'abc', scopes: ['publish'] }])).toThrow(/64 hex digits/);
  });
});

describe('loadApiKeys', () => {
  it('names PUBLISH_API_KEYS key-1, key-2... and refuses a name or a key used twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nt-keys-'));
    try {
      const file = join(dir, 'keys.json');
      const list = ['a'.repeat(16), 'b'.repeat(16)];
      const listed = await loadApiKeys({ PUBLISH_API_KEYS: list, API_KEYS_FILE: undefined });
      expect(listed.map((key) => key.name)).toEqual(['key-1', 'key-2']);
      // key-N names nothing a reader should see on a headline.
      expect(listed.map((key) => key.publisherName)).toEqual([undefined, undefined]);
      await writeFile(file, JSON.stringify([{ name: 'key-2', key: LONG_KEY, scopes: ['edit'] }]));
      await expect(loadApiKeys({ PUBLISH_API_KEYS: list, API_KEYS_FILE: file })).rejects.toThrow(/the name "key-2" is used twice/);
      await writeFile(file, JSON.stringify([{ name: 'again', sha256: keyDigest('a'.repeat(16)).toString('hex'), scopes: ['edit'] }]));
      await expect(loadApiKeys({ PUBLISH_API_KEYS: list, API_KEYS_FILE: file })).rejects.toThrow(/"again" is the same key as an earlier one/);
      await writeFile(file, '[{');
      await expect(loadApiKeys({ PUBLISH_API_KEYS: [], API_KEYS_FILE: file })).rejects.toThrow(/is not valid JSON/);
      await expect(loadApiKeys({ PUBLISH_API_KEYS: [], API_KEYS_FILE: join(dir, 'missing.json') })).rejects.toThrow(/cannot read API_KEYS_FILE/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('keyAllowsSource', () => {
  const configured = new Set(['bbc-world']);
  it('matches ids and prefixes for a limited key, and any id but a configured one otherwise', () => {
    const [desk] = parseApiKeys([{ name: 'desk', key: LONG_KEY, scopes: ['publish'], sources: ['desk-*', 'wire'] }]);
    const [open] = publishListKeys(['o'.repeat(16)]);
    if (desk === undefined || open === undefined) throw new Error('no keys parsed');
    expect(['desk-sport', 'desk-', 'wire'].map((id) => keyAllowsSource(desk, id, configured))).toEqual([true, true, true]);
    expect(['bbc-world', 'wire-2', 'news-desk-1'].map((id) => keyAllowsSource(desk, id, configured))).toEqual([false, false, false]);
    expect(keyAllowsSource(open, 'caliber-az', configured)).toBe(true);
    expect(keyAllowsSource(open, 'bbc-world', configured)).toBe(false);
  });
});
