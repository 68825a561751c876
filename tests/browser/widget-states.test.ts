/**
 * The widget's states in Chromium: a page whose origin the service does not allow (a clear
 * state, and the server's log says so), the empty state, and a phone-width page where the
 * badge and buttons leave the headlines most of the width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPage, hasChromium, logCollector, publish, startHostServer, startStack, waitForLive, type HostServer, type Stack } from './harness.ts';

const PHONE = { width: 375, height: 700 };

describe.skipIf(!hasChromium)('widget states in Chromium', () => {
  let stack: Stack;
  /** Host pages on an origin ALLOWED_ORIGINS does not name. */
  let elsewhere: HostServer;
  const logs = logCollector();

  beforeAll(async () => {
    stack = await startStack((hostOrigin) => ({ ALLOWED_ORIGINS: hostOrigin }), logs);
    elsewhere = await startHostServer();
  });

  afterAll(async () => {
    await elsewhere.close();
    await stack.stop();
  });

  async function newPage(viewport = { width: 1000, height: 400 }): Promise<Page> {
    const context = await stack.browser.newContext({ viewport });
    return context.newPage();
  }

  const state = (page: Page) => page.evaluate(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLElement>('.nt')?.dataset.state);

  it('says "not enabled for this site" on a page whose origin is not allowed, and the server logs it', async () => {
    const page = await newPage();
    elsewhere.set('/refused', { body: embedPage(stack.service, 'data-channels="politics/*"') });
    await page.goto(`${elsewhere.origin}/refused`);
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLElement>('.nt')?.dataset.state === 'refused', null, { timeout: 10_000 });
    const shown = await page.evaluate(() => {
      const root = document.querySelector('news-ticker')?.shadowRoot;
      const empty = root?.querySelector<HTMLElement>('.empty');
      return { text: empty?.textContent, visible: (empty?.offsetHeight ?? 0) > 0, status: root?.querySelector<HTMLElement>('.status')?.hidden };
    });
    expect(shown).toEqual({ text: 'Not enabled for this site', visible: true, status: true });
    const refusal = logs.lines().find((line) => String(line.msg).includes('not in ALLOWED_ORIGINS'));
    expect(refusal).toMatchObject({ origin: elsewhere.origin, level: 40 });
    // It stays refused: no reconnecting loop.
    expect(await state(page)).toBe('refused');
    await page.context().close();
  });

  it('centres the waiting text vertically', async () => {
    const page = await newPage();
    stack.host.set('/empty', { body: embedPage(stack.service, 'data-channels="weather/aq"') });
    await page.goto(`${stack.host.origin}/empty`);
    await waitForLive(page);
    const offsets = await page.evaluate(() => {
      const root = document.querySelector('news-ticker')?.shadowRoot;
      const box = root?.querySelector('.nt')?.getBoundingClientRect();
      const range = document.createRange();
      const empty = root?.querySelector('.empty');
      if (empty?.firstChild === null || empty?.firstChild === undefined || box === undefined) return null;
      range.selectNodeContents(empty);
      const text = range.getBoundingClientRect();
      return { above: text.top - box.top, below: box.bottom - text.bottom, shown: text.height > 0 };
    });
    expect(offsets?.shown).toBe(true);
    expect(Math.abs((offsets?.above ?? 0) - (offsets?.below ?? 99))).toBeLessThanOrEqual(2);
    await page.context().close();
  });

  it('leaves the headlines most of a 375 px page: badge and buttons stay narrow, list titles whole', async () => {
    await publish(stack.service, [
      { title: 'A phone-width headline long enough to need more than one line in the list', topics: ['sport'], regions: ['se'] },
      { title: 'Short one', topics: ['sport'], regions: ['se'] },
    ]);
    const page = await newPage(PHONE);
    stack.host.set('/phone', {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Host</title></head>
<body style="margin:0"><news-ticker id="crawl" channels="sport/*" server="${stack.service.url}"></news-ticker>
<news-ticker id="list" channels="sport/*" layout="list" server="${stack.service.url}"></news-ticker>
<script src="${stack.service.url}/widget.js" async></script></body></html>`,
    });
    await page.goto(`${stack.host.origin}/phone`);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('news-ticker')).every((t) => (t.shadowRoot?.querySelectorAll('.item').length ?? 0) >= 2));
    const widths = await page.evaluate(() => {
      const root = document.getElementById('crawl')?.shadowRoot;
      const width = (selector: string) => root?.querySelector(selector)?.getBoundingClientRect().width ?? -1;
      const list = document.getElementById('list')?.shadowRoot;
      const titles = Array.from(list?.querySelectorAll<HTMLElement>('.title') ?? []).map((t) => ({ scroll: t.scrollWidth, client: t.clientWidth, height: t.offsetHeight }));
      return { box: width('.nt'), badge: width('.badge'), controls: width('.controls'), titles, pageScroll: document.documentElement.scrollWidth };
    });
    // Seen before: badge and pause button took 45% of the width.
    expect((widths.badge + widths.controls) / widths.box).toBeLessThan(0.35);
    expect(widths.badge).toBeGreaterThan(0);
    for (const title of widths.titles) expect(title.scroll).toBeLessThanOrEqual(title.client);
    expect(widths.pageScroll).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
});
