/** The tagger production uses. */
import { tagFromDefaults, type Tagger } from '../headlines/tagging.ts';

export const defaultTagger: Tagger = tagFromDefaults;
