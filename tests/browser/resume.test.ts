/**
 * The resume promise in a real browser: the network drops, headlines are published meanwhile,
 * the network returns, and each missed headline appears exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPage, hasChromium, publish, startStack, tickerState, tickerTitles, waitForLive, type Stack } from './harness.ts';

describe.skipIf(!hasChromium)('widget resume in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await publish(stack.service, [{ title: 'Before the outage', topics: ['economy'], regions: ['az'] }]);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('recovers the headlines missed while offline, each once', async () => {
    stack.host.set('/offline', { body: embedPage(stack.service, 'data-channels="*/az,economy/*" data-max="50"') });
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.host.origin}/offline`);
    await waitForLive(page);
    expect(await tickerTitles(page)).toEqual(['Before the outage']);

    await context.setOffline(true);
    // The socket really drops: after a few quiet seconds the widget says it is reconnecting.
    await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLElement>('.nt')?.dataset.state === 'reconnecting', null, {
      timeout: 6000,
    });
    const missed = ['Missed one', 'Missed two (economy and az: matches both channels)', 'Missed three'];
    await publish(stack.service, [
      { title: missed[0] ?? '', topics: ['politics'], regions: ['az'] },
      { title: missed[1] ?? '', topics: ['economy'], regions: ['az'] },
      { title: missed[2] ?? '', topics: ['economy'], regions: ['gb'] },
      { title: 'Not subscribed', topics: ['sport'], regions: ['gb'] },
    ]);
    // Offline, nothing can arrive: a short look confirms that nothing did (a negative check).
    await page.waitForTimeout(500);
    expect(await tickerTitles(page)).toEqual(['Before the outage']);

    await context.setOffline(false);
    await waitForLive(page);
    await page.waitForFunction((count) => (document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.item').length ?? 0) >= count, missed.length + 1);
    await publish(stack.service, [{ title: 'After the outage', topics: ['economy'], regions: ['fr'] }]);
    // Live delivery is in order, so once the last headline is shown everything before it is too.
    await page.waitForFunction(() => Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === 'After the outage'));
    const titles = await tickerTitles(page);
    expect([...titles].sort()).toEqual(['After the outage', 'Before the outage', ...missed].sort());
    expect(await tickerState(page)).toBe('live');
    await context.close();
  });
});
