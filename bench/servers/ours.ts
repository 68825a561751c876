/**
 * Our service as a bench child: the same startService as src/main.ts (gateway role only, so
 * no poll worker competes for the CPU), plus the bench admin hook for memory readings.
 */
import { startService } from '../../src/app/service.ts';
import { loadApiKeys } from '../../src/config/api-keys.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { announceReady, installAdminHook, serverEnv } from './admin-hook.ts';

const { redisUrl } = serverEnv();
// All bench clients share 127.0.0.1, so the per-address connection cap is lifted.
const config = loadConfig({ ...process.env, GATEWAY_MAX_CONNECTIONS_PER_IP: '1000000', REDIS_URL: redisUrl, HOST: '127.0.0.1', PORT: '0', ROLE: 'gateway', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const service = await startService({ config, sources: [], apiKeys: await loadApiKeys(config), logger: createLogger(config.LOG_LEVEL) });
installAdminHook(() => service.stop());
announceReady(service.port);
