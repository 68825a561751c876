/**
 * The README's EventSource example, run as written in Chromium from a page of another origin:
 * with that origin in ALLOWED_ORIGINS it receives headlines; from an origin not listed, the
 * browser refuses the stream (no CORS answer) and nothing arrives.
 */
import { readFileSync } from 'node:fs';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.ts';
import { hasChromium, publish, startHostServer, startStack, type HostServer, type Stack } from './harness.ts';

/** The first ```js block of the README's SSE section. */
function readmeEventSourceExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Server-Sent Events'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (match?.[1] === undefined) throw new Error('README has no EventSource example');
  return match[1];
}

function examplePage(serviceUrl: string): string {
  const code = readmeEventSourceExample().replaceAll('https://ticker.example', serviceUrl);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSE example</title></head><body><script type="module">\n${code}\n</script></body></html>`;
}

describe.skipIf(!hasChromium)('the README EventSource example from another origin', () => {
  let stack: Stack;
  let stranger: HostServer;

  beforeAll(async () => {
    stack = await startStack((hostOrigin) => ({ ALLOWED_ORIGINS: hostOrigin }));
    stranger = await startHostServer();
  });
  afterAll(async () => {
    await stranger.close();
    await stack.stop();
  });

  async function run(host: HostServer): Promise<{ messages: string[]; close: () => Promise<void> }> {
    host.set('/sse', { body: examplePage(stack.service.url) });
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message: ConsoleMessage) => messages.push(message.text()));
    await page.goto(`${host.origin}/sse`);
    return { messages, close: () => context.close() };
  }

  it('works from an allowed origin', async () => {
    const { messages, close } = await run(stack.host);
    // Published before or after the stream opens, it arrives: the stream starts with the latest 20.
    const [headline] = await publish(stack.service, [{ title: 'Seen across origins', topics: ['politics'], regions: ['az'] }]);
    await waitFor(() => (messages.some((m) => m.includes('Seen across origins')) ? true : undefined), { what: 'the headline in the page' });
    expect(messages).toContain(`${headline?.id ?? ''} Seen across origins`);
    await close();
  });

  it('is refused by the browser from an origin not in ALLOWED_ORIGINS', async () => {
    const { messages, close } = await run(stranger);
    await waitFor(() => (messages.some((m) => m.includes('disconnected')) ? true : undefined), { what: "the example's error handler" });
    expect(messages.some((m) => /CORS|Access-Control-Allow-Origin/i.test(m))).toBe(true);
    expect(messages.some((m) => m.includes('Seen across origins'))).toBe(false);
    await close();
  });
});
