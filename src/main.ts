/**
 * Entry point: `npm start`. Validates configuration, starts the roles, and shuts down in
 * order on SIGINT/SIGTERM. Configuration errors stop start-up with one clear message.
 */
import { loadConfig } from './config/env.ts';
import { loadSourcesFile } from './config/sources.ts';
import { startService } from './app/service.ts';
import { AppError } from './shared/errors.ts';
import { createLogger } from './shared/logger.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const sources = await loadSourcesFile(config.SOURCES_FILE);
  const service = await startService({ config, sources, logger });
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`news-ticker: cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`news-ticker: cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
