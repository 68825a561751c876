/**
 * Redis key layout. Every key carries the `{nt}` hash tag so that the store script's keys
 * live in one Redis Cluster slot and the script stays atomic there too.
 */
export const KEY_PREFIX = '{nt}';

export const ALL_CHANNEL = '*/*';

/** The scripts build a headline's state key from this and the headline's id. */
export const HEADLINE_STATE_PREFIX = `${KEY_PREFIX}:headline:`;

export const keys = {
  allStream: `${KEY_PREFIX}:stream:all`,
  channelStream: (channel: string): string => (channel === ALL_CHANNEL ? keys.allStream : `${KEY_PREFIX}:stream:${channel}`),
  seen: (dedupeKey: string): string => `${KEY_PREFIX}:seen:${dedupeKey}`,
  sourceState: (sourceId: string): string => `${KEY_PREFIX}:source:${sourceId}`,
  /** A headline's current state (revision, retraction, text as corrected); see changes.ts. */
  headlineState: (id: string): string => `${HEADLINE_STATE_PREFIX}${id}`,
  /** The editorial audit log: a bounded list, newest first. */
  audit: `${KEY_PREFIX}:audit`,
};
