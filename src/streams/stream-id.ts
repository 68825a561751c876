/** Redis stream entry ids on the server: the protocol's ordering, plus numeric parts. */
export { compareStreamIds, isStreamId, MAX_STREAM_ID } from '../protocol/stream-id.ts';

const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

/** The id's millisecond time and sequence, without precision loss. */
export function parseStreamId(id: string): [bigint, bigint] {
  const match = STREAM_ID.exec(id);
  if (match === null) throw new RangeError(`not a stream id: ${id}`);
  return [BigInt(match[1] ?? '0'), BigInt(match[2] ?? '0')];
}
