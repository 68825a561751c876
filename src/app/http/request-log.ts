/**
 * Request logging: one line per request with method, path, status and time. Headers (and the
 * query string) only at `debug`, where the logger's redaction hides Authorization and cookies.
 */
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../shared/logger.ts';

/** Probes polled every few seconds would drown the log. */
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);

export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => UNLOGGED.has(req.url ?? '') },
    quietReqLogger: true,
    serializers: {
      req: (req: { method: string; url: string; headers: Record<string, string> }) => {
        const path = req.url.split('?', 1)[0] ?? '';
        return logger.isLevelEnabled('debug') ? { method: req.method, path, url: req.url, headers: req.headers } : { method: req.method, path };
      },
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
