/**
 * What every process entry point runs (src/main.ts, workers/): validates configuration,
 * starts the roles, and shuts down in order on SIGINT/SIGTERM within SHUTDOWN_TIMEOUT_MS.
 * Start-up errors stop it with one line saying what to change.
 */
import { loadConfig, type Config } from '../config/env.ts';
import { loadApiKeys } from '../config/api-keys.ts';
import { loadSourcesFile } from '../config/sources.ts';
import { AppError, describeError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { startService, type RunningService } from './service.ts';
import { FINAL_GRACE_MS } from './stop-order.ts';

/** Beyond the shutdown deadline and its final grace, the margin left for process.exit. */
const EXIT_MARGIN_MS = 1_000;

/** Runs the service until a signal stops it; `role` overrides ROLE (an entry point for one role). */
export function runProcess(overrides: { role?: Config['ROLE'] } = {}): void {
  main(overrides).catch((error: unknown) => {
    // An AppError is a condition the operator can act on: its message says how, in one line.
    const line = error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : describeError(error).message;
    process.stderr.write(`news-ticker: cannot start: ${line}\n`);
    process.exit(1);
  });
}

async function main(overrides: { role?: Config['ROLE'] }): Promise<void> {
  const loaded = loadConfig();
  const config = overrides.role === undefined ? loaded : { ...loaded, ROLE: overrides.role };
  const logger = createLogger(config.LOG_LEVEL);
  const running: { service?: RunningService } = {};
  let stopping = false;

  const shutdown = (reason: string, exitCode: number): void => {
    if (stopping) {
      logger.warn({ reason }, 'second request to stop: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ reason, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
    // stop() keeps its own deadline; this one only guards against a stop that never returns.
    setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + FINAL_GRACE_MS + EXIT_MARGIN_MS).unref();
    (running.service?.stop() ?? Promise.resolve()).then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // An error nothing handled is a bug: log it and stop in order (the Redis child included)
  // rather than die mid-flight. While stopping or starting, the stop path is already running.
  const fatal = (error: unknown, kind: string): void => {
    logger.error({ err: error, kind }, 'unhandled error');
    if (running.service !== undefined && !stopping) shutdown(kind, 1);
  };
  process.on('unhandledRejection', (error) => fatal(error, 'unhandledRejection'));
  process.on('uncaughtException', (error) => fatal(error, 'uncaughtException'));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));

  const sources = await loadSourcesFile(config.SOURCES_FILE);
  const apiKeys = await loadApiKeys(config);
  running.service = await startService({
    config,
    sources,
    apiKeys,
    logger,
    onFatal: (error) => {
      if (!stopping) shutdown(`${error.code}: ${error.message}`, 1);
    },
  });
}
