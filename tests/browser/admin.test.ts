/**
 * /admin in real Chromium against the real service: an admin adds a feed (served by a local
 * server) and manages it (edit, pause, poll now, OPML, delete); an editor retracts, corrects and
 * flags its headlines, and running widget and dashboard pages follow within a second; the API's
 * refusals are shown with their status and code; the page is readable at 375 px. It takes the
 * README's screenshots, docs/screenshots/admin*.png (rewritten there with UPDATE_SCREENSHOTS=1).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { TEST_API_KEY, TEST_EDITOR_KEY } from '../helpers/service.ts';
import { clickedAt, goneAt, openAdmin, screenshotPath, stampClicks, useKey, watchDisappearance } from './admin-harness.ts';
import { embedPage, hasChromium, publish, startStack, tickerTitles, waitForLive, type Stack } from './harness.ts';

interface FeedItem {
  guid: string;
  title: string;
  minutesAgo: number;
}

const DESK_ITEMS: FeedItem[] = [
  { guid: 'desk-3', title: 'Wrong figures in the jobs report', minutesAgo: 5 },
  { guid: 'desk-2', title: 'Port strike ends as talks conclude', minutesAgo: 12 },
  { guid: 'desk-1', title: 'Parliament approves budget after overnight session', minutesAgo: 20 },
];

function rss(name: string, items: readonly FeedItem[]): string {
  const entries = items.map(
    (item) => `<item><guid isPermaLink="false">${item.guid}</guid><title>${item.title}</title>
  <link>https://desk.example.org/${item.guid}</link><pubDate>${new Date(Date.now() - item.minutesAgo * 60_000).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${name}</title><link>https://desk.example.org/</link>
${entries.join('\n')}
</channel></rss>`;
}

describe.skipIf(!hasChromium)('/admin in Chromium', () => {
  let stack: Stack;

  /** Serves the feeds the tests add as sources, from another local server. */
  let feeds: TestHttpServer;
  let deskItems: FeedItem[] = DESK_ITEMS;

  beforeAll(async () => {
    stack = await startStack();
    feeds = await startHttpServer();
    feeds.route('/desk.xml', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss('Local Desk', deskItems)));
    feeds.route('/harbour.xml', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss('Harbour News', [])));
  });

  afterAll(async () => {
    await feeds.close();
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

  it('adds a feed source, sees its headlines arrive, retracts one: gone from a running widget and dashboard within 1 s of the click', async () => {
    const widget = await openWidget();
    const dashboard = await openDashboard();
    const admin = await openAdmin(stack.browser, stack.service, { width: 1440, height: 1000 });
    expect(await useKey(admin.page, TEST_EDITOR_KEY)).toContain('admin scope');

    await admin.page.click('button.add-source');
    const form = admin.page.locator('form.source-form');
    await form.locator('input[name="id"]').fill('local-desk');
    await form.locator('input[name="name"]').fill('Local Desk');
    await form.locator('input[name="url"]').fill(`${feeds.url}/desk.xml`);
    // Long enough that nothing but the first poll and "Poll now" fetches it during the test.
    await form.locator('input[name="intervalSeconds"]').fill('3600');
    await form.locator('input[name="topics"]').fill('politics');
    await form.locator('input[name="regions"]').fill('az');
    await form.locator('.save-source').click();
    const source = admin.page.locator('tr.source[data-id="local-desk"]');
    await source.waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await source.locator('.interval').textContent()).toBe('1 h');

    // Its items arrive live in the admin list, and in the widget and on the dashboard.
    for (const { title } of DESK_ITEMS) await adminRow(admin.page, title).waitFor({ timeout: 15_000 });
    const doomed = 'Wrong figures in the jobs report';
    await widget.waitForFunction((t) => Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === t), doomed);
    await dashboard.locator('.column .title', { hasText: doomed }).first().waitFor();
    // The table catches up by itself: the first poll stored three items.
    await source.locator('.status.ok').waitFor({ timeout: 15_000 });
    expect(await source.locator('.items').textContent()).toBe('3');

    const row = adminRow(admin.page, doomed);
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
    console.log(`retraction: click in /admin → gone from the widget ${widgetMs} ms, from the dashboard ${dashboardMs} ms`);
    expect(widgetMs).toBeGreaterThanOrEqual(0);
    expect(widgetMs).toBeLessThan(1000);
    expect(dashboardMs).toBeGreaterThanOrEqual(0);
    expect(dashboardMs).toBeLessThan(1000);

    // The others stay everywhere; the admin list drops it too; the audit tail says who and why.
    const others = DESK_ITEMS.map((item) => item.title).filter((title) => title !== doomed);
    expect(await tickerTitles(widget)).toEqual(expect.arrayContaining(others));
    expect(await tickerTitles(widget)).not.toContain(doomed);
    await row.waitFor({ state: 'detached' });
    const audit = admin.page.locator('.audit-entry[data-action="headline.retract"]').first();
    await audit.waitFor();
    expect(await audit.textContent()).toContain('Reason: figures were from the wrong quarter');
    expect(await audit.textContent()).toContain(`was: ${doomed}`);
    expect(await audit.locator('.actor').textContent()).toBe('test-editor');
    expect(await admin.page.locator('.audit-entry[data-action="source.create"] .target').first().textContent()).toBe('local-desk');
    expect(admin.problems).toEqual([]);
    await Promise.all([widget.context().close(), dashboard.context().close(), admin.context.close()]);
  });

  it('edits, pauses, resumes and polls a source now; an id already taken is shown as 409 CONFLICT', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 1440, height: 1000 });
    await useKey(admin.page, TEST_EDITOR_KEY);
    const source = admin.page.locator('tr.source[data-id="local-desk"]');

    await source.locator('button.edit').click();
    const form = admin.page.locator('form.source-form');
    expect(await form.locator('input[name="id"]').isEditable()).toBe(false);
    expect(await form.locator('input[name="url"]').inputValue()).toBe(`${feeds.url}/desk.xml`);
    await form.locator('input[name="name"]').fill('Local Desk (city)');
    await form.locator('input[name="intervalSeconds"]').fill('1800');
    await form.locator('.save-source').click();
    await source.locator('.source-name', { hasText: 'Local Desk (city)' }).waitFor();
    expect(await source.locator('.interval').textContent()).toBe('30 min');

    await source.locator('button.pause').click();
    await source.locator('.status.paused').waitFor();
    expect(await source.locator('button.pause').textContent()).toBe('Resume');
    // Paused, the schedule polls it no more; "Poll now" still does: the new item arrives.
    deskItems = [{ guid: 'desk-4', title: 'Council approves new tram line', minutesAgo: 1 }, ...DESK_ITEMS];
    await source.locator('button.poll-now').click();
    await adminRow(admin.page, 'Council approves new tram line').waitFor({ timeout: 15_000 });
    await source.locator('button.pause').click();
    await source.locator('button.pause', { hasText: 'Pause' }).waitFor();
    expect(await source.locator('.status').textContent()).not.toBe('paused');

    await admin.page.click('button.add-source');
    await form.locator('input[name="id"]').fill('local-desk');
    await form.locator('input[name="name"]').fill('Another desk');
    await form.locator('input[name="url"]').fill(`${feeds.url}/desk.xml`);
    await form.locator('.save-source').click();
    const error = admin.page.locator('.notice-error').first();
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('CONFLICT');
    expect(await error.textContent()).toContain('Add source local-desk: Conflict (409 CONFLICT)');
    expect(await form.count()).toBe(1); // kept open, so the id can be changed

    for (const action of ['source.update', 'source.pause', 'source.resume', 'source.poll']) {
      await admin.page.locator(`.audit-entry[data-action="${action}"]`).first().waitFor();
    }
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('exports the sources as OPML, imports an OPML file and deletes a source', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 1440, height: 1000 });
    await useKey(admin.page, TEST_EDITOR_KEY);
    await admin.page.locator('tr.source[data-id="local-desk"]').waitFor();

    const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.click('button.export-opml')]);
    expect(download.suggestedFilename()).toBe('news-ticker-sources.opml');
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toContain('<opml version="2.0"');
    expect(exported).toContain('nt:id="local-desk"');
    expect(exported).toContain(`xmlUrl="${feeds.url}/desk.xml"`);

    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="City" title="City"><outline type="rss" text="Harbour News" title="Harbour News" xmlUrl="${feeds.url}/harbour.xml" htmlUrl="https://harbour.example.org/"/></outline>
