/**
 * A topic lexicon: terms in three weights. A term is a word or a phrase, matched on
 * folded (lower-case, accent-free) whole words; a trailing "*" on the last word matches
 * any word starting so ("elect*" → election, elected, electoral). A term written in
 * capitals ("WHO") must appear in capitals, which keeps ordinary words out.
 */
export interface TopicLexicon {
  /** Decisive on their own (weight 3): "earthquake", "ceasefire", "world cup". */
  readonly strong: readonly string[];
  /** Usually about the topic (weight 2): "court", "strike", "vaccine". */
  readonly medium: readonly string[];
  /** Hints that only add up (weight 1): "president", "deal", "dead". */
  readonly weak: readonly string[];
}

export type LexiconGroup = Readonly<Record<string, TopicLexicon>>;
