/**
 * Ingest: headlines/s through HeadlineStore.store (Lua de-duplication + all-stream and every
 * channel XADD, 50 calls in flight) against raw pipelined XADD of the same JSON to one stream,
 * in the same run on the same private Redis.
 */
import { Redis } from 'ioredis';
import { encodeDraft } from '../../src/streams/serialise.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { channelsOf } from '../../src/channels/channel.ts';
import { nowMicros } from '../lib/clock.ts';
import { buildWorkload, rng } from '../lib/mix.ts';
import { prepareBenchHeadline } from '../lib/publisher.ts';
import { median, pooled, ratio, round } from '../lib/stats.ts';

const IN_FLIGHT = 50;
const PIPELINE_BATCH = 1000;
const RAW_STREAM = '{nt}:bench:raw';

export interface IngestResult {
  count: number;
  xaddsPerHeadline: number;
  storePerSec: number[];
  rawPerSec: number[];
  storeMedian: number | null;
  rawMedian: number | null;
  ratio: number | null;
}

export async function runIngest(count: number, reps: number): Promise<IngestResult> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  try {
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
    const { pool } = buildWorkload(1, 7);
    const storePerSec: number[] = [];
    const rawPerSec: number[] = [];
    let xadds = 0;
    for (let rep = 0; rep < reps; rep += 1) {
      const random = rng(rep + 1);
      // Prepared outside the timing: this measures the store path, not normalisation.
      const items = Array.from({ length: count }, (_, i) => {
        const tags = pool[Math.floor(random() * pool.length)] ?? { topics: [], regions: [] };
        return prepareBenchHeadline(`Ingest ${rep} headline ${i} ${tags.topics.join(' ')}`, `https://bench.example/ingest/${rep}/${i}`, tags);
      });
      xadds = items.reduce((sum, item) => sum + channelsOf(item.draft).length, 0) / items.length;
      const jsons = items.map((item) => encodeDraft(item.draft));

      let started = nowMicros();
      await pooled(items.length, IN_FLIGHT, async (i) => {
        const item = items[i];
        if (item !== undefined) await store.store(item);
      });
      storePerSec.push(count / ((nowMicros() - started) / 1e6));

      started = nowMicros();
      for (let offset = 0; offset < jsons.length; offset += PIPELINE_BATCH) {
        const pipeline = redis.pipeline();
        for (const json of jsons.slice(offset, offset + PIPELINE_BATCH)) pipeline.xadd(RAW_STREAM, 'MAXLEN', '~', 10_000, '*', 'h', json);
        await pipeline.exec();
      }
      rawPerSec.push(count / ((nowMicros() - started) / 1e6));
    }
    const storeMedian = round(median(storePerSec), 0);
    const rawMedian = round(median(rawPerSec), 0);
    return {
      count,
      xaddsPerHeadline: round(xadds, 1) ?? 0,
      storePerSec: storePerSec.map((n) => Math.round(n)),
      rawPerSec: rawPerSec.map((n) => Math.round(n)),
      storeMedian,
      rawMedian,
      ratio: ratio(storeMedian, rawMedian),
    };
  } finally {
    redis.disconnect();
    await redisServer.cleanup();
  }
}
