/**
 * Validation of client payloads. Anything may arrive here (any JSON shape, any size up to
 * maxHttpBufferSize); the answer is a typed request or a protocol error, never an exception.
 */
import type { ProtocolError } from '../../protocol/events.ts';
import { isStreamId } from '../../protocol/stream-id.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../handover/backlog.ts';
import { parseChannelList } from '../live/channel-set.ts';

export interface ValidSubscribe {
  channels: string[];
  since: string | undefined;
  limit: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail<T>(code: ProtocolError['code'], message: string): Parsed<T> {
  return { ok: false, error: { code, message } };
}

function parseLimit(raw: unknown): Parsed<number> {
  if (raw === undefined || raw === null) return { ok: true, value: DEFAULT_LIMIT };
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > MAX_LIMIT) {
    return fail('VALIDATION', `limit must be an integer from 0 to ${MAX_LIMIT}`);
  }
  return { ok: true, value: raw };
}

function parseSince(raw: unknown): Parsed<string | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (!isStreamId(raw)) return fail('BAD_CURSOR', 'since must be a headline id such as "1718384340000-0"');
  return { ok: true, value: raw };
}

export function parseSubscribe(payload: unknown): Parsed<ValidSubscribe> {
  if (!isRecord(payload)) return fail('VALIDATION', 'subscribe expects { channels, since?, limit? }');
  const channels = parseChannelList(payload.channels);
  if (!channels.ok) return fail('BAD_CHANNEL', channels.message);
  const since = parseSince(payload.since);
  if (!since.ok) return since;
  const limit = parseLimit(payload.limit);
  if (!limit.ok) return limit;
  return { ok: true, value: { channels: channels.channels, since: since.value, limit: limit.value } };
}

export function parseUnsubscribe(payload: unknown): Parsed<string[]> {
  if (!isRecord(payload)) return fail('VALIDATION', 'unsubscribe expects { channels }');
  const channels = parseChannelList(payload.channels);
  if (!channels.ok) return fail('BAD_CHANNEL', channels.message);
  return { ok: true, value: channels.channels };
}
