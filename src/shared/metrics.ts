/**
 * Prometheus metrics. One registry per service instance (tests run several in a process),
 * passed to the modules that count; never a global default registry.
 *
 * No label takes a value a client chooses: `source` is a configured source id (a publisher's
 * unknown source id counts as `publish-api`), `kind`, `code`, `transport`, `path`, `outcome` and
 * `component` come from closed lists in the code, so the number of series is bounded.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics === true) collectDefaultMetrics({ register: registry, prefix: 'newsticker_' });
  const registers = [registry];
  return {
    registry,
    headlinesStored: new Counter({ name: 'newsticker_headlines_stored_total', help: 'Headlines stored, by source', labelNames: ['source'], registers }),
    headlinesDuplicate: new Counter({ name: 'newsticker_headlines_duplicate_total', help: 'Headlines recognised as already stored, by source', labelNames: ['source'], registers }),
    itemsSkipped: new Counter({ name: 'newsticker_items_skipped_total', help: 'Source items skipped as unusable, by source', labelNames: ['source'], registers }),
    fetchErrors: new Counter({ name: 'newsticker_source_fetch_errors_total', help: 'Failed source polls, by source and error code', labelNames: ['source', 'code'], registers }),
    fetchDuration: new Histogram({
      name: 'newsticker_source_fetch_duration_seconds',
      help: 'Source poll duration (fetch and parse), by source',
      labelNames: ['source'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    fetchNotModified: new Counter({ name: 'newsticker_source_not_modified_total', help: 'Polls answered 304 Not Modified, by source', labelNames: ['source'], registers }),
    sourceChanges: new Counter({ name: 'newsticker_source_changes_total', help: 'Changes made through the sources API, by action (create, update, delete, poll, import)', labelNames: ['action'], registers }),
    headlineChanges: new Counter({ name: 'newsticker_headline_changes_total', help: 'Corrections and retractions stored, by type and origin (editor, source)', labelNames: ['type', 'origin'], registers }),
    publishRequests: new Counter({ name: 'newsticker_publish_requests_total', help: 'Publish API requests, by outcome', labelNames: ['outcome'], registers }),
    errors: new Counter({ name: 'newsticker_errors_total', help: 'Errors handled, by component and code', labelNames: ['component', 'code'], registers }),
    redisUp: new Gauge({ name: 'newsticker_redis_up', help: '1 when the last Redis check answered', registers }),
    // Gateway.
    gatewaySockets: new Gauge({ name: 'newsticker_gateway_sockets', help: 'Socket.IO connections open on this gateway', registers }),
    gatewaySseClients: new Gauge({ name: 'newsticker_gateway_sse_clients', help: 'SSE streams open on this gateway', registers }),
    gatewayClusterSockets: new Gauge({ name: 'newsticker_gateway_cluster_sockets', help: 'Socket.IO connections across all gateway instances (via the adapter)', registers }),
    gatewayServers: new Gauge({ name: 'newsticker_gateway_servers', help: 'Gateway instances sharing the Socket.IO adapter (seen from this one)', registers }),
    gatewaySubscriptions: new Gauge({ name: 'newsticker_gateway_subscriptions', help: 'Channel subscriptions of sockets and SSE streams, by kind of channel (all, topic, region, combined)', labelNames: ['kind'], registers }),
    headlinesDelivered: new Counter({ name: 'newsticker_headlines_delivered_total', help: 'Headlines delivered to clients (one per client), by transport and path', labelNames: ['transport', 'path'], registers }),
    changesDelivered: new Counter({ name: 'newsticker_changes_delivered_total', help: 'Corrections and retractions delivered to clients (one per client), by transport and path', labelNames: ['transport', 'path'], registers }),
    gatewayFrameWrites: new Counter({
      name: 'newsticker_gateway_frame_writes_total',
      help: 'Live broadcast writes to sockets, by path: direct WebSocket frame, or queued through engine.io (polling, upgrading, output pending)',
      labelNames: ['path'],
      registers,
    }),
    storeToEmitSeconds: new Histogram({
      name: 'newsticker_store_to_emit_seconds',
      help: 'Delay from a headline being received to its live broadcast',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    xreadLagSeconds: new Gauge({ name: 'newsticker_gateway_xread_lag_seconds', help: 'Age of the newest entry in the last XREAD batch when it was read', registers }),
    xreadBatches: new Counter({ name: 'newsticker_gateway_xread_batches_total', help: 'Non-empty XREAD batches read by the live loop', registers }),
    slowConsumerDisconnects: new Counter({ name: 'newsticker_gateway_slow_consumer_disconnects_total', help: 'Clients dropped because their unsent output passed the bound, by transport', labelNames: ['transport'], registers }),
    // WebSub hub and subscriber.
    websubSubscriptions: new Gauge({ name: 'newsticker_websub_subscriptions', help: 'Live WebSub subscriptions to our feeds (hub)', registers }),
    websubRequests: new Counter({ name: 'newsticker_websub_requests_total', help: 'WebSub hub requests accepted for verification, by mode', labelNames: ['mode'], registers }),
    websubVerifications: new Counter({ name: 'newsticker_websub_verifications_total', help: 'WebSub verifications of intent, by mode and outcome (verified, refused)', labelNames: ['mode', 'outcome'], registers }),
    websubDeliveries: new Counter({
      name: 'newsticker_websub_deliveries_total',
      help: 'WebSub content deliveries by outcome: delivered, retried, failed (last attempt), gone (410), expired (lease over)',
      labelNames: ['outcome'],
      registers,
    }),
    websubDeliverySeconds: new Histogram({
      name: 'newsticker_websub_delivery_seconds',
      help: 'Delay from a stream entry to its successful WebSub delivery',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    websubPushes: new Counter({ name: 'newsticker_websub_pushes_total', help: 'WebSub pushes received for our sources, by outcome', labelNames: ['outcome'], registers }),
    gatewayResumes: new Counter({
      name: 'newsticker_gateway_resumes_total',
      help: 'Subscribes and SSE opens with a cursor, by how they were answered: window (gateway memory, no Redis read), redis, or latest (the cursor could not be resumed from)',
      labelNames: ['from'],
      registers,
    }),
    readScansTruncated: new Counter({
      name: 'newsticker_read_scans_truncated_total',
      help: 'Reads whose combined-channel scans ran out of READ_SCAN_BUDGET, so the answer was partial, by kind (latest, after)',
      labelNames: ['kind'],
      registers,
    }),
    rateLimitHits: new Counter({ name: 'newsticker_gateway_rate_limited_total', help: 'Gateway requests refused by a rate limit or cap, by kind', labelNames: ['kind'], registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
