import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src/ingestion/sources/source-state.ts';

describe('backoffDelayMs', () => {
  it('doubles from 30 s with jitter in the upper half, capped at one hour, and never gives up', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(15_000);
    expect(backoffDelayMs(1, () => 1)).toBe(30_000);
    expect(backoffDelayMs(3, () => 1)).toBe(120_000);
    expect(backoffDelayMs(8, () => 1)).toBe(3_600_000);
    expect(backoffDelayMs(500, () => 1)).toBe(3_600_000);
    expect(backoffDelayMs(500, () => 0)).toBe(1_800_000);
  });
});
