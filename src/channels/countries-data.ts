/**
 * world-countries, loaded the same way under tsx, vitest and tsc: its types declare a
 * CommonJS default while its ESM entry exports the array itself, so accept either shape.
 */
import type { Country } from 'world-countries';
import * as worldCountries from 'world-countries';

const loaded = worldCountries as unknown as { default: Country[] | { default: Country[] } };
export const COUNTRIES: readonly Country[] = Array.isArray(loaded.default) ? loaded.default : loaded.default.default;
export type { Country };
