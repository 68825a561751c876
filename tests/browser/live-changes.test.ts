/**
 * Corrections, retractions and breaking news reaching a running widget (list and crawl) and a
 * running dashboard in Chromium, through the real editorial API, gateway and Redis: a retracted
 * headline disappears, a corrected one shows its new text marked "updated", a breaking one is
 * styled apart, first, and announced in an aria-live region, and the dashboard raises its banner.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Headline } from '../../src/protocol/events.ts';
import { edit, hasChromium, publish, startStack, waitForLive, type PublishInput, type Stack } from './harness.ts';

const MIN = 60_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

/** What a reader (and a screen reader) gets of one headline item. */
interface ItemState {
  classes: string[];
  updated: string | null;
  titleColour: string;
  background: string;
}

/** Waits until the titles of the items under `scope` (`ticker`: the widget's shadow root; else a selector, a dashboard column) are `expected`, in DOM order unless `sorted`. */
async function waitForTitles(page: Page, scope: string, expected: readonly string[], sorted = false): Promise<void> {
  const titles = ({ selector, sorted }: { selector: string; sorted: boolean }): string => {
    const root = selector === 'ticker' ? document.querySelector('news-ticker')?.shadowRoot : document.querySelector(selector);
    const found = Array.from(root?.querySelectorAll('.item .title') ?? [], (node) => node.textContent ?? '');
    return JSON.stringify(sorted ? found.sort() : found);
  };
  const want = JSON.stringify(sorted ? [...expected].sort() : expected);
  try {
    // A function, not a string: the dashboard's CSP forbids the eval a string predicate needs.
    await page.waitForFunction(
      ({ selector, sorted, want }) => {
        const root = selector === 'ticker' ? document.querySelector('news-ticker')?.shadowRoot : document.querySelector(selector);
        const found = Array.from(root?.querySelectorAll('.item .title') ?? [], (node) => node.textContent ?? '');
        return JSON.stringify(sorted ? found.sort() : found) === want;
      },
      { selector: scope, sorted, want },
      { timeout: 10_000 },
    );
  } catch (error) {
    throw new Error(`${scope} shows ${await page.evaluate(titles, { selector: scope, sorted })}, not ${want}`, { cause: error });
  }
}

function itemState(page: Page, scope: string, title: string): Promise<ItemState | null> {
  return page.evaluate(
    ({ selector, title }) => {
      const root = selector === 'ticker' ? document.querySelector('news-ticker')?.shadowRoot : document.querySelector(selector);
      const item = Array.from(root?.querySelectorAll<HTMLElement>('.item') ?? []).find((li) => li.querySelector('.title')?.textContent === title);
      const titleNode = item?.querySelector('.title');
      if (item === undefined || titleNode === null || titleNode === undefined) return null;
      return {
        classes: Array.from(item.classList).filter((name) => name !== 'item' && name !== 'clipped' && name !== 'enter'),
        updated: item.querySelector('.updated')?.textContent ?? null,
        titleColour: getComputedStyle(titleNode).color,
        background: getComputedStyle(item).backgroundColor,
      };
    },
    { selector: scope, title },
  );
}

/** The text of the widget's aria-live region. */
function announced(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent ?? null);
}

