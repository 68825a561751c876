/**
 * Regression: a subscribe that arrived before the live loop had its start position opened its
 * gate too early, and entries between its backlog read and the loop's start id were lost
 * (seen as lost=1 in the gateway-restart test). Gates now wait for the start position.
 */
import { describe, expect, it } from 'vitest';
import { Broadcaster } from '../../../src/gateway/live/broadcaster.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';

function broadcaster(): Broadcaster {
  return new Broadcaster({ emitToMembers: () => undefined, emitChangesToMembers: () => undefined, logger: createLogger('silent'), metrics: createMetrics() });
}

describe('Broadcaster.whenStarted', () => {
  it('holds callers until the stream tail reports its start position', async () => {
    const live = broadcaster();
    let settled: boolean | undefined;
    const waiting = live.whenStarted(5_000).then((started) => (settled = started));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBeUndefined();
    live.onBatch([], '1700000000000-0'); // the tail's first, empty dispatch
    expect(await waiting).toBe(true);
    expect(await live.whenStarted(1)).toBe(true);
  });

  it('answers false when the tail never starts (Redis down at start-up)', async () => {
    expect(await broadcaster().whenStarted(30)).toBe(false);
  });
});
