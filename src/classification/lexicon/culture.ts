/** Lexicons for arts and culture, lifestyle and leisure, religion and sport. */
import type { LexiconGroup } from './types.ts';

export const CULTURE: LexiconGroup = {
  'arts-culture': {
    strong: [
      'film', 'films', 'movie*', 'cinema*', 'film festival', 'music*', 'album*', 'concert*', 'singer*', 'drummer*',
      'gig', 'gigs', 'world tour', 'novel', 'novels', 'novelist*', 'author', 'authors', 'authored', 'book', 'books',
      'booker prize', 'oscar*', 'grammy*', 'emmy*', 'theatre*', 'theater*', 'opera', 'operas', 'operatic', 'ballet*',
      'museum*', 'gallery', 'galleries', 'painting*', 'painter*', 'artist*', 'art', 'arts', 'artwork*', 'exhibition*',
      'sculpture*', 'heritage', 'mosaic*', 'k-pop', 'bollywood', 'hollywood', 'actor*', 'actress*', 'celebrit*', 'bbc',
      'licence fee', 'broadcaster*', 'television', 'tv', 'netflix', 'documentar*', 'poet*', 'poetry', 'literature',
      'literary', 'mona lisa', 'louvre', 'cannes', 'culture', 'cultural', 'archaeolog*', 'archaeologist*', 'band',
      'rapper*', 'pop star', 'box office', 'newspaper*', 'journalism', 'media', 'venice film festival', 'festival',
      'anime', 'manga', 'kabuki', 'noh', 'bunraku', 'kyogen', 'ukiyo-e', 'calligraph*', 'haiku', 'j-pop', 'karaoke',
      'biopic', 'screenplay', 'filmmaker*', 'sculptor*', 'playwright*', 'orchestra*', 'symphon*', 'pianist*',
      'violinist*', 'composer*', 'choreograph*', 'dancer*', 'exhibit', 'architect*', 'architecture', 'film director*',
      'carnival*', 'comedian*', 'cartoon*', 'crossword*', 'puzzle*',
    ],
    medium: ['prize', 'award*', 'star', 'ancient', 'roman', 'tour', 'series', 'show', 'stage', 'premiere*', 'debut'],
    weak: ['uncovered', 'renovation', 'reopen*', 'headline', 'tribute', 'director', 'history'],
  },
  lifestyle: {
    strong: [
      'fashion*', 'restaurant*', 'chef*', 'food', 'foods', 'foodie*', 'recipe*', 'cuisine', 'cooking', 'michelin',
      'wine*', 'coffee', 'espresso', 'tourism', 'tourist*', 'travel*', 'vacation*', 'hotel*', 'theme park*', 'hiking',
      'hiker*', 'trekk*', 'beach*', 'spa', 'shopping', 'fashion week', 'beauty', 'fitness', 'gardening', 'visa-free',
      'thanksgiving', 'roast', 'dining', 'cocktail*', 'sneaker*', 'luxury', 'holidaymaker*', 'leisure', 'diet',
      'dieting', 'bakery', 'cafe', 'cafes', 'coffee bars', 'bars', 'lifestyle', 'wellness', 'yoga', 'sushi', 'ramen',
      'sake', 'onsen', 'hot spring*', 'ryokan', 'cherry blossom*', 'kimono*', 'tea ceremony', 'izakaya', 'bento',
      'gourmet', 'cuisine*', 'dish', 'dishes', 'menu', 'sightseeing', 'souvenir*', 'resort*', 'skincare', 'cosmetic*',
      'gym', 'gyms', 'workout*', 'dating', 'pets', 'home decor', 'interior design', 'hobby', 'hobbies', 'crossword*',
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
      'sikh*', 'spiritual', 'god', 'saint', 'lent', 'passover', 'hanukkah', 'yom kippur', 'pilgrimage*', 'yasukuni',
      'shinto', 'zen', 'buddhist', 'kumbh mela', 'gurdwara*', 'hijab', 'burqa', 'burka', 'halal', 'kosher', 'secular*',
      'clergyman', 'missionar*', 'cult', 'cults', 'sect', 'sects',
    ],
    medium: ['orthodox', 'greetings', 'fast', 'fasting', 'sacred', 'shrine*'],
    weak: ['message', 'marks', 'community'],
  },
  sport: {
    strong: [
      'football*', 'soccer', 'world cup', 'euro 2024', 'euro 2028', 'tournament*', 'championship*', 'grand slam',
      'us open', 'olympic*', 'paralympic*', 'league', 'premier league', 'champions league', 'cricket*', 'rugby',
      'tennis', 'golf*', 'marathon*', 'athlete*', 'athletics', 'runner*', 'sprint*', 'medal*', 'coach*', 'striker*',
      'semi-final*', 'quarter-final*', 'kickoff', 'kick-off', 'tour de france', 'yellow jersey', 'cycling', 'cyclist*',
      'boxing', 'boxer*', 'ufc', 'nba', 'nfl', 'fifa', 'uefa', 'chess', 'the masters', 'all blacks', 'grand prix',
      'formula one', 'f1', 'racing', 'swimmer*', 'swimming', 'stadium*', 'opening match', 'national team', 'gymnast*',
      'wrestler*', 'wrestling', 'sumo', 'baseball', 'basketball', 'hockey', 'volleyball', 'badminton', 'skating',
      'skater*', 'snowboard*', 'ski jump*', 'halfpipe', 'slalom', 'biathlon', 'bobsled*', 'luge', 'curling',
      'transfer window', 'penalties', 'penalty shootout', 'goalkeeper*', 'midfielder*', 'defender*', 'world record',
      'basho', 'test match*', 'ODI', 'ODIs', 'T20', 'twenty20', 'kabaddi', 'ekiden', 'grand sumo', 'figure skating',
      'j-league', 'pro baseball', 'home run*', 'hat-trick', 'hat trick', 'davis cup', 'rugby world cup',
      'cricket world cup', 'skier*', 'skiing', 'jockey*', 'player', 'players', 'squad', 'match', 'matches', 'signs for',
    ],
    medium: [
      'final', 'finals', 'fans', 'derby', 'knockout', 'innings', 'wicket*', 'batsman', 'batsmen', 'batter', 'batters',
      'pitcher*', 'quarterback*', 'playoff*', 'podium', 'ski', 'skis', 'goal', 'goals', 'beat', 'thrash*', 'win',
      'wins', 'title', 'qualif*', 'lead', 'champion*', 'race', 'club',
    ],
    weak: ['record', 'shares lead', 'host', 'season', 'team', 'game', 'games'],
  },
};
