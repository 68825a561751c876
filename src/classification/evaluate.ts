/**
 * Accuracy of the classifier on a labelled set: micro-averaged precision, recall and F1
 * over countries (areas are derived from countries, so they would only inflate the
 * figures), and primary-topic accuracy (the first topic is one the editor accepts).
 * Pure: the caller loads the set and passes a classifier.
 */
export interface LabelledHeadline {
  readonly title: string;
  readonly summary?: string;
  readonly lang?: string;
  /** The item's link and its publisher's categories, when the example comes from a feed. */
  readonly url?: string;
  readonly categories?: readonly string[];
  /** Countries a careful editor would tag, lower-case alpha-2. */
  readonly countries: readonly string[];
  /** Acceptable primary topics. */
  readonly topics: readonly string[];
}

export interface Prediction {
  readonly countries: readonly string[];
  readonly topics: readonly string[];
}

export interface Miss {
  readonly example: LabelledHeadline;
  readonly predicted: Prediction;
  /** Countries predicted but not labelled. */
  readonly extraCountries: string[];
  /** Countries labelled but not predicted. */
  readonly missedCountries: string[];
  readonly topicWrong: boolean;
}

export interface Evaluation {
  readonly size: number;
  readonly region: { readonly precision: number; readonly recall: number; readonly f1: number; readonly tp: number; readonly fp: number; readonly fn: number };
  readonly topicAccuracy: number;
  readonly topicCorrect: number;
  /** Share of headlines given no topic at all (they reach no topic channel). */
  readonly noTopicRate: number;
  readonly noTopic: number;
  readonly misses: Miss[];
}

export function evaluate(set: readonly LabelledHeadline[], predict: (example: LabelledHeadline) => Prediction): Evaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let topicCorrect = 0;
  let noTopic = 0;
  const misses: Miss[] = [];
  for (const example of set) {
    const predicted = predict(example);
    const gold = new Set(example.countries);
    const got = new Set(predicted.countries);
    const extraCountries = [...got].filter((c) => !gold.has(c));
    const missedCountries = [...gold].filter((c) => !got.has(c));
    tp += got.size - extraCountries.length;
    fp += extraCountries.length;
    fn += missedCountries.length;
    const primary = predicted.topics[0];
    if (primary === undefined) noTopic += 1;
    const topicRight = primary !== undefined && example.topics.includes(primary);
    if (topicRight) topicCorrect += 1;
    if (!topicRight || extraCountries.length > 0 || missedCountries.length > 0) {
      misses.push({ example, predicted, extraCountries, missedCountries, topicWrong: !topicRight });
    }
  }
  // With nothing predicted and nothing to find, the classifier is not wrong.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    size: set.length,
    region: { precision, recall, f1, tp, fp, fn },
    topicAccuracy: set.length === 0 ? 1 : topicCorrect / set.length,
    topicCorrect,
    noTopicRate: set.length === 0 ? 0 : noTopic / set.length,
    noTopic,
    misses,
  };
}

/** Reads an unknown JSON value as a labelled set, or throws saying which entry is wrong. */
export function parseLabelledSet(value: unknown): LabelledHeadline[] {
  if (!Array.isArray(value)) throw new Error('labelled set: expected a JSON array');
  return value.map((raw: unknown, i): LabelledHeadline => {
    const item = raw as Partial<Record<keyof LabelledHeadline, unknown>> | null;
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    if (item === null || typeof item !== 'object' || typeof item.title !== 'string' || !strings(item.countries) || !strings(item.topics)) {
      throw new Error(`labelled set: entry ${i} needs title, countries[] and topics[]`);
    }
    const example: LabelledHeadline = { title: item.title, countries: item.countries, topics: item.topics };
    return {
      ...example,
      ...(typeof item.summary === 'string' ? { summary: item.summary } : {}),
      ...(typeof item.lang === 'string' ? { lang: item.lang } : {}),
    };
  });
}
