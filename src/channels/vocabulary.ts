/**
 * The channel vocabulary: topics and regions (countries plus M49 areas), and the
 * country → area ancestry used to widen a country tag to its sub-region and region.
 */
import { COUNTRIES as countries } from './countries-data.ts';
import { M49_AREAS } from './m49.ts';
import { TOPICS, TOPIC_SLUGS } from './topics.ts';

export interface RegionInfo {
  readonly slug: string;
  readonly label: string;
  readonly kind: 'country' | 'area';
  /** Slug of the enclosing M49 area, or null for top-level regions and unplaced territories. */
  readonly parent: string | null;
  readonly m49?: string;
}

const areaBySlug = new Map(M49_AREAS.map((a) => [a.slug, a]));
const areaOfCountry = new Map<string, string>();
for (const a of M49_AREAS) for (const code of a.countries) areaOfCountry.set(code.toLowerCase(), a.slug);

const countryRegions: RegionInfo[] = countries
  .map((c): RegionInfo => ({
    slug: c.cca2.toLowerCase(),
    label: c.name.common,
    kind: 'country',
    parent: areaOfCountry.get(c.cca2.toLowerCase()) ?? null,
  }))
  .sort((a, b) => a.slug.localeCompare(b.slug));

const areaRegions: RegionInfo[] = M49_AREAS.map((a) => ({
  slug: a.slug,
  label: a.label,
  kind: 'area',
  parent: a.parent,
  m49: a.code,
}));

export const REGIONS: readonly RegionInfo[] = [...areaRegions, ...countryRegions];
const regionBySlug = new Map(REGIONS.map((r) => [r.slug, r]));
const REGION_SLUGS: ReadonlySet<string> = new Set(regionBySlug.keys());
export { TOPICS, TOPIC_SLUGS };

export function isTopic(slug: string): boolean {
  return TOPIC_SLUGS.has(slug);
}

export function isRegion(slug: string): boolean {
  return REGION_SLUGS.has(slug);
}

/** The areas enclosing a region, nearest first: `az` → [`western-asia`, `asia`]. */
function ancestorsOf(slug: string): string[] {
  const chain: string[] = [];
  let parent = regionBySlug.get(slug)?.parent ?? null;
  while (parent !== null) {
    chain.push(parent);
    parent = areaBySlug.get(parent)?.parent ?? null;
  }
  return chain;
}

/**
 * Regions plus every enclosing area, each once, ordered for reading: countries first (as
 * given), then areas from the narrowest to the widest — `az, al` → `az, al, western-asia,
 * southern-europe, asia, europe`. Unknown slugs are dropped.
 */
export function widenRegions(regions: Iterable<string>): string[] {
  const countryList = new Set<string>();
  const areaList = new Set<string>();
  for (const region of regions) {
    const info = regionBySlug.get(region);
    if (info === undefined) continue;
    (info.kind === 'country' ? countryList : areaList).add(region);
    for (const ancestor of ancestorsOf(region)) areaList.add(ancestor);
  }
  const areas = [...areaList];
  const depth = new Map(areas.map((a) => [a, ancestorsOf(a).length]));
  areas.sort((a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0));
  return [...countryList, ...areas];
}
