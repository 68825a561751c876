import { describe, expect, it } from 'vitest';
import { classify, tagHeadline } from '../../../src/classification/index.ts';
import { LEXICONS } from '../../../src/classification/topics.ts';
import { TOPIC_SLUGS } from '../../../src/channels/vocabulary.ts';

describe('topics', () => {
  it('has a lexicon for each of the 17 IPTC topics', () => {
    expect(new Set(Object.keys(LEXICONS))).toEqual(new Set(TOPIC_SLUGS));
  });

  it.each([
    ['arts-culture', 'Novelist wins Booker Prize for debut album and film'],
    ['crime-law', 'Court sentences former minister to prison for fraud'],
    ['disaster', 'Earthquake kills dozens, rescuers search rubble'],
    ['economy', 'Central bank raises interest rates as inflation climbs'],
    ['education', 'Students sit university entrance exams'],
    ['environment', 'Deforestation and carbon emissions rise'],
    ['health', 'Measles outbreak prompts vaccination drive'],
    ['human-interest', 'Lottery winner reunited with long-lost twin'],
    ['labour', 'Unions call general strike over wages'],
    ['lifestyle', 'Michelin stars for restaurant as tourism booms'],
    ['politics', 'Parliament passes election law as coalition wobbles'],
    ['religion', 'Pope leads Easter mass for pilgrims'],
    ['science-technology', 'Scientists launch satellite to study the Moon'],
    ['society', 'Migrants and refugees face housing shortage'],
    ['sport', 'Striker scores twice as champions win league title'],
    ['conflict', 'Ceasefire collapses as troops shell rebel positions'],
    ['weather', 'Heatwave pushes temperatures past 45 degrees'],
  ])('reaches %s', (topic, title) => {
    expect(classify({ title }).topics[0]).toBe(topic);
  });

  it('returns at most three topics, best first, with evidence', () => {
    const result = classify({ title: 'Earthquake and floods hit school as election nears, storm forecast, war fears' });
    expect(result.topics.length).toBeLessThanOrEqual(3);
    const scores = result.evidence.topics.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.evidence.topics[0]?.matched.length).toBeGreaterThan(0);
  });

  it('counts an "air strike" for conflict, not for labour', () => {
    const result = classify({ title: 'Air strike hits depot' });
    expect(result.topics).toEqual(['conflict']);
    expect(result.evidence.topics.map((e) => e.topic)).not.toContain('labour');
  });

  it('matches stems: election*, elector* (not elect*, which would catch electricity)', () => {
    expect(classify({ title: 'Electoral commission certifies result' }).topics[0]).toBe('politics');
  });

  it('needs capitals for capitalised terms: WHO is the organisation, who is not', () => {
    expect(classify({ title: 'WHO warns' }).topics).toEqual(['health']);
    expect(classify({ title: 'People who warn' }).evidence.topics.map((e) => e.topic)).not.toContain('health');
  });
});

describe('robustness', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '🔥🔥🌍🚀❤️‍🔥👍🏽'],
    ['Arabic', 'زلزال يضرب تركيا وسوريا ويقتل الآلاف'],
    ['Persian', 'انتخابات ریاست جمهوری در ایران'],
    ['Urdu', 'پاکستان میں سیلاب سے ہزاروں افراد بے گھر'],
    ['control characters', '\u0000\u0007\u202e\ufeffUS\u200b'],
  ])('does not crash on %s text', (_name, title) => {
    const result = classify({ title, summary: title, lang: 'ar' });
    expect(Array.isArray(result.topics)).toBe(true);
    expect(Array.isArray(result.regions)).toBe(true);
  });

  it('handles a megabyte of text quickly', () => {
    const huge = 'War in Ukraine as Baku hosts trade talks 🌍 '.repeat(25_000);
    const started = performance.now();
    const result = classify({ title: huge, summary: huge });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.topics.length).toBeLessThanOrEqual(3);
    expect(result.regions).toContain('ua');
  });

  it('tolerates non-string fields from untyped callers', () => {
    const input = { title: undefined, summary: 42 } as unknown as { title: string };
    expect(classify(input)).toMatchObject({ topics: [], regions: [] });
  });
});

describe('tagHeadline', () => {
  const title = 'Armenian forces fire on Azerbaijani positions in Nakhchivan';

  it('keeps explicit topics and regions as given, widening regions', () => {
    const tags = tagHeadline({ title, explicitTopics: ['sport', 'sport', 'health'], explicitRegions: ['fr'] });
    expect(tags).toEqual({ topics: ['sport', 'health'], regions: ['fr', 'western-europe', 'europe'] });
  });

  it('classifies what was not given explicitly', () => {
    const tags = tagHeadline({ title, explicitTopics: ['sport'] });
    expect(tags.topics).toEqual(['sport']);
    expect(tags.regions.slice(0, 2)).toEqual(['am', 'az']);
  });

  it('merges source defaults first, then the text, capped at three topics', () => {
    const tags = tagHeadline({ title, sourceTopics: ['politics', 'economy', 'society'], sourceRegions: ['az'] });
    expect(tags.topics).toEqual(['politics', 'economy', 'society']);
    expect(tags.regions).toEqual(['az', 'am', 'western-asia', 'asia']);

    const merged = tagHeadline({ title, sourceTopics: ['politics'] });
    expect(merged.topics).toEqual(['politics', 'conflict']);
  });

  it('drops unknown slugs and duplicates', () => {
    const tags = tagHeadline({ title: '', sourceTopics: ['nonsense', 'politics', 'politics'], sourceRegions: ['zz', 'az', 'az'] });
    expect(tags).toEqual({ topics: ['politics'], regions: ['az', 'western-asia', 'asia'] });
  });

  it('returns empty lists for an empty headline without defaults', () => {
    expect(tagHeadline({ title: '' })).toEqual({ topics: [], regions: [] });
  });
});
