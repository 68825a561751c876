/** Start-up failures say clearly what is wrong, and a clean start runs a private Redis. */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.ts';
import { isAlive, LOCK_FILE } from '../../../src/shared/data-dir-lock.ts';
import { logLines, spawnService, STOP_STEPS, stopSteps } from '../../helpers/service.ts';

const EMPTY_SOURCES = join(process.cwd(), 'tests/fixtures/sources/empty.json');
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

  it('without REDIS_URL and without redis-server, names the ways out', async () => {
    const emptyPath = join(dir, 'empty-bin');
    const { code, output } = await run({ PATH: emptyPath, REDIS_DATA_DIR: join(dir, 'redis') });
    expect(code).toBe(1);
    expect(output).toContain('no redis-server binary was found');
    expect(output).toContain('apt-get install -y redis-server');
    expect(output).toContain('REDIS_URL');
    expect(output).toContain('docker compose up');
  });

  it('without REDIS_URL, starts a private redis-server with AOF (over a stale lock), says what runs where, and stops in order on SIGTERM', async () => {
    const dataDir = join(dir, 'private-redis');
    // A lock left by a service that crashed: its pid is gone, so it is taken over.
    await mkdir(dataDir, { recursive: true });
    const crashed = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: Number(crashed.stdout), redisUrl: 'redis://127.0.0.1:1' }));

    const service = await spawnService({ PORT: '0', REDIS_DATA_DIR: dataDir, SOURCES_FILE: EMPTY_SOURCES });
    await waitFor(async () => ((await fetch(`${service.url}/readyz`)).status === 200 ? true : undefined), { what: 'ready' });
    expect(service.output()).toMatch(/taking over a stale lock/);
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: service.process.pid });
    expect(service.output()).toMatch(/started private redis-server child/);
    // One line says what runs where: role, address, Redis target, sources, publishing.
    const [listening] = logLines(service.output(), /^news-ticker listening on /);
    expect(listening?.msg).toMatch(/^news-ticker listening on http:\/\/127\.0\.0\.1:\d+: role all, redis redis:\/\/127\.0\.0\.1:\d+ \(private redis-server, data in .*\), 0 source\(s\), publishing enabled$/);
    expect(listening).toMatchObject({ role: 'all', sources: 0, publishing: 'enabled (1 key(s))' });

    expect(await service.kill('SIGTERM')).toBe(0);
    // Every step once, in the STOP_ORDER table's order, all ok; the Redis child stopped after
    // every client had closed, so none of them saw it go away.
    expect(stopSteps(service.output()).map((step) => step.replace(/ \(\d+ ms\)$/, ''))).toEqual(STOP_STEPS.map((step) => `${step}: ok`));
    expect(service.output()).not.toMatch(/redis unreachable/);
    expect(service.output()).toMatch(/redis-server child exited/);
    expect(await readdir(dataDir)).toContain('appendonlydir');
    expect(await readdir(dataDir)).not.toContain(LOCK_FILE);
  });

  it('workers/poll-worker.ts runs the worker role alone, whatever ROLE says', async () => {
    const service = await spawnService(
      { PORT: '0', ROLE: 'gateway', REDIS_DATA_DIR: join(dir, 'worker-redis'), SOURCES_FILE: join(process.cwd(), 'tests/fixtures/sources/empty.json') },
      20_000,
      'workers/poll-worker.ts',
    );
    expect(service.output()).toMatch(/"role":"worker"/);
    expect((await fetch(`${service.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(404);
    expect(await service.kill('SIGTERM')).toBe(0);
  });
});

describe('a failed start', () => {
  it('says in one line that PORT is in use, with no stack, and stops the private Redis child it started', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const dataDir = join(dir, 'port-taken-redis');
    try {
      const { code, output } = await run({ PORT: String(port), HOST: '127.0.0.1', REDIS_DATA_DIR: dataDir, SOURCES_FILE: EMPTY_SOURCES });
      expect(code).toBe(1);
      const plain = output.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
      expect(plain).toEqual([`news-ticker: cannot start: port ${port} on 127.0.0.1 (PORT=${port}, HOST=127.0.0.1) is already in use: stop what is listening there, or set PORT to a free port`]);
      expect(output).not.toMatch(/Connection is closed|"level":(40|50|60)/);
      // No redis-server is left running on that data directory, and its lock is gone.
      const [started] = logLines(output, /^started private redis-server child$/);
      expect(isAlive(started?.redisPid as number)).toBe(false);
      expect(await readdir(dataDir)).not.toContain(LOCK_FILE);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('one service per private Redis folder', () => {
  it('refuses a second start on the same REDIS_DATA_DIR in one line naming REDIS_URL and REDIS_DATA_DIR', async () => {
    const dataDir = join(dir, 'shared-folder');
    const first = await spawnService({ PORT: '0', REDIS_DATA_DIR: dataDir, SOURCES_FILE: EMPTY_SOURCES });
    try {
      const [started] = logLines(first.output(), /^started private redis-server child$/);
      const { code, output } = await run({ HOST: '127.0.0.1', REDIS_DATA_DIR: dataDir, SOURCES_FILE: EMPTY_SOURCES });
      expect(code).toBe(1);
      expect(output.trim().split('\n')).toEqual([
        `news-ticker: cannot start: another news-ticker (pid ${first.process.pid ?? '?'}) already runs the private Redis in ${dataDir}: ` +
          `to share it start this one with REDIS_URL=${String(started?.url)}, or give it its own folder with REDIS_DATA_DIR=<another folder>`,
      ]);
      // The first one is untouched.
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await first.kill('SIGTERM')).toBe(0);
    }
    expect(await readdir(dataDir)).not.toContain(LOCK_FILE);
  }, 60_000); // two service processes start, each several seconds on a loaded 2-core machine
});
