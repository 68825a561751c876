/**
 * The country of a publisher's own domain: a link on `.co.jp` or `.de` is a Japanese or German
 * paper's. Used only as a last resort (index.ts): a story on a national paper that names no
 * country at all is, far more often than not, about that paper's country ("Harsher punishment
 * for rape", a Japan Times editorial, is Japanese news).
 */
import { COUNTRIES } from '../channels/countries-data.ts';
import { sectionsOf } from './feed-evidence.ts';

/**
 * Country-code domains sold worldwide as generic names ("news.io", "radio.fm"): they say
 * nothing about where a publisher is.
 */
const VANITY_TLDS: ReadonlySet<string> = new Set([
  'ai', 'am', 'cc', 'co', 'fm', 'gg', 'io', 'is', 'it', 'la', 'ly', 'me', 'nu', 'sh', 'so', 'st', 'to', 'tv', 'vc', 'ws', 'xyz',
]);

const BY_TLD: ReadonlyMap<string, string> = new Map(
  COUNTRIES.flatMap((c) => c.tld.map((tld): [string, string] => [tld.replace(/^\./, '').toLowerCase(), c.cca2.toLowerCase()])),
);

/** A paper's world desk writes about elsewhere: its domain says nothing of the story. */
const WORLD_DESK = /world|international|foreign/i;

/** The country whose domain a link is on; undefined for generic and vanity domains and on a world desk. */
export function homeCountryOf(url: string | undefined): string | undefined {
  if (url === undefined || sectionsOf(url).some((section) => WORLD_DESK.test(section))) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (VANITY_TLDS.has(tld)) return undefined;
  return BY_TLD.get(tld);
}
