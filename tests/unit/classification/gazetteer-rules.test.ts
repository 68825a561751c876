import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/classification/index.ts';

const countries = (title: string): string[] => classify({ title }).evidence.regions.map((r) => r.country);

describe('generated gazetteer: cities and subdivisions from GeoNames and country-region-data', () => {
  it('finds cities and states that no hand list holds', () => {
    expect(countries('Fans celebrate in Leicester after title win')).toEqual(['gb']);
    expect(countries('Cyclone makes landfall in Odisha, thousands evacuated')).toEqual(['in']);
    expect(countries('Sonora governor declares emergency after floods')).toEqual(['mx']);
    expect(countries('Typhoon Haiyan anniversary: Tacloban still rebuilding a decade on')).toEqual(['ph']);
    expect(countries('Ivory Coast minister in Bouaké for talks with mutineers')).toEqual(['ci']);
  });

  it('needs a capital letter', () => {
    expect(countries('the odisha model of disaster readiness')).toEqual([]);
  });

  it('reads a city that is also a common word or first name only after a preposition of place', () => {
    expect(countries('Police in Split arrest two after brawl')).toEqual(['hr']);
    expect(countries('Split decision leaves committee divided')).toEqual([]);
    expect(countries('Crowds gather in Nice for carnival')).toEqual(['fr']);
    expect(countries('A Nice surprise for savers as rates rise')).toEqual([]);
    expect(countries('Reading list: the best books of the year')).toEqual([]);
    expect(countries('Floods hit homes near Reading as river bursts banks')).toEqual(['gb']);
  });

  it('does not read a name next to another capitalised word as a place', () => {
    expect(countries('Kerry Lists Obama Era Successes')).toEqual(['us']);
    expect(countries('Ben Carson to lead housing department')).toEqual([]);
    expect(countries('SmartCity Kochi to raise funds from investors')).toEqual([]);
  });

  it('lets a country named in the same headline decide a shared name', () => {
    expect(countries('Blast in Hyderabad, Pakistan kills four')).toEqual(['pk']);
    expect(countries('Heavy rain lashes Hyderabad, India')).toEqual(['in']);
    // Without a country named, the far larger place wins; where none dominates, nothing is tagged.
    expect(countries('Protest in Birmingham over bin strike')).toEqual(['gb']);
    expect(countries('Record turnout in Punjab assembly polls')).toEqual([]);
    expect(countries('Record turnout in Punjab assembly polls, Pakistan')).toEqual(['pk']);
  });

  it('keeps the rules for Georgia, Jordan and Chad', () => {
    expect(countries('Georgia governor signs abortion bill in Atlanta')).toEqual(['us']);
    expect(countries('Protesters rally in Tbilisi as Georgia votes')).toEqual(['ge']);
    expect(countries('Michael Jordan buys stake in team')).toEqual([]);
    expect(countries('Jordan hosts talks on Gaza aid')).toEqual(['jo', 'ps']);
    expect(countries('Chad Smith joins new band')).toEqual([]);
    expect(countries('Chad closes border with Sudan')).toEqual(['td', 'sd']);
  });

  it('finds countries through their people and companies', () => {
    expect(countries('Novak Djokovic withdraws from Paris Masters')).toContain('rs');
    expect(countries('Toyota recalls a million cars')).toEqual(['jp']);
    // Global US platforms carry a topic, not a country.
    expect(countries('Facebook bans cryptocurrency adverts')).toEqual([]);
  });

  it('covers every country with a demonym', () => {
    expect(countries('Bhutanese monks mark festival')).toEqual(['bt']);
    expect(countries('Malawian farmers face drought')).toEqual(['mw']);
    expect(countries('Americans head to the polls')).toEqual(['us']);
  });
});
