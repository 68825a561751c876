/**
 * /admin reloads after a change even when a reload was already under way: the answer under way
 * was taken before the change, so joining it (as the page once did) left the deleted source in
 * the table until the next periodic reload, and a new key's table showed the old key's answer.
 *
 * The periodic reload is switched off (the page is made to read as hidden), and the sources
 * request that is under way when the source is deleted is held until the delete is answered,
 * with the table as it was before. Only a reload the delete itself asks for can then drop the row.
 */
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { TEST_EDITOR_KEY } from '../helpers/service.ts';
import { openAdmin, useKey } from './admin-harness.ts';
import { hasChromium, startStack, type Stack } from './harness.ts';

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Night Desk</title><link>https://night.example.org/</link></channel></rss>`;

describe.skipIf(!hasChromium)('/admin reloads after a change made during a reload', () => {
  let stack: Stack;
  let feeds: TestHttpServer;

  beforeAll(async () => {
    stack = await startStack();
    feeds = await startHttpServer();
    feeds.route('/night.xml', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED));
  });

  afterAll(async () => {
    await feeds.close();
    await stack.stop();
  });

  it('drops a source deleted while the table was loading, without waiting for the periodic reload', async () => {
    const created = await fetch(`${stack.service.url}/api/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'night-desk', name: 'Night Desk', type: 'feed', url: `${feeds.url}/night.xml`, intervalSeconds: 3600, timezone: 'UTC' }),
    });
    expect(created.status).toBe(201);
    const admin = await openAdmin(stack.browser, stack.service, { width: 1280, height: 900 });
    try {
      const { page } = admin;
      expect(await useKey(page, TEST_EDITOR_KEY)).toContain('admin scope');
      const row = page.locator('tr.source[data-id="night-desk"]');
      await row.waitFor();
      await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }));

      const sourcesUrl = `${stack.service.url}/api/sources`;
      let answered = 0;
      page.on('response', (response) => {
        if (response.url() === sourcesUrl && response.request().method() === 'GET') answered += 1;
      });
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let markHeld: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (markHeld = resolve));
      let holding = true;
      await page.route(sourcesUrl, async (route: Route) => {
        if (route.request().method() !== 'GET' || !holding) return route.continue();
        holding = false;
        const before = await route.fetch(); // the table as it is before the delete
        markHeld();
        await released;
        await route.fulfill({ response: before });
      });

      await page.locator('#sources button.refresh').click();
      await held;
      await row.locator('button.delete').click();
      const deleted = page.waitForResponse((response) => response.url() === `${sourcesUrl}/night-desk` && response.request().method() === 'DELETE');
      await row.locator('button.confirm-delete').click();
      expect((await deleted).status()).toBe(200);
      const answeredBeforeRelease = answered;
      release();

      // The held answer (with the row), then the reload the delete asked for (without it).
      await page.waitForFunction(() => document.querySelector('tr.source[data-id="night-desk"]') === null, undefined, { timeout: 10_000 });
      await expect.poll(() => answered).toBeGreaterThanOrEqual(answeredBeforeRelease + 2);
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });
});
