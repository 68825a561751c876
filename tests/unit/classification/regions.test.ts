import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/classification/index.ts';

const countries = (title: string, summary?: string, lang?: string): string[] =>
  classify({ title, ...(summary === undefined ? {} : { summary }), ...(lang === undefined ? {} : { lang }) }).evidence.regions.map(
    (r) => r.country,
  );

describe('region matching', () => {
  it('reads US, U.S. and UK in capitals as countries but not the pronoun us', () => {
    expect(countries('US and UK sanction drone makers')).toEqual(['us', 'gb']);
    expect(countries('U.S. jobs report beats forecasts')).toEqual(['us']);
    expect(countries('Give us time to rebuild, says mayor')).toEqual([]);
    expect(countries('Help us find missing hikers')).toEqual([]);
  });

  it('does not treat unions and alliances as countries', () => {
    expect(countries('EU leaders meet NATO and UN chiefs at G7')).toEqual([]);
  });

  it('finds capitals, demonyms and curated names', () => {
    expect(countries('Talks in Baku and Tehran')).toEqual(['az', 'ir']);
    expect(countries('Drone attack on Kyiv')).toEqual(['ua']);
    expect(countries('Kiev and Moscow swap prisoners')).toEqual(['ua', 'ru']);
    expect(countries('Azeri girl makes history')).toEqual(['az']);
    expect(countries('Tajik MP suspected of plotting coup')).toEqual(['tj']);
    expect(countries('Türkiye and Turkey and Turkish')).toEqual(['tr']);
    expect(countries('Knesset votes as Kremlin watches')).toEqual(['il', 'ru']);
    expect(countries('Armenian forces fire on positions in Nakhchivan')).toEqual(['am', 'az']);
    expect(countries('Yerevan hosts summit')).toEqual(['am']);
  });

  it('lets the longest name win', () => {
    expect(countries('New Mexico wildfire spreads')).toEqual(['us']);
    expect(countries('Papua New Guinea landslide')).toEqual(['pg']);
    expect(countries('Tensions rise in the South China Sea')).toEqual([]);
    expect(countries('Latin American leaders meet')).toEqual([]);
  });

  it('resolves Georgia from context', () => {
    expect(countries('Georgian parliament passes law despite protests in Tbilisi')).toEqual(['ge']);
    expect(countries('Atlanta, Georgia officials certify results')).toEqual(['us']);
    expect(countries("Georgia's governor signs election law")).toEqual(['us']);
    expect(countries('Georgia and Armenia sign border deal')).toEqual(['ge', 'am']);
    expect(countries('Twins reunite after 60 years in Georgia')).toEqual(['ge']);
  });

  it('tells Jordan and Chad the countries from people of that name', () => {
    expect(countries("Jordan's King Abdullah meets Biden")).toEqual(['jo', 'us']);
    expect(countries('Michael Jordan sneakers sell at auction')).toEqual([]);
    // Not Jordan; Bardella himself is in the curated list of people (people-curated.ts).
    expect(countries('Jordan Bardella leads far right')).toEqual(['fr']);
    expect(countries('Refugees from Sudan pour into Chad')).toEqual(['sd', 'td']);
    expect(countries('Drummer Chad Smith plays charity gig')).toEqual([]);
  });

  it('reads lower-case and cooking Turkey as the bird', () => {
    expect(countries('How to roast a turkey')).toEqual([]);
    expect(countries('Turkey recipes for Thanksgiving')).toEqual([]);
    expect(countries("Turkey's central bank hikes rates")).toEqual(['tr']);
  });

  it('keeps Congress for the US only when no other country is named', () => {
    expect(countries('Congress passes stopgap bill')).toEqual(['us']);
    expect(countries("Peru's Congress impeaches president")).toEqual(['pe']);
  });

  it('reads Brussels as the EU institutions in EU context', () => {
    expect(countries('EU agrees migration pact at Brussels summit')).toEqual([]);
    expect(countries('Police raid flats in Brussels')).toEqual(['be']);
  });

  it('uses translations for the declared language', () => {
    expect(countries('Unwetter in Österreich und der Schweiz', undefined, 'de')).toEqual(['at', 'ch']);
    expect(countries('ایران و پاکستان', undefined, 'fa')).toEqual(['ir', 'pk']);
  });

  it('lists each country once with every spelling found', () => {
    const result = classify({ title: 'Azerbaijan hosts talks in Baku', summary: 'Azerbaijani officials said' });
    expect(result.evidence.regions).toEqual([{ country: 'az', matched: ['Azerbaijan', 'Baku', 'Azerbaijani'] }]);
  });
});

describe('region widening', () => {
  it('adds M49 sub-region and region, countries first', () => {
    expect(classify({ title: 'Baku hosts talks' }).regions).toEqual(['az', 'western-asia', 'asia']);
    expect(classify({ title: 'Azerbaijan, Albania foster trade ties' }).regions).toEqual([
      'az',
      'al',
      'western-asia',
      'southern-europe',
      'asia',
      'europe',
    ]);
  });
});
