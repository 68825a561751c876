/** GET /api/sources: each source's health, so a failing source says why; URLs without their secrets. */
import { Router } from 'express';
import type { SourceConfig } from '../../config/sources.ts';
import { publicMessage, publicUrl } from './public-url.ts';
import type { SourceState, SourceStateStore } from './source-state.ts';

export type SourceStatus = 'pending' | 'ok' | 'failing';

function sourceStatus(state: SourceState): SourceStatus {
  if (state.consecutiveFailures > 0) return 'failing';
  return state.lastSuccessAt === null ? 'pending' : 'ok';
}

export function createSourcesRouter(deps: { sources: readonly SourceConfig[]; state: SourceStateStore }): Router {
  const router = Router();
  router.get('/api/sources', async (_req, res) => {
    const states = await deps.state.getMany(deps.sources.map((s) => s.id));
    res.json({
      sources: deps.sources.map((source) => {
        const state = states.get(source.id);
        if (state === undefined) throw new Error(`no state read for ${source.id}`);
        const { etag: _etag, lastModified: _lastModified, lastError, ...visible } = state;
        return {
          id: source.id,
          name: source.name,
          type: source.type,
          url: publicUrl(source.url),
          intervalSeconds: source.intervalSeconds,
          status: sourceStatus(state),
          ...visible,
          lastError: lastError === null ? null : { ...lastError, message: publicMessage(lastError.message, source.url) },
        };
      }),
    });
  });
  return router;
}
