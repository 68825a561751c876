/** Start-up failures say clearly what is wrong, and a clean start runs a private Redis. */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnService } from '../../helpers/service.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nt-startup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('start-up', () => {
  it('stops with a message naming the variable when configuration is wrong', async () => {
    const { code, output } = await run({ ROLE: 'boss', PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: invalid configuration: .*PORT.*ROLE/);
  });

  it('stops naming the entry at fault in a broken sources file', async () => {
    const file = join(dir, 'sources.json');
    await writeFile(file, JSON.stringify([{ id: 'ok', name: 'OK', type: 'feed', url: 'https://example.com/a.xml' }, { id: 'bad', name: 'Bad', type: 'feed', url: 'gopher://x' }]));
    const { code, output } = await run({ SOURCES_FILE: file, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toMatch(/entry 1 \(id "bad"\) is invalid: url/);
  });

  it('refuses an unknown key in the sources file, naming it and the closest known key', async () => {
    const file = join(dir, 'sources-typo.json');
    await writeFile(file, JSON.stringify([{ id: 'typo', name: 'Typo', type: 'feed', url: 'https://example.com/a.xml', interval: 60, timeZone: 'Europe/Paris' }]));
    const { code, output } = await run({ SOURCES_FILE: file, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toContain('unknown key "interval" (did you mean "intervalSeconds"?)');
    expect(output).toContain('unknown key "timeZone" (did you mean "timezone"?)');
  });

  it('without REDIS_URL and without redis-server, names the ways out', async () => {
    const emptyPath = join(dir, 'empty-bin');
    const { code, output } = await run({ PATH: emptyPath, REDIS_DATA_DIR: join(dir, 'redis') });
    expect(code).toBe(1);
    expect(output).toContain('no redis-server binary was found');
    expect(output).toContain('apt-get install -y redis-server');
    expect(output).toContain('REDIS_URL');
    expect(output).toContain('docker compose up');
  });

  it('without REDIS_URL, starts a private redis-server with AOF and stops it on SIGTERM', async () => {
    const dataDir = join(dir, 'private-redis');
    const service = await spawnService({ PORT: '0', REDIS_DATA_DIR: dataDir, SOURCES_FILE: join(process.cwd(), 'tests/fixtures/sources/empty.json') });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(service.output()).toMatch(/started private redis-server child/);
    expect(service.output()).toMatch(/"publishing":"enabled \(1 key\(s\)\)"/);
    expect(await service.kill('SIGTERM')).toBe(0);
    expect(service.output()).toMatch(/redis-server child exited/);
    expect(await readdir(dataDir)).toContain('appendonlydir');
  });
});

describe('a failed start', () => {
  it('stops the private Redis child it started when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const dataDir = join(dir, 'port-taken-redis');
    try {
      const { code, output } = await run({ PORT: String(port), HOST: '127.0.0.1', REDIS_DATA_DIR: dataDir, SOURCES_FILE: join(process.cwd(), 'tests/fixtures/sources/empty.json') });
      expect(code).toBe(1);
      expect(output).toMatch(/EADDRINUSE/);
      expect(output).toMatch(/redis-server child exited/);
      // No redis-server is left running on that data directory.
      const ps = spawnSync('pgrep', ['-f', `--dir ${dataDir}`], { encoding: 'utf8' });
      expect(ps.stdout.trim()).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
