/** GET /api/sources: each source's health, so a failing source says why; URLs without their secrets. */
import { Router } from 'express';
import type { SourceConfig } from '../../config/sources.ts';
import { publicMessage, publicUrl } from './public-url.ts';
import type { SourceState, SourceStateStore } from './source-state.ts';
import type { SourceStore } from './source-store.ts';
import { publicView, type PushState, type PushStateStore } from '../../websub/subscriber/push-state.ts';

/** `paused` wins: a source an editor paused is not failing, whatever its last poll said. */
export type SourceStatus = 'pending' | 'ok' | 'failing' | 'paused';

export interface SourceHealthDeps {
  store: SourceStore;
  /**
   * Resolves once this process loaded the sources (seeding an empty store from the sources
   * file): before that the store may not hold the file's sources yet.
   */
  loaded: () => Promise<void>;
  state: SourceStateStore;
  pushState: PushStateStore;
}

function sourceStatus(source: SourceConfig, state: SourceState): SourceStatus {
  if (source.paused) return 'paused';
  if (state.consecutiveFailures > 0) return 'failing';
  return state.lastSuccessAt === null ? 'pending' : 'ok';
}

/** A source's health as anyone may see it: no validators, error messages without secrets, the push state. */
function healthView(source: SourceConfig, state: SourceState, push: PushState | undefined): Record<string, unknown> {
  const { etag: _etag, lastModified: _lastModified, lastError, ...visible } = state;
  return {
    status: sourceStatus(source, state),
    ...visible,
    lastError: lastError === null ? null : { ...lastError, message: publicMessage(lastError.message, source.url) },
    ...(push === undefined ? {} : { push: { ...publicView(push), hub: publicUrl(push.hub) } }),
  };
}

/** The health of `sources`, read in two round trips whatever their number. */
export async function readHealth(deps: SourceHealthDeps, sources: readonly SourceConfig[]): Promise<Map<string, Record<string, unknown>>> {
  const ids = sources.map((s) => s.id);
  const [states, pushes] = await Promise.all([deps.state.getMany(ids), deps.pushState.all(ids)]);
  return new Map(
    sources.map((source) => {
      const state = states.get(source.id);
      if (state === undefined) throw new Error(`no state read for ${source.id}`);
      return [source.id, healthView(source, state, pushes.get(source.id))];
    }),
  );
}

export function createSourcesRouter(deps: SourceHealthDeps): Router {
  const router = Router();
  router.get('/api/sources', async (_req, res) => {
    await deps.loaded();
    const sources = await deps.store.list();
    const health = await readHealth(deps, sources);
    res.json({
      sources: sources.map((source) => ({
        id: source.id,
        name: source.name,
        type: source.type,
        url: publicUrl(source.url),
        intervalSeconds: source.intervalSeconds,
        paused: source.paused,
        ...health.get(source.id),
      })),
    });
  });
  return router;
}
