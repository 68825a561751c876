/** Which scripts a Cluster client may send to a replica: exactly those flagged no-writes on their first line. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isReadOnlyScript } from '../../../src/shared/lua-script.ts';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));
const scripts = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.lua'));

describe('read-only scripts', () => {
  it('are read-combined-2.lua alone, and it calls no command that writes', () => {
    const readOnly = scripts.filter((path) => isReadOnlyScript(readFileSync(join(SRC, path), 'utf8')));
    expect(readOnly.map((path) => path.split('/').pop())).toEqual(['read-combined-2.lua']);
    const lua = readFileSync(join(SRC, readOnly[0] ?? ''), 'utf8');
    const called = new Set([...lua.matchAll(/redis\.p?call\(\s*'([A-Z]+)'/g)].map((match) => match[1]));
    expect([...called].sort()).toEqual(['XINFO', 'XRANGE', 'XREVRANGE']);
  });

  it('reads the flag only where Redis does: the first line', () => {
    expect(isReadOnlyScript('#!lua flags=no-writes\nreturn 1')).toBe(true);
    expect(isReadOnlyScript('#!lua flags=allow-stale,no-writes\nreturn 1')).toBe(true);
    expect(isReadOnlyScript('-- #!lua flags=no-writes\nreturn 1')).toBe(false);
    expect(isReadOnlyScript('#!lua\nreturn 1')).toBe(false);
  });
});
