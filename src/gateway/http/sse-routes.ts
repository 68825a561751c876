/**
 * GET /api/stream: Server-Sent Events with the same gap-free promise as Socket.IO. The
 * stream resumes after `Last-Event-ID` (or `since` on a first connection), and is fed from
 * the gateway's one live loop through the broadcaster, behind the same backlog/live hand-over.
 */
import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { channelsFromQuery, cursorFrom, limitFromQuery } from './query.ts';
import { SseStream, type SseStreamDeps } from './sse-stream.ts';

export interface SseStreams {
  readonly router: Router;
  /** Ends every open stream (shutdown); clients reconnect with Last-Event-ID. */
  closeAll(): void;
}

export function createSseRouter(deps: SseStreamDeps): SseStreams {
  const router = Router();
  const openStreams = new Set<SseStream>();

  router.get('/api/stream', async (req: Request, res: Response, next: NextFunction) => {
    const channels = channelsFromQuery(req.query.channel);
    const limit = limitFromQuery(req.query.limit, 0);
    const since = cursorFrom(req.get('last-event-id'), 'Last-Event-ID') ?? cursorFrom(req.query.since, 'since');
    const stream = new SseStream(req, res, deps, { channels, since }, next, openStreams);
    await stream.handOver.run({ backlogChannels: channels, channels, since, limit });
  });

  return {
    router,
    closeAll: () => {
      for (const stream of [...openStreams]) stream.close();
    },
  };
}
