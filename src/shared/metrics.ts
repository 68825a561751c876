/**
 * Prometheus metrics. One registry per service instance (tests run several in a process),
 * passed to the modules that count; never a global default registry.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics === true) collectDefaultMetrics({ register: registry, prefix: 'newsticker_process_' });
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
    publishRequests: new Counter({ name: 'newsticker_publish_requests_total', help: 'Publish API requests, by outcome', labelNames: ['outcome'], registers }),
    errors: new Counter({ name: 'newsticker_errors_total', help: 'Errors handled, by component and code', labelNames: ['component', 'code'], registers }),
    redisUp: new Gauge({ name: 'newsticker_redis_up', help: '1 when the last Redis check answered', registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
