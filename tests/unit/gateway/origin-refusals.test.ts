import { describe, expect, it } from 'vitest';
import { createOriginRefusalLog, ORIGIN_LOG_INTERVAL_MS } from '../../../src/gateway/socket/origin-refusals.ts';
import { createLogger } from '../../../src/shared/logger.ts';

describe('refused-origin log', () => {
  it('logs each origin once per minute, again after the minute, and remembers a bounded number', () => {
    const lines: { origin?: string }[] = [];
    const logger = createLogger('info', 'test', { write: (line: string) => void lines.push(JSON.parse(line) as { origin?: string }) });
    let now = 0;
    const log = createOriginRefusalLog(logger, () => now);
    log('https://a.example');
    log('https://a.example');
    log('https://b.example');
    now += ORIGIN_LOG_INTERVAL_MS - 1;
    log('https://a.example');
    now += 1;
    log('https://a.example');
    expect(lines.map((line) => line.origin)).toEqual(['https://a.example', 'https://b.example', 'https://a.example']);
    // Thousands of made-up origins: each logged once, none kept beyond the bound.
    for (let i = 0; i < 5_000; i += 1) log(`https://x${i}.example`);
    log('https://x4999.example');
    expect(lines).toHaveLength(3 + 5_000);
  });
});
