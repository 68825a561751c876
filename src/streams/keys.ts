/**
 * Redis key layout. Every key carries the `{nt}` hash tag so that the store script's keys
 * live in one Redis Cluster slot and the script stays atomic there too.
 */
export const KEY_PREFIX = '{nt}';

export const ALL_CHANNEL = '*/*';

export const keys = {
  allStream: `${KEY_PREFIX}:stream:all`,
  channelStream: (channel: string): string => (channel === ALL_CHANNEL ? keys.allStream : `${KEY_PREFIX}:stream:${channel}`),
  seen: (dedupeKey: string): string => `${KEY_PREFIX}:seen:${dedupeKey}`,
  sourceState: (sourceId: string): string => `${KEY_PREFIX}:source:${sourceId}`,
};
