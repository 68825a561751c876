/**
 * Curated place and organisation names that world-countries lacks, and the generated
 * names that must not be used. Keyed by lower-case ISO 3166-1 alpha-2 code.
 *
 * Spelling conventions (read by gazetteer.ts):
 * - an all-capitals term ("US", "NHS") matches only written exactly so, which is what
 *   keeps the pronoun "us" and the word "who" out;
 * - a term starting with "=" matches only with exactly that spelling and case ("=Malé",
 *   so that "male" is not the Maldives);
 * - every other term matches case-insensitively on its folded form but must start with
 *   a capital letter in the text (proper nouns: "turkey" the bird is never Türkiye).
 *
 * These lists are deliberately small and general (capitals' rivals, the best-known
 * cities, national institutions, long-serving leaders). Leaders change: keep the list short.
 */

export const CURATED_PLACES: Readonly<Record<string, readonly string[]>> = {
  us: [
    'US', 'USA', 'America', 'Washington', 'White House', 'Pentagon', 'Capitol Hill', 'Federal Reserve', 'Wall Street',
    'FBI', 'CIA', 'NASA', 'GOP', 'MIT', 'Harvard', 'Stanford', 'Yale', 'Silicon Valley', 'Hollywood',
    'New York', 'Los Angeles', 'Chicago', 'Houston', 'San Francisco', 'Miami', 'Boston', 'Seattle', 'Atlanta',
    'Philadelphia', 'Detroit', 'Las Vegas', 'New Orleans', 'Dallas', 'Denver', 'Phoenix', 'Manhattan', 'Brooklyn',
    'Congress', 'Senate',
    'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
    'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
    'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
    'New Hampshire', 'New Jersey', 'New Mexico', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon',
    'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont',
    'Virginia', 'West Virginia', 'Wisconsin', 'Wyoming', 'New England', 'Jersey City',
    // Hyphenated Americans are Americans: "Indian-American lawmaker" is a US story.
    'Indian-American', 'Indian-Americans', 'Chinese-American', 'Chinese-Americans', 'Japanese-American',
    'Japanese-Americans', 'Korean-American', 'Korean-Americans', 'Mexican-American', 'Mexican-Americans',
    'African-American', 'African-Americans', 'Arab-American', 'Arab-Americans', 'Asian-American', 'Asian-Americans',
    // The US naval base and prison, not Cuba.
    'Guantanamo', 'Guantanamo Bay', 'Guantánamo',
  ],
  gb: [
    'UK', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Scottish', 'Welsh', 'Downing Street', 'Westminster',
    'Whitehall', 'NHS', 'BBC', 'Met Office', 'Ofsted', 'Manchester', 'Birmingham', 'Liverpool', 'Glasgow',
    'Edinburgh', 'Belfast', 'Cardiff', 'Leeds', 'Bristol',
  ],
  fr: ['Élysée', 'Elysee', 'Marseille', 'Lyon', 'Toulouse', 'Bordeaux', 'Strasbourg', 'Lille', 'Cannes', 'Corsica'],
  de: ['Bundestag', 'Bundesbank', 'Munich', 'Hamburg', 'Frankfurt', 'Cologne', 'Stuttgart', 'Düsseldorf', 'Dresden', 'Leipzig', 'Bavaria'],
  it: ['Milan', 'Naples', 'Turin', 'Venice', 'Sicily', 'Sardinia', 'Genoa', 'Bologna'],
  es: ['Barcelona', 'Valencia', 'Seville', 'Catalonia', 'Bilbao', 'Malaga', 'Málaga'],
  ru: ['Kremlin', 'State Duma', 'St Petersburg', 'Saint Petersburg', 'Chechnya', 'Siberia', 'Kaliningrad', 'Gazprom', 'Rosneft', 'Roscosmos'],
  ua: [
    'Kiev', 'Kharkiv', 'Odesa', 'Odessa', 'Lviv', 'Donetsk', 'Luhansk', 'Mariupol', 'Zaporizhzhia', 'Kherson', 'Dnipro',
    'Donbas', 'Bakhmut', 'Crimea', 'Verkhovna Rada',
  ],
  cn: ['PRC', 'Shanghai', 'Shenzhen', 'Guangzhou', 'Wuhan', 'Xinjiang', 'Tibet', 'Chengdu', 'Xinhua'],
  in: ['Mumbai', 'Delhi', 'Kolkata', 'Chennai', 'Bengaluru', 'Bangalore', 'Bollywood', 'Lok Sabha', 'Indian National Congress'],
  pk: ['Karachi', 'Lahore', 'Peshawar', 'Rawalpindi', 'Balochistan'],
  jp: ['Osaka', 'Kyoto', 'Hiroshima', 'Fukushima', 'Okinawa', 'Yokohama', 'Hokkaido'],
  kr: ['Busan', 'Incheon'],
  au: ['Aussie', 'Aussies', 'Bondi', 'Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide', 'New South Wales', 'Queensland'],
  ca: ['Toronto', 'Montreal', 'Vancouver', 'Quebec', 'Ontario', 'Alberta', 'British Columbia'],
  br: ['São Paulo', 'Rio de Janeiro'],
  mx: ['Guadalajara', 'Monterrey', 'Tijuana', 'Cancún', 'Acapulco'],
  tr: ['Turkey', 'Istanbul', 'Izmir', 'Antalya', 'ASELSAN'],
  il: ['Tel Aviv', 'Haifa', 'Knesset', 'Mossad', 'IDF'],
  ps: ['Gaza', 'West Bank', 'Rafah', 'Khan Younis', 'Hamas'],
  lb: ['Hezbollah'],
  ye: ['Houthi', 'Houthis', 'Aden'],
  eg: ['Alexandria', 'Suez'],
  sa: ['KSA', 'Mecca', 'Medina', 'Jeddah'],
  ae: ['UAE', 'Dubai'],
  ir: ['Isfahan', 'Mashhad', 'Tabriz'],
  iq: ['Mosul', 'Basra', 'Erbil'],
  sy: ['Aleppo', 'Idlib', 'Homs'],
  af: ['Kandahar', 'Taliban'],
  ng: ['Lagos', 'Kano'],
  ke: ['Mombasa'],
  za: ['Johannesburg', 'Durban', 'Soweto'],
  et: ['Tigray'],
  sd: ['Darfur'],
  cd: ['Congo', 'DRC', 'Goma'],
  az: ['Azeri', 'Azeris', 'Nakhchivan', 'Karabakh', 'Shusha', 'Khankendi', 'Sumgait', 'Milli Majlis', 'Aliyev'],
  ge: ['Batumi', 'Abkhazia', 'South Ossetia'],
  am: ['Gyumri', 'Pashinyan'],
  kz: ['Almaty', 'Nur-Sultan', 'Tokayev'],
  tj: ['Tajik', 'Tajiks'],
  uz: ['Samarkand', 'Mirziyoyev'],
  vn: ['Ho Chi Minh City', 'Saigon'],
  th: ['Phuket', 'Chiang Mai'],
  ph: ['Mindanao', 'Cebu'],
  id: ['Bali', 'Sumatra'],
  nz: ['Auckland', 'Christchurch'],
  ch: ['Geneva', 'Zurich', 'Davos'],
  nl: ['Rotterdam', 'The Hague'],
  be: ['Antwerp', 'Belgians'],
  at: ['Salzburg'],
  pl: ['Krakow', 'Kraków', 'Gdansk', 'Sejm'],
  cl: ['Valparaíso'],
  co: ['Medellín', 'Medellin'],
  pe: ['Cusco', 'Machu Picchu'],
  ve: ['Maracaibo'],
  ma: ['Casablanca', 'Marrakesh', 'Marrakech'],
  ly: ['Benghazi'],
  gr: ['Thessaloniki', 'Crete'],
  mm: ['Yangon', 'Rangoon'],
  bd: ['Chittagong'],
  tw: ['Kaohsiung'],
  mn: ['Ulaanbaatar'],
  mk: ['Macedonia'],
  mv: ['=Malé'],
  aq: ['Antarctic', 'Antarctica'],
  va: ['Pope', 'Holy See'],
  hk: ['Hong Kong'],
};

