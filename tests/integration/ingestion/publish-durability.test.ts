/**
 * PUBLISH_DURABILITY=replica against a real master and, later, a real replica of it: without a
 * replica a publish is stored but answered 503 NOT_REPLICATED, saying so; with one it is
 * acknowledged, and publishing the refused headline again is a harmless duplicate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { askServer, dataNodeArgs, killRedisProcess, startRedisProcess, type RedisProcess } from '../../helpers/redis-process.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';
import { publishHeadline } from '../../helpers/whole-flow.ts';

let master: TestRedis;
let replicaDir: string;
let replica: RedisProcess | undefined;
let service: RunningService;

beforeAll(async () => {
  master = await startTestRedis();
  replicaDir = await mkdtemp(join(tmpdir(), 'nt-replica-'));
  service = await startTestService({ REDIS_URL: master.url, ROLE: 'gateway', PUBLISH_DURABILITY: 'replica', PUBLISH_REPLICA_TIMEOUT_MS: '2000' });
});
afterAll(async () => {
  await service.stop();
  if (replica !== undefined) await killRedisProcess(replica);
  await master.cleanup();
  await rm(replicaDir, { recursive: true, force: true });
});

describe('PUBLISH_DURABILITY=replica', () => {
  it('answers 503 NOT_REPLICATED when no replica confirms within the timeout, naming the ids it stored', async () => {
    const started = Date.now();
    const { status, error } = await publishHeadline(service.url, 'Durable: no replica yet');
    expect(status).toBe(503);
    expect(error?.code).toBe('NOT_REPLICATED');
    expect(error?.message).toMatch(/no replica confirmed it within 2000 ms \(PUBLISH_DURABILITY=replica\).*publishing it again is safe/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const [id] = error?.details?.ids ?? [];
    expect(await askServer(master.port, (client) => client.xrange(keys.allStream, id ?? '-', id ?? '+'))).toHaveLength(1);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^newsticker_publish_requests_total\{outcome="not_replicated"\} 1$/m);
  });

  it('acknowledges once a replica has the write; the refused headline again is a duplicate', async () => {
    const { port, args } = await dataNodeArgs(replicaDir);
    replica = await startRedisProcess(replicaDir, [...args, '--replicaof', '127.0.0.1', String(master.port)], port);
    // WAIT counts the replicas the master sees online, which it says only after the replica's first ack.
    await waitFor(() => askServer(master.port, async (client) => (await client.info('replication')).includes('state=online')), { what: 'the replica online' });

    const acknowledged = await publishHeadline(service.url, 'Durable: with a replica');
    expect(acknowledged).toMatchObject({ status: 201 });
    expect((await publishHeadline(service.url, 'Durable: no replica yet')).status).toBe(200);
  });
});
