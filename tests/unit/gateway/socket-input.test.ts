import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { admit, ConnectionAddresses, ConnectionCounter, createOriginCheck } from '../../../src/gateway/socket/admission.ts';
import { parseSubscribe, parseUnsubscribe } from '../../../src/gateway/socket/payload.ts';
import { clientAddressResolver, compileTrustedProxies } from '../../../src/shared/client-address.ts';
import { takeToken } from '../../../src/gateway/socket/rate-limit.ts';
import { loadConfig } from '../../../src/config/env.ts';

/** An upgrade request as admission sees it: headers and the TCP peer. */
function req(origin?: string, ip = '10.0.0.1', forwardedFor?: string): IncomingMessage {
  const peer = { remoteAddress: ip };
  const headers: Record<string, string> = { ...(origin === undefined ? {} : { origin }), ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) };
  return { headers, socket: peer, connection: peer } as unknown as IncomingMessage;
}

describe('subscribe payloads', () => {
  it('accepts a good request and applies defaults', () => {
    expect(parseSubscribe({ channels: ['politics/*'] })).toEqual({ ok: true, value: { channels: ['politics/*'], since: undefined, limit: 20 } });
    expect(parseSubscribe({ channels: ['*/az'], since: '1-0', limit: 0 })).toMatchObject({ ok: true, value: { since: '1-0', limit: 0 } });
  });

  it.each([
    [null, 'VALIDATION'],
    [[], 'VALIDATION'],
    ['x', 'VALIDATION'],
    [{}, 'BAD_CHANNEL'],
    [{ channels: [{}] }, 'BAD_CHANNEL'],
    [{ channels: ['politics/*'], since: 5 }, 'BAD_CURSOR'],
    [{ channels: ['politics/*'], since: '1-0-0' }, 'BAD_CURSOR'],
    [{ channels: ['politics/*'], limit: 1.5 }, 'VALIDATION'],
    [{ channels: ['politics/*'], limit: 501 }, 'VALIDATION'],
  ])('answers %j with %s', (payload, code) => {
    expect(parseSubscribe(payload)).toMatchObject({ ok: false, error: { code } });
  });

  it('validates unsubscribe', () => {
    expect(parseUnsubscribe({ channels: ['sport/*'] })).toEqual({ ok: true, value: ['sport/*'] });
    expect(parseUnsubscribe(7)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('admission', () => {

  it('checks origins, lets non-browser clients in, and caps per IP', () => {
    const counter = new ConnectionCounter(1);
    const state = { closing: false, originAllowed: createOriginCheck(['https://news.example/']), counter, clientAddress: clientAddressResolver(compileTrustedProxies(['loopback'])) };
    expect(admit(req('https://news.example'), state)).toEqual({ ok: true });
    expect(admit(req('https://evil.example'), state)).toMatchObject({ ok: false, kind: 'origin' });
    expect(admit(req(undefined), state)).toEqual({ ok: true });
    counter.add('10.0.0.1');
    expect(admit(req(undefined), state)).toMatchObject({ ok: false, kind: 'ip-cap' });
    counter.release('10.0.0.1');
    expect(admit(req(undefined), state)).toEqual({ ok: true });
    expect(admit(req(undefined), { ...state, closing: true })).toMatchObject({ ok: false, kind: 'closing' });
    expect(createOriginCheck(['*'])('https://anything.example')).toBe(true);
  });
});

describe('token bucket', () => {
  it('allows a burst, refills over time and counts refusals in a row', () => {
    const rate = { capacity: 2, refillPerSecond: 1 };
    const bucket = { tokens: 2, tokensAt: 0, refusals: 0 };
    const take = (): boolean => takeToken(bucket, rate, 0);
    expect([take(), take(), take(), take()]).toEqual([true, true, false, false]);
    expect(bucket.refusals).toBe(2);
    expect(takeToken(bucket, rate, 1_000)).toBe(true);
    expect(bucket.refusals).toBe(0);
    expect(takeToken(bucket, rate, 1_000)).toBe(false);
    // Refills never go past the capacity.
    expect(takeToken(bucket, rate, 60_000)).toBe(true);
    expect(bucket.tokens).toBe(1);
  });
});

describe('client address', () => {
  it('reads the client address through the listed proxies only', () => {
    const clientAddress = clientAddressResolver(compileTrustedProxies(['loopback', '10.0.0.0/8']));
    expect(clientAddress(req(undefined, '10.0.0.5', '203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(req(undefined, '127.0.0.1', '1.2.3.4, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(req(undefined, '10.0.0.5', '203.0.113.7, 10.0.0.9'))).toBe('203.0.113.7');
    // A peer outside the list is the client itself, whatever it claims: private or public.
    expect(clientAddress(req(undefined, '192.168.1.20', '203.0.113.7'))).toBe('192.168.1.20');
    expect(clientAddress(req(undefined, '198.51.100.2', '203.0.113.7'))).toBe('198.51.100.2');
    expect(clientAddress(req(undefined, '198.51.100.2'))).toBe('198.51.100.2');
  });

  it('believes only loopback by default', () => {
    const clientAddress = clientAddressResolver(compileTrustedProxies(loadConfig({}).TRUSTED_PROXIES));
    expect(clientAddress(req(undefined, '127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(req(undefined, '10.0.0.5', '203.0.113.7'))).toBe('10.0.0.5');
    expect(clientAddress(req(undefined, 'fd00::1', '203.0.113.7'))).toBe('fd00::1');
    expect(() => loadConfig({ TRUSTED_PROXIES: 'loopback,not-an-address' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('remembers forwarded addresses until the connection closes, and only those', () => {
    const addresses = new ConnectionAddresses(clientAddressResolver(compileTrustedProxies(['10.0.0.0/8'])));
    const proxied = { remoteAddress: '10.0.0.5', request: req(undefined, '10.0.0.5', '203.0.113.7') };
    const direct = { remoteAddress: '198.51.100.2', request: req(undefined, '198.51.100.2') };
    expect(addresses.remember(proxied)).toBe('203.0.113.7');
    expect(addresses.remember(direct)).toBe('198.51.100.2');
    const released: { remoteAddress: string; request: IncomingMessage | null } = proxied;
    released.request = null;
    expect(addresses.of(proxied)).toBe('203.0.113.7');
    expect(addresses.of(direct)).toBe('198.51.100.2');
    addresses.forget(proxied);
    expect(addresses.of(proxied)).toBe('10.0.0.5');
  });
});
