/**
 * OPML 2.0 export and import of the sources, read and written by feedsmith.
 *
 * Each feed is an `<outline type="rss" text title xmlUrl language>`, so any feed reader imports
 * our export. What OPML has no attribute for (our id, interval, time zone, default tags, pause,
 * a page source's extraction) travels in attributes of our own namespace (`nt:`), as OPML 2.0
 * allows for attributes it does not define: our own export imports back as the same sources.
 *
 * A feed reader's OPML is read leniently where it is loose by nature: folders are flattened,
 * commented-out and non-feed outlines are left out, a name missing falls back to the title or
 * the host, an id is made from the name, and a `language` that is not a language tag is
 * dropped. Everything else is validated as a source from the API is.
 */
import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { LANG_PATTERN, sourceIssues, sourceSchema, type SourceConfig } from '../../config/sources.ts';
import { describeError, ValidationError } from '../../shared/errors.ts';
import { assertNoLateDoctype, assertWellFormed, scanProlog, stripInvalidXmlChars } from '../parse/xml-safety.ts';

export const OPML_NAMESPACE = 'https://github.com/news-ticker/news-ticker#opml';
/** Sources in one import; more is a file to split (or not a feed list). */
export const MAX_IMPORTED_SOURCES = 1_000;
/** Folders within folders; a reader's export has two or three levels. */
const MAX_DEPTH = 16;

const NT = ['nt:id', 'nt:type', 'nt:intervalSeconds', 'nt:maxItemsPerPoll', 'nt:timezone', 'nt:topics', 'nt:regions', 'nt:paused', 'nt:extraction'] as const;
type Outline = Opml.Outline<string, typeof NT>;

/** One source read from an OPML file; `idGiven` when the file named the id (our own export). */
export interface OpmlCandidate {
  source: SourceConfig;
  idGiven: boolean;
}

export function sourcesToOpml(sources: readonly SourceConfig[], now = new Date()): string {
  const outlines = sources.map((source): Outline => {
    const ours: Partial<Record<(typeof NT)[number], string>> = {
      'nt:id': source.id,
      'nt:intervalSeconds': String(source.intervalSeconds),
      'nt:maxItemsPerPoll': String(source.maxItemsPerPoll),
      'nt:timezone': source.timezone,
      'nt:paused': String(source.paused),
      ...(source.topics.length === 0 ? {} : { 'nt:topics': source.topics.join(',') }),
      ...(source.regions.length === 0 ? {} : { 'nt:regions': source.regions.join(',') }),
      ...(source.type === 'page' ? { 'nt:type': 'page', 'nt:extraction': JSON.stringify(source.extraction) } : {}),
    };
    // A listing page is no feed: a reader sees a link, and only we read it back as a source.
    const where = source.type === 'feed' ? { type: 'rss', xmlUrl: source.url } : { type: 'link', url: source.url };
    return { text: source.name, title: source.name, ...where, ...(source.lang === undefined ? {} : { language: source.lang }), ...ours };
  });
  const xml = generateOpml({ head: { title: 'News Ticker sources', dateCreated: now }, body: { outlines } }, { extraOutlineAttributes: NT });
  const root = '<opml version="2.0">';
  if (!xml.includes(root)) throw new Error('feedsmith wrote an OPML root this module does not recognise');
  // feedsmith writes no namespace declarations; ours goes on the root element.
  return xml.replace(root, `<opml version="2.0" xmlns:nt="${OPML_NAMESPACE}">`);
}

function invalid(message: string, details: { path: string; message: string }[] = [{ path: '', message }]): ValidationError {
  return new ValidationError(message, details);
}

/** The OPML document, vetted as any untrusted XML is (no entity declarations, well-formed). */
function readDocument(text: string): Opml.Document<string, typeof NT> {
  const xml = stripInvalidXmlChars(text.replace(/^\uFEFF/, ''));
  try {
    const prolog = scanProlog(xml);
    if (prolog.rootName.toLowerCase() !== 'opml') throw invalid(`not OPML: the root element is <${prolog.rootName}>`);
    assertNoLateDoctype(xml, prolog.rootIndex);
    assertWellFormed(xml);
    return parseOpml(xml, { extraOutlineAttributes: NT });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw invalid(`not a readable OPML file: ${describeError(error).message}`);
  }
}

