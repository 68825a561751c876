/**
 * CORS for the read API (GET /api/* and the SSE stream /api/stream), by ALLOWED_ORIGINS: the
 * same list that admits browser Socket.IO connections, so a page that may open a socket may
 * also read history and open an EventSource. Writes (publishing) get no CORS answer: API keys
 * do not belong in browsers.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import { createOriginCheck } from '../../gateway/socket/admission.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCors(allowedOrigins: readonly string[]): RequestHandler {
  const originAllowed = createOriginCheck(allowedOrigins);
  const handler = cors({
    origin: allowedOrigins.includes('*') ? '*' : (origin, callback) => callback(null, origin !== undefined && originAllowed(origin)),
    methods: ['GET', 'HEAD'],
    allowedHeaders: ['Last-Event-ID', 'Cache-Control'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
  return (req, res, next) => {
    // A preflight for anything but a read (e.g. POST /api/headlines) gets no CORS answer.
    const preflightOfWrite = req.method === 'OPTIONS' && !READ_METHODS.has(req.get('access-control-request-method') ?? 'GET');
    if (!READ_METHODS.has(req.method) || preflightOfWrite) {
      next();
      return;
    }
    handler(req, res, next);
  };
}
