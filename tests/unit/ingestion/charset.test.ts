import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromDocument, decodeBody } from '../../../src/ingestion/parse/charset.ts';

const GERMAN = 'Übergrößenträger äußern Bedenken';
const RUSSIAN = 'Новости дня: в Москве прошёл снегопад';

describe('decodeBody', () => {
  it('reads UTF-8 when nothing is declared', () => {
    expect(decodeBody(Buffer.from(`<rss>${GERMAN}</rss>`, 'utf8'))).toBe(`<rss>${GERMAN}</rss>`);
  });

  it('strips a UTF-8 BOM and lets it win over a wrong header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0"?><rss>${GERMAN}</rss>`, 'utf8')]);
    const text = decodeBody(body, 'text/xml; charset=ISO-8859-1');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain(GERMAN);
  });

  it('decodes UTF-16LE and UTF-16BE by their BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<rss>${RUSSIAN}</rss>`, 'utf16le')]);
    expect(decodeBody(le)).toBe(`<rss>${RUSSIAN}</rss>`);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(`<rss>${RUSSIAN}</rss>`, 'utf-16be')]);
    expect(decodeBody(be)).toBe(`<rss>${RUSSIAN}</rss>`);
  });

  it('uses the Content-Type charset', () => {
    const body = iconv.encode(`<rss>${RUSSIAN}</rss>`, 'windows-1251');
    expect(decodeBody(body, 'application/rss+xml; charset="windows-1251"')).toBe(`<rss>${RUSSIAN}</rss>`);
  });

  it('uses the XML prolog encoding when the header has none (ISO-8859-1 and windows-1251)', () => {
    const latin = iconv.encode(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss>${GERMAN}</rss>`, 'latin1');
    expect(decodeBody(latin, 'text/xml')).toContain(GERMAN);
    const cyrillic = iconv.encode(`<?xml version='1.0' encoding='windows-1251'?><rss>${RUSSIAN}</rss>`, 'windows-1251');
    expect(decodeBody(cyrillic)).toContain(RUSSIAN);
  });

  it('reads ISO-8859-1 as windows-1252, like browsers (curly quotes in 0x80-0x9F)', () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss>', 'latin1'), Buffer.from([0x93, 0x48, 0x69, 0x94]), Buffer.from('</rss>')]);
    expect(decodeBody(body)).toContain('\u201cHi\u201d');
  });

  it('uses an HTML meta charset or http-equiv', () => {
    const meta = iconv.encode(`<html><head><meta charset="windows-1251"></head><body>${RUSSIAN}</body></html>`, 'windows-1251');
    expect(decodeBody(meta)).toContain(RUSSIAN);
    const equiv = iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>${GERMAN}</body></html>`, 'latin1');
    expect(decodeBody(equiv, 'text/html')).toContain(GERMAN);
  });

  it('trusts the document over a "utf-8" header when the bytes are not UTF-8', () => {
    const body = iconv.encode(`<?xml version="1.0" encoding="ISO-8859-1"?><rss>${GERMAN}</rss>`, 'latin1');
    expect(decodeBody(body, 'text/xml; charset=utf-8')).toContain(GERMAN);
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(decodeBody(Buffer.from(`<rss>${GERMAN}</rss>`), 'text/xml; charset=x-made-up')).toBe(`<rss>${GERMAN}</rss>`);
  });
});

describe('charset sniffing helpers', () => {
  it('normalises labels', () => {
    expect(charsetFromContentType('text/xml; charset=UTF8')).toBe('utf-8');
    expect(charsetFromContentType('text/xml; charset=latin1')).toBe('windows-1252');
    expect(charsetFromContentType('text/xml')).toBeUndefined();
    expect(charsetFromDocument(Buffer.from('<?xml version="1.0" encoding="KOI8-R"?><rss/>'))).toBe('koi8-r');
  });
});
