/**
 * An OPML import checks its URLs against the SSRF guard a few at a time (IMPORT_URL_CHECKS_AT_ONCE),
 * not one after another, and answers as the one-at-a-time loop did: sources created in file
 * order, and for URLs refused, the first refused outline in file order, nothing written.
 * The store and audit log are real (a private Redis); the URL check is held open by the test,
 * so how many run at once is read off, not timed.
 */
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/editorial/audit.ts';
import { IMPORT_URL_CHECKS_AT_ONCE, SourceAdmin } from '../../../src/ingestion/sources/source-admin.ts';
import { SourceStore } from '../../../src/ingestion/sources/source-store.ts';
import type { OpmlCandidate } from '../../../src/ingestion/sources/opml.ts';
import { sourceSchema } from '../../../src/config/sources.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { waitFor } from '../../helpers/wait.ts';

const OUTLINES = 10;
const redis = usePrivateRedis();

/** URL checks that run until the test settles them: records which are open and the most open at once. */
class HeldChecks {
  readonly started: string[] = [];
  private readonly open = new Map<string, { pass: () => void; refuse: (error: unknown) => void }>();
  maxOpen = 0;

  readonly check = (url: string): Promise<void> =>
    new Promise((pass, refuse) => {
      this.started.push(url);
      this.open.set(url, { pass, refuse });
      this.maxOpen = Math.max(this.maxOpen, this.open.size);
    });

  get openNow(): number {
    return this.open.size;
  }

  /** Passes the check of `url`, or refuses it as the SSRF guard does: VALIDATION naming `path`. */
  settle(url: string, refusal?: { path: string; message: string }): void {
    const held = this.open.get(url);
    if (held === undefined) throw new Error(`no check of ${url} is open`);
    this.open.delete(url);
    if (refusal === undefined) held.pass();
    else held.refuse(new ValidationError(`${refusal.path}: ${refusal.message}`, [refusal]));
  }

  settleAll(): void {
    for (const url of [...this.open.keys()]) this.settle(url);
  }
}

function candidates(): OpmlCandidate[] {
  return Array.from({ length: OUTLINES }, (_, index) => ({
    source: sourceSchema.parse({ id: `feed-${index + 1}`, name: `Feed ${index + 1}`, type: 'feed', url: `https://example.com/${index + 1}.xml` }),
    idGiven: false,
  }));
}

function admin(checks: HeldChecks): { admin: SourceAdmin; store: SourceStore } {
  const store = new SourceStore(redis.redis, { logger: createLogger('silent'), metrics: createMetrics() });
  const nothing = (): Promise<void> => Promise.resolve();
  return { store, admin: new SourceAdmin({ store, audit: createAuditLog(redis.redis), requestPoll: nothing, sourceDeleted: nothing, checkUrl: checks.check }) };
}

describe('OPML import URL checks', () => {
  it('run several at once, never more than the bound, and the sources are created in file order', async () => {
    const checks = new HeldChecks();
    const { admin: sources, store } = admin(checks);
    const imported = sources.importMany(candidates(), { name: 'ops' });
    // A check settled frees its place for the next at once: wait until the places are all taken
    // (or the last checks have started), let those pass, and again until every URL was checked.
    for (;;) {
      await waitFor(() => checks.openNow > 0 && checks.openNow === Math.min(IMPORT_URL_CHECKS_AT_ONCE, checks.openNow + OUTLINES - checks.started.length), {
        what: () => `the open checks to fill their places (${checks.openNow} open, ${checks.started.length} started)`,
      });
      checks.settleAll();
      if (checks.started.length === OUTLINES) break;
    }
    const result = await imported;

    expect(checks.maxOpen).toBeGreaterThan(1);
    expect(checks.maxOpen).toBeLessThanOrEqual(IMPORT_URL_CHECKS_AT_ONCE);
    expect(checks.started).toEqual(candidates().map(({ source }) => source.url));
    expect(result.created.map((source) => source.id)).toEqual(candidates().map(({ source }) => source.id));
    expect(result.skipped).toEqual([]);
    expect((await store.list()).map((source) => source.id).sort()).toEqual(candidates().map(({ source }) => source.id).sort());
  });

  it('refuses with the first refused outline in file order, even when a later one is refused sooner, and writes nothing', async () => {
    const checks = new HeldChecks();
    const { admin: sources, store } = admin(checks);
    const imported = sources.importMany(candidates(), { name: 'ops' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await waitFor(() => checks.openNow === IMPORT_URL_CHECKS_AT_ONCE, { what: 'the first checks to be open' });
    // feed-4 is refused first, feed-2 after it: the answer must still name feed-2, as the loop did.
    checks.settle('https://example.com/4.xml', { path: 'feed-4.url', message: 'refused: 4' });
    checks.settle('https://example.com/2.xml', { path: 'feed-2.url', message: 'refused: 2' });
    checks.settleAll();
    const error = await imported;

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ details: [{ path: 'feed-2.url', message: 'refused: 2' }] });
    // No check starts once one is known to fail, and none is left open.
    expect(checks.started).toEqual(candidates().slice(0, IMPORT_URL_CHECKS_AT_ONCE).map(({ source }) => source.url));
    expect(checks.openNow).toBe(0);
    expect(await store.list()).toEqual([]);
  });
});
