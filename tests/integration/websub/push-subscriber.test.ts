/** When polling may slow down and when a subscription is requested again (PushSubscriber). */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.ts';
import { PushStateStore } from '../../../src/websub/subscriber/push-state.ts';
import { PUSH_POLL_STRETCH, PushSubscriber } from '../../../src/websub/subscriber/push-subscriber.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { startHttpServer } from '../../helpers/http-server.ts';

const db = usePrivateRedis();
const source = { id: 'src', intervalSeconds: 60 };

function subscriber(hubRequests: string[] = []) {
  const pushState = new PushStateStore(db.redis);
  const push = new PushSubscriber({
    pushState,
    outbound: { allowPrivate: true, timeoutMs: 2_000, userAgent: 'test' },
    publicUrl: () => 'http://localhost:1',
    leaseSeconds: 3600,
    logger: createLogger('silent'),
  });
  return { pushState, push, hubRequests };
}

describe('PushSubscriber', () => {
  it('lets a poll be skipped only while pushes are healthy and the stretched interval has not passed', async () => {
    const { pushState, push } = subscriber();
    const now = Date.now();
    const lastFetch = new Date(now - 2 * 60_000).toISOString();
    expect(await push.maySkipPoll(source, lastFetch, now)).toBe(false); // no subscription
    await pushState.requested('src', { hub: 'http://hub.example/', topic: 'http://t.example/feed', secret: 's' });
    expect(await push.maySkipPoll(source, lastFetch, now)).toBe(false); // not verified yet
    await pushState.verified('src', 3600, now);
    expect(await push.maySkipPoll(source, lastFetch, now)).toBe(true);
    const stretched = new Date(now - PUSH_POLL_STRETCH * 60_000 - 1).toISOString();
    expect(await push.maySkipPoll(source, stretched, now)).toBe(false); // the slow poll is due
    expect(await push.maySkipPoll(source, lastFetch, now + 3_601_000)).toBe(false); // lease lapsed
    await pushState.markStatus('src', 'failed', 'hub denied');
    expect(await push.maySkipPoll(source, lastFetch, now)).toBe(false);
  });

  it('subscribes when a hub is named, leaves a fresh lease alone and renews one near its end', async () => {
    const hub = await startHttpServer();
    const modes: string[] = [];
    hub.route('/', (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        modes.push(new URLSearchParams(body).get('hub.mode') ?? '');
        res.writeHead(202).end();
      });
    });
    try {
      const { pushState, push } = subscriber();
      const links = { hub: `${hub.url}/`, self: 'http://t.example/feed' };
      await push.afterFetch(source, links);
      expect(modes).toEqual(['subscribe']);
      expect((await pushState.get('src'))?.status).toBe('pending');
      const now = Date.now();
      await pushState.verified('src', 3600, now);
      await push.afterFetch(source, links, now + 1_000);
      expect(modes).toEqual(['subscribe']); // fresh lease: nothing asked
      await push.afterFetch(source, links, now + 3_500_000);
      expect(modes).toEqual(['subscribe', 'subscribe']); // near its end: renewed
      await push.afterFetch(source, { ...links, hub: undefined });
      expect(modes).toHaveLength(2); // no hub named: nothing to do
    } finally {
      await hub.close();
    }
  });
});
