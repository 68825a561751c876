/** Lexicons for arts and culture, lifestyle and leisure, religion and sport. */
import type { LexiconGroup } from './types.ts';

export const CULTURE: LexiconGroup = {
  'arts-culture': {
    strong: [
      'film', 'films', 'movie*', 'cinema*', 'film festival', 'music*', 'album*', 'concert*', 'singer*', 'drummer*',
      'gig', 'gigs', 'world tour', 'novel', 'novels', 'novelist*', 'author*', 'book', 'books', 'booker prize', 'oscar*',
      'grammy*', 'emmy*', 'theatre*', 'theater*', 'opera*', 'ballet*', 'museum*', 'gallery', 'galleries', 'painting*',
      'painter*', 'artist*', 'art', 'arts', 'artwork*', 'exhibition*', 'sculpture*', 'heritage', 'mosaic*', 'k-pop',
      'bollywood', 'hollywood', 'actor*', 'actress*', 'celebrit*', 'bbc', 'licence fee', 'broadcaster*', 'television',
      'tv', 'netflix', 'documentar*', 'poet*', 'poetry', 'literature', 'literary', 'mona lisa', 'louvre', 'cannes',
      'culture', 'cultural', 'archaeolog*', 'archaeologist*', 'band', 'rapper*', 'pop star', 'box office', 'newspaper*',
      'journalism', 'media', 'venice film festival', 'festival', 'director s',
    ],
    medium: ['prize', 'award*', 'director', 'star', 'ancient', 'roman', 'tour', 'series', 'show', 'stage', 'premiere*', 'debut'],
    weak: ['uncovered', 'renovation', 'reopen*', 'headline', 'tribute'],
  },
  lifestyle: {
    strong: [
      'fashion*', 'restaurant*', 'chef*', 'food', 'foods', 'foodie*', 'recipe*', 'cuisine', 'cooking', 'michelin', 'wine*',
      'coffee', 'espresso', 'tourism', 'tourist*', 'travel*', 'vacation*', 'hotel*', 'theme park*', 'hiking', 'hiker*',
      'trekk*', 'beach*', 'spa', 'shopping', 'fashion week', 'beauty', 'fitness', 'gardening', 'visa-free', 'thanksgiving',
      'roast', 'dining', 'cocktail*', 'sneaker*', 'luxury', 'holidaymaker*', 'leisure', 'diet', 'dieting', 'bakery',
      'cafe', 'cafes', 'coffee bars', 'bars', 'lifestyle', 'wellness', 'yoga',
    ],
    medium: ['holiday', 'holidays', 'visa', 'designer*', 'bird', 'stars', 'flock', 'mountain', 'auction*', 'style'],
    weak: ['perfect', 'lure'],
  },
  religion: {
    strong: [
      'pope', 'vatican', 'church', 'churches', 'mosque*', 'temple*', 'synagogue*', 'religio*', 'faith', 'pilgrim*',
      'hajj', 'umrah', 'ramadan', 'eid', 'eid al-adha', 'eid al-fitr', 'christmas', 'easter', 'diwali', 'hindu*',
      'muslim*', 'christian*', 'catholic*', 'jewish', 'judaism', 'islam', 'islamic', 'buddhis*', 'buddha', 'dalai lama',
      'bishop*', 'priest*', 'imam*', 'clergy', 'rabbi*', 'blasphemy', 'sharia', 'holy', 'monk*', 'nun', 'nuns',
      'cardinal*', 'archbishop*', 'church of england', 'prayer*', 'worship*', 'sermon*', 'evangelic*', 'blessing*',
      'sikh*', 'spiritual', 'god', 'saint', 'lent', 'passover', 'hanukkah', 'yom kippur', 'pilgrimage*',
    ],
    medium: ['orthodox', 'greetings', 'fast', 'fasting', 'sacred', 'shrine*'],
    weak: ['message', 'marks', 'community'],
  },
  sport: {
    strong: [
      'football*', 'soccer', 'world cup', 'euro 2024', 'euro 2028', 'tournament*', 'championship*', 'grand slam',
      'us open', 'olympic*', 'paralympic*', 'league', 'premier league', 'champions league', 'cricket*', 'rugby', 'tennis',
      'golf*', 'marathon*', 'athlete*', 'athletics', 'runner*', 'sprint*', 'medal*', 'coach*', 'striker*', 'semi-final*',
      'quarter-final*', 'kickoff', 'kick-off', 'tour de france', 'yellow jersey', 'cycling', 'cyclist*', 'boxing',
      'boxer*', 'ufc', 'nba', 'nfl', 'fifa', 'uefa', 'chess', 'the masters', 'all blacks', 'grand prix', 'formula one',
      'f1', 'racing', 'swimmer*', 'swimming', 'stadium*', 'opening match', 'national team', 'penalties', 'penalty shootout',
      'goalkeeper*', 'midfielder*', 'defender*', 'world record', 'rugby world cup', 'cricket world cup', 'skier*',
      'skiing', 'jockey*', 'player', 'players', 'squad', 'match', 'matches', 'signs for',
    ],
    medium: ['final', 'finals', 'team', 'fans', 'goal', 'goals', 'beat', 'thrash*', 'win', 'wins', 'title', 'qualif*', 'lead', 'champion*', 'race', 'club'],
    weak: ['record', 'shares lead', 'host', 'season'],
  },
};
