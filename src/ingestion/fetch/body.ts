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

/** The codings of a Content-Encoding header, in the order they were applied. */
function parseContentEncoding(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

export function tooLarge(maxBytes: number, what: string): FetchError {
  return new FetchError('FETCH_TOO_LARGE', `response body ${what} the ${maxBytes}-byte limit`);
}

/**
 * Decodes `body` through its content codings and collects it, destroying everything as soon as
 * more than `maxBytes` of decoded output has been seen.
 */
export async function readCappedBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
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
  }
  return Buffer.concat(chunks, total);
}

function isZlibError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');
}
