/**
 * `npm run screenshots`: runs the real service on a private Redis, publishes sample headlines
 * and photographs the widget (crawl light, dark and right-to-left; the list layout) and the
 * dashboard (wall screen and phone) with Chromium into docs/screenshots/, then the breaking-news
 * state of both (a breaking headline first, a corrected one marked "updated", the banner).
 * `npm run screenshots -- breaking` writes only the files whose names contain an argument.
 * Needs redis-server and /usr/bin/chromium (or CHROMIUM_PATH). Exits 0 once every file is
 * written and everything it opened is closed, 1 when a shot or a close failed. The images embed
 * times relative to now, so each run rewrites the committed files; commit them only when the
 * pages they show changed.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { RunningService } from '../src/app/service.ts';
import { describeError } from '../src/shared/errors.ts';
import { edit, publish, startStack, waitForLive, type HostServer, type PublishInput } from '../tests/browser/harness.ts';

const OUT = 'docs/screenshots';
const only = process.argv.slice(2);
const wanted = (file: string): boolean => only.length === 0 || only.some((word) => file.includes(word));
const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const src = (id: string, name: string) => ({ id, name });

const ENGLISH: PublishInput[] = [
  { title: 'Baku metro extends evening service on two lines', url: 'https://example.com/0', topics: ['society'], regions: ['az'], source: src('caliber-az', 'Caliber.Az'), publishedAt: minutesAgo(26 * 60) },
  { title: 'Azerbaijan, Albania foster trade ties through business meeting in Baku', url: 'https://example.com/1', topics: ['economy', 'politics'], regions: ['az', 'al'], source: src('caliber-az', 'Caliber.Az'), publishedAt: minutesAgo(42) },
  { title: 'Parliament approves new budget after overnight session', url: 'https://example.com/2', topics: ['politics'], regions: ['gb'], source: src('wire-one', 'Wire One'), publishedAt: minutesAgo(31) },
  { title: 'Ceasefire talks resume in Geneva as envoys arrive', url: 'https://example.com/3', topics: ['conflict', 'politics'], regions: ['ch', 'ir'], source: src('world-desk', 'World Desk'), publishedAt: minutesAgo(24) },
  { title: 'Tehran stock exchange closes higher for third day', url: 'https://example.com/4', topics: ['economy'], regions: ['ir'], source: src('market-watch', 'Market Watch'), publishedAt: minutesAgo(18) },
  { title: 'Baku to host regional energy forum next month', url: 'https://example.com/5', topics: ['economy', 'environment'], regions: ['az'], source: src('caliber-az', 'Caliber.Az'), publishedAt: minutesAgo(12) },
  { title: 'Border clashes reported overnight; casualties unconfirmed', topics: ['conflict'], regions: ['am', 'az'], source: src('world-desk', 'World Desk'), publishedAt: minutesAgo(7) },
  { title: 'Election commission publishes final turnout figures', url: 'https://example.com/7', topics: ['politics'], regions: ['ir'], source: src('wire-one', 'Wire One'), publishedAt: minutesAgo(3) },
];

const RTL: PublishInput[] = [
  { title: 'وزير الخارجية يصل إلى باكو في زيارة رسمية تستغرق يومين', url: 'https://example.com/ar1', topics: ['politics'], regions: ['sa', 'az'], lang: 'ar', source: src('akhbar', 'أخبار اليوم'), publishedAt: minutesAgo(20) },
  { title: 'بازار سهام تهران برای سومین روز متوالی با رشد بسته شد', url: 'https://example.com/fa1', topics: ['economy'], regions: ['eg'], lang: 'fa', source: src('khabar', 'خبرگزاری نمونه'), publishedAt: minutesAgo(11) },
  { title: 'انطلاق محادثات وقف إطلاق النار في جنيف بمشاركة إقليمية', url: 'https://example.com/ar2', topics: ['conflict'], regions: ['eg', 'sa'], lang: 'ar', source: src('akhbar', 'أخبار اليوم'), publishedAt: minutesAgo(5) },
  { title: 'نشست منطقه‌ای انرژی ماه آینده در باکو برگزار می‌شود', url: 'https://example.com/fa2', topics: ['economy'], regions: ['sa'], lang: 'fa', source: src('khabar', 'خبرگزاری نمونه'), publishedAt: minutesAgo(2) },
];

function hostCss(theme: 'light' | 'dark'): string {
  const dark = theme === 'dark';
  return `body{margin:0;padding:28px 36px;font:17px/1.5 Georgia,serif;background:${dark ? '#0b0c0f' : '#f6f4ef'};color:${dark ? '#dedede' : '#222'}}
h1{font:700 30px/1.2 system-ui,sans-serif;margin:0 0 14px} p{max-width:60em;margin:18px 0 0}`;
}

function hostPage(service: RunningService, theme: 'light' | 'dark', attributes: string, rtl = false, list = false): string {
  const heading = rtl ? 'آخرین اخبار' : 'The Daily Example';
  const text = rtl
    ? 'این صفحه‌ای نمونه است که نوار خبری را در خود جای داده است.'
    : 'A host page with its own styles. The ticker above lives in a shadow root: the page cannot restyle it, and it cannot restyle the page.';
  return `<!doctype html><html lang="${rtl ? 'fa' : 'en'}" dir="${rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>Host</title>
<link rel="stylesheet" href="/${theme}.css"></head><body><h1>${heading}</h1>
${list ? `<div style="width:360px"><news-ticker server="${service.url}" ${attributes}></news-ticker></div><script src="${service.url}/widget.js" async></script>` : `<script src="${service.url}/widget.js" async ${attributes}></script><p>${text}</p>`}</body></html>`;
}

const BREAKING: PublishInput = {
  title: 'Magnitude 6.1 earthquake strikes off the Caspian coast; no damage reported so far',
  url: 'https://example.com/breaking',
  topics: ['disaster'],
  regions: ['az'],
  source: src('world-desk', 'World Desk'),
  priority: 'breaking',
};

/** A host page with a crawl across the top and a list in the sidebar, both following `*\/az`. */
function breakingPage(service: RunningService): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="stylesheet" href="/light.css"></head><body>
<news-ticker server="${service.url}" channels="*/az" theme="light"></news-ticker>
<h1>The Daily Example</h1><div style="display:flex;gap:28px"><p style="flex:1">An article the reader is in the middle of. Breaking news goes first in both tickers, styled apart, and is announced to screen readers.</p>
<div style="width:380px;flex:none"><news-ticker server="${service.url}" channels="*/az" layout="list" theme="light" time-zone="Asia/Baku" time-format="24h" max="5"></news-ticker></div></div>
<script src="${service.url}/widget.js" async></script></body></html>`;
}

/** The breaking-news state: a headline corrected (marked "updated") and a breaking one, in the widget and on the wall. */
async function shootBreaking(service: RunningService, stored: readonly { id: string; title: string }[], host: HostServer, browser: Browser): Promise<void> {
  const corrected = stored.find((headline) => headline.title.startsWith('Baku to host regional energy forum'));
  if (corrected !== undefined) await edit(service, 'PATCH', corrected.id, { title: 'Baku to host regional energy forum on 12 May, organisers confirm' });
  const dashboard = `${service.url}/dashboard?columns=politics/*,conflict/*,*/az,*/ir&title=Newsroom&stale=10&tz=Asia/Baku&clock=24`;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  const wall = await context.newPage();
  await wall.goto(dashboard);
  await wall.waitForFunction(() => document.querySelector('.connection')?.classList.contains('live') === true);
  await publish(service, [{ ...BREAKING, publishedAt: new Date().toISOString() }]);
  await wall.waitForFunction(() => document.querySelector<HTMLElement>('.breaking-banner')?.hidden === false && document.querySelector('.item.pinned') !== null);
  if (wanted('dashboard-breaking.png')) await shoot(wall, 'dashboard-breaking.png');
  await context.close();

  host.set('/breaking', { body: breakingPage(service) });
  const widgets = await browser.newContext({ viewport: { width: 1100, height: 560 }, deviceScaleFactor: 1 });
  const page = await widgets.newPage();
  await page.goto(`${host.origin}/breaking`);
  await page.waitForFunction(() => Array.from(document.querySelectorAll('news-ticker')).every((ticker) => ticker.shadowRoot?.querySelector('.item.breaking') !== null));
  await page.mouse.move(1, 550);
  if (wanted('widget-breaking.png')) await shoot(page, 'widget-breaking.png');
  await widgets.close();
}

async function shoot(page: Page, file: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  await page.screenshot({ path: `${OUT}/${file}`, ...(clip === undefined ? {} : { clip }) });
  console.log(`wrote ${OUT}/${file}`);
}

async function shootAll(service: RunningService, host: HostServer, browser: Browser): Promise<void> {
  const stored = await publish(service, [...ENGLISH, ...RTL]);
  for (const theme of ['light', 'dark'] as const) host.set(`/${theme}.css`, { body: hostCss(theme), type: 'text/css' });
  const pages: { file: string; html: string; height?: number }[] = [
    { file: 'widget-light.png', html: hostPage(service, 'light', 'data-channels="*/al,*/gb,*/ch,*/am" data-theme="light"') },
    { file: 'widget-dark.png', html: hostPage(service, 'dark', 'data-channels="*/ir,*/az" data-theme="dark" data-time-format="relative"') },
    // Arabic UI, Arabic and Persian headlines only (their channels carry nothing else), on an RTL host page.
    { file: 'widget-rtl.png', html: hostPage(service, 'light', 'data-channels="*/sa,*/eg" data-lang="ar"', true) },
    {
      file: 'widget-list.png',
      html: hostPage(service, 'light', 'channels="*/az" layout="list" theme="light" time-zone="Asia/Baku" time-format="24h" max="6" more-url="https://example.com/news"', false, true),
      height: 560,
    },
  ];
  for (const { file, html, height } of pages) {
    if (!wanted(file)) continue;
    const path = `/${file.replace('.png', '')}`;
    host.set(path, { body: html });
    const context = await browser.newContext({ viewport: { width: height === undefined ? 1100 : 460, height: height ?? 230 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${host.origin}${path}`);
    await waitForLive(page);
    // Soon after load the crawl has barely moved: the first headline is in full view.
    await page.mouse.move(1, (height ?? 230) - 10);
    await shoot(page, file);
    await context.close();
  }

  const dashboard = `${service.url}/dashboard?columns=politics/*,conflict/*,*/az,*/ir&title=Newsroom&stale=10&tz=Asia/Baku&clock=24`;
  for (const [file, viewport] of [
    ['dashboard.png', { width: 1920, height: 1080 }],
    ['dashboard-narrow.png', { width: 375, height: 812 }],
  ] as const) {
    if (!wanted(file)) continue;
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(dashboard);
    await page.waitForFunction(() => document.querySelector('.connection')?.classList.contains('live') === true);
    await page.waitForFunction(() => document.querySelector('.sources.failing') !== null, null, { timeout: 30_000 });
    const title = `Foreign ministers to meet in Baku on Friday (${file === 'dashboard.png' ? 'wall' : 'phone'})`;
    await publish(service, [{ title, url: `https://example.com/b1-${viewport.width}`, topics: ['politics'], regions: ['az', 'ir'], source: src('wire-one', 'Wire One') }]);
    await page.waitForFunction((t) => Array.from(document.querySelectorAll('.item .title')).some((n) => n.textContent === t), title);
    await shoot(page, file);
    await context.close();
  }
  if (wanted('dashboard-breaking.png') || wanted('widget-breaking.png')) await shootBreaking(service, stored, host, browser);
}

// Exits by itself once everything is closed (nothing is left to keep it alive); 1 when a shot or a close failed.
async function run(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const broken = { id: 'regional-wire', name: 'Regional Wire', type: 'feed', url: 'file:///nonexistent/regional-wire.xml', intervalSeconds: 60, timezone: 'UTC' };
  // startStack closes whatever it opened, in reverse, even when something fails.
  const stack = await startStack(undefined, undefined, [broken]);
  try {
    await shootAll(stack.service, stack.host, stack.browser);
  } finally {
    await stack.stop();
  }
}

run().catch((error: unknown) => {
  console.error(`screenshots failed: ${describeError(error).message}`);
  process.exitCode = 1;
});
