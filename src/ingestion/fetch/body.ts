/**
 * Reading a response body under a size cap that is counted AFTER decompression, so a small
 * gzip bomb is refused as soon as its inflated output passes the cap instead of filling memory.
 */
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchError, describeError } from '../../shared/errors.ts';

// Flush modes that tolerate a truncated stream the way browsers do (many servers cut the tail).
const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * "deflate" is meant to be zlib-wrapped (RFC 1950) but some servers send raw deflate
 * (RFC 1951); the first byte tells them apart, as in browsers.
 */
class InflateAuto extends Transform {
  private inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner === undefined) {
      const first = chunk[0] ?? 0;
      const inner = (first & 0x0f) === 8 ? createInflate(lenient) : createInflateRaw(lenient);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error: Error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    const inner = this.inner;
    if (inner === undefined) {
      callback();
      return;
    }
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

function decoderFor(encoding: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(lenient);
    case 'deflate':
      return new InflateAuto();
    case 'br':
      return createBrotliDecompress();
    case 'identity':
      return new PassThrough();
    default:
      throw new FetchError('FETCH_FAILED', `unsupported Content-Encoding "${encoding}"`);
  }
}

/**
 * At most this many codings are undone. Servers apply one (rarely two, e.g. a proxy gzipping a
 * gzip file); each extra layer costs a full decode of the body, so a long stack is an attack.
 */
const MAX_CONTENT_CODINGS = 2;

/** The codings of a Content-Encoding header, in the order they were applied; refuses a long stack. */
function parseContentEncoding(header: string | undefined): string[] {
  if (header === undefined) return [];
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > MAX_CONTENT_CODINGS) {
    throw new FetchError('FETCH_TOO_MANY_ENCODINGS', `refusing a response with ${codings.length} stacked Content-Encodings (at most ${MAX_CONTENT_CODINGS} are decoded)`);
  }
  return codings;
}

export function tooLarge(maxBytes: number, what: string): FetchError {
  return new FetchError('FETCH_TOO_LARGE', `response body ${what} the ${maxBytes}-byte limit`);
}

/**
 * Decodes `body` through its content codings and collects it, destroying everything as soon as
 * more than `maxBytes` of decoded output has been seen, or when `signal` (the fetch's deadline)
 * fires: decoding is part of the fetch and gets no time of its own.
 */
export async function readCappedBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  const codings = parseContentEncoding(contentEncoding);
  // Codings are listed in the order applied, so they are undone in reverse.
  const decoders = codings.reverse().map(decoderFor);
  let stream: Readable = body;
  for (const decoder of decoders) {
    // pipe() does not forward errors; the last stage must fail when any earlier one does.
    const upstream = stream;
    upstream.on('error', (error: Error) => decoder.destroy(error));
    stream = upstream.pipe(decoder);
  }
  const last = stream;
  const onAbort = (): void => {
    last.destroy(signal?.reason instanceof Error ? signal.reason : new FetchError('FETCH_TIMEOUT', 'the fetch deadline passed while decoding the body'));
  };
  if (signal?.aborted === true) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) throw tooLarge(maxBytes, 'exceeds');
      chunks.push(buffer);
    }
  } catch (error) {
    for (const decoder of decoders) decoder.destroy();
    body.destroy();
    if (error instanceof FetchError) throw error;
    if (codings.length > 0 && isZlibError(error)) {
      throw new FetchError('FETCH_FAILED', `cannot decode ${codings.join(', ')} response body: ${describeError(error).message}`, { cause: error });
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return Buffer.concat(chunks, total);
}

function isZlibError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');
}
