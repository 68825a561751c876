/**
 * The widget's layouts, languages and clocks in Chromium against the real service: mount()
 * called before widget.js has loaded, the list layout (day headings, newest first, live
 * arrivals on top, a scrolled reader left in place), Arabic right to left, and Baku time.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inTicker, publish, startStack, waitForLive, type Stack } from './harness.ts';

const HOURS = 3_600_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

describe.skipIf(!hasChromium)('widget layouts and languages in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function open(path: string, body: string, viewport = { width: 1000, height: 700 }): Promise<Page> {
    stack.host.set(path, { body });
    const context = await stack.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${stack.host.origin}${path}`);
    await waitForLive(page);
    return page;
  }

  function tickerPage(attributes: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<news-ticker server="${stack.service.url}" ${attributes}></news-ticker>
<script src="${stack.service.url}/widget.js" async></script></body></html>`;
  }

  it('runs NewsTicker.mount() called before widget.js has loaded', async () => {
    await publish(stack.service, [{ title: 'Mounted before the script loaded', topics: ['education'], regions: ['fi'] }]);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<div id="slot"></div>
<script>
  window.NewsTicker = window.NewsTicker || { q: [], mount: function () { this.q.push(arguments); } };
  NewsTicker.mount('#slot', { channels: 'education/*', server: '${stack.service.url}' });
  window.mountedEarly = typeof NewsTicker.version === 'undefined';
</script>
<script src="${stack.service.url}/widget.js" async></script></body></html>`;
    const page = await open('/mount-early', html);
    expect(await page.evaluate(() => (window as unknown as { mountedEarly: boolean }).mountedEarly)).toBe(true);
    expect(await page.evaluate(() => document.querySelector('#slot > news-ticker') !== null)).toBe(true);
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('.title')?.textContent === 'Mounted before the script loaded');
    // Once loaded, the stub is the real API.
    expect(await page.evaluate(() => (window as unknown as { NewsTicker: { version?: string } }).NewsTicker.version)).toBe('1');
    await page.context().close();
  });

  it('lists newest first under day headings, puts a live headline on top within 1 s, and leaves a scrolled reader in place', async () => {
    await publish(stack.service, [
      { title: 'List: two days ago', topics: ['health'], regions: ['no'], publishedAt: ago(50 * HOURS) },
      { title: 'List: an hour ago', topics: ['health'], regions: ['no'], publishedAt: ago(1 * HOURS) },
      // Arrives after it, but is older: it goes below.
      { title: 'List: yesterday, arrived late', topics: ['health'], regions: ['no'], publishedAt: ago(26 * HOURS) },
      ...Array.from({ length: 12 }, (_, i) => ({ title: `List: filler ${i}`, topics: ['health'], regions: ['no'], publishedAt: ago((2 + i) * 60_000) })),
    ]);
    const page = await open('/list', tickerPage('channels="health/*" layout="list" max="30" time-zone="UTC" more-url="https://news.example/more"'), { width: 420, height: 700 });
    await page.waitForFunction(() => (document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.item').length ?? 0) >= 15);
    const rows = await inTicker(page, (root) => Array.from(root.querySelectorAll('.items > li')).map((li) => (li.classList.contains('day') ? `# ${li.textContent}` : li.querySelector('.title')?.textContent)));
    const items = rows.filter((row) => !row?.startsWith('# '));
    expect(items.slice(0, 1)).toEqual(['List: filler 0']);
    expect(items.slice(-3)).toEqual(['List: an hour ago', 'List: yesterday, arrived late', 'List: two days ago']);
    expect(rows[0]?.startsWith('# ')).toBe(true);
    expect(rows.filter((row) => row?.startsWith('# ')).length).toBeGreaterThanOrEqual(2);
    // Older than a day: marked with its date.
    expect(await inTicker(page, (root) => Array.from(root.querySelectorAll('time.old')).length)).toBe(2);
    expect(await inTicker(page, (root) => root.querySelector<HTMLAnchorElement>('a.more')?.href)).toBe('https://news.example/more');

    const started = Date.now();
    await publish(stack.service, [{ title: 'List: live at the top', topics: ['health'], regions: ['no'] }]);
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('.items .item .title')?.textContent === 'List: live at the top', null, {
      timeout: 5000,
    });
    // The bound: a live headline is on top within a second of being published.
    expect(Date.now() - started).toBeLessThan(1000);

    // A reader scrolled down the list: what they look at stays where it is.
    await inTicker(page, (root) => {
      const list = root.querySelector<HTMLElement>('.items');
      if (list !== null) list.scrollTop = 180;
    });
    const anchor = () =>
      inTicker(page, (root) => {
        const list = root.querySelector<HTMLElement>('.items');
        const top = list?.getBoundingClientRect().top ?? 0;
        const item = Array.from(root.querySelectorAll<HTMLElement>('.items > .item')).find((li) => li.getBoundingClientRect().bottom > top + 1);
        return { title: item?.querySelector('.title')?.textContent, y: Math.round(item?.getBoundingClientRect().top ?? -1) };
      });
    const before = await anchor();
    expect(before.title).not.toBe('List: live at the top');
    await publish(stack.service, [{ title: 'List: arrives while the reader is scrolled', topics: ['health'], regions: ['no'] }]);
    await page.waitForFunction(() =>
      Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === 'List: arrives while the reader is scrolled'),
    );
    const after = await anchor();
    expect(after.title).toBe(before.title);
    expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1); // sub-pixel rounding of scrollTop
    // And it did go in at the top, above the reader.
    expect(await inTicker(page, (root) => root.querySelector('.items .item .title')?.textContent)).toBe('List: arrives while the reader is scrolled');
    await page.context().close();
  });

  it('speaks Arabic right to left with lang="ar"', async () => {
    await publish(stack.service, [{ title: 'Arabic UI, English headline', topics: ['religion'], regions: ['eg'] }]);
    const page = await open('/ar', tickerPage('channels="religion/*" lang="ar"'));
    const ui = await inTicker(page, (root) => {
      const box = root.querySelector<HTMLElement>('.nt');
      return {
        dir: box?.dir,
        direction: box === null || box === undefined ? null : getComputedStyle(box).direction,
        lang: box?.lang,
        badge: root.querySelector('.badge')?.textContent,
        pause: root.querySelector('button.toggle')?.getAttribute('aria-label'),
        next: root.querySelector('button.next')?.getAttribute('aria-label'),
      };
    });
    expect(ui).toEqual({ dir: 'rtl', direction: 'rtl', lang: 'ar', badge: 'دين', pause: 'إيقاف الأخبار مؤقتًا', next: 'الخبر التالي' });
    await page.context().close();
  });

  it('shows the seed headline at 20:59 in Baku time on a 24-hour clock, as the source page does', async () => {
    // The article page's "Latest news" entry: 14 June 2024 - 20:59, Baku time.
    await publish(stack.service, [
      // Published without a source: readers see no "Publish API".
      { title: 'Azerbaijan, Albania foster trade ties through business meeting in Baku', topics: ['economy'], regions: ['al'], publishedAt: '2024-06-14T20:59:00+04:00', source: undefined },
    ]);
    const page = await open('/baku', tickerPage('channels="economy/al" time-zone="Asia/Baku" time-format="24h" layout="list"'));
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('time') !== null);
    const time = await inTicker(page, (root) => ({ text: root.querySelector('time')?.textContent, iso: root.querySelector('time')?.getAttribute('datetime') }));
    expect(time.iso).toBe('2024-06-14T16:59:00.000Z');
    expect(time.text).toBe('Jun 14, 20:59');
    expect(await inTicker(page, (root) => root.querySelector('.meta')?.textContent)).toBe('Jun 14, 20:59');
    expect(await inTicker(page, (root) => root.querySelector('.day')?.textContent)).toBe('Friday, June 14');
    await page.context().close();
  });
});
