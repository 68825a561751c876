import { describe, expect, it } from 'vitest';
import { assertHostAllowed, guardedLookup, isBlockedAddress } from '../../../src/ingestion/fetch/ssrf-guard.ts';
import { FetchError } from '../../../src/shared/errors.ts';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '[::ffff:169.254.169.254]',
    'fd00::1',
    'fc00::abcd',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '64:ff9b::a00:1',
    '2002:c0a8:0101::1',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1', '2a00:1450:4001:80b::200e', '::ffff:93.184.216.34'])(
    'allows %s',
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );

  it('refuses anything that is not an IP address', () => {
    expect(isBlockedAddress('localhost')).toBe(true);
  });
});

describe('assertHostAllowed', () => {
  it('refuses blocked IP literals with FETCH_BLOCKED and leaves hostnames to the lookup', () => {
    expect(() => assertHostAllowed('[::1]')).toThrow(FetchError);
    expect(() => assertHostAllowed('169.254.169.254')).toThrow(
      expect.objectContaining({ code: 'FETCH_BLOCKED', message: expect.stringMatching(/169\.254\.169\.254.*ALLOW_PRIVATE_SOURCES/) as unknown }) as Error,
    );
    expect(() => assertHostAllowed('93.184.216.34')).not.toThrow();
    expect(() => assertHostAllowed('news.example.com')).not.toThrow();
  });
});

describe('guardedLookup', () => {
  it('refuses a hostname that resolves to loopback', async () => {
    const error = await new Promise<unknown>((resolve) => {
      guardedLookup('localhost', {}, (lookupError) => resolve(lookupError));
    });
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('FETCH_BLOCKED');
  });
});
