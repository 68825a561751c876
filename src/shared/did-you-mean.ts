/**
 * "Did you mean": the closest known word to a mistyped one (a config key, a channel name).
 * Case is ignored; a suggestion further than about a third of the word away is no help, so none
 * is given then.
 */
import { distance } from 'fastest-levenshtein';

/** The candidate nearest to `input` by edit distance, or undefined when none is near enough. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.toLowerCase();
  if (wanted === '') return undefined;
  const limit = Math.max(2, Math.ceil(wanted.length / 3));
  let best: { candidate: string; cost: number } | undefined;
  for (const candidate of candidates) {
    const lowered = candidate.toLowerCase();
    // A prefix ("interval" for "intervalSeconds") is a strong hint even when many letters differ.
    const prefix = Math.min(wanted.length, lowered.length) >= 3 && (lowered.startsWith(wanted) || wanted.startsWith(lowered));
    const cost = prefix && wanted !== lowered ? 1 : distance(wanted, lowered);
    if (cost <= limit && (best === undefined || cost < best.cost)) best = { candidate, cost };
  }
  return best?.candidate;
}
