/**
 * The HTTP API as the admin page calls it: same origin, the tab's key as a Bearer token on
 * every call, and every failure turned into an ApiError carrying the contract's status and
 * code (`{ "error": { "code", "message", "details"? } }`), so the page can say what happened.
 */

/** A failed call: `status` 0 when the service did not answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field problems of a VALIDATION answer, as "path: message". */
    readonly details: readonly string[] = [],
    /** From `Retry-After`, on 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (typeof detail === 'string') return [detail];
    if (!isRecord(detail) || typeof detail.message !== 'string') return [];
    return [typeof detail.path === 'string' && detail.path !== '' ? `${detail.path}: ${detail.message}` : detail.message];
  });
}

async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after') ?? '');
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined; // not the contract's JSON (a proxy's page): the status says enough
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `HTTP_${response.status}`;
  const message = typeof error.message === 'string' ? error.message : response.statusText;
  return new ApiError(response.status, code, message, detailLines(error.details), wait);
}

/** What the user is told about a failure: a headline naming status and code, then the service's words. */
export function describeFailure(error: unknown): { summary: string; detail: string } {
  if (!(error instanceof ApiError)) return { summary: 'Something went wrong in this page', detail: error instanceof Error ? error.message : String(error) };
  const label = `${error.status} ${error.code}`;
  const summaries: Record<number, string> = {
    0: 'The service did not answer',
    400: `Not accepted (${label})`,
    401: `Key not accepted (${label}): type the key again above`,
    403: `Not allowed with this key (${label})`,
    404: `Not found (${label})`,
    409: `Conflict (${label})`,
    413: `Too large (${label})`,
    429: `Too many requests (${label})`,
  };
  const summary = summaries[error.status] ?? (error.status >= 500 ? `The service failed (${label})` : `Refused (${label})`);
  const wait = error.retryAfterSeconds === undefined ? '' : ` Retry in ${error.retryAfterSeconds} s.`;
  const details = error.details.length === 0 ? '' : ` ${error.details.join('; ')}`;
  return { summary, detail: `${error.message}${details}${wait}`.trim() };
}

export interface Body {
  json?: unknown;
  text?: string;
  type?: string;
}

export class AdminApi {
  /** `key`: the tab's key, read on every call (it may change between calls). */
  constructor(private readonly key: () => string | null) {}

  async call(method: string, path: string, body?: Body, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const key = this.key();
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.text !== undefined) {
      headers['content-type'] = body.type ?? 'text/plain';
      payload = body.text;
    }
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: payload, cache: 'no-store', signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async json(method: string, path: string, body?: Body): Promise<unknown> {
    const response = await this.call(method, path, body);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  }
}
