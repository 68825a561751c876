/** JSON errors of the HTTP contract: `{ "error": { "code", "message", "details"? } }`. */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  BAD_CHANNEL: 400,
  BAD_CURSOR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  GONE: 410,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  NOT_REPLICATED: 503,
};

function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`);
};

interface BodyParserError {
  type?: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

/** Last middleware: maps known errors to their status, logs and counts the rest. */
export function errorHandler(logger: Logger, metrics: Metrics): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AppError) {
      const status = STATUS[error.code] ?? 500;
      if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
      metrics.errors.inc({ component: 'http', code: error.code });
      sendError(res, status, error.code, error.message, error.details);
      return;
    }
    if (isBodyParserError(error)) {
      if (error.type === 'entity.too.large') {
        sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'request body is too large');
        return;
      }
      if (error.type === 'entity.parse.failed') {
        sendError(res, 400, 'VALIDATION', 'request body is not valid JSON');
        return;
      }
      if (error.status !== undefined && error.status >= 400 && error.status < 500) {
        sendError(res, error.status, 'VALIDATION', error.message);
        return;
      }
    }
    if (isRedisUnavailable(error)) {
      metrics.errors.inc({ component: 'http', code: 'UNAVAILABLE' });
      sendError(res, 503, 'UNAVAILABLE', 'Redis is unavailable; try again shortly');
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled request error');
    metrics.errors.inc({ component: 'http', code: 'INTERNAL' });
    sendError(res, 500, 'INTERNAL', 'internal error');
  };
}

/**
 * ioredis errors while Redis is down or reconnecting, or while a failover moves the master
 * (a demoted master answers READONLY; a Cluster slot without a master CLUSTERDOWN or TRYAGAIN).
 */
function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest|Stream isn't writeable|LOADING|ETIMEDOUT|ECONNRESET|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|Too many Cluster redirections|Cluster is (dis)?connect|Failed to refresh slots cache|None of startup nodes/i.test(error.message);
}
