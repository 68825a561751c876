import { describe, expect, it } from 'vitest';
import { ScanGate, type GateClock, type ScanReply } from '../../../src/streams/combined-scan.ts';

/** A clock that moves only when the gate sleeps. */
function fakeClock(): GateClock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: (ms: number) => {
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

describe('the scan gate', () => {
  it('runs one call at a time, paced to the entries it examined', async () => {
    const clock = fakeClock();
    const gate = new ScanGate(1_000, clock);
    const starts: number[] = [];
    let running = 0;
    const call = (examined: number) => async (): Promise<ScanReply> => {
      running += 1;
      expect(running).toBe(1);
      starts.push(clock.time);
      await Promise.resolve();
      running -= 1;
      return [[], '', examined];
    };
    // 500 entries at 1,000 a second cost 500 ms; a call that examined 100 costs 100 ms.
    await Promise.all([gate.run(500, call(500)), gate.run(500, call(100)), gate.run(500, call(500)), gate.run(500, call(0))]);
    expect(starts).toEqual([0, 500, 600, 1_100]);
  });

  it('lets a call through at once when the gate has been idle', async () => {
    const clock = fakeClock();
    const gate = new ScanGate(1_000, clock);
    await gate.run(500, () => Promise.resolve([[], '', 500]));
    clock.time = 10_000;
    let startedAt = -1;
    await gate.run(500, () => {
      startedAt = clock.time;
      return Promise.resolve([[], '', 500]);
    });
    expect(startedAt).toBe(10_000);
  });

  it('passes a failed call on to its caller and keeps serving the next', async () => {
    const gate = new ScanGate(1_000_000, fakeClock());
    await expect(gate.run(1, () => Promise.reject(new Error('NOSCRIPT')))).rejects.toThrow('NOSCRIPT');
    await expect(gate.run(1, () => Promise.resolve([[], '', 1]))).resolves.toEqual([[], '', 1]);
  });
});
