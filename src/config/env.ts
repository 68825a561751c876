/**
 * The one place that reads and validates configuration from the environment.
 * A wrong value stops start-up with a message naming the variable (see ConfigError).
 */
import { z } from 'zod';
import { cidrList } from '../shared/cidr.ts';
import { compileTrustedProxies } from '../shared/client-address.ts';
import { ConfigError, describeError } from '../shared/errors.ts';

const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0));

/** `host:port,host:port`: Cluster seed nodes or Sentinels. */
const hostPortList = commaList.pipe(
  z
    .array(
      z.string().regex(/^[^\s:,]+:\d{1,5}$|^\[[0-9a-fA-F:.]+\]:\d{1,5}$/, 'each entry must be host:port').transform((entry) => {
        const colon = entry.lastIndexOf(':');
        return { host: entry.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(entry.slice(colon + 1)) };
      }),
    )
    .min(1, 'must list at least one host:port'),
);

/**
 * A CSP frame-ancestors source: 'self', 'none', or an http(s) origin (its host may start with
 * `*.`). Origins are written as CSP wants them: scheme, host and port, nothing after.
 */
const frameAncestor = z.string().transform((value, context) => {
  const lowered = value.toLowerCase();
  if (lowered === "'self'" || lowered === 'self') return "'self'";
  if (lowered === "'none'" || lowered === 'none') return "'none'";
  const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(:\d{1,5})?\/?$/.exec(lowered);
  if (match === null) {
    context.addIssue({ code: 'custom', message: `"${value}" is not 'self', 'none' or an http(s) origin such as https://news.example` });
    return z.NEVER;
  }
  return `${match[1]}://${match[2] ?? ''}${match[3]}${match[4] ?? ''}`;
});

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const TRUE_WORDS = ['true', '1', 'yes'];
/** An on/off switch: true, 1, yes or false, 0, no (any case). */
const flag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum([...TRUE_WORDS, 'false', '0', 'no'], { error: 'must be true or false' }))
    .transform((value) => TRUE_WORDS.includes(value))
    .default(fallback);

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^(redis|rediss):\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** A Redis Cluster's seed nodes (instead of REDIS_URL). */
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  /** Sentinels that name the master (with REDIS_SENTINEL_NAME; instead of REDIS_URL). */
  REDIS_SENTINELS: hostPortList.optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  REDIS_DATA_DIR: z.string().min(1).default('./data/redis'),
  PUBLISH_API_KEYS: commaList
    .pipe(z.array(z.string().min(16, 'each key must be at least 16 characters')))
    .default([]),
  /** A JSON array of named keys with scopes (see src/config/api-keys.ts). */
  API_KEYS_FILE: z.string().min(1).optional(),
  SOURCES_FILE: z.string().min(1).default('config/sources.json'),
  ALLOWED_ORIGINS: commaList.pipe(z.array(z.string().min(1))).default(['*']),
  /** Who may show /dashboard in a frame: 'self' and/or origins (comma- or space-separated). */
  DASHBOARD_FRAME_ANCESTORS: z
    .string()
    .transform((value) => value.split(/[\s,]+/).filter((part) => part.length > 0))
    .pipe(z.array(frameAncestor).min(1, "name at least one origin, or 'self'"))
    .default(["'self'"]),
  /** true/false, or comma-separated IPs/CIDRs exempted from the SSRF guard (an intranet). */
  ALLOW_PRIVATE_SOURCES: z
    .string()
    .transform((value, context): boolean | string[] => {
      const lowered = value.trim().toLowerCase();
      if (TRUE_WORDS.includes(lowered)) return true;
      if (['false', '0', 'no'].includes(lowered)) return false;
      const cidrs = value.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
      try {
        cidrList(cidrs);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `must be true, false, or a list of IPs/CIDRs: ${describeError(error).message}` });
        return z.NEVER;
      }
      return cidrs;
    })
    .default(false),
  /** The service's public origin for absolute links (feeds, WebSub callbacks); unset: http://localhost:<port>. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://ticker.example' })
    .refine((value) => !/[?#]/.test(value), 'must not have a query or a fragment')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  /** WebSub hub: the lease given when a subscriber asks for none, and the bounds a requested lease is clamped to. */
  WEBSUB_LEASE_SECONDS: positiveInt(10 * 86_400),
  WEBSUB_LEASE_MIN_SECONDS: positiveInt(300),
  WEBSUB_LEASE_MAX_SECONDS: positiveInt(30 * 86_400),
  /** WebSub hub: delivery attempts per (subscriber, headline), with exponential backoff from this delay. */
  WEBSUB_DELIVERY_ATTEMPTS: positiveInt(10),
  WEBSUB_RETRY_DELAY_MS: positiveInt(1_000),
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDRs, or loopback/linklocal/uniquelocal. */
  TRUSTED_PROXIES: commaList
    .superRefine((list, context) => {
      try {
        compileTrustedProxies(list);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `must be addresses, CIDRs or loopback/linklocal/uniquelocal: ${describeError(error).message}` });
      }
    })
    .default(['loopback']),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ROLE: z.enum(['all', 'gateway', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALL_STREAM_MAXLEN: positiveInt(10_000),
  CHANNEL_STREAM_MAXLEN: positiveInt(1_000),
  DEDUPE_TTL_DAYS: positiveInt(7),
  PUBLISH_RATE_PER_MINUTE: positiveInt(600),
  /** `local`: a publish is acknowledged once the Redis master has it; `replica`: once a replica has it too (WAIT 1), else 503 NOT_REPLICATED. */
  PUBLISH_DURABILITY: z.enum(['local', 'replica']).default('local'),
  /** With PUBLISH_DURABILITY=replica: how long a publish waits for a replica before it is answered 503. */
  PUBLISH_REPLICA_TIMEOUT_MS: positiveInt(1_000),
  WORKER_CONCURRENCY: positiveInt(4),
  /** How long a poll job's lock lives; a killed worker's job is re-run after about this long. */
  WORKER_LOCK_MS: positiveInt(30_000),
  FETCH_TIMEOUT_MS: positiveInt(15_000),
  FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  /** Time budget of one parse of a fetched body (in a worker thread); past it the parse fails PARSE_TIMEOUT. */
  PARSE_TIMEOUT_MS: positiveInt(10_000),
  /** Gateway: open Socket.IO connections, and open SSE streams, allowed per client address. */
  GATEWAY_MAX_CONNECTIONS_PER_IP: positiveInt(200),
  /** Gateway: unsent output per socket or SSE client beyond which it is dropped as a slow consumer. */
  GATEWAY_MAX_BUFFERED_BYTES: positiveInt(1024 * 1024),
  /** Gateway: subscribe/unsubscribe calls allowed per socket in a burst, refilled at this many per 10 s. */
  GATEWAY_SUBSCRIBE_BURST: positiveInt(10),
  /**
   * Gateway: write live frames straight to each WebSocket through engine.io's and ws's internals
   * (checked at start-up; src/gateway/socket/engine-adapter.ts). false: Socket.IO's public API only.
   */
  GATEWAY_DIRECT_FRAMES: flag(true),
  /** How long a stop (SIGTERM/SIGINT) may take; work still running then is abandoned. */
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  /** REST reads and SSE opens allowed per client address per minute (shared by every gateway through Redis). */
  HTTP_RATE_PER_MINUTE: positiveInt(300),
  /** Stream entries one read (REST, SSE, subscribe) may examine to filter its combined channels; past it the answer is partial. */
  READ_SCAN_BUDGET: positiveInt(20_000),
  /** Stream entries this process's combined-channel reads may examine a second; reads beyond it wait their turn. */
  READ_SCAN_RATE: positiveInt(100_000),
  /** Failed API-key attempts allowed per client address per 15 minutes before it gets 429. */
  AUTH_FAILURES_PER_15_MINUTES: positiveInt(20),
  /** Gateway: the latest entries kept in memory so that resumes inside them read no Redis (0: off). */
  GATEWAY_RECENT_WINDOW: z.coerce.number().int().min(0).default(10_000),
  /** Gateway: the recent window's memory bound, in MiB (approximate). */
  GATEWAY_RECENT_WINDOW_MB: positiveInt(64),
  /** Gateway: SSE heartbeat comment interval. */
  SSE_HEARTBEAT_MS: positiveInt(15_000),
}).superRefine((env, context) => {
  const modes = [
    env.REDIS_URL === undefined ? undefined : 'REDIS_URL',
    env.REDIS_CLUSTER_NODES === undefined ? undefined : 'REDIS_CLUSTER_NODES',
    env.REDIS_SENTINELS === undefined ? undefined : 'REDIS_SENTINELS',
  ].filter((mode) => mode !== undefined);
  if (modes.length > 1) {
    context.addIssue({ code: 'custom', path: ['REDIS_URL'], message: `set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS (got ${modes.join(' and ')})` });
  }
  if ((env.REDIS_SENTINELS === undefined) !== (env.REDIS_SENTINEL_NAME === undefined)) {
    context.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'REDIS_SENTINELS and REDIS_SENTINEL_NAME go together: set both or neither' });
  }
});

export type Config = z.infer<typeof envSchema>;

export interface RedisNode {
  host: string;
  port: number;
}

/** Which Redis the service uses; undefined: none configured, so start a private redis-server. */
export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | { mode: 'cluster'; nodes: RedisNode[] }
  | { mode: 'sentinel'; sentinels: RedisNode[]; name: string };

export function redisTarget(config: Config): RedisTarget | undefined {
  if (config.REDIS_CLUSTER_NODES !== undefined) return { mode: 'cluster', nodes: config.REDIS_CLUSTER_NODES };
  if (config.REDIS_SENTINELS !== undefined && config.REDIS_SENTINEL_NAME !== undefined) {
    return { mode: 'sentinel', sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME };
  }
  return config.REDIS_URL === undefined ? undefined : { mode: 'standalone', url: config.REDIS_URL };
}

/** Parses `env` (normally process.env); throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`, problems);
  }
  return result.data;
}