</body></opml>`;
    await admin.page.setInputFiles('input[name="opml"]', { name: 'reader-export.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
    await admin.page.locator('.notice-status', { hasText: 'Import reader-export.opml:' }).waitFor();
    const imported = admin.page.locator('tr.source', { has: admin.page.locator('.source-name', { hasText: 'Harbour News' }) });
    await imported.waitFor();
    const importedId = (await imported.getAttribute('data-id')) ?? '';

    await imported.locator('button.delete').click();
    await imported.locator('button.confirm-delete').click();
    await admin.page.locator(`tr.source[data-id="${importedId}"]`).waitFor({ state: 'detached' });
    await admin.page.locator('.audit-entry[data-action="source.delete"]').first().waitFor();
    expect(await admin.page.locator('.audit-entry[data-action="source.delete"] .target').first().textContent()).toBe(importedId);
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
    await admin.page.locator('input[name="filter"]').blur();
    await admin.page.evaluate(() => window.scrollTo(0, 0));
    await admin.page.screenshot({ path: screenshotPath('admin.png'), fullPage: true });
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

  it('keeps the key for the tab only: a reload keeps it, another tab does not have it, Forget removes it', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 1280, height: 900 });
    await useKey(admin.page, TEST_EDITOR_KEY);
    expect(await admin.page.evaluate(() => Object.keys(localStorage).length + document.cookie.length)).toBe(0);
    await admin.page.reload();
    await admin.page.locator('.key-state', { hasText: 'It has the admin scope.' }).waitFor();
    await admin.page.locator('.audit-entry').first().waitFor();

    const other = await admin.context.newPage();
    await other.goto(`${stack.service.url}/admin`);
    await other.locator('.key-state', { hasText: 'No key' }).waitFor();
    expect(await other.locator('#audit .panel-state').textContent()).toContain('Type a key with the admin scope');

    await admin.page.click('.forget-key');
    await admin.page.locator('.key-state', { hasText: 'No key' }).waitFor();
    expect(await admin.page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('is readable on a 375 px phone: nothing wider than the screen, every action reachable', async () => {
    const admin = await openAdmin(stack.browser, stack.service, { width: 375, height: 812 });
    await useKey(admin.page, TEST_EDITOR_KEY);
    await admin.page.locator('.headline').first().waitFor();
    await admin.page.locator('tr.source[data-id="local-desk"]').waitFor();
    const layout = await admin.page.evaluate(() => {
      const status = document.querySelector('tr.source[data-id="local-desk"] td[data-label="Status"]');
      return {
        scrollWidth: document.documentElement.scrollWidth,
        tooWide: Array.from(document.querySelectorAll<HTMLElement>('.panel, .headline, tr.source, td, button, input')).filter((node) => node.getBoundingClientRect().right > window.innerWidth + 0.5).length,
        fontSize: parseFloat(getComputedStyle(document.querySelector('.headline .title') ?? document.body).fontSize),
        // The sources table as cards: each value labelled with its column's name.
        cellLabel: status === null ? null : getComputedStyle(status, '::before').content,
        headerShown: (document.querySelector('.sources-table thead')?.getBoundingClientRect().height ?? 0) > 1,
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.tooWide).toBe(0);
    expect(layout.fontSize).toBeGreaterThanOrEqual(14);
    expect(layout.cellLabel).toBe('"Status"');
    expect(layout.headerShown).toBe(false);
    await admin.page.screenshot({ path: screenshotPath('admin-phone.png'), fullPage: false });
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
    // The key check settles first; the audit panel's own reload answers a moment later.
    await admin.page.waitForSelector('#audit .panel-state[data-code]', { timeout: 10_000 });
    expect(await admin.page.locator('#audit .panel-state').getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });
});
