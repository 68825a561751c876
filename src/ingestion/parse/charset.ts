/**
 * Turning fetched bytes into text. Order of evidence: byte-order mark, Content-Type charset,
 * XML prolog `encoding=`, HTML `<meta charset>` / http-equiv, else UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Browsers (WHATWG Encoding) read these labels as windows-1252, a superset that also maps 0x80-0x9F. */
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp819', 'ibm819']);

/** How far into the document an in-band declaration is looked for (as browsers do, 1024 for meta). */
const SNIFF_BYTES = 4096;

function normaliseLabel(label: string): string | undefined {
  const lower = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (lower === '') return undefined;
  if (WINDOWS_1252_ALIASES.has(lower)) return 'windows-1252';
  if (lower === 'utf8') return 'utf-8';
  return iconv.encodingExists(lower) ? lower : undefined;
}

function bomEncoding(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType);
  return match?.[1] === undefined ? undefined : normaliseLabel(match[1]);
}

/** The charset declared inside the document: XML prolog first, then an HTML meta tag. */
export function charsetFromDocument(body: Buffer): string | undefined {
  // Declarations are ASCII, so a byte-per-char view finds them whatever the real encoding is.
  const head = body.subarray(0, SNIFF_BYTES).toString('latin1');
  const prolog = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (prolog?.[1] !== undefined) return normaliseLabel(prolog[1]);
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
  if (meta?.[1] !== undefined) return normaliseLabel(meta[1]);
  return undefined;
}

function decodeWith(body: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return body.toString('utf8');
  return iconv.decode(body, encoding, { stripBOM: true });
}

/** Decodes a fetched body to a string without a BOM. */
export function decodeBody(body: Buffer, contentType?: string): string {
  const bom = bomEncoding(body);
  if (bom !== undefined) return decodeWith(body.subarray(bom.length), bom.encoding);

  const fromHeader = charsetFromContentType(contentType);
  const fromDocument = charsetFromDocument(body);
  let encoding = fromHeader ?? fromDocument ?? 'utf-8';
  // A server that labels everything "utf-8" while the document says otherwise (and the bytes are
  // indeed not UTF-8) is a common misconfiguration; the document is right in that case.
  if (encoding === 'utf-8' && fromDocument !== undefined && fromDocument !== 'utf-8' && !isUtf8(body)) encoding = fromDocument;
  // A UTF-16 declaration cannot be true for a document we could read as ASCII to find it.
  if (encoding.startsWith('utf-16') && fromHeader === undefined) encoding = 'utf-8';
  return decodeWith(body, encoding).replace(/^\uFEFF/, '');
}
