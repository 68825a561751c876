/**
 * The embeddable widget in real Chromium against the real service: hostile host CSS, hostile
 * headline text, pausing and reduced motion, and a host page under a strict CSP.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPage, hasChromium, publish, startStack, tickerTitles, trackTransform, waitForLive, type Stack } from './harness.ts';
import { waitFor } from '../helpers/wait.ts';

const HOSTILE_CSS = `
* { display: block !important; font-size: 40px !important; color: red !important; line-height: 3 !important;
    font-family: serif !important; text-transform: uppercase !important; letter-spacing: 6px !important;
    visibility: visible !important; background: yellow !important; }
a, span, li, ul, button, div { border: 5px solid lime !important; padding: 20px !important; margin: 20px !important; position: static !important; }
`;

const LONG = 'with a title long enough that the crawl has something to move across the screen';

describe.skipIf(!hasChromium)('widget in Chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await publish(stack.service, [
      { title: `Backlog politics headline one ${LONG}`, url: 'https://example.com/1', topics: ['politics'], regions: ['az'] },
      { title: `Backlog politics headline two ${LONG}`, url: 'https://example.com/2', topics: ['politics'], regions: ['ir'] },
      { title: `Backlog politics headline three ${LONG}`, topics: ['politics'], regions: ['gb'] },
    ]);
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function open(path: string, html: string, options: { reducedMotion?: 'reduce'; css?: string } = {}): Promise<Page> {
    stack.host.set(path, { body: html });
    if (options.css !== undefined) stack.host.set(`${path}.css`, { body: options.css, type: 'text/css' });
    const context = await stack.browser.newContext({ reducedMotion: options.reducedMotion ?? 'no-preference', viewport: { width: 1000, height: 400 } });
    const page = await context.newPage();
    await page.goto(`${stack.host.origin}${path}`);
    await waitForLive(page);
    return page;
  }

  it('shows headlines published after load within 2 s, untouched by hostile host CSS', async () => {
    const page = await open('/hostile', embedPage(stack.service, 'data-channels="politics/*" data-theme="light"', '<link rel="stylesheet" href="/hostile.css">'), {
      css: HOSTILE_CSS,
    });
    // The hostile sheet is live on the host page itself…
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1') ?? document.body).fontSize)).toBe('40px');
    // …and the ticker stands where the script stands.
    expect(await page.evaluate(() => document.querySelector('script[data-channels]')?.nextElementSibling?.localName)).toBe('news-ticker');

    const started = Date.now();
    await publish(stack.service, [{ title: 'Fresh politics headline after load', url: 'https://example.com/fresh', topics: ['politics'], regions: ['fr'] }]);
    await page.waitForFunction(
      () => Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === 'Fresh politics headline after load'),
      null,
      { timeout: 2000 },
    );
    expect(Date.now() - started).toBeLessThan(2000);

    const styles = await page.evaluate(() => {
      const root = document.querySelector('news-ticker')?.shadowRoot;
      const pick = (selector: string) => {
        const node = root?.querySelector(selector);
        if (node === null || node === undefined) return null;
        const s = getComputedStyle(node);
        return { fontSize: s.fontSize, color: s.color, display: s.display, textTransform: s.textTransform, fontFamily: s.fontFamily, borderTopWidth: s.borderTopWidth, lineHeight: s.lineHeight };
      };
      return { box: pick('.nt'), item: pick('.item'), title: pick('.title'), button: pick('button.toggle') };
    });
    expect(styles.box).toMatchObject({ fontSize: '16px', display: 'flex', textTransform: 'none', color: 'rgb(23, 24, 28)' });
    expect(styles.box?.fontFamily).not.toBe('serif');
    expect(styles.item).toMatchObject({ fontSize: '16px', display: 'flex', borderTopWidth: '0px' });
    expect(styles.title).toMatchObject({ fontSize: '16px', color: 'rgb(23, 24, 28)', textTransform: 'none' });
    expect(styles.button?.display).toBe('flex'); // inline-flex, blockified inside the flex row: not the host's block
    expect(await tickerTitles(page)).toContain('Backlog politics headline one ' + LONG);
    await page.context().close();
  });

  it('renders markup and script payloads as text, and links only http(s)', async () => {
    const page = await open('/xss', embedPage(stack.service, 'data-channels="crime-law/*"'));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // A javascript: URL cannot even be published: the API takes http(s) only.
    await expect(publish(stack.service, [{ title: 'Bad link', url: 'javascript:alert(3)', topics: ['crime-law'], regions: ['gb'] }])).rejects.toThrow(/400/);
    // Entity-encoded markup survives the server's tag stripping as literal text: the widget must not parse it.
    const payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '<a href="javascript:alert(3)">click me</a>'];
    const encoded = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    await publish(
      stack.service,
      payloads.map((text, i) => ({ title: encoded(text), url: i === 0 ? 'https://example.com/x' : undefined, topics: ['crime-law'], regions: ['gb'] })),
    );
    await page.waitForFunction((count) => (document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.item').length ?? 0) >= count, payloads.length);
    expect((await tickerTitles(page)).sort()).toEqual([...payloads].sort());
    const found = await page.evaluate(() => {
      const root = document.querySelector('news-ticker')?.shadowRoot;
      return {
        imgs: root?.querySelectorAll('img').length,
        scripts: root?.querySelectorAll('script').length,
        hrefs: Array.from(root?.querySelectorAll('a') ?? []).map((a) => ({ href: a.getAttribute('href'), rel: a.rel, target: a.target })),
      };
    });
    expect(found.imgs).toBe(0);
    expect(found.scripts).toBe(0);
    expect(found.hrefs).toEqual([{ href: 'https://example.com/x', rel: 'noopener noreferrer', target: '_blank' }]);
    // A dialog would open while the items render; a short look confirms none did (a negative check).
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('stops the crawl for the pause button, hover and keyboard focus', async () => {
    const page = await open('/pause', embedPage(stack.service, 'data-channels="politics/*" data-speed="fast"'));
    // Moving is a state to wait for; standing still can only be sampled over a while.
    const expectMoving = async () => {
      const from = await trackTransform(page);
      await page.waitForFunction((before) => {
        const track = document.querySelector('news-ticker')?.shadowRoot?.querySelector('.track');
        return track !== null && track !== undefined && getComputedStyle(track).transform !== before;
      }, from);
    };
    const expectStill = async () => {
      const from = await trackTransform(page);
      await page.waitForTimeout(400);
      expect(await trackTransform(page)).toBe(from);
    };
    await expectMoving();

    const toggle = page.locator('news-ticker button.toggle');
    expect(await toggle.getAttribute('aria-label')).toBe('Pause headlines');
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Play headlines');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expectStill();
    await toggle.click();
    await page.mouse.move(5, 350); // off the ticker, so hover does not hold it
    await expectMoving();

    await page.locator('news-ticker .viewport').hover();
    await expectStill();
    await page.mouse.move(5, 350);
    await expectMoving();

    // Keyboard: Tab from the text before the ticker reaches a headline link, and focus holds the crawl.
    await page.click('#before');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('news-ticker')?.shadowRoot?.activeElement?.localName)).toBe('a');
    await expectStill();
    await page.context().close();
  });

  it('does not scroll under prefers-reduced-motion: one headline at a time, changed by the user', async () => {
    const page = await open('/still', embedPage(stack.service, 'data-channels="politics/*"'), { reducedMotion: 'reduce' });
    const visible = () =>
      page.evaluate(() =>
        Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll<HTMLElement>('.item') ?? [])
          .filter((item) => item.offsetWidth > 0)
          .map((item) => item.querySelector('.title')?.textContent),
      );
    const before = await trackTransform(page);
    const shown = await visible();
    await page.waitForTimeout(800);
    expect(await trackTransform(page)).toBe(before);
    expect(before).toBe('none');
    expect(shown).toHaveLength(1);
    expect(await visible()).toEqual(shown);
    await page.locator('news-ticker button.next').click();
    const next = await visible();
    expect(next).toHaveLength(1);
    expect(next).not.toEqual(shown);
    await page.locator('news-ticker button.prev').click();
    expect(await visible()).toEqual(shown);
    await page.context().close();
  });

  it('crawls rightwards on a right-to-left page, each headline with dir=auto', async () => {
    await publish(stack.service, [{ title: 'انطلاق محادثات وقف إطلاق النار في جنيف', lang: 'ar', topics: ['politics'], regions: ['eg'] }]);
    const html = embedPage(stack.service, 'data-channels="politics/*"').replace('<html lang="en">', '<html lang="fa" dir="rtl">');
    const page = await open('/rtl', html);
    const x = async () => Number(/matrix\([^,]+,[^,]+,[^,]+,[^,]+,\s*(-?[\d.]+)/.exec(await trackTransform(page))?.[1] ?? 'NaN');
    const first = await x();
    await waitFor(async () => (await x()) > first, { what: 'the track to move rightwards' });
    const dirs = await page.evaluate(() => Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).map((n) => n.getAttribute('dir')));
    expect(new Set(dirs)).toEqual(new Set(['auto']));
    await page.context().close();
  });

  it('runs on a host page with a strict CSP from another origin, with no violation', async () => {
    const service = new URL(stack.service.url);
    const csp = `default-src 'self'; script-src ${service.origin}; connect-src ${service.origin} ws://${service.host}`;
    stack.host.set('/csp', { body: embedPage(stack.service, 'data-channels="politics/*" data-theme="dark"'), headers: { 'Content-Security-Policy': csp } });
    const context = await stack.browser.newContext();
    // Init scripts come in through the DevTools protocol, which the page's CSP does not govern.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${stack.host.origin}/csp`);
    await waitForLive(page);
    await publish(stack.service, [{ title: 'Headline under a strict CSP', topics: ['politics'], regions: ['de'] }]);
    await page.waitForFunction(() =>
      Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.title') ?? []).some((n) => n.textContent === 'Headline under a strict CSP'),
    );
    // The crawl runs frames under the policy: the track moves.
    const before = await trackTransform(page);
    await waitFor(async () => (await trackTransform(page)) !== before, { what: 'the crawl to move under the CSP' });
    // The constructed stylesheet applied (a blocked <style> would leave the badge unstyled).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('news-ticker')?.shadowRoot?.querySelector('.badge') ?? document.body).backgroundColor)).toBe(
      'rgb(214, 45, 66)',
    );
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
