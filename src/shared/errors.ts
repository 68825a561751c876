/**
 * Error classes with stable codes. The code is what clients, logs and metrics key on;
 * the message is for humans and may change.
 */
export type ErrorCode =
  | 'CONFIG'
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'NOT_REPLICATED'
  | 'NOT_FOUND'
  | 'GONE'
  | 'CONFLICT'
  | 'BAD_CHANNEL'
  | 'BAD_CURSOR'
  | 'FORBIDDEN'
  | 'FETCH_FAILED'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_BLOCKED'
  | 'FETCH_HTTP_STATUS'
  | 'FETCH_TOO_MANY_REDIRECTS'
  | 'FETCH_TOO_MANY_ENCODINGS'
  | 'PARSE_FAILED'
  | 'PARSE_TIMEOUT'
  | 'HTML_TOO_COMPLEX'
  | 'UNSAFE_XML'
  | 'SOURCES_FILE'
  | 'REDIS_SERVER_MISSING'
  | 'REDIS_CHILD_FAILED'
  | 'DATA_DIR_LOCKED'
  | 'CANNOT_LISTEN'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

export class ConfigError extends AppError {
  constructor(message: string, problems: string[]) {
    super('CONFIG', message, { details: problems });
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION', message, { details });
  }
}

/** A source could not be fetched; `code` says why (timeout, size, SSRF guard, HTTP status...). */
export class FetchError extends AppError {}

/** A fetched document could not be turned into items. */
export class ParseError extends AppError {
  constructor(message: string, options: { cause?: unknown; code?: 'PARSE_FAILED' | 'UNSAFE_XML' | 'HTML_TOO_COMPLEX' | 'PARSE_TIMEOUT' } = {}) {
    super(options.code ?? 'PARSE_FAILED', message, { cause: options.cause });
  }
}

/** A parse that ran past its time budget; its worker thread was stopped and is replaced. */
export class ParseTimeoutError extends ParseError {
  constructor(message: string) {
    super(message, { code: 'PARSE_TIMEOUT' });
  }
}

export class UnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('UNAVAILABLE', message, { cause });
  }
}

/**
 * PUBLISH_DURABILITY=replica: the write is on the Redis master, but no replica confirmed it in
 * time, so a failover now could lose it. `details.ids` are the ids it was stored under.
 */
export class NotReplicatedError extends AppError {
  constructor(message: string, ids: readonly string[]) {
    super('NOT_REPLICATED', message, { details: { ids } });
  }
}

/** Short, loggable description of anything thrown. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}
