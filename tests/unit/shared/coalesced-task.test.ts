/**
 * CoalescedTask: never two runs at once, and no request lost. A request that arrives while a
 * run is in flight must be answered by a run that starts after it, however close to the end of
 * the run in flight it comes. A lost one cost a new source its first poll for up to a minute
 * (the scheduler reconcile) when it was added just as the start-up reconcile finished.
 */
import { describe, expect, it } from 'vitest';
import { CoalescedTask } from '../../../src/shared/coalesced-task.ts';

/** A task whose first run waits for `release`; counts its runs and the most that overlapped. */
function gatedTask(): { task: CoalescedTask; runs: () => number; overlap: () => number; release: () => void; errors: unknown[] } {
  let runs = 0;
  let inFlight = 0;
  let overlap = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const errors: unknown[] = [];
  const task = new CoalescedTask(async () => {
    runs += 1;
    inFlight += 1;
    overlap = Math.max(overlap, inFlight);
    if (runs === 1) await gate;
    inFlight -= 1;
  }, (error) => errors.push(error));
  return { task, runs: () => runs, overlap: () => overlap, release: () => release(), errors };
}

async function microtasks(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await Promise.resolve();
}

describe('CoalescedTask', () => {
  // The end of a run takes a few microtasks; the second request lands at each of them in turn.
  it.each(Array.from({ length: 12 }, (_, depth) => depth))('runs again for a request made %i microtasks after the run in flight finished its task', async (depth) => {
    const { task, runs, overlap, release, errors } = gatedTask();
    const first = task.request();
    release();
    await microtasks(depth);
    const second = task.request();
    await Promise.all([first, second]);
    await task.idle();
    expect(runs()).toBe(2);
    expect(overlap()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('answers any number of requests made during one run with one more run', async () => {
    const { task, runs, release } = gatedTask();
    const requests = [task.request(), task.request(), task.request(), task.request()];
    release();
    await Promise.all(requests);
    expect(runs()).toBe(2);
  });

  it('reports a failed run and runs again on the next request', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const task = new CoalescedTask(() => {
      runs += 1;
      return runs === 1 ? Promise.reject(new Error('first run fails')) : Promise.resolve();
    }, (error) => errors.push(error));
    await task.request();
    await task.request();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
