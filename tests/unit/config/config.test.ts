import { describe, expect, it } from 'vitest';
import { loadConfig, redisTarget } from '../../../src/config/env.ts';
import { parseSources } from '../../../src/config/sources.ts';
import { ConfigError } from '../../../src/shared/errors.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, ROLE: 'all', SOURCES_FILE: 'config/sources.json', ALLOWED_ORIGINS: ['*'], ALLOW_PRIVATE_SOURCES: false, PUBLISH_API_KEYS: [] });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names every wrong variable', () => {
    try {
      loadConfig({ PORT: 'eighty', ROLE: 'boss', ALLOW_PRIVATE_SOURCES: 'maybe', REDIS_URL: 'localhost:6379' });
      expect.unreachable('loadConfig accepted bad values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'ROLE', 'ALLOW_PRIVATE_SOURCES', 'REDIS_URL']) expect(message).toContain(name);
    }
  });

  it('reads PUBLIC_URL as an http(s) origin without a trailing slash, query or fragment', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://ticker.example/news/' }).PUBLIC_URL).toBe('https://ticker.example/news');
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    for (const bad of ['ftp://ticker.example', 'ticker.example', 'https://ticker.example/?x=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it('chooses the Redis mode from REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS', () => {
    expect(redisTarget(loadConfig({}))).toBeUndefined();
    expect(redisTarget(loadConfig({ REDIS_URL: 'redis://r:6380' }))).toEqual({ mode: 'standalone', url: 'redis://r:6380' });
    expect(redisTarget(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000, b:7001,[::1]:7002' }))).toEqual({
      mode: 'cluster',
      nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }, { host: '::1', port: 7002 }],
    });
    expect(redisTarget(loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'nt' }))).toEqual({
      mode: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }],
      name: 'nt',
    });
  });

  it('refuses more than one Redis mode, a half-configured Sentinel and malformed node lists', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'a:7000' })).toThrow(/set only one of .*REDIS_URL and REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ REDIS_SENTINELS: 's1:26379' })).toThrow(/REDIS_SENTINEL_NAME.*set both or neither/);
    expect(() => loadConfig({ REDIS_SENTINEL_NAME: 'nt' })).toThrow(/set both or neither/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a' })).toThrow(/REDIS_CLUSTER_NODES.*host:port/);
    expect(() => loadConfig({ REDIS_SENTINELS: ',', REDIS_SENTINEL_NAME: 'nt' })).toThrow(/REDIS_SENTINELS.*at least one/);
  });

  it('reads DASHBOARD_FRAME_ANCESTORS as CSP sources, refusing anything else', () => {
    expect(loadConfig({}).DASHBOARD_FRAME_ANCESTORS).toEqual(["'self'"]);
    expect(loadConfig({ DASHBOARD_FRAME_ANCESTORS: "'self' https://Intranet.Example:8443/, https://*.news.example" }).DASHBOARD_FRAME_ANCESTORS).toEqual([
      "'self'",
      'https://intranet.example:8443',
      'https://*.news.example',
    ]);
    expect(() => loadConfig({ DASHBOARD_FRAME_ANCESTORS: 'https://a.example/path' })).toThrow(/DASHBOARD_FRAME_ANCESTORS/);
    expect(() => loadConfig({ DASHBOARD_FRAME_ANCESTORS: "javascript:alert(1) 'unsafe-inline'" })).toThrow(/DASHBOARD_FRAME_ANCESTORS/);
  });

  it('reads ALLOW_PRIVATE_SOURCES as a switch or a list of exempted CIDRs', () => {
    expect(loadConfig({ ALLOW_PRIVATE_SOURCES: 'true' }).ALLOW_PRIVATE_SOURCES).toBe(true);
    expect(loadConfig({ ALLOW_PRIVATE_SOURCES: 'false' }).ALLOW_PRIVATE_SOURCES).toBe(false);
    expect(loadConfig({ ALLOW_PRIVATE_SOURCES: '10.1.0.0/16, 192.168.5.7' }).ALLOW_PRIVATE_SOURCES).toEqual(['10.1.0.0/16', '192.168.5.7']);
    expect(() => loadConfig({ ALLOW_PRIVATE_SOURCES: 'intranet' })).toThrow(/ALLOW_PRIVATE_SOURCES/);
  });

  it('splits comma lists and refuses short publish keys', () => {
    expect(loadConfig({ PUBLISH_API_KEYS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb' }).PUBLISH_API_KEYS).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(() => loadConfig({ PUBLISH_API_KEYS: 'short' })).toThrow(/PUBLISH_API_KEYS/);
  });
});

describe('parseSources', () => {
  const good = { id: 'bbc-world', name: 'BBC World', type: 'feed', url: 'https://feeds.example.com/world.xml', intervalSeconds: 300, timezone: 'Europe/London', lang: 'en' };

  it('accepts a valid list and fills defaults', () => {
    const [source] = parseSources([{ ...good, timezone: undefined }]);
    expect(source).toMatchObject({ id: 'bbc-world', timezone: 'UTC', topics: [], regions: [] });
  });

  it('names the entry at fault', () => {
    expect(() => parseSources([good, { ...good, id: 'second', timezone: 'Mars/Olympus' }])).toThrow(/entry 1 \(id "second"\).*timezone/);
    expect(() => parseSources([good, { ...good, url: 'ftp://x' }])).toThrow(/entry 1.*url/);
    expect(() => parseSources([good, good])).toThrow(/repeats id "bbc-world"/);
    expect(() => parseSources({})).toThrow(/JSON array/);
    expect(() => parseSources([{ ...good, type: 'page' }])).toThrow(/extraction/);
    expect(() => parseSources([{ ...good, regions: ['atlantis'] }])).toThrow(/unknown region/);
  });

  it('refuses unknown keys, suggesting the closest known key', () => {
    expect(() => parseSources([{ ...good, interval: 60 }])).toThrow(/unknown key "interval" \(did you mean "intervalSeconds"\?\)/);
    expect(() => parseSources([{ ...good, timeZone: 'UTC' }])).toThrow(/unknown key "timeZone" \(did you mean "timezone"\?\)/);
    expect(() => parseSources([{ ...good, type: 'page', extraction: { kind: 'text', dateFormat: 'd MMM', startafter: 'News' } }])).toThrow(
      /unknown key "extraction.startafter" \(did you mean "startAfter"\?\)/,
    );
    // Nothing close: the key is still named, with the list of known keys instead of a guess.
    expect(() => parseSources([{ ...good, colour: 'red' }])).toThrow(/unknown key "colour"; known keys: id, name/);
  });
});
