/**
 * /admin in real Chromium against the real service: an editor retracts, corrects and flags
 * headlines, and running widget and dashboard pages follow within a second; the API's refusals
 * are shown with their status and code; the page is readable at 375 px. Screenshots go to
 * docs/screenshots/admin*.png (shown in the README).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_EDITOR_KEY } from '../helpers/service.ts';
import { clickedAt, goneAt, openAdmin, stampClicks, useKey, watchDisappearance } from './admin-harness.ts';
import { embedPage, hasChromium, publish, startStack, tickerTitles, waitForLive, type Stack } from './harness.ts';

const SCREENSHOTS = 'docs/screenshots';

describe.skipIf(!hasChromium)('/admin in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function openWidget(): Promise<Page> {
    stack.host.set('/news', { body: embedPage(stack.service, 'data-channels="*/*" data-layout="list" data-max="30" data-theme="light"') });
    const page = await (await stack.browser.newContext({ viewport: { width: 900, height: 700 } })).newPage();
    await page.goto(`${stack.host.origin}/news`);
    await waitForLive(page);
    return page;
  }

  async function openDashboard(): Promise<Page> {
    const page = await (await stack.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${stack.service.url}/dashboard?columns=*/*,politics/*&title=Wall`);
    await page.locator('.connection.live').waitFor({ timeout: 10_000 });
    return page;
  }

  const adminRow = (page: Page, title: string) => page.locator('.headline', { has: page.locator('.title', { hasText: title }) });

  it('retracts a headline: gone from a running widget and a running dashboard within 1 s of the click', async () => {
    const titles = ['Parliament approves budget after overnight session', 'Port strike ends as talks conclude', 'Wrong figures in jobs report'];
    const stored = await publish(
      stack.service,
      titles.map((title, i) => ({ title, url: `https://example.com/r${i}`, topics: ['politics'], regions: ['az'] })),
    );
    const widget = await openWidget();
    const dashboard = await openDashboard();
    const admin = await openAdmin(stack.browser, stack.service, { width: 1440, height: 1000 });
    expect(await useKey(admin.page, TEST_EDITOR_KEY)).toContain('admin scope');

    const doomed = 'Wrong figures in jobs report';
    await widget.waitForFunction((t) => Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === t), doomed);
    await dashboard.locator('.column .title', { hasText: doomed }).first().waitFor();
    const row = adminRow(admin.page, doomed);
    await row.waitFor();
    expect(await row.getAttribute('data-id')).toBe(stored[2]?.id);

    await row.locator('button.retract').click();
    await row.locator('input[name="reason"]').fill('figures were from the wrong quarter');
    await watchDisappearance(widget, doomed);
    await watchDisappearance(dashboard, doomed);
    await stampClicks(admin.page, '.confirm-retract');
    await row.locator('.confirm-retract').click();

    const [clicked, widgetGone, dashboardGone] = await Promise.all([clickedAt(admin.page), goneAt(widget), goneAt(dashboard)]);
    if (clicked === undefined) throw new Error('the click was not stamped');
    const widgetMs = widgetGone - clicked;
    const dashboardMs = dashboardGone - clicked;
    console.log(`retraction: click → gone from the widget ${widgetMs} ms, from the dashboard ${dashboardMs} ms`);
    expect(widgetMs).toBeGreaterThanOrEqual(0);
    expect(widgetMs).toBeLessThan(1000);
    expect(dashboardMs).toBeGreaterThanOrEqual(0);
    expect(dashboardMs).toBeLessThan(1000);

    // Only the retracted one left, everywhere; the admin list too; the audit tail says who and why.
    expect(await tickerTitles(widget)).toEqual(expect.arrayContaining(titles.slice(0, 2)));
    expect(await tickerTitles(widget)).not.toContain(doomed);
    await row.waitFor({ state: 'detached' });
    const audit = admin.page.locator('.audit-entry[data-action="headline.retract"]').first();
    await audit.waitFor();
    expect(await audit.textContent()).toContain('Reason: figures were from the wrong quarter');
    expect(await audit.locator('.actor').textContent()).toBe('test-editor');
    expect(await audit.locator('.target').textContent()).toBe(stored[2]?.id);
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('corrects a headline and flags one breaking; the widget shows the new text and the mark', async () => {
    await publish(stack.service, [
      { title: 'Minister resigns over expenses claim', url: 'https://example.com/c1', topics: ['politics'], regions: ['gb'] },
      { title: 'Earthquake of magnitude 6 strikes off the coast', url: 'https://example.com/c2', topics: ['disaster'], regions: ['jp'] },
    ]);
    const widget = await openWidget();
    const admin = await openAdmin(stack.browser, stack.service, { width: 1440, height: 1000 });
    await useKey(admin.page, TEST_EDITOR_KEY);

    const row = adminRow(admin.page, 'Minister resigns over expenses claim');
    await row.locator('button.correct').click();
    await row.locator('input[name="title"]').fill('Minister resigns over travel expenses claim');
    await row.locator('input[name="topics"]').fill('politics, economy');
    await row.locator('.save-correction').click();
    await widget.waitForFunction(() =>
      Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === 'Minister resigns over travel expenses claim'),
    );
    const corrected = adminRow(admin.page, 'Minister resigns over travel expenses claim');
    await corrected.locator('.revision').waitFor();
    expect(await corrected.locator('.tags').textContent()).toBe('politics · economy · gb · northern-europe · europe');

    const quake = adminRow(admin.page, 'Earthquake of magnitude 6');
    await quake.locator('button.breaking-toggle').click();
    await quake.locator('button.breaking-toggle[aria-pressed="true"]').waitFor();
    await widget.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector('.item.breaking .title')?.textContent?.startsWith('Earthquake') === true);

    const audit = admin.page.locator('.audit-entry[data-action="headline.update"]');
    await admin.page.waitForFunction(() => document.querySelectorAll('.audit-entry[data-action="headline.update"]').length >= 2);
    expect(await audit.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('priority: normal → breaking'), expect.stringContaining('title: Minister resigns over expenses claim → Minister resigns over travel expenses claim')]),
    );

    // The filter narrows the list to matching headlines.
    await admin.page.fill('input[name="filter"]', 'earthquake');
    await admin.page.waitForFunction(() => Array.from(document.querySelectorAll('.headline')).filter((n) => !(n as HTMLElement).hidden).length === 1);
    expect(await admin.page.locator('.headline:visible .title').allTextContents()).toEqual(['Earthquake of magnitude 6 strikes off the coast']);
    await admin.page.fill('input[name="filter"]', '');
    await admin.page.screenshot({ path: `${SCREENSHOTS}/admin.png`, fullPage: true });
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it("shows the API's refusals with their status and code: 401 and 403", async () => {
    const [headline] = await publish(stack.service, [{ title: 'Refusals: a headline to act on', topics: ['politics'], regions: ['fr'] }]);
    const admin = await openAdmin(stack.browser, stack.service, { width: 1280, height: 900 });
    const errors = admin.page.locator('.notice-error');

    const wrong = await useKey(admin.page, 'not-a-key-0123456789abcdef0123456789');
    expect(wrong).toContain('401 UNAUTHORIZED');
    expect(await admin.page.locator('#audit .panel-state').textContent()).toContain('401 UNAUTHORIZED');
    const row = adminRow(admin.page, 'Refusals: a headline to act on');
    await row.locator('button.breaking-toggle').click();
    await errors.first().waitFor();
    expect(await errors.first().getAttribute('data-code')).toBe('UNAUTHORIZED');
    expect(await errors.first().textContent()).toContain('Flag as breaking: Key not accepted (401 UNAUTHORIZED)');

    // A publish-only key: accepted, but not for editing.
    expect(await useKey(admin.page, TEST_API_KEY)).toContain('403 FORBIDDEN');
    await row.locator('button.retract').click();
    await row.locator('input[name="reason"]').fill('testing refusals');
    await row.locator('.confirm-retract').click();
    await errors.first().waitFor();
    expect(await errors.first().getAttribute('data-code')).toBe('FORBIDDEN');
    expect(await errors.first().textContent()).toMatch(/Retract headline: Not allowed with this key \(403 FORBIDDEN\).*does not have the scope "edit"/);
    expect(await row.count()).toBe(1);

    // Retracted by another editor while the form is open here: the row goes, form and all.
    await useKey(admin.page, TEST_EDITOR_KEY);
    await row.locator('button.retract').click();
    await row.locator('input[name="reason"]').fill('second retraction');
    const gone = await fetch(`${stack.service.url}/api/headlines/${headline?.id ?? ''}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'retracted by another editor' }),
    });
    expect(gone.status).toBe(200);
    await row.waitFor({ state: 'detached' });
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('is readable on a 375 px phone: nothing wider than the screen, every action reachable', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 375, height: 812 });
    await useKey(admin.page, TEST_EDITOR_KEY);
    await admin.page.locator('.headline').first().waitFor();
    const layout = await admin.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      tooWide: Array.from(document.querySelectorAll<HTMLElement>('.panel, .headline, button, input')).filter((node) => node.getBoundingClientRect().right > window.innerWidth + 0.5).length,
      fontSize: parseFloat(getComputedStyle(document.querySelector('.headline .title') ?? document.body).fontSize),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.tooWide).toBe(0);
    expect(layout.fontSize).toBeGreaterThanOrEqual(14);
    await admin.page.screenshot({ path: `${SCREENSHOTS}/admin-phone.png`, fullPage: false });
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  // Last: it spends this address's budget of failed key attempts, which every keyed call then meets.
  it('says when the address is throttled: 429 RATE_LIMITED with the time to wait', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 1280, height: 900 });
    const attempt = () => fetch(`${stack.service.url}/api/audit`, { headers: { authorization: 'Bearer guessed-key-0123456789abcdef0123456' } });
    let status = 0;
    for (let tries = 0; status !== 429 && tries < 100; tries += 1) status = (await attempt()).status;
    expect(status).toBe(429);
    const verdict = await useKey(admin.page, TEST_EDITOR_KEY);
    expect(verdict).toMatch(/Too many requests \(429 RATE_LIMITED\).*Retry in \d+ s\./);
    expect(await admin.page.locator('#audit .panel-state').getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });
});