/** The outlines that are sources, folders flattened, each with where it sits (`outline 3`, `outline 3.1`). */
function sourceOutlines(outlines: readonly Outline[] | undefined, at: string, depth: number, found: { outline: Outline; path: string }[]): void {
  if (outlines === undefined) return;
  if (depth > MAX_DEPTH) throw invalid(`folders are nested deeper than ${MAX_DEPTH} levels`);
  outlines.forEach((outline, index) => {
    const path = at === '' ? String(index + 1) : `${at}.${index + 1}`;
    if (outline.isComment === true) return;
    if (outline.xmlUrl !== undefined || outline['nt:type'] === 'page') found.push({ outline, path: `outline ${path}` });
    sourceOutlines(outline.outlines, path, depth + 1, found);
  });
  if (found.length > MAX_IMPORTED_SOURCES) throw invalid(`more than ${MAX_IMPORTED_SOURCES} sources in one file; split it`);
}


/** Latin letters that no decomposition turns into ASCII. */
const LATIN_LETTERS: Record<string, string> = { ı: 'i', ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ħ: 'h', ŋ: 'ng' };

/** An id from a name: lower-case ASCII letters, digits and dashes ("Deutsche Welle (English)" → "deutsche-welle-english"). */
export function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ıßøæœđðłþħŋ]/g, (letter) => LATIN_LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug === '' ? 'source' : slug;
}

const list = (value: string | undefined): string[] | undefined => value?.split(',').map((item) => item.trim()).filter((item) => item !== '');

function candidateOf(outline: Outline): { raw: Record<string, unknown>; idGiven: boolean } {
  const ours = (attribute: (typeof NT)[number]): string | undefined => {
    const value = outline[attribute];
    return typeof value === 'string' ? value : undefined;
  };
  const isPage = ours('nt:type') === 'page';
  const url = isPage ? outline.url : outline.xmlUrl;
  const host = url === undefined ? undefined : hostOf(url);
  const name = (outline.text ?? outline.title ?? host ?? 'Untitled').slice(0, 120);
  const language = outline.language?.replace(/^[A-Za-z]+/, (primary) => primary.toLowerCase());
  const extraction = ours('nt:extraction');
  const given: Record<string, unknown> = {
    id: ours('nt:id') ?? idFromName(name),
    name,
    type: ours('nt:type') ?? 'feed',
    url,
    ...(language !== undefined && LANG_PATTERN.test(language) ? { lang: language } : {}),
    intervalSeconds: wholeNumber(ours('nt:intervalSeconds')),
    maxItemsPerPoll: wholeNumber(ours('nt:maxItemsPerPoll')),
    timezone: ours('nt:timezone'),
    topics: list(ours('nt:topics')),
    regions: list(ours('nt:regions')),
    paused: trueOrFalse(ours('nt:paused')),
    extraction: extraction === undefined ? undefined : parseExtraction(extraction),
  };
  // An attribute the outline does not have is a key the source does not have (its default applies).
  const raw = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { raw, idGiven: ours('nt:id') !== undefined };
}

/** `true` and `false` as booleans; anything else as written, for the schema to name. */
function trueOrFalse(value: string | undefined): boolean | string | undefined {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Digits as a number; anything else as written, for the schema to name. */
function wholeNumber(value: string | undefined): number | string | undefined {
  return value === undefined || !/^\d+$/.test(value) ? value : Number(value);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined; // the schema then reports the URL itself
  }
}

function parseExtraction(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json; // the schema then says what extraction must be
  }
}

/** The sources an OPML file lists; a 400 naming each outline at fault, and nothing imported, when one is invalid. */
export function opmlToSources(text: string): OpmlCandidate[] {
  const document = readDocument(text);
  const found: { outline: Outline; path: string }[] = [];
  sourceOutlines(document.body?.outlines, '', 1, found);
  const problems: { path: string; message: string }[] = [];
  const candidates: OpmlCandidate[] = [];
  for (const { outline, path } of found) {
    const { raw, idGiven } = candidateOf(outline);
    const result = sourceSchema.safeParse(raw);
    if (result.success) candidates.push({ source: result.data, idGiven });
    else for (const issue of sourceIssues(result.error)) problems.push({ path: `${path} (${String(raw.name)}).${issue.path}`, message: issue.message });
  }
  if (problems.length > 0) throw invalid(`${problems.length} problem(s) in the OPML file; nothing was imported (first: ${problems[0]?.path}: ${problems[0]?.message})`, problems);
  return candidates;
}
