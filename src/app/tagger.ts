/** The tagger production uses: explicit tags, then source defaults, then the text classifier. */
import { tagHeadline } from '../classification/index.ts';
import type { Tagger } from '../headlines/tagging.ts';

export const defaultTagger: Tagger = tagHeadline;
