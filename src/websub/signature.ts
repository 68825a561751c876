/**
 * WebSub content signatures (W3C WebSub §7, §8): `X-Hub-Signature: <method>=<hex HMAC of the body>`
 * keyed with the subscription's `hub.secret`. We sign with sha256 and accept the methods the
 * Recommendation lists, never comparing in time that depends on where the digests differ.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const METHODS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

export function signatureHeader(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

export function checkSignature(secret: string, body: Buffer, header: string | undefined): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const [method = '', given = ''] = header.trim().split('=', 2);
  if (!METHODS.has(method.toLowerCase()) || !/^[0-9a-f]+$/i.test(given)) return 'invalid';
  const expected = createHmac(method.toLowerCase(), secret).update(body).digest();
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'valid' : 'invalid';
}
