/**
 * Bounds on what a headline keeps of its input: a valid language tag or none, and a stored JSON that never passes HEADLINE_LIMITS.storedJsonBytes, whatever the feed sent.
 */
import { HEADLINE_LIMITS } from '../protocol/headline-limits.ts';
import type { HeadlineDraft } from './headline.ts';
import { capLength } from './text.ts';

/** A well-formed BCP 47 tag of at most 35 characters, in canonical case ("en-US"), or undefined. */
export function languageTag(raw: string | null | undefined): string | undefined {
  const tag = raw?.trim();
  if (tag === undefined || tag === '' || tag.length > HEADLINE_LIMITS.langChars) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && canonical.length <= HEADLINE_LIMITS.langChars ? canonical : undefined;
  } catch {
    return undefined; // not a well-formed tag: the field is dropped, as the contract says
  }
}

const jsonBytes = (draft: HeadlineDraft): number => Buffer.byteLength(JSON.stringify(draft));
// Room for what the store adds around the draft (the stream id of a headline).
const ID_ROOM = 48;
// A title keeps at least this much before the headline loses its link instead.
const TITLE_FLOOR = 80;

/** `text` cut so that about `excess` more bytes go, keeping at least `floor` characters; undefined when nothing would remain. */
function shorter(text: string, excess: number, floor = 0): string | undefined {
  const chars = Array.from(text);
  const bytesPerChar = Buffer.byteLength(text) / Math.max(chars.length, 1);
  const keep = Math.max(floor, chars.length - Math.ceil(excess / bytesPerChar) - 1);
  return keep < 1 ? undefined : capLength(text, keep);
}

function without(draft: HeadlineDraft, key: 'summary' | 'categories' | 'url'): HeadlineDraft {
  return Object.fromEntries(Object.entries(draft).filter(([name]) => name !== key)) as HeadlineDraft;
}

/**
 * The draft cut to the stored-JSON cap, in a fixed order: the summary shortens then goes, then
 * categories go from the last, then the title shortens to 80 characters, then the link goes.
 * Undefined when even that does not fit (the item is refused, never stored larger).
 */
export function fitToStoredCap(draft: HeadlineDraft, maxBytes: number = HEADLINE_LIMITS.storedJsonBytes - ID_ROOM): HeadlineDraft | undefined {
  let fitted: HeadlineDraft = draft;
  for (let round = 0; round < 64; round += 1) {
    const excess = jsonBytes(fitted) - maxBytes;
    if (excess <= 0) return fitted;
    const next = cutOnce(fitted, excess);
    if (next === undefined) return undefined;
    fitted = next;
  }
  return jsonBytes(fitted) <= maxBytes ? fitted : undefined;
}

function cutOnce(draft: HeadlineDraft, excess: number): HeadlineDraft | undefined {
  if (draft.summary !== undefined) {
    const summary = shorter(draft.summary, excess);
    return summary === undefined ? without(draft, 'summary') : { ...draft, summary };
  }
  if (draft.categories !== undefined) {
    return draft.categories.length <= 1 ? without(draft, 'categories') : { ...draft, categories: draft.categories.slice(0, -1) };
  }
  if (Array.from(draft.title).length > TITLE_FLOOR) return { ...draft, title: shorter(draft.title, excess, TITLE_FLOOR) ?? draft.title };
  if (draft.url !== undefined) return without(draft, 'url');
  return undefined;
}
