/** The audit log in Redis, bounded, and GET /api/audit (scope admin), newest first. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { createAuditLog, type AuditEntry } from '../../../src/editorial/audit.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startKeyedService, type KeyedService } from '../../helpers/keyed-service.ts';
import { TEST_API_KEY } from '../../helpers/service.ts';

const ADMIN_KEY = 'admin-key-0123456789abcdef012345678';

let running: KeyedService;
let redis: Redis;
let service: RunningService;

const entry = (n: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  actor: 'night-editor',
  action: n % 2 === 0 ? 'source.update' : 'headline.retract',
  target: `target-${n}`,
  before: { intervalSeconds: 300 },
  after: { intervalSeconds: 60 },
  reason: `reason ${n}`,
});

async function getAudit(query: string, key?: string): Promise<{ status: number; json: { entries?: AuditEntry[]; error?: { code: string } } }> {
  const response = await fetch(`${service.url}/api/audit${query}`, { headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
  return { status: response.status, json: (await response.json()) as { entries?: AuditEntry[]; error?: { code: string } } };
}

beforeAll(async () => {
  running = await startKeyedService([{ name: 'ops', key: ADMIN_KEY, scopes: ['admin'] }]);
  ({ service, redis } = running);
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  await redis.flushall(); // this file's private Redis
});

describe('audit log', () => {
  it('keeps at most its bound of entries, newest first', async () => {
    const audit = createAuditLog(redis, 3);
    for (let n = 1; n <= 5; n += 1) await audit.record(entry(n));
    expect(await redis.llen(keys.audit)).toBe(3);
    expect((await audit.recent(10)).map((e) => e.target)).toEqual(['target-5', 'target-4', 'target-3']);
  });

  it('serves GET /api/audit?limit=N to an admin key, newest first, with every field', async () => {
    const audit = createAuditLog(redis);
    for (let n = 1; n <= 4; n += 1) await audit.record(entry(n));
    const { status, json } = await getAudit('?limit=2', ADMIN_KEY);
    expect(status).toBe(200);
    expect(json.entries).toEqual([entry(4), entry(3)]);
    expect((await getAudit('', ADMIN_KEY)).json.entries).toHaveLength(4);
  });

  it('answers 401 without a key, 403 to a publish-only key and 400 to a bad limit', async () => {
    expect((await getAudit('')).status).toBe(401);
    const forbidden = await getAudit('', TEST_API_KEY);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error?.code).toBe('FORBIDDEN');
    expect((await getAudit('?limit=0', ADMIN_KEY)).status).toBe(400);
    expect((await getAudit('?limit=abc', ADMIN_KEY)).status).toBe(400);
  });
});
