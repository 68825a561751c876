/**
 * The wall-screen dashboard in real Chromium: four columns, each headline in exactly the columns
 * it matches; stacked on a phone; its clock in a chosen zone; framed only where allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.ts';
import { hasChromium, publish, startHostServer, startStack, type HostServer, type Stack } from './harness.ts';

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let stack: Stack;
  /** Host pages on an origin DASHBOARD_FRAME_ANCESTORS does not name. */
  let elsewhere: HostServer;

  beforeAll(async () => {
    stack = await startStack((hostOrigin) => ({ DASHBOARD_FRAME_ANCESTORS: `'self' ${hostOrigin}` }));
    elsewhere = await startHostServer();
  });

  afterAll(async () => {
    await elsewhere.close();
    await stack.stop();
  });

  it('puts each published headline into exactly the columns it matches', async () => {
    await publish(stack.service, [{ title: 'Old: politics in Azerbaijan', topics: ['politics'], regions: ['az'] }]);
    const context = await stack.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${stack.service.url}/dashboard?columns=politics/*,conflict/*,*/az,*/ir&title=Newsroom`);
    await page.waitForFunction(() => document.querySelector('.connection')?.classList.contains('live') === true, null, { timeout: 10_000 });

    const labels = await page.locator('.column h2').allTextContents();
    expect(labels).toEqual(['Politics · all regions', 'Conflict · all regions', 'All topics · Azerbaijan', 'All topics · Iran']);
    expect(await page.locator('h1').textContent()).toBe('Newsroom');

    await publish(stack.service, [
      { title: 'A: politics, Azerbaijan', topics: ['politics'], regions: ['az'] },
      { title: 'B: conflict, Iran', topics: ['conflict'], regions: ['ir'] },
      { title: 'C: economy, Azerbaijan', topics: ['economy'], regions: ['az'] },
      { title: 'D: politics and conflict, Iran', topics: ['politics', 'conflict'], regions: ['ir'] },
      { title: 'E: sport, Britain', topics: ['sport'], regions: ['gb'] },
      { title: '&lt;img src=x onerror=alert(1)&gt; F: conflict, Azerbaijan and Iran', topics: ['conflict'], regions: ['az', 'ir'] },
    ]);
    const expected: Record<string, string[]> = {
      'politics/*': ['D: politics and conflict, Iran', 'A: politics, Azerbaijan', 'Old: politics in Azerbaijan'],
      'conflict/*': ['<img src=x onerror=alert(1)> F: conflict, Azerbaijan and Iran', 'D: politics and conflict, Iran', 'B: conflict, Iran'],
      '*/az': ['<img src=x onerror=alert(1)> F: conflict, Azerbaijan and Iran', 'C: economy, Azerbaijan', 'A: politics, Azerbaijan', 'Old: politics in Azerbaijan'],
      '*/ir': ['<img src=x onerror=alert(1)> F: conflict, Azerbaijan and Iran', 'D: politics and conflict, Iran', 'B: conflict, Iran'],
    };
    const columnTitles = () =>
      page.evaluate(() =>
        Object.fromEntries(
          Array.from(document.querySelectorAll<HTMLElement>('.column')).map((column) => [
            column.dataset.channel ?? '',
            Array.from(column.querySelectorAll('.item .title')).map((node) => node.textContent),
          ]),
        ),
      );
    // A last headline for every column: delivery is in order, so once it shows in all four,
    // anything misrouted or repeated from the batch above would have shown too.
    const last = 'Z: politics and conflict, Azerbaijan and Iran';
    await publish(stack.service, [{ title: last, topics: ['politics', 'conflict'], regions: ['az', 'ir'] }]);
    await page.waitForFunction((title) => Array.from(document.querySelectorAll('.column')).every((column) => column.querySelector('.item .title')?.textContent === title), last);
    expect(await columnTitles()).toEqual(Object.fromEntries(Object.entries(expected).map(([channel, titles]) => [channel, [last, ...titles]])));
    // Live arrivals are highlighted; the old one came with the backlog and is not.
    expect(await page.locator('.column[data-channel="*/az"] .item.fresh').count()).toBe(4);
    expect(await page.locator('img').count()).toBe(0);
    // Legible without scrolling: the page does not scroll.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stacks its columns at 375 px with whole titles, and shows ?tz= time on a 24-hour clock', async () => {
    await publish(stack.service, [
      { title: 'Azerbaijan, Albania foster trade ties through business meeting in Baku', topics: ['economy'], regions: ['al'], publishedAt: '2024-06-14T20:59:00+04:00' },
    ]);
    const context = await stack.browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${stack.service.url}/dashboard?columns=economy/al,politics/*,*/az&title=Newsroom%20wall%20screen&tz=Asia/Baku&clock=24`);
    await page.waitForFunction(() => document.querySelector('.connection')?.classList.contains('live') === true, null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('.column[data-channel="economy/al"] .item time') !== null);
    const layout = await page.evaluate(() => {
      const whole = (node: Element | null) => node !== null && node.scrollWidth <= node.clientWidth;
      const columns = Array.from(document.querySelectorAll<HTMLElement>('.column')).map((column) => column.getBoundingClientRect());
      return {
        columnWidths: columns.map((rect) => Math.round(rect.width)),
        stacked: columns.every((rect, i) => i === 0 || rect.top >= (columns[i - 1]?.bottom ?? 0)),
        headings: Array.from(document.querySelectorAll('.column h2')).map((h) => whole(h)),
        title: whole(document.querySelector('h1')),
        pageScroll: document.documentElement.scrollWidth,
        time: document.querySelector('.column[data-channel="economy/al"] .item time')?.textContent,
        clock: document.querySelector('.clock-time')?.textContent,
      };
    });
    expect(layout.stacked).toBe(true);
    for (const width of layout.columnWidths) expect(width).toBeGreaterThan(375 * 0.85);
    expect(layout.headings).toEqual([true, true, true]);
    expect(layout.title).toBe(true);
    expect(layout.pageScroll).toBeLessThanOrEqual(375);
    expect(layout.time).toBe('Jun 14, 20:59');
    expect(layout.clock).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await context.close();
  });

  it('can be framed by an origin in DASHBOARD_FRAME_ANCESTORS and not by another', async () => {
    const framing = `<!doctype html><html><body><iframe id="wall" src="${stack.service.url}/dashboard?columns=politics/*" width="800" height="450"></iframe></body></html>`;
    stack.host.set('/frame', { body: framing });
    elsewhere.set('/frame', { body: framing });
    const context = await stack.browser.newContext();
    const allowed = await context.newPage();
    await allowed.goto(`${stack.host.origin}/frame`);
    const wall = allowed.frameLocator('#wall');
    await wall.locator('.connection.live').waitFor({ timeout: 10_000 });
    expect(await wall.locator('.column h2').allTextContents()).toEqual(['Politics · all regions']);

    const refused = await context.newPage();
    await refused.goto(`${elsewhere.origin}/frame`);
    // Chromium replaces a frame that the page's frame-ancestors forbids with its error page.
    const child = () => refused.frames().find((frame) => frame.parentFrame() !== null);
    await waitFor(() => (child()?.url().startsWith('chrome-error:') === true ? true : undefined), { what: 'the refused frame' });
    expect(await child()?.locator('.column').count()).toBe(0);

    const headers = (await fetch(`${stack.service.url}/dashboard`)).headers;
    expect(headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${stack.host.origin}`);
    // Browsers without frame-ancestors would otherwise refuse the allowed origin too.
    expect(headers.get('x-frame-options')).toBeNull();
    await context.close();
  });
});
