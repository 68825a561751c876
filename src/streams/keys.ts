/**
 * Every Redis key and key prefix the service uses, in one place. The service's own keys carry
 * the `{nt}` hash tag, so the store script's keys share one Redis Cluster slot and the script
 * stays atomic there too; BullMQ's keys carry `{nt-bull}` (BullMQ's scripts need their keys in
 * one slot, and they never meet ours in a script).
 */
const KEY_PREFIX = '{nt}';

/** BullMQ's `prefix` option: the poll queue's keys are `{nt-bull}:poll:*`. */
export const BULL_PREFIX = '{nt-bull}';

export const ALL_CHANNEL = '*/*';

/** The scripts build a headline's state key from this and the headline's id. */
export const HEADLINE_STATE_PREFIX = `${KEY_PREFIX}:headline:`;

export const keys = {
  /** Every headline, in order (ALL_STREAM_MAXLEN). */
  allStream: `${KEY_PREFIX}:stream:all`,
  /** A topic or region stream (CHANNEL_STREAM_MAXLEN); `*` + `/` + `*` is the all-stream. */
  channelStream: (channel: string): string => (channel === ALL_CHANNEL ? keys.allStream : `${KEY_PREFIX}:stream:${channel}`),
  /** A de-duplication key (DEDUPE_TTL_DAYS). */
  seen: (dedupeKey: string): string => `${KEY_PREFIX}:seen:${dedupeKey}`,
  /** Every source's settings: a hash of source id → JSON (src/ingestion/sources/source-store.ts). */
  sources: `${KEY_PREFIX}:sources`,
  /** Set once the sources file has seeded the store; without it (a new or wiped Redis) the file seeds it again. */
  sourcesSeeded: `${KEY_PREFIX}:sources:seeded`,
  /** A new random token with every change of the sources: a process whose token differs reloads them. */
  sourcesVersion: `${KEY_PREFIX}:sources:version`,
  /** Pub/sub channel announcing each change of the sources (the message is the new version token). */
  sourcesChanged: `${KEY_PREFIX}:sources:changed`,
  /** Held by the one worker reconciling the poll queue's job schedulers with the sources. */
  sourcesSchedulerLock: `${KEY_PREFIX}:sources:scheduler-lock`,
  /** One hash per source: its health, served by GET /api/sources. */
  sourceState: (sourceId: string): string => `${KEY_PREFIX}:source:${sourceId}`,
  /** A headline's current state (revision, retraction, text as corrected); see changes.ts. */
  headlineState: (id: string): string => `${HEADLINE_STATE_PREFIX}${id}`,
  /** The editorial audit log: a bounded list, newest first. */
  audit: `${KEY_PREFIX}:audit`,
  /** rate-limiter-flexible's `keyPrefix` of each HTTP limit (src/app/http/rate-limit.ts; one key per API key or address). */
  rateLimit: (limit: 'publish' | 'reads' | 'auth-failures'): string => `${KEY_PREFIX}:rl:${limit}`,
  /** The Socket.IO streams adapter's stream and pub/sub channel prefix. */
  socketIoAdapter: `${KEY_PREFIX}:socket.io`,
  /** WebSub hub: one hash per subscription to our feeds (src/websub/hub/subscription-store.ts). */
  websubSubscription: (id: string): string => `${KEY_PREFIX}:websub:sub:${id}`,
  /** WebSub hub: the ids subscribed to a channel's feeds, any format. */
  websubChannel: (channel: string): string => `${KEY_PREFIX}:websub:channel:${channel}`,
  /** WebSub hub: subscription id → lease end (ms), for the sweep and the count. */
  websubExpiry: `${KEY_PREFIX}:websub:expiry`,
  /** WebSub subscriber: one hash per source whose feed names a hub (src/websub/subscriber/push-state.ts). */
  pushState: (sourceId: string): string => `${KEY_PREFIX}:push:${sourceId}`,
  /**
   * What /readyz asks about (EXISTS, never written): one key in each hash slot the service uses,
   * so that on a Cluster the probe reaches the masters that matter (a PING goes to any node).
   */
  readinessProbes: [`${KEY_PREFIX}:stream:all`, `${BULL_PREFIX}:probe`] as const,
};
