/** Query parameters shared by GET /api/headlines and GET /api/stream. */
import { AppError, ValidationError } from '../../shared/errors.ts';
import { isStreamId } from '../../protocol/stream-id.ts';
import { ALL_CHANNEL } from '../../streams/keys.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../handover/backlog.ts';
import { parseChannelList } from '../live/channel-set.ts';

/** `channel` once or repeated (a union); absent means everything (`*\/*`). */
export function channelsFromQuery(raw: unknown): string[] {
  if (raw === undefined) return [ALL_CHANNEL];
  const list: unknown = typeof raw === 'string' ? [raw] : raw;
  const parsed = parseChannelList(list);
  if (!parsed.ok) throw new AppError('BAD_CHANNEL', parsed.message);
  return parsed.channels;
}

export function limitFromQuery(raw: unknown, min: number): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const value = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > MAX_LIMIT) {
    throw new ValidationError(`limit must be an integer from ${min} to ${MAX_LIMIT}`, { field: 'limit' });
  }
  return value;
}

export function cursorFrom(raw: unknown, name: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isStreamId(raw)) throw new AppError('BAD_CURSOR', `${name} must be a headline id such as "1718384340000-0"`);
  return raw;
}
