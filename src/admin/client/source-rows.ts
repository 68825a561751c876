/** The rows of the sources table, read from a GET /api/sources answer without trusting its shape. */
export interface SourceRow {
  id: string;
  name: string;
  type: string;
  /** As the API shows it: secrets removed. */
  url: string;
  intervalSeconds: number;
  /** `ok`, `failing`, `pending` or `paused`. */
  status: string;
  paused: boolean;
  lastError: { code: string; message: string } | null;
  consecutiveFailures: number;
  itemsIngested: number;
  lastFetchAt: string | null;
}

import { isRecord } from './guards.ts';
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function sourceRows(body: unknown): SourceRow[] {
  const sources = isRecord(body) && Array.isArray(body.sources) ? (body.sources as unknown[]) : [];
  return sources.filter(isRecord).map((raw) => {
    const id = text(raw.id);
    const paused = raw.paused === true || raw.status === 'paused';
    const error = isRecord(raw.lastError) ? raw.lastError : null;
    return {
      id,
      name: text(raw.name, id),
      type: text(raw.type, 'feed'),
      url: text(raw.url),
      intervalSeconds: count(raw.intervalSeconds),
      status: paused ? 'paused' : text(raw.status, 'pending'),
      paused,
      lastError: error === null ? null : { code: text(error.code, 'ERROR'), message: text(error.message) },
      consecutiveFailures: count(raw.consecutiveFailures),
      itemsIngested: count(raw.itemsIngested),
      lastFetchAt: typeof raw.lastFetchAt === 'string' && !Number.isNaN(Date.parse(raw.lastFetchAt)) ? raw.lastFetchAt : null,
    };
  });
}
