/** createMetrics: the process and Node.js metrics carry the service prefix once. */
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/shared/metrics.ts';

describe('createMetrics', () => {
  it('names the default process and Node.js metrics newsticker_process_* and newsticker_nodejs_*', async () => {
    const text = await createMetrics({ defaultMetrics: true }).registry.metrics();
    expect(text).toMatch(/^newsticker_process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^newsticker_nodejs_heap_size_total_bytes /m);
    expect(text).not.toMatch(/process_process|process_nodejs/);
  });

  it('registers nothing global: two instances do not collide', () => {
    expect(() => [createMetrics({ defaultMetrics: true }), createMetrics({ defaultMetrics: true })]).not.toThrow();
  });
});
