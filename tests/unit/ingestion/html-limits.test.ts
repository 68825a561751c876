import { describe, expect, it } from 'vitest';
import { assertHtmlWithinLimits, HTML_LIMITS } from '../../../src/ingestion/parse/html-limits.ts';
import type { ParseError } from '../../../src/shared/errors.ts';

function refusal(html: string): ParseError | undefined {
  try {
    assertHtmlWithinLimits(html);
    return undefined;
  } catch (error) {
    return error as ParseError;
  }
}

describe('assertHtmlWithinLimits', () => {
  it(`refuses nesting deeper than ${HTML_LIMITS.maxDepth}, with HTML_TOO_COMPLEX`, () => {
    const deep = (depth: number): string => `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`;
    expect(refusal(deep(HTML_LIMITS.maxDepth))).toBeUndefined();
    expect(refusal(deep(HTML_LIMITS.maxDepth + 1))).toMatchObject({ code: 'HTML_TOO_COMPLEX', message: expect.stringMatching(/nested more than 512 deep/) as unknown });
    expect(refusal(deep(40_000))?.code).toBe('HTML_TOO_COMPLEX');
  });

  it(`refuses more than ${HTML_LIMITS.maxElements} elements`, () => {
    expect(refusal('<span></span>'.repeat(HTML_LIMITS.maxElements))).toBeUndefined();
    expect(refusal('<span></span>'.repeat(HTML_LIMITS.maxElements + 1))?.message).toMatch(/more than 100000 elements/);
  });

  it('accepts real pages: unclosed list items and paragraphs, void elements, markup inside scripts and comments', () => {
    const listing = `<ul>${'<li><p>Item<br><img src=x>'.repeat(2000)}</ul>`;
    const script = `<script>${'document.write("<div>");'.repeat(1000)}</script>`;
    const comment = `<!--${'<div>'.repeat(1000)}-->`;
    expect(refusal(`<!doctype html><html><head><title>T</title></head><body>${listing}${script}${comment}</body></html>`)).toBeUndefined();
  });

  it('scans hostile input in linear time', () => {
    for (const hostile of ['<'.repeat(2_000_000), `<div ${'a'.repeat(2_000_000)}`, '<!--'.repeat(500_000), '<a>'.repeat(600_000)]) {
      const started = performance.now();
      refusal(hostile);
      // About 10 ms each on a laptop; a quadratic scan would take minutes.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});
