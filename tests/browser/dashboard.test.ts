/** The wall-screen dashboard in real Chromium: four columns, each headline in exactly the columns it matches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, publish, startStack, type Stack } from './harness.ts';

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
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
});
