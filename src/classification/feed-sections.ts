/**
 * How a publisher's own categories and a link's section path map onto our topics and regions
 * (README, "Feed categories and sections"). Keys are phrases in folded words (lower case, no
 * accents; "tv-and-radio", "TV & radio" and "tv and radio" are all "tv and radio"), looked for
 * inside each category and each section of the link's path, longest first.
 *
 * Only phrases that mean the same thing in every newsroom are listed: "Sport" is sport
 * wherever it appears, "World" or "News" or "Opinion" says nothing and is left out. Country
 * names need no entry: categories and sections are also read with the place gazetteer, so
 * "Germany" (a DW subject) or "/news/india/" (a Livemint section) name their country.
 */

export interface SectionMeaning {
  readonly topic?: string;
  /** A country (alpha-2) or an M49 area slug. */
  readonly region?: string;
}

const topic = (slug: string, phrases: string): Array<[string, SectionMeaning]> =>
  phrases.split(',').map((p) => [p.trim(), { topic: slug }]);
const region = (slug: string, phrases: string): Array<[string, SectionMeaning]> =>
  phrases.split(',').map((p) => [p.trim(), { region: slug }]);

/** A phrase may carry a topic and a region ("US politics"): its meanings are merged. */
function table(rows: ReadonlyArray<[string, SectionMeaning]>): ReadonlyMap<string, readonly SectionMeaning[]> {
  const merged = new Map<string, SectionMeaning[]>();
  for (const [phrase, meaning] of rows) {
    const list = merged.get(phrase) ?? [];
    if (!list.some((m) => m.topic === meaning.topic && m.region === meaning.region)) list.push(meaning);
    merged.set(phrase, list);
  }
  return merged;
}

export const SECTION_TABLE: ReadonlyMap<string, readonly SectionMeaning[]> = table([
  ...topic('sport', 'sport, sports, football, soccer, cricket, tennis, golf, rugby, rugby union, rugby league, basketball, nba, nfl, baseball, ice hockey, nhl, formula one, formula 1, f1, motor sport, motorsport, olympics, olympic games, winter olympics, paralympics, athletics, cycling, boxing, premier league, champions league, world cup, playoff games, sumo'),
  ...topic('politics', 'politics, us politics, uk politics, world politics, elections, election, government, politics and government, politics diplomacy, politics and diplomacy, us elections, midterm elections, parliament, congress'),
  ...topic('economy', 'business, economy, economics, markets, money, finance, companies, trade, business and economy, economic conditions and trends, personal finance, banking, stock market, stocks and bonds, real estate and housing, industries'),
  ...topic('science-technology', 'science, technology, tech, science and technology, sci tech, internet, artificial intelligence, space, space and astronomy, computers and the internet, gadgets, cyberwarfare and defense'),
  ...topic('environment', 'environment, climate, climate change, global warming, nature, wildlife, conservation, pollution, energy and environment'),
  ...topic('health', 'health, healthcare, health care, medicine, medicine and health, wellbeing, public health, coronavirus, covid 19, mental health'),
  ...topic('education', 'education, schools, universities, higher education, teachers'),
  ...topic('arts-culture', 'culture, arts, art, the arts, film, films, movies, music, books, theatre, theater, stage, television, tv, tv and radio, television and radio, radio, entertainment, photography, art and design, artanddesign, celebrity, games, video games, classical music, pop and rock'),
  ...topic('lifestyle', 'lifestyle, life and style, lifeandstyle, fashion, style, food, food and drink, travel, real estate, realestate, home and garden, wellness, fitness, relationships, beauty, dining, cooking'),
  ...topic('crime-law', 'crime, law, justice, courts, police, crime and justice, law and order, us crime, uk crime, terrorism trials, supreme court'),
  ...topic('weather', 'weather, storms, snow, heat waves'),
  ...topic('disaster', 'disasters, natural disasters, earthquakes, accidents, accidents and safety'),
  ...topic('religion', 'religion, faith, religion and belief, religion and beliefs'),
  ...topic('conflict', 'conflict, war, wars, military, defence, defense, armed forces, terrorism, war and conflict, conflicts'),
  ...topic('society', 'society, social affairs, immigration, migration, refugees, human rights, women, gender, equality, race, lgbt, lgbtq, inequality, poverty'),
  ...topic('labour', 'labour, labor, jobs, employment, unions, work and careers, unemployment, labor and jobs, workers'),
  ...topic('human-interest', 'human interest, offbeat, odd news, oddly enough, weird news, good news'),
  ...region('us', 'us, us news, usnews, u s, america news, nyregion, us sport, us sports, us politics, us elections, us crime'),
  ...region('gb', 'uk, uk news, uknews, britain, uk politics, uk crime, england news'),
  ...region('au', 'australia news'),
  ...region('western-asia', 'middle east, middleeast, mideast, middle east and north africa, gulf'),
  ...region('northern-africa', 'middle east and north africa, north africa'),
  ...region('africa', 'africa'),
  ...region('asia', 'asia, asia pacific'),
  ...region('europe', 'europe'),
  ...region('americas', 'americas'),
  ...region('latin-america-and-the-caribbean', 'latin america, south america'),
  ...region('oceania', 'oceania, pacific'),
]);
