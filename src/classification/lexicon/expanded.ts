/**
 * The expanded lexicon: single words that lie close to one topic's hand-written lexicon in a
 * word-embedding space ("snakebites" near health's "snakebite", "disease*", "hospital*"), found
 * offline by scripts/build-expanded-lexicon.ts (npm run build:lexicon) and read here, once, from
 * data/expanded-lexicon.generated.json. They are weak evidence, scored only where no hand-written
 * term matches (topics.ts), and labelled "word [≈topic]" in the evidence.
 */
import { readFileSync } from 'node:fs';
import { TOPIC_SLUGS } from '../../channels/vocabulary.ts';

export interface ExpandedTerm {
  readonly topic: string;
  /** What one occurrence in a title scores (a summary's counts half, as for every term). */
  readonly weight: number;
}

interface ExpandedFile {
  readonly about: string;
  readonly weight: number;
  /** Topic → its words, lower case, separated by single spaces. */
  readonly topics: Readonly<Record<string, string>>;
}

const DATA = new URL('../data/expanded-lexicon.generated.json', import.meta.url);
const WORD = /^[a-z]+$/;

/** The generated words by their key, checked: a valid topic, a weight of at most 1, plain lower-case words. */
export function parseExpanded(value: unknown): Map<string, ExpandedTerm> {
  const file = value as Partial<ExpandedFile> | null;
  const weight = file?.weight;
  if (typeof weight !== 'number' || !(weight > 0 && weight <= 1)) throw new Error('expanded lexicon: weight must be in (0, 1]');
  const terms = new Map<string, ExpandedTerm>();
  for (const [topic, words] of Object.entries(file?.topics ?? {})) {
    if (!TOPIC_SLUGS.has(topic)) throw new Error(`expanded lexicon: unknown topic ${topic}`);
    for (const word of words.split(' ')) {
      if (!WORD.test(word)) throw new Error(`expanded lexicon: "${word}" is not a lower-case word`);
      if (terms.has(word)) throw new Error(`expanded lexicon: "${word}" is listed twice`);
      terms.set(word, { topic, weight });
    }
  }
  return terms;
}

export const EXPANDED: ReadonlyMap<string, ExpandedTerm> = parseExpanded(JSON.parse(readFileSync(DATA, 'utf8')));
