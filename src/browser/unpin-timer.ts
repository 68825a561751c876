/**
 * Wakes a view when its next breaking headline stops being pinned first (`breaking-minutes` in
 * the widget, `?breaking=` on the dashboard), so it can show the headline back in its place.
 * One timer per view, always for the earliest unpin: re-armed after every change to the set.
 */
import type { HeadlineSet } from './headline-set.ts';

/** The time a view runs on: the browser's, or a test's own. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class UnpinTimer {
  private handle: unknown;

  constructor(
    private readonly kept: HeadlineSet,
    /** Called once the earliest pinned headline is due, with the time it ran at. */
    private readonly onUnpin: (now: number) => void,
    private readonly clock: Clock = browserClock,
  ) {}

  /** Arms the timer for the earliest unpin from now, or disarms it when nothing is pinned. */
  schedule(): void {
    this.stop();
    const now = this.clock.now();
    const next = this.kept.nextUnpin(now);
    if (next === undefined) return;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.onUnpin(this.clock.now());
      this.schedule();
    }, next - now);
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
