import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; one logger per process, children per module. */
export function createLogger(level: string, name = 'news-ticker'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
