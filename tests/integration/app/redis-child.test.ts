/**
 * The private redis-server child (`npm start` without REDIS_URL) dying: it is logged at error
 * level and restarted on its data, and the service works again (what was stored before is still
 * there, a new publish is read back). A child that keeps dying makes the service exit non-zero.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../src/shared/data-dir-lock.ts';
import { logLines, spawnService, TEST_API_KEY, type ChildService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const EMPTY_SOURCES = join(process.cwd(), 'tests/fixtures/sources/empty.json');
let dir: string;
const running: ChildService[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nt-redis-child-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.kill('SIGKILL')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function start(name: string): Promise<ChildService> {
  const service = await spawnService({ PORT: '0', REDIS_DATA_DIR: join(dir, name), SOURCES_FILE: EMPTY_SOURCES });
  running.push(service);
  await waitFor(async () => ((await fetch(`${service.url}/readyz`)).status === 200 ? true : undefined), { timeoutMs: 20_000, what: 'ready' });
  return service;
}

function redisPids(service: ChildService): number[] {
  return logLines(service.output(), /(re)?started private redis-server child/).map((entry) => entry.redisPid as number);
}

async function publish(service: ChildService, title: string): Promise<number> {
  const response = await fetch(`${service.url}/api/headlines`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, url: `https://example.com/${encodeURIComponent(title)}`, source: { id: 'ops', name: 'Ops' } }),
  });
  return response.status;
}

async function titles(service: ChildService): Promise<string[]> {
  const reply = (await (await fetch(`${service.url}/api/headlines?limit=50`)).json()) as { headlines: { title: string }[] };
  return reply.headlines.map((headline) => headline.title);
}

describe('the private Redis child dies', () => {
  it('is logged at error level and restarted on its data; the service works again', async () => {
    const service = await start('restart');
    expect(await publish(service, 'Stored before the crash')).toBe(201);
    const [first] = redisPids(service);
    process.kill(first ?? 0, 'SIGKILL');

    await service.waitForOutput(/restarted private redis-server child/);
    const [died] = logLines(service.output(), /^the private redis-server died/);
    expect(died).toMatchObject({ level: 50, signal: 'SIGKILL', restart: 1 });
    await waitFor(async () => ((await fetch(`${service.url}/readyz`)).status === 200 ? true : undefined), { what: 'ready again' });

    expect(await titles(service)).toContain('Stored before the crash'); // the AOF was replayed
    await waitFor(async () => ((await publish(service, 'Stored after the restart')) === 201 ? true : undefined), { what: 'a publish after the restart' });
    expect(await titles(service)).toEqual(expect.arrayContaining(['Stored before the crash', 'Stored after the restart']));
    expect(await service.kill('SIGTERM')).toBe(0);
  }, 60_000); // a service start, a Redis restart and the AOF replay, on a loaded machine

  it('exits non-zero when the child keeps dying (more than 5 restarts within a minute)', async () => {
    const service = await start('keeps-dying');
    for (let killed = 0; killed < 6; killed += 1) {
      const pids = redisPids(service);
      expect(pids).toHaveLength(killed + 1);
      process.kill(pids[killed] ?? 0, 'SIGKILL');
      if (killed < 5) await waitFor(() => (redisPids(service).length > killed + 1 ? true : undefined), { timeoutMs: 30_000, what: `restart ${killed + 1}` });
    }
    const code = await new Promise<number | null>((resolve) => (service.process.exitCode === null ? service.process.once('exit', resolve) : resolve(service.process.exitCode)));
    expect(code).toBe(1);
    expect(service.output()).toMatch(/died 6 times within 60 s; not restarting it/);
    for (const pid of redisPids(service)) expect(isAlive(pid)).toBe(false);
  }, 90_000); // six restarts with their backoff (0.1 + 0.2 + 0.4 + 0.8 + 1.6 s) on a loaded machine
});
