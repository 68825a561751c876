/**
 * Ingest: headlines/s through the store path (Lua de-duplication + all-stream, topic and region
 * XADDs) against raw pipelined XADD of the same JSON to one stream, in the same run on the same
 * private Redis. The headlines are the fixture feeds' items as ingestion prepares them (real
 * text, real tags from the classifier; fixture-headlines.ts). The store is measured the way
 * ingestion calls it: a poll stores its feed's items in one `storeMany` call and the worker
 * runs WORKER_CONCURRENCY polls at once (batches of 50, 4 in flight); one `store` call per
 * headline (50 in flight, as single publishes) is reported beside it.
 */
import { Redis } from 'ioredis';
import { encodeDraft } from '../../src/streams/serialise.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { facetStreamsOf } from '../../src/streams/layout.ts';
import { nowMicros } from '../lib/clock.ts';
import { loadFixtureItems, prepareFixtureHeadlines, type FixtureHeadlines } from '../lib/fixture-headlines.ts';
import { median, pooled, round } from '../lib/stats.ts';

const SINGLE_IN_FLIGHT = 50;
const POLL_BATCH = 50;
const POLLS_IN_FLIGHT = 4;
const PIPELINE_BATCH = 1000;
/** Enough to fill the all-stream (MAXLEN 10,000) and the busy topic and region streams (1,000). */
const STEADY_STATE_HEADLINES = 12_000;
const RAW_STREAM = '{nt}:bench:raw';

export interface IngestResult {
  count: number;
  /** The feeds the headlines came from. */
  fixtures: string;
  xaddsPerHeadline: number;
  pollBatch: number;
  pollsInFlight: number;
  /** storeMany in poll-sized batches: the ingestion path, and the figure the ratio uses. */
  storePerSec: number[];
  /** One store call per headline. */
  singlePerSec: number[];
  rawPerSec: number[];
  storeMedian: number | null;
  singleMedian: number | null;
  rawMedian: number | null;
  ratio: number | null;
}

export async function runIngest(count: number, reps: number): Promise<IngestResult> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  try {
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
    const fixtures = loadFixtureItems();
    // An unrecorded pass first, so that both paths are measured with their code compiled and
    // every stream already at its MAXLEN: a deployment's streams are full and trim on every
    // append, which costs Redis about a sixth of the store's time.
    await measureRep(redis, store, fixtures, 'warm-up', Math.max(Math.ceil(count / 5), STEADY_STATE_HEADLINES));
    const measured: RepResult[] = [];
    for (let rep = 0; rep < reps; rep += 1) measured.push(await measureRep(redis, store, fixtures, rep, count));
    const storeMedian = round(median(measured.map((m) => m.store)), 0);
    return {
      count,
      fixtures: fixtures.fixtures,
      xaddsPerHeadline: round(measured[0]?.xadds ?? null, 1) ?? 0,
      pollBatch: POLL_BATCH,
      pollsInFlight: POLLS_IN_FLIGHT,
      storePerSec: measured.map((m) => Math.round(m.store)),
      singlePerSec: measured.map((m) => Math.round(m.single)),
      rawPerSec: measured.map((m) => Math.round(m.raw)),
      storeMedian,
      singleMedian: round(median(measured.map((m) => m.single)), 0),
      rawMedian: round(median(measured.map((m) => m.raw)), 0),
      // Each rep measures both paths back to back; the median of those paired ratios is far
      // less exposed to other load on the machine than a ratio of two separate medians.
      ratio: median(measured.map((m) => m.store / m.raw)),
    };
  } finally {
    redis.disconnect();
    await redisServer.cleanup();
  }
}

interface RepResult {
  store: number;
  single: number;
  raw: number;
  xadds: number;
}

async function measureRep(redis: Redis, store: HeadlineStore, fixtures: FixtureHeadlines, rep: number | string, count: number): Promise<RepResult> {
  // Prepared outside the timing: this measures the store path, not normalisation.
  const items = prepareFixtureHeadlines(fixtures, count, `poll-${rep}`);
  const singles = prepareFixtureHeadlines(fixtures, count, `single-${rep}`);
  // The all-stream plus the headline's topic and region streams.
  const xadds = items.reduce((sum, item) => sum + 1 + facetStreamsOf(item.draft).length, 0) / items.length;
  const jsons = items.map((item) => encodeDraft(item.draft));

  let started = nowMicros();
  await pooled(Math.ceil(items.length / POLL_BATCH), POLLS_IN_FLIGHT, async (batch) => {
    await store.storeMany(items.slice(batch * POLL_BATCH, (batch + 1) * POLL_BATCH));
  });
  const storeRate = count / ((nowMicros() - started) / 1e6);

  started = nowMicros();
  await pooled(singles.length, SINGLE_IN_FLIGHT, async (i) => {
    const item = singles[i];
    if (item !== undefined) await store.store(item);
  });
  const single = count / ((nowMicros() - started) / 1e6);

  started = nowMicros();
  for (let offset = 0; offset < jsons.length; offset += PIPELINE_BATCH) {
    const pipeline = redis.pipeline();
    for (const json of jsons.slice(offset, offset + PIPELINE_BATCH)) pipeline.xadd(RAW_STREAM, 'MAXLEN', '~', 10_000, '*', 'h', json);
    await pipeline.exec();
  }
  const raw = count / ((nowMicros() - started) / 1e6);
  return { store: storeRate, single, raw, xadds };
}
