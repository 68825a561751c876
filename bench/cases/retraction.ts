/**
 * Retraction fan-out: 1,000 connected Socket.IO clients, each following `*\/*` and one topic,
 * and a series of retractions. Each retraction's reason carries the bench marker with the
 * time the retraction was made (the editor's call, before its script runs), so the load
 * generators time its arrival at every client exactly as they time headlines.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { TOPICS } from '../../src/channels/topics.ts';
import { createAuditLog } from '../../src/editorial/audit.ts';
import { HeadlineEditor } from '../../src/editorial/editor.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics } from '../../src/shared/metrics.ts';
import { ChangeStore } from '../../src/streams/changes.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { socketIoUrl } from '../load/client.ts';
import { marker } from '../load/protocol.ts';
import { nowMicros } from '../lib/clock.ts';
import { percentiles } from '../lib/histogram.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { round } from '../lib/stats.ts';
import { startServer } from '../lib/servers.ts';
import { waitQuiet } from './window.ts';

export interface RetractionResult {
  clients: number;
  retractions: number;
  /** Retractions × clients: every client follows `*\/*`. */
  expected: number;
  delivered: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  error?: string;
}

const WINDOW = 910_001;
const LIMITS = { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 };

export async function runRetraction(loadgens: LoadGenerators, clients: number, retractions: number): Promise<RetractionResult> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const server = await startServer('ours', redisServer.url);
  const expected = clients * retractions;
  try {
    const store = new HeadlineStore(redis, LIMITS);
    const editor = new HeadlineEditor({ changes: new ChangeStore(redis, LIMITS), audit: createAuditLog(redis), logger: createLogger('silent'), metrics: createMetrics() });
    const channelSets = Array.from({ length: clients }, (_, i) => ['*/*', `${TOPICS[i % TOPICS.length]?.slug ?? 'politics'}/*`]);
    const connected = await loadgens.connect('retraction', socketIoUrl(server.url), channelSets);
    if (connected.failed > 0) throw new Error(`${connected.failed} clients failed: ${connected.firstError ?? ''}`);
    const receivedAt = new Date().toISOString();
    const stored = await store.storeMany(
      Array.from({ length: retractions }, (_, i) => ({
        draft: { title: `Story ${i} to retract`, source: { id: 'bench', name: 'Bench' }, publishedAt: null, receivedAt, topics: ['politics'], regions: ['az'] },
        dedupeKeys: [`t:bench-retraction-${Date.now()}-${i}`],
      })),
    );
    await waitQuiet(loadgens, 5_000);
    for (const [seq, { id }] of stored.entries()) {
      await editor.retract(id, `false report ${marker(WINDOW, seq, nowMicros())}`, 'bench');
      await sleep(100);
    }
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await loadgens.progress(WINDOW)).deliveries < expected) await sleep(50);
    const stats = await loadgens.collect(WINDOW);
    const [p50 = null, p95 = null, p99 = null] = percentiles(stats.histogram, expected, [50, 95, 99]).map((v) => round(v, 1));
    await loadgens.disconnect('retraction');
    return { clients, retractions, expected, delivered: stats.deliveries, p50, p95, p99 };
  } catch (error) {
    return { clients, retractions, expected, delivered: 0, p50: null, p95: null, p99: null, error: (error as Error).message };
  } finally {
    await server.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
}
