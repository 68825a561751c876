/**
 * Publishes headlines at a steady rate through the real ingestion path: normaliseItem +
 * withTags + HeadlineStore.store (Lua de-duplication and every channel XADD). Each title
 * carries a marker with the window, a sequence number and the monotonic time taken just
 * before normalising and storing, which the clients subtract from their receipt time.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { normaliseItem, withTags, type PreparedHeadline } from '../../src/headlines/normalise.ts';
import type { HeadlineStore } from '../../src/streams/store.ts';
import { marker } from '../load/protocol.ts';
import { nowMicros } from './clock.ts';
import { rng, type Tags } from './mix.ts';

const SOURCE = { id: 'bench-wire', name: 'Bench Wire' };
const SUMMARY = 'Officials said on Tuesday that talks would continue next week, as markets and regional partners watched closely for signs of a deal.';
const TICK_MS = 2;

export interface PublishPlan {
  window: number;
  /** Seeds which pool entries are published, so every server gets the same sequence. */
  seed: number;
  rate: number;
  durationMs: number;
  pool: readonly Tags[];
  /** Clients each pool entry reaches on this server (all clients for the unfiltered limit). */
  reach: readonly number[];
  /** Store calls in flight at most; the publisher falls behind rather than queueing without bound. */
  maxInFlight: number;
  runId: string;
}

export interface PublishOutcome {
  published: number;
  expected: number;
  errors: number;
  /** How far behind schedule the last store call started, ms. */
  lagMs: number;
  endMicros: number;
}

export function prepareBenchHeadline(title: string, url: string, tags: Tags): PreparedHeadline {
  const now = new Date();
  const result = normaliseItem({ title, url, summary: SUMMARY, publishedAt: now }, { source: SOURCE, receivedAt: now, defaultLang: 'en' });
  if (!result.ok) throw new Error(result.reason);
  return withTags(result.headline, tags);
}

export async function publishWindow(store: HeadlineStore, plan: PublishPlan): Promise<PublishOutcome> {
  const total = Math.max(1, Math.round((plan.rate * plan.durationMs) / 1000));
  const random = rng(plan.seed);
  const started = nowMicros();
  const hardStop = started + (plan.durationMs + 10_000) * 1000;
  let sent = 0;
  let inFlight = 0;
  let expected = 0;
  let errors = 0;
  let lagMs = 0;
  const settled = new Set<Promise<void>>();
  while (sent < total && nowMicros() < hardStop) {
    const due = Math.min(total, Math.floor(((nowMicros() - started) / 1e6) * plan.rate) + 1);
    while (sent < due && inFlight < plan.maxInFlight) {
      const index = Math.floor(random() * plan.pool.length);
      const tags = plan.pool[index] ?? { topics: [], regions: [] };
      expected += plan.reach[index] ?? 0;
      const seq = sent;
      sent += 1;
      inFlight += 1;
      const publishedAt = nowMicros();
      lagMs = Math.max(0, (publishedAt - started) / 1000 - (seq * 1000) / plan.rate);
      const title = `Bench ${tags.topics.join(' ')} ${marker(plan.window, seq, publishedAt)}`;
      const prepared = prepareBenchHeadline(title, `https://bench.example/${plan.runId}/${plan.window}/${seq}`, tags);
      const call: Promise<void> = store.store(prepared).then(
        () => undefined,
        () => void (errors += 1),
      );
      settled.add(call);
      void call.finally(() => {
        inFlight -= 1;
        settled.delete(call);
      });
    }
    await sleep(TICK_MS);
  }
  await Promise.all(settled);
  return { published: sent - errors, expected, errors, lagMs, endMicros: nowMicros() };
}
