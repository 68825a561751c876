/** Redis stream entry ids (`<ms>-<seq>`): validation and ordering without precision loss. */

const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && STREAM_ID.test(value);
}

export function parseStreamId(id: string): [bigint, bigint] {
  const match = STREAM_ID.exec(id);
  if (match === null) throw new RangeError(`not a stream id: ${id}`);
  return [BigInt(match[1] ?? '0'), BigInt(match[2] ?? '0')];
}

/** Negative when a < b, positive when a > b, 0 when equal. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = parseStreamId(a);
  const [bMs, bSeq] = parseStreamId(b);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}