/**
 * Names that match nothing: they win over a shorter country name inside them (longest
 * match) or are simply not places. Region names hold a country demonym or name.
 */
export const BLOCKED_PHRASES: readonly string[] = [
  'Latin America', 'Latin American', 'South America', 'South American', 'North America', 'North American',
  'Central America', 'Central American', 'Central African', 'Americas',
  'South China Sea', 'East China Sea', 'Sea of Japan', 'Irish Sea', 'Indian Ocean', 'Gulf of Guinea', 'Gulf of Oman',
  'Gulf of Mexico', 'New Guinea', 'Air Jordan', 'Paris Hilton', 'Chicken Kiev', 'Georgia Tech', 'Turkey Point',
  'Channel Islander', 'Virgin Islander', 'Native American',
  // A sport, a treaty, a dish: the country in them is not what the story is about.
  'American football', 'Paris Agreement', 'Paris climate agreement', 'Paris climate accord', 'Paris accord', 'French fries', 'Indian-origin', 'Indian origin',
  'Turkish delight', 'Spanish flu', 'Brussels sprouts',
];

/**
 * Generated names (capitals, alternative spellings, demonyms) not to use: common words
 * and personal names ("Island", "Victoria", "Hamilton", "Stanley", "Douglas"), or cities
 * better known elsewhere ("Georgetown", "San José", "Saint John's", "Saint-Denis").
 * Matched against the folded key.
 */
export const BLOCKED_GENERATED: ReadonlySet<string> = new Set([
  'island', 'mann', 'mannin', 'victoria', 'hamilton', 'stanley', 'jamestown', 'plymouth', 'douglas', 'kingston',
  'georgetown', 'george town', 'the valley', 'saint-denis', 'saint denis', 'male', 'san jose', "saint john's",
  'saint john s', 'st. george s', 'st george s', 'west island', 'the bottom', 'central african',
  'channel islander', 'virgin islander', 'timor', 'congo', 'georgia',
  // Continents, seas and compass words that GeoNames also gives to some town.
  'asia', 'europe', 'africa', 'america', 'oceania', 'antarctica', 'arctic', 'pacific', 'atlantic', 'caribbean', 'gulf',
  'sahara', 'balkans', 'east', 'west', 'north', 'south', 'central', 'northern', 'southern', 'eastern', 'western',
  // Surnames of people in the news that GeoNames also gives to a town.
  'rubio', 'obama', 'kerry', 'moore', 'carson', 'sharp', 'escalante',
]);

/**
 * Demonyms and names world-countries gives to two countries; the first in news use wins.
 * "Congolese"/"Congo" go to DR Congo (the Republic of the Congo is "Congo-Brazzaville").
 */
export const PREFERRED: Readonly<Record<string, string>> = {
  french: 'fr', dutch: 'nl', dominican: 'do', indian: 'in', american: 'us', norwegian: 'no', oranjestad: 'aw',
  congolese: 'cd', dominicans: 'do', indians: 'in', americans: 'us', norwegians: 'no',
};
