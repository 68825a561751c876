import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; one logger per process, children per module. Secrets never reach a log. */
export function createLogger(level: string, name = 'news-ticker', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
