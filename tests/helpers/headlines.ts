/** Builders for prepared headlines in tests. */
import { normaliseItem, withTags, type PreparedHeadline } from '../../src/headlines/normalise.ts';
import type { RawItem } from '../../src/headlines/headline.ts';
import { widenRegions } from '../../src/channels/vocabulary.ts';

export function prepared(
  item: RawItem & { title: string },
  tags: { topics?: string[]; regions?: string[] } = {},
  source = { id: 'test', name: 'Test Source' },
): PreparedHeadline {
  const result = normaliseItem(item, { source, receivedAt: new Date() });
  if (!result.ok) throw new Error(result.reason);
  return withTags(result.headline, { topics: tags.topics ?? [], regions: widenRegions(tags.regions ?? []) });
}