describe.skipIf(!hasChromium)('live changes in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function openWidget(path: string, attributes: string, width = 1000): Promise<Page> {
    stack.host.set(path, {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<news-ticker server="${stack.service.url}" ${attributes}></news-ticker>
<script src="${stack.service.url}/widget.js" async></script></body></html>`,
    });
    const context = await stack.browser.newContext({ viewport: { width, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${stack.host.origin}${path}`);
    await waitForLive(page);
    return page;
  }

  /** Retracts through the API and answers how long until `gone` held in the page. */
  async function retractAndTime(headline: Headline, gone: () => Promise<void>): Promise<number> {
    const started = Date.now();
    await edit(stack.service, 'DELETE', headline.id, { reason: 'published in error' });
    await gone();
    return Date.now() - started;
  }

  it('list layout: retracted leaves, corrected shows its new text marked updated, breaking goes first styled apart and announced', async () => {
    const tags = { topics: ['sport'], regions: ['fi'] };
    const [early, middle, late] = await publish(stack.service, [
      { title: 'List: published 30 min ago', ...tags, publishedAt: ago(30 * MIN) },
      { title: 'List: published 20 min ago', ...tags, publishedAt: ago(20 * MIN) },
      { title: 'List: published 10 min ago', ...tags, publishedAt: ago(10 * MIN) },
    ]);
    if (early === undefined || middle === undefined || late === undefined) throw new Error('publish answered too few headlines');
    const page = await openWidget('/live-list', 'channels="sport/*" layout="list" time-zone="UTC"');
    await waitForTitles(page, 'ticker', [late.title, middle.title, early.title]);

    const ms = await retractAndTime(middle, () => waitForTitles(page, 'ticker', [late.title, early.title]));
    expect(ms).toBeLessThan(1000);

    await edit(stack.service, 'PATCH', early.id, { title: 'List: corrected text' });
    await waitForTitles(page, 'ticker', [late.title, 'List: corrected text']);
    expect((await itemState(page, 'ticker', 'List: corrected text'))?.updated).toBe('updated');
    expect((await itemState(page, 'ticker', late.title))?.updated).toBeNull();

    // Published an hour ago, so by its date it would go last: breaking puts it first.
    await publish(stack.service, [{ title: 'List: breaking, published an hour ago', ...tags, publishedAt: ago(60 * MIN), priority: 'breaking' }]);
    await waitForTitles(page, 'ticker', ['List: breaking, published an hour ago', late.title, 'List: corrected text']);
    const breaking = await itemState(page, 'ticker', 'List: breaking, published an hour ago');
    const normal = await itemState(page, 'ticker', late.title);
    expect(breaking?.classes).toEqual(expect.arrayContaining(['breaking', 'pinned']));
    expect(breaking?.titleColour).not.toBe(normal?.titleColour);
    expect(breaking?.background).not.toBe(normal?.background);
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent === 'Breaking: List: breaking, published an hour ago');

    // A correction that makes a headline breaking: first too (the newer of the two pinned), and announced.
    await edit(stack.service, 'PATCH', late.id, { priority: 'breaking' });
    await waitForTitles(page, 'ticker', [late.title, 'List: breaking, published an hour ago', 'List: corrected text']);
    expect(await announced(page)).toBe(`Breaking: ${late.title}`);
    expect((await itemState(page, 'ticker', late.title))?.classes).toEqual(expect.arrayContaining(['breaking', 'pinned']));
    await page.context().close();
  });

  it('crawl layout: retracted leaves, corrected shows its new text marked updated, breaking enters next styled apart and announced', async () => {
    const tags = { topics: ['weather'], regions: ['is'] };
    const items: PublishInput[] = Array.from({ length: 8 }, (_, i) => ({ title: `Crawl: a long enough weather headline, number ${i + 1}`, ...tags, publishedAt: ago((40 - i) * MIN) }));
    const published = await publish(stack.service, items);
    const page = await openWidget('/live-crawl', 'channels="weather/*"', 700);
    const titles = published.map((h) => h.title);
    await waitForTitles(page, 'ticker', titles, true);
    // Held still by its pause button, so "in view" and "enters next" can be read off the page.
    await page.evaluate(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLButtonElement>('button.toggle')?.click());
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('button.toggle')?.getAttribute('aria-pressed') === 'true');

    const [first, second] = published;
    if (first === undefined || second === undefined) throw new Error('publish answered too few headlines');
    const ms = await retractAndTime(first, () => waitForTitles(page, 'ticker', titles.slice(1), true));
    expect(ms).toBeLessThan(1000);

    await edit(stack.service, 'PATCH', second.id, { title: 'Crawl: corrected text' });
    await waitForTitles(page, 'ticker', ['Crawl: corrected text', ...titles.slice(2)], true);
    expect((await itemState(page, 'ticker', 'Crawl: corrected text'))?.updated).toBe('updated');

    /** True when the headline is out of view and every headline before it in the loop is (partly) in view: it enters next. */
    const entersNext = (title: string) =>
      page.evaluate((wanted) => {
        const root = document.querySelector('news-ticker')?.shadowRoot;
        const viewport = root?.querySelector('.viewport')?.getBoundingClientRect();
        const list = Array.from(root?.querySelectorAll<HTMLElement>('.track .item') ?? []);
        const at = list.findIndex((li) => li.querySelector('.title')?.textContent === wanted);
        if (viewport === undefined || at < 0) return false;
        const inView = (li: HTMLElement) => li.getBoundingClientRect().left < viewport.right;
        return !inView(list[at] as HTMLElement) && list.slice(0, at).every(inView);
      }, title);

    await publish(stack.service, [{ title: 'Crawl: breaking, published an hour ago', ...tags, publishedAt: ago(60 * MIN), priority: 'breaking' }]);
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent === 'Breaking: Crawl: breaking, published an hour ago');
    expect(await entersNext('Crawl: breaking, published an hour ago')).toBe(true);
    const breaking = await itemState(page, 'ticker', 'Crawl: breaking, published an hour ago');
    expect(breaking?.classes).toContain('breaking');
    expect(breaking?.titleColour).not.toBe((await itemState(page, 'ticker', 'Crawl: corrected text'))?.titleColour);

    // A headline far ahead in the loop, corrected to breaking, comes forward to enter next.
    const behind = await page.evaluate(() => {
      const root = document.querySelector('news-ticker')?.shadowRoot;
      const right = root?.querySelector('.viewport')?.getBoundingClientRect().right ?? 0;
      const ahead = Array.from(root?.querySelectorAll<HTMLElement>('.track .item:not(.breaking)') ?? []).filter((li) => li.getBoundingClientRect().left >= right);
      return ahead.map((li) => li.querySelector('.title')?.textContent ?? '');
    });
    const target = published.slice(2).findLast((h) => behind.includes(h.title));
    if (target === undefined) throw new Error(`no headline out of view to promote (ahead: ${behind.join(' | ')})`);
    expect(await entersNext(target.title)).toBe(false);
    await edit(stack.service, 'PATCH', target.id, { priority: 'breaking' });
    await page.waitForFunction((title) => document.querySelector('news-ticker')?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent === `Breaking: ${title}`, target.title);
    expect(await entersNext(target.title)).toBe(true);
    expect((await itemState(page, 'ticker', target.title))?.classes).toContain('breaking');
    await page.context().close();
  });

  it('dashboard: columns in publication order, retracted leaves every column, corrected marked updated, breaking first with the banner', async () => {
    const [older, newer, late] = await publish(stack.service, [
      { title: 'Wall: published 30 min ago', topics: ['health'], regions: ['no'], publishedAt: ago(30 * MIN) },
      { title: 'Wall: published 5 min ago', topics: ['health'], regions: ['no'], publishedAt: ago(5 * MIN) },
      // Arrives last, dated two days ago: it goes below the fresh ones, not on top.
      { title: 'Wall: arrived late, two days old', topics: ['health'], regions: ['no'], publishedAt: ago(48 * 60 * MIN) },
    ]);
    if (older === undefined || newer === undefined || late === undefined) throw new Error('publish answered too few headlines');
    const context = await stack.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.service.url}/dashboard?columns=health/*,*/no&title=Newsroom`);
    await page.waitForFunction(() => document.querySelector('.connection')?.classList.contains('live') === true, null, { timeout: 10_000 });
    const columns = ['.column[data-channel="health/*"]', '.column[data-channel="*/no"]'];
    for (const column of columns) await waitForTitles(page, column, [newer.title, older.title, late.title]);

    // Live arrivals take their place by date too.
    await publish(stack.service, [{ title: 'Wall: live, published 10 min ago', topics: ['health'], regions: ['no'], publishedAt: ago(10 * MIN) }]);
    for (const column of columns) await waitForTitles(page, column, [newer.title, 'Wall: live, published 10 min ago', older.title, late.title]);

    const ms = await retractAndTime(older, async () => {
      for (const column of columns) await waitForTitles(page, column, [newer.title, 'Wall: live, published 10 min ago', late.title]);
    });
    expect(ms).toBeLessThan(1000);

    await edit(stack.service, 'PATCH', newer.id, { title: 'Wall: corrected text' });
    for (const column of columns) {
      await waitForTitles(page, column, ['Wall: corrected text', 'Wall: live, published 10 min ago', late.title]);
      expect((await itemState(page, column, 'Wall: corrected text'))?.updated).toBe('updated');
      expect((await itemState(page, column, late.title))?.updated).toBeNull();
    }

    const title = 'Wall: breaking, published an hour ago, and long enough that a banner that does not wrap would cut it off at the edge of the screen';
    const [shown] = await publish(stack.service, [{ title, topics: ['health'], regions: ['no'], publishedAt: ago(60 * MIN), priority: 'breaking' }]);
    if (shown === undefined) throw new Error('publish answered no headline');
    for (const column of columns) await waitForTitles(page, column, [title, 'Wall: corrected text', 'Wall: live, published 10 min ago', late.title]);
    const banner = await page.evaluate(() => {
      const element = document.querySelector<HTMLElement>('.breaking-banner');
      const text = element?.querySelector<HTMLElement>('.breaking-text .title');
      return {
        hidden: element?.hidden,
        role: element?.getAttribute('role'),
        text: text?.textContent,
        top: element?.getBoundingClientRect().top,
        // Whole: nothing cut off inside it, and it ends within the screen.
        whole: text !== null && text !== undefined && text.scrollWidth <= text.clientWidth && text.getBoundingClientRect().right <= window.innerWidth,
      };
    });
    // role="alert": an assertive live region, so screen readers announce it.
    expect(banner).toMatchObject({ hidden: false, role: 'alert', text: title, whole: true });
    const header = await page.evaluate(() => document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? -1);
    expect(banner.top).toBeGreaterThanOrEqual(header - 1); // across the top, under the title bar
    for (const column of columns) {
      const breaking = await itemState(page, column, title);
      expect(breaking?.classes).toEqual(expect.arrayContaining(['breaking', 'pinned']));
      expect(breaking?.titleColour).not.toBe((await itemState(page, column, late.title))?.titleColour);
    }

    // Retracting it takes it out of the columns and takes the banner down.
    await edit(stack.service, 'DELETE', shown.id, { reason: 'not confirmed' });
    for (const column of columns) await waitForTitles(page, column, ['Wall: corrected text', 'Wall: live, published 10 min ago', late.title]);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.breaking-banner')?.hidden === true);
    await context.close();
  });
});
