/**
 * Rules added after the misses of real.json and second.json (run 9 in EVALUATION-NOTES.md):
 * each test is one of those misses reduced to its cause, with a control that must not move.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/classification/index.ts';

const topics = (title: string, summary?: string): string[] => classify({ title, ...(summary === undefined ? {} : { summary }) }).topics;
const countries = (title: string, summary?: string): string[] =>
  classify({ title, ...(summary === undefined ? {} : { summary }) }).regions.filter((r) => /^[a-z]{2}$/.test(r));

describe('prefix terms match their word, not every word that starts alike', () => {
  it('"authorities" is not an author, "operations" not an opera, "Annexure" not an annexation', () => {
    expect(topics('Bulgaria: How six deaths fueled distrust in the authorities')).not.toContain('arts-culture');
    expect(topics('Commercial flight operations to begin at Hindon airport')).not.toContain('arts-culture');
    expect(topics('GST Network releases prototype', 'Details are in Annexure A of the notice')).not.toContain('conflict');
    expect(topics('Author wins the Booker Prize for a debut novel')[0]).toBe('arts-culture');
  });

  it('"European Union" is politics, not a trade union', () => {
    expect(topics('UK envoy who quit top European Union post resigns from civil service')[0]).toBe('politics');
    expect(topics('Union calls strike at car plant')[0]).toBe('labour');
  });

  it('"battered" is not a batter, a "team" of magistrates is not sport', () => {
    expect(topics('Coast battered by a storm')).not.toContain('sport');
    expect(topics('France assembles magistrate team to examine Epstein files')[0]).toBe('crime-law');
  });
});

describe('phrases that decide against their words', () => {
  it('a drug case is crime, military rule is politics, a nuclear plant is energy', () => {
    // The phrase decides: crime, not health. (Primary is politics since the expanded lexicon: "Former", "held" ≈ politics.)
    const drugCase = classify({ title: 'Former mayor held in US drug case' });
    expect(drugCase.evidence.topics.find((e) => e.topic === 'crime-law')?.matched).toEqual(['drug case [drug case*]']);
    expect(drugCase.topics).toContain('crime-law');
    expect(drugCase.topics).not.toContain('health');
    expect(topics('A sham poll in Myanmar opens a new phase of military rule')[0]).toBe('politics');
    expect(topics('Aging nuclear plant to close by 2021')).not.toContain('conflict');
  });

  it('protests and rallies are politics first', () => {
    expect(topics('Fresh protests in Nepal over secret meeting')[0]).toBe('politics');
    expect(topics('Students protest as entrance exam results questioned')[0]).toBe('education');
  });

  it('a tie between politics and human interest goes to politics', () => {
    // Was "The teenage girl who may rule North Korea" (real set), no tie since "teenage" ≈ human interest in the expanded lexicon.
    expect(topics('The girl who may rule North Korea')[0]).toBe('politics');
  });
});

describe('countries the text names but the story is not about', () => {
  it('a summary listing three or more countries under a title that names none tags none', () => {
    const summary = 'Once seen as anti-graft strongholds, the US, UK, Canada and Sweden are slipping.';
    expect(countries('Corruption watchdog reports increase in global graft', summary)).toEqual([]);
    // Two are kept: a summary usually names the story's own countries.
    expect(countries('A fragile thaw at the top of the world', 'Access to the tense border of India and China')).toEqual(['in', 'cn']);
    // A title that names a country still keeps only its own.
    expect(countries('Sweden slips in graft index', summary)).toEqual(['se']);
  });

  it('hyphenated Americans are American; American football and the Paris Agreement name no country', () => {
    expect(countries('Indian-American lawmaker fails to stop vote')).toEqual(['us']);
    expect(countries('The fight for American football in Europe')).toEqual([]);
    expect(countries('Paris Agreement 10 years on')).toEqual([]);
    expect(countries('Paris hosts climate talks')).toEqual(['fr']);
  });
});

describe('curated people of the Asian wires', () => {
  it('names a leader or an athlete without the country and finds both', () => {
    expect(classify({ title: 'Kim Ju-ae appears at missile launch' }).regions).toContain('kp');
    expect(classify({ title: 'Kohli hits unbeaten 150' })).toMatchObject({ topics: ['sport'], regions: expect.arrayContaining(['in']) as string[] });
    expect(classify({ title: 'Abe aide meets Trump adviser' }).regions).toEqual(expect.arrayContaining(['jp', 'us']) as string[]);
  });
});

describe('the publisher\'s own labels, ordered by the words', () => {
  it('picks, among the mapped topics, the one the text supports, then the one more labels name', () => {
    const nets = classify({
      title: "Global use of mosquito nets for fishing 'endangering humans and wildlife'",
      categories: ['Fishing', 'Food', 'Conservation', 'Environment'],
      url: 'https://www.theguardian.com/environment/2018/jan/31/nets',
    });
    expect(nets.topics[0]).toBe('environment');
    const doctor = classify({
      title: 'Death of doctor in disaster zone hospital throws patients’ futures into question',
      url: 'https://www.japantimes.co.jp/news/national/science-health/doctor-dies/',
    });
    expect(doctor.topics[0]).toBe('health');
  });

  it('still lets a mapped label lead over a topic only the text names', () => {
    expect(classify({ title: 'World Cancer Day: smoking causes preventable cancer cases', categories: ['Science'] }).topics[0]).toBe('science-technology');
  });
});
