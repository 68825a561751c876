/**
 * Redis stream ids (`<ms>-<seq>`) are the one cursor of the protocol. Pure and browser-safe,
 * so the gateway, the widget and the dashboard order ids the same way. Compared as digit
 * strings (no BigInt on the hot paths): equal-length digit strings compare like the numbers they spell.
 * The one pattern of a stream id; the server's stream code imports it from here too.
 */
const ID = /^(\d{1,20})-(\d{1,20})$/;
/** Both parts of a Redis stream id are unsigned 64-bit integers; Redis refuses anything larger. */
const MAX_PART = '18446744073709551615';

export function isStreamId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ID.exec(value);
  return match !== null && compareDigits(match[1] ?? '', MAX_PART) <= 0 && compareDigits(match[2] ?? '', MAX_PART) <= 0;
}

/** The largest id a stream can hold: nothing can come after it. */
export const MAX_STREAM_ID = `${MAX_PART}-${MAX_PART}`;

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Negative when `a` is older than `b`, positive when newer, 0 when equal. */
export function compareStreamIds(a: string, b: string): number {
  const [ma = '0', sa = '0'] = a.split('-');
  const [mb = '0', sb = '0'] = b.split('-');
  return compareDigits(ma, mb) || compareDigits(sa, sb);
}

/** The id's millisecond time and sequence, without precision loss. */
export function parseStreamId(id: string): [bigint, bigint] {
  const match = ID.exec(id);
  if (match === null) throw new RangeError(`not a stream id: ${id}`);
  return [BigInt(match[1] ?? '0'), BigInt(match[2] ?? '0')];
}
