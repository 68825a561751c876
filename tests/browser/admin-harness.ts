/**
 * What the /admin browser tests share: opening the page with a key, and timestamps taken in
 * the browsers themselves (Date.now() in each page: one machine, one clock), so a latency is
 * measured from the click in one page to the disappearance in another, not by the test's
 * round trips.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningService } from '../../src/app/service.ts';

export interface AdminPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors (CSP violations among them) and uncaught exceptions of the page; not the API's 4xx answers. */
  readonly problems: string[];
}

export async function openAdmin(browser: Browser, service: RunningService, viewport: { width: number; height: number }): Promise<AdminPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx answer; the tests of refusals cause them on purpose and check what the page shows.
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${service.url}/admin`);
  await page.locator('.connection.live').waitFor({ timeout: 10_000 });
  return { page, context, problems };
}

/** Types `key` into the page and waits for its verdict (which names what the key may do). */
export async function useKey(page: Page, key: string): Promise<string> {
  await page.fill('#api-key', key);
  await page.click('.use-key');
  await page.waitForFunction(() => {
    const state = document.querySelector('.key-state')?.textContent ?? '';
    return state.includes('A key is in use') && !state.includes('Checking');
  });
  return (await page.locator('.key-state').textContent()) ?? '';
}

/**
 * Records, in the page, the Date.now() of the first click on an element matching `selector`
 * (capture phase: before the page's own handlers run).
 */
export async function stampClicks(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? event.target.closest(sel) : null;
        if (target !== null) (window as unknown as { clickedAt?: number }).clickedAt ??= Date.now();
      },
      true,
    );
  }, selector);
}

export function clickedAt(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (window as unknown as { clickedAt?: number }).clickedAt);
}

/**
 * Watches the page (and, for the widget, its ticker's shadow root) and records the Date.now()
 * of the first DOM change after which no `.title` element reads `title` any more. Throws if
 * the title is not shown when the watch starts: a watch on something absent proves nothing.
 */
export async function watchDisappearance(page: Page, title: string): Promise<void> {
  await page.evaluate((text) => {
    const roots: ParentNode[] = [document];
    const shadow = document.querySelector('news-ticker')?.shadowRoot;
    if (shadow !== null && shadow !== undefined) roots.push(shadow);
    const shown = (): boolean => roots.some((root) => Array.from(root.querySelectorAll('.title')).some((node) => node.textContent === text));
    if (!shown()) throw new Error(`"${text}" is not shown, so its disappearance cannot be watched`);
    const state = window as unknown as { goneAt?: number };
    const observer = new MutationObserver(() => {
      if (state.goneAt === undefined && !shown()) {
        state.goneAt = Date.now();
        observer.disconnect();
      }
    });
    for (const root of roots) observer.observe(root, { childList: true, subtree: true, characterData: true });
  }, title);
}

/** The Date.now() at which the watched title disappeared, waiting for it to happen. */
export async function goneAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { goneAt?: number }).goneAt, null, { timeout: 10_000 });
  return (await handle.jsonValue()) as number;
}

/**
 * Where a screenshot of the README goes: docs/screenshots/ when it is missing there or when
 * UPDATE_SCREENSHOTS=1, else the temp folder. Every run still takes it, but an ordinary test run
 * leaves the working tree clean (PNGs differ on every run, and every worktree runs this test).
 */
export function screenshotPath(file: string): string {
  const committed = join('docs', 'screenshots', file);
  return process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed) ? committed : join(tmpdir(), `news-ticker-${file}`);
}
