/** The express app: every HTTP route of the contract, mounted per role. */
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { createChannelsRouter } from '../channels/routes.ts';
import type { Config } from '../config/env.ts';
import type { ApiKey } from '../config/api-keys.ts';
import type { AuditLog } from '../editorial/audit.ts';
import { createAuditRouter } from '../editorial/http/audit-routes.ts';
import type { Tagger } from '../headlines/tagging.ts';
import { createPublishRouter } from '../ingestion/publish/publish-routes.ts';
import type { SourceStateStore } from '../ingestion/sources/source-state.ts';
import type { PushStateStore } from '../websub/subscriber/push-state.ts';
import { createSourcesRouter } from '../ingestion/sources/sources-routes.ts';
import { createSourceAdminRouter } from '../ingestion/sources/source-admin-routes.ts';
import type { SourceAdmin } from '../ingestion/sources/source-admin.ts';
import type { SourceCatalog } from '../ingestion/sources/source-catalog.ts';
import type { SourceStore } from '../ingestion/sources/source-store.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import type { HeadlineReader } from '../streams/reader.ts';
import type { HeadlineStore } from '../streams/store.ts';
import { createAdminRouter } from '../admin/server/routes.ts';
import { createDashboardRouter } from '../dashboard/server/routes.ts';
import { createWidgetRouter } from '../widget/server/routes.ts';
import { createFeedRouter } from '../feeds/out/feed-routes.ts';
import { errorHandler, notFound } from './http/errors.ts';
import type { HeadlineEditor } from '../editorial/editor.ts';
import { createHeadlineEditRouter } from '../editorial/http/headline-edit-routes.ts';
import { readCors } from './http/cors.ts';
import { createHealthRouter } from './http/health-routes.ts';
import { requestLogger } from './http/request-log.ts';
import type { Readiness } from './startup.ts';
import { addressOf, rateLimit, type HttpLimiters } from './http/rate-limit.ts';
import { compileTrustedProxies } from '../shared/client-address.ts';
import type { RedisClient } from '../shared/redis.ts';

export interface HttpAppDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: RedisClient;
  roles: { gateway: boolean };
  store: HeadlineStore;
  /** Feeds out: may read a replica (see replicaReader in service.ts). */
  historyReader: HeadlineReader;
  editor: HeadlineEditor;
  sourceState: SourceStateStore;
  /** WebSub subscriptions of our sources to their hubs (shown in /api/sources). */
  pushState: PushStateStore;
  /** The sources in Redis, as they are at each request (GET /api/sources and the admin API). */
  sourceStore: SourceStore;
  /** This process's live view of the sources (publishing checks source ids against it). */
  sourceCatalog: SourceCatalog;
  sourceAdmin: SourceAdmin;
  apiKeys: readonly ApiKey[];
  audit: AuditLog;
  tag: Tagger;
  limiters: HttpLimiters;
  readiness: Readiness;
  /** POST /websub: the WebSub hub for our feeds. */
  hubRouter?: Router | undefined;
  /** GET|POST /websub/callback/:sourceId: where the hubs our sources name verify and push. */
  callbackRouter?: Router | undefined;
  /** `PUBLIC_URL`, or this server's own origin once it listens. */
  publicUrl: () => string;
  /** GET /api/headlines and GET /api/stream (src/gateway), when this process runs the gateway. */
  gatewayRouter?: Router | undefined;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // The same trust rule as the Socket.IO admission: req.ip is the address limits key on.
  app.set('trust proxy', compileTrustedProxies(deps.config.TRUSTED_PROXIES));
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: false }));
  app.use(requestLogger(deps.logger));
  app.use(createHealthRouter({ redis: deps.redis, metrics: deps.metrics, readiness: deps.readiness, metricsToken: deps.config.METRICS_TOKEN }));
  if (deps.roles.gateway) {
    app.use('/api', readCors(deps.config.ALLOWED_ORIGINS), readsLimit(deps));
    app.use(createChannelsRouter());
    const sourceHealth = { store: deps.sourceStore, loaded: () => deps.sourceCatalog.whenLoaded(), state: deps.sourceState, pushState: deps.pushState };
    app.use(createSourcesRouter(sourceHealth));
    // POST /api/sources, GET|PUT|PATCH|DELETE /api/sources/:id, poll now, OPML (scope admin).
    app.use(createSourceAdminRouter({ ...sourceHealth, apiKeys: deps.apiKeys, admin: deps.sourceAdmin, authFailures: deps.limiters.authFailures, metrics: deps.metrics }));
    app.use(
      createPublishRouter({
        apiKeys: deps.apiKeys,
        store: deps.store,
        tag: deps.tag,
        sources: deps.sourceCatalog,
        limiters: deps.limiters,
        logger: deps.logger,
        metrics: deps.metrics,
        replicaWait: deps.config.PUBLISH_DURABILITY === 'replica' ? { replicas: 1, timeoutMs: deps.config.PUBLISH_REPLICA_TIMEOUT_MS } : undefined,
      }),
    );
    // PATCH and DELETE /api/headlines/:id.
    app.use(createHeadlineEditRouter({ apiKeys: deps.apiKeys, editor: deps.editor, authFailures: deps.limiters.authFailures, metrics: deps.metrics }));
    app.use(createAuditRouter({ apiKeys: deps.apiKeys, audit: deps.audit, authFailures: deps.limiters.authFailures, metrics: deps.metrics }));
    // History and live: GET /api/headlines, GET /api/stream.
    if (deps.gatewayRouter !== undefined) app.use(deps.gatewayRouter);
    // Feeds out: GET /feeds/{topic}/{region}.{rss|atom|json}.
    // Feeds are reads like GET /api/*: the same CORS answer and the same per-address limit.
    app.use('/feeds', readCors(deps.config.ALLOWED_ORIGINS), readsLimit(deps));
    app.use(createFeedRouter({ reader: deps.historyReader, publicUrl: deps.publicUrl }));
    if (deps.hubRouter !== undefined) app.use(deps.hubRouter);
    if (deps.callbackRouter !== undefined) app.use(deps.callbackRouter);
    // GET /widget.js and GET /dashboard (with /dashboard/dashboard.{js,css}).
    app.use(createWidgetRouter({ logger: deps.logger }), createDashboardRouter({ logger: deps.logger, frameAncestors: deps.config.DASHBOARD_FRAME_ANCESTORS }));
    // GET /admin (with /admin/admin.{js,css}): the newsroom page over the API above.
    app.use(createAdminRouter({ logger: deps.logger }));
  }
  app.use(notFound);
  app.use(errorHandler(deps.logger, deps.metrics));
  return app;
}

/** GET /api/* (history, SSE opens, channels, sources) per client address; writes have limits of their own. */
function readsLimit(deps: HttpAppDeps): RequestHandler {
  const limit = rateLimit({
    limiter: deps.limiters.reads,
    keyOf: addressOf,
    message: 'too many requests from this address; retry later',
    onLimited: () => deps.metrics.rateLimitHits.inc({ kind: 'http-reads' }),
  });
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') limit(req, res, next);
    else next();
  };
}
