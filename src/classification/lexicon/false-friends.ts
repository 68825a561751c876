/**
 * False friends: terms that mean their topic only when certain words are absent. Each is a
 * test in tests/unit/classification/false-friends.test.ts. A vetoed term scores nothing; the
 * other words of the text still count. Context words may end in "*" (prefix).
 */
export interface FalseFriend {
  readonly topic: string;
  /** The lexicon terms, exactly as written in the topic's lexicon. */
  readonly terms: readonly string[];
  /** Any of these words in the headline (or, for summary terms, the summary) cancels them. */
  readonly unless: readonly string[];
  readonly why: string;
}

export const FALSE_FRIENDS: readonly FalseFriend[] = [
  {
    topic: 'labour',
    terms: ['strike', 'strikes', 'striking'],
    unless: [
      'earthquake*', 'quake*', 'tremor*', 'aftershock*', 'storm*', 'typhoon*', 'hurricane*', 'cyclone*', 'tornado*',
      'lightning', 'tsunami*', 'army', 'armies', 'military', 'troops', 'soldier*', 'missile*', 'drone*', 'airstrike*',
      'air', 'jets', 'warplane*', 'bomb*', 'rocket*', 'artillery', 'forces', 'navy', 'militant*', 'insurgent*',
      'terror*', 'killed', 'kills', 'dead', 'deal', 'striker*', 'goal*', 'match', 'lucky', 'gold', 'chord', 'balance',
      'pose',
    ],
    why: '"strikes" beside an earthquake, a storm or an army is a blow, not a walkout; "strikes a deal" is an agreement',
  },
  {
    topic: 'conflict',
    terms: ['strike', 'strikes'],
    unless: [
      'earthquake*', 'quake*', 'tremor*', 'storm*', 'typhoon*', 'hurricane*', 'cyclone*', 'tornado*', 'lightning',
      'union*', 'workers', 'walkout*', 'pay', 'wage*', 'deal',
    ],
    why: 'a natural disaster or a walkout "strikes" without any army',
  },
  {
    topic: 'disaster',
    terms: ['fire', 'fires'],
    unless: ['under', 'opened', 'open', 'cease*', 'fired', 'sets', 'set'],
    why: '"under fire" is criticism, "open fire" is shooting, "sets the world on fire" is praise',
  },
  {
    topic: 'sport',
    terms: ['beat', 'win', 'wins', 'lead', 'race', 'title', 'final', 'finals', 'champion*', 'record'],
    unless: [
      'election*', 'vote*', 'votes', 'poll*', 'bid', 'takeover*', 'shares', 'profit*', 'market*', 'court', 'lawsuit*',
      'case', 'appeal', 'push', 'phase', 'address', 'report', 'influence', 'hearts', 'frontier',
    ],
    why: 'a candidate, a bidder or a litigant also wins, leads and races; a "final push" or "final address" is no final',
  },
  {
    topic: 'weather',
    terms: ['heat'],
    unless: ['war', 'wars', 'tension*', 'talks', 'rivalry', 'debate', 'race', 'campaign*', 'battle*', 'feud*', 'row', 'dispute*', 'bid', 'contest', 'competition'],
    why: 'a war, a rivalry or a race that "heats up" is no weather',
  },
  {
    topic: 'disaster',
    terms: ['rescue*'],
    unless: ['army', 'troops', 'military', 'soldier*', 'police', 'commando*', 'hostage*', 'kidnap*', 'abduct*'],
    why: 'an army or police rescue of hostages is conflict or crime news, not a disaster',
  },
  {
    topic: 'religion',
    terms: ['islamic'],
    unless: ['terror*', 'anti-terror*', 'militant*', 'state', 'jihad*', 'alliance', 'coalition', 'military'],
    why: '"Islamic State" and an "Islamic anti-terror alliance" are conflict news, not faith',
  },
  {
    topic: 'conflict',
    terms: ['war'],
    unless: ['veteran*'],
    why: 'a "war veteran" in a crime story is not a war',
  },
];
