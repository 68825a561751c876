/** One validated source, built through the same schema as the sources file. */
import { parseSources, type SourceConfig } from '../../src/config/sources.ts';

export function oneSource(raw: Record<string, unknown>): SourceConfig {
  const [source] = parseSources([raw]);
  if (source === undefined) throw new Error('parseSources returned no source');
  return source;
}
