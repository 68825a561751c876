/**
 * Logs refused browser origins once per origin per minute: an operator who forgot an origin in
 * ALLOWED_ORIGINS sees which one, while a page reconnecting every second (or a client cycling
 * through made-up origins) cannot fill the log. The memory is bounded: at most `maxOrigins`
 * are remembered, and the oldest is forgotten first.
 */
import type { Logger } from '../../shared/logger.ts';

export const ORIGIN_LOG_INTERVAL_MS = 60_000;
const MAX_ORIGINS = 1_000;

export function createOriginRefusalLog(logger: Logger, now: () => number = Date.now): (origin: string | undefined) => void {
  const loggedAt = new Map<string, number>();
  return (origin) => {
    const key = (origin ?? '(none)').slice(0, 200);
    const at = now();
    const last = loggedAt.get(key);
    if (last !== undefined && at - last < ORIGIN_LOG_INTERVAL_MS) return;
    // Re-inserting keeps the map in logging order, so the first key is the oldest.
    loggedAt.delete(key);
    loggedAt.set(key, at);
    if (loggedAt.size > MAX_ORIGINS) {
      const oldest = loggedAt.keys().next();
      if (oldest.done !== true) loggedAt.delete(oldest.value);
    }
    logger.warn({ origin: key }, 'refused a browser connection from an origin not in ALLOWED_ORIGINS (logged once a minute per origin)');
  };
}
