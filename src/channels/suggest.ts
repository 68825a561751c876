/**
 * "Did you mean" for channel names: the valid topic or region nearest to a mistyped one.
 * Common names that are no slug come first (`uk` → `gb`, `usa` → `us`, `business` → `economy`):
 * a country's ISO alpha-3 code, its alternative spellings and its common name, and a short
 * list of topic synonyms; then the nearest slug by edit distance (`sports` → `sport`).
 */
import { closestMatch } from '../shared/did-you-mean.ts';
import { COUNTRIES } from './countries-data.ts';
import { M49_AREAS } from './m49.ts';
import { TOPICS } from './topics.ts';

const TOPIC_ALIASES: Readonly<Record<string, string>> = {
  arts: 'arts-culture',
  culture: 'arts-culture',
  entertainment: 'arts-culture',
  media: 'arts-culture',
  crime: 'crime-law',
  law: 'crime-law',
  justice: 'crime-law',
  business: 'economy',
  finance: 'economy',
  markets: 'economy',
  money: 'economy',
  science: 'science-technology',
  tech: 'science-technology',
  technology: 'science-technology',
  war: 'conflict',
  military: 'conflict',
  world: 'politics',
  government: 'politics',
  jobs: 'labour',
  labor: 'labour',
  climate: 'environment',
  travel: 'lifestyle',
  football: 'sport',
  soccer: 'sport',
  faith: 'religion',
  accident: 'disaster',
};

const slugify = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function regionAliases(): Map<string, string> {
  const aliases = new Map<string, string>([
    ['uk', 'gb'],
    ['britain', 'gb'],
    ['great-britain', 'gb'],
    ['england', 'gb'],
    ['usa', 'us'],
    ['america', 'us'],
    ['eu', 'europe'],
    ['middle-east', 'western-asia'],
  ]);
  for (const country of COUNTRIES) {
    const code = country.cca2.toLowerCase();
    for (const name of [country.cca3, country.name.common, country.name.official, ...country.altSpellings]) {
      const alias = slugify(name);
      if (alias.length > 2 && !aliases.has(alias)) aliases.set(alias, code);
    }
  }
  return aliases;
}

let regionAliasMap: Map<string, string> | undefined;
const topicSlugs = TOPICS.map((topic) => topic.slug);
const regionSlugs = [...M49_AREAS.map((area) => area.slug), ...COUNTRIES.map((country) => country.cca2.toLowerCase())];

export function suggestTopic(input: string): string | undefined {
  const wanted = slugify(input);
  return TOPIC_ALIASES[wanted] ?? closestMatch(wanted, topicSlugs);
}

export function suggestRegion(input: string): string | undefined {
  const wanted = slugify(input);
  regionAliasMap ??= regionAliases();
  return regionAliasMap.get(wanted) ?? closestMatch(wanted, regionSlugs);
}
