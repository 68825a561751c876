import { describe, expect, it } from 'vitest';
import { DEFAULTS, normaliseOptions, optionsFromAttributes, parseServer } from '../../../src/widget/client/options.ts';

const SERVER = 'https://news.example';

describe('widget options', () => {
  it('defaults everything it is not given', () => {
    expect(normaliseOptions({}, SERVER)).toEqual({ ...DEFAULTS, server: SERVER });
  });

  it('reads attribute strings', () => {
    const attrs: Record<string, string> = {
      channels: 'Politics/*, */az  conflict/western-asia',
      theme: 'dark',
      speed: 'fast',
      max: '5',
      'show-source': 'false',
      'show-time': 'no',
      target: '_self',
      label: '  Breaking  ',
      announce: '',
    };
    const options = normaliseOptions(optionsFromAttributes((name) => attrs[name] ?? null), SERVER);
    expect(options).toMatchObject({
      channels: ['politics/*', '*/az', 'conflict/western-asia'],
      theme: 'dark',
      speed: 100,
      max: 5,
      showSource: false,
      showTime: false,
      target: '_self',
      label: 'Breaking',
      announce: true,
    });
  });

  it('accepts typed values from NewsTicker.mount', () => {
    const options = normaliseOptions({ channels: ['sport/gb', 'bad channel'], speed: 42, max: 500, showTime: false }, SERVER);
    expect(options.channels).toEqual(['sport/gb']);
    expect(options.speed).toBe(42);
    expect(options.max).toBe(100);
    expect(options.showTime).toBe(false);
  });

  it('falls back on nonsense instead of breaking the host page', () => {
    const options = normaliseOptions({ channels: '<script>', theme: 'neon', speed: 'warp', max: '-3', target: 'javascript:alert(1)' }, SERVER);
    expect(options.channels).toEqual(['*/*']);
    expect(options.theme).toBe('auto');
    expect(options.speed).toBe(DEFAULTS.speed);
    expect(options.max).toBe(1);
    expect(options.target).toBe('_blank');
  });

  it('reads the layout, language, time and link options', () => {
    const attrs: Record<string, string> = {
      layout: 'list',
      lang: 'AR-eg',
      'time-zone': 'Asia/Baku',
      'time-format': '24h',
      'more-url': 'https://news.example/latest',
      'breaking-minutes': '30',
    };
    expect(normaliseOptions(optionsFromAttributes((name) => attrs[name] ?? null), SERVER)).toMatchObject({
      layout: 'list',
      lang: 'ar',
      timeZone: 'Asia/Baku',
      timeFormat: '24h',
      moreUrl: 'https://news.example/latest',
      breakingMinutes: 30,
    });
    const junk = normaliseOptions({ layout: 'grid', lang: 'klingon', timeZone: 'Mars/Olympus', timeFormat: 'metric', moreUrl: 'javascript:alert(1)' }, SERVER);
    expect(junk).toMatchObject({ layout: 'crawl', lang: 'en', timeZone: null, timeFormat: 'auto', moreUrl: null });
    // Without a lang of its own the ticker speaks the host page's language, when it can.
    expect(normaliseOptions({}, SERVER, 'fa-IR').lang).toBe('fa');
    expect(normaliseOptions({}, SERVER, 'ja').lang).toBe('en');
    expect(normaliseOptions({ lang: 'de' }, SERVER, 'fa').lang).toBe('de');
  });

  it('clamps the speed', () => {
    expect(normaliseOptions({ speed: '1' }, SERVER).speed).toBe(10);
    expect(normaliseOptions({ speed: '99999' }, SERVER).speed).toBe(400);
  });

  it('takes only http(s) origins for the server', () => {
    expect(parseServer('https://other.example:8443/some/path?q=1', SERVER)).toBe('https://other.example:8443');
    expect(parseServer('javascript:alert(1)', SERVER)).toBe(SERVER);
    expect(parseServer('/relative', SERVER)).toBe(SERVER);
    expect(parseServer(undefined, SERVER)).toBe(SERVER);
  });
});
