/** The tagger production uses: explicit tags, then source defaults, then the text classifier. */
export { tagHeadline as defaultTagger } from '../classification/index.ts';
