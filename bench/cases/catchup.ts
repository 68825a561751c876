/**
 * Catch-up: a client that was away while 1,000 matching headlines were stored reconnects and
 * subscribes with `since`; we time emit → ack with socket.io-client and check the ack really
 * holds all 1,000 with recovered: true. The channels span two streams, so the gateway merges.
 */
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { parseChannel } from '../../src/channels/channel.ts';
import { matchesChannel } from '../../src/protocol/channels.ts';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck, FailureAck } from '../../src/protocol/events.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics } from '../../src/shared/metrics.ts';
import { HeadlineReader } from '../../src/streams/reader.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { nowMicros } from '../lib/clock.ts';
import { buildWorkload } from '../lib/mix.ts';
import { prepareBenchHeadline } from '../lib/publisher.ts';
import { startServer } from '../lib/servers.ts';
import { median, pooled, round } from '../lib/stats.ts';
import { describeError } from '../../src/shared/errors.ts';

const CHANNELS = ['politics/*', '*/europe'];

export interface CatchUpResult {
  missed: number;
  channels: string[];
  ms: number[];
  medianMs: number | null;
  complete: boolean;
  error?: string;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function subscribeSince(url: string, since: string, limit: number): Promise<{ ms: number; ack: SubscribeAck | FailureAck }> {
  const socket: ClientSocket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000 });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const started = nowMicros();
    const ack = await new Promise<SubscribeAck | FailureAck>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('subscribe ack timed out')), 10_000);
      socket.emit('subscribe', { channels: CHANNELS, since, limit }, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
    return { ms: (nowMicros() - started) / 1000, ack };
  } finally {
    socket.disconnect();
  }
}

export async function runCatchUp(missed: number, reps: number): Promise<CatchUpResult> {
  const result: CatchUpResult = { missed, channels: CHANNELS, ms: [], medianMs: null, complete: true };
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const server = await startServer('ours', redisServer.url).catch((error: unknown) => error as Error);
  try {
    if (server instanceof Error) throw server;
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
    const reader = new HeadlineReader(redis, { logger: createLogger('silent'), metrics: createMetrics() });
    const channels = CHANNELS.map((name) => {
      const parsed = parseChannel(name);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.channel;
    });
    const pool = buildWorkload(1, 11, 2048).pool.filter((tags) => channels.some((channel) => matchesChannel(tags, channel.name)));
    // One warm-up round so that the first timed subscribe is not the JIT's first.
    for (let rep = 0; rep <= reps; rep += 1) {
      const since = await reader.lastId();
      await pooled(missed, 50, async (i) => {
        const tags = pool[i % pool.length] ?? { topics: ['politics'], regions: [] };
        await store.store(prepareBenchHeadline(`Catch-up ${rep} headline ${i}`, `https://bench.example/catchup/${Date.now()}/${rep}/${i}`, tags));
      });
      const { ms, ack } = await subscribeSince(server.url, since, 20);
      const ok = ack.ok && ack.recovered && ack.headlines.length === missed;
      if (!ok) {
        result.complete = false;
        result.error ??= ack.ok ? `ack had ${ack.headlines.length} headlines, recovered ${ack.recovered}` : `${ack.error.code}: ${ack.error.message}`;
      }
      if (rep > 0) result.ms.push(round(ms, 2) ?? 0);
    }
    result.medianMs = median(result.ms);
  } catch (error) {
    result.complete = false;
    result.error = describeError(error).message.slice(0, 500);
  } finally {
    if (!(server instanceof Error)) await server.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
  return result;
}
