/** Lexicons for politics, conflict, crime and law, society and labour. */
import type { LexiconGroup } from './types.ts';

export const PUBLIC_AFFAIRS: LexiconGroup = {
  politics: {
    strong: [
      'election*', 'elector*', 'elect', 'elects', 'elected', 'brexit', 'secession*', 'far right', 'far-right', 'hard right',
      'far left', 'far-left', 'sham poll', 'parliament*', 'referendum*', 'prime minister', 'premier', 'cabinet',
      'coalition', 'foreign minister*', 'foreign ministry', 'diplomat*', 'senate', 'senator*', 'congress', 'knesset',
      'bundestag', 'duma', 'national assembly', 'white house', 'downing street', 'kremlin', 'impeach*', 'constitution*',
      'polls', 'ballot*', 'voter*', 'legislat*', 'lawmaker*', 'mp', 'mps', 'consular', 'embass*', 'ambassador*',
      'state visit', 'head of state', 'veto*', 'foreign policy', 'geopolitic*', 'reshuffle*', 'sworn in', 'opposition leader',
      'presidential', 'political', 'politic*', 'g7', 'g-7', 'g20', 'foreign agents', 'dissolve*', 'chancellor',
      'security council', 'inaugurat*', 'party leader', 'liberal party', 'national rally', 'democra*', 'republican*',
      'governor*', 'status quo', 'sanction*', 'bilateral',
    ],
    medium: [
      'minister*', 'ministry', 'government*', 'president', 'presidents', 'vote', 'votes', 'voted', 'summit*', 'mayor*',
      'campaign*', 'opposition', 'treaty', 'normalisation', 'normalization', 'diplomatic', 'consultations', 'junta',
      'regime', 'integration', 'leaders', 'majority', 'pm', 'nato', 'eu', 'un', 'reform*', 'policy', 'talks', 'ties',
    ],
    weak: [
      'leader', 'party', 'partnership', 'cooperation', 'agreement', 'protocol', 'relations', 'visit*', 'meets', 'meeting',
      'official*', 'state', 'law', 'bill', 'pledge*', 'accus*', 'protest note', 'deal', 'plan', 'power', 'king', 'queen',
      'resign*', 'agree*', 'outreach', 'global', 'region*', 'national', 'federal', 'public',
    ],
  },
  conflict: {
    strong: [
      'war', 'wars', 'warfare', 'airstrike*', 'air strike*', 'missile*', 'troops', 'soldier*', 'militant*', 'rebel*',
      'insurgen*', 'ceasefire*', 'cease-fire', 'hostage*', 'shelling', 'artillery', 'armed forces', 'army', 'armies',
      'military', 'militar*', 'invasion', 'invade*', 'frontline', 'front line', 'clashes', 'fighting', 'guerrilla*',
      'jihad*', 'terroris*', 'peace talks', 'peace summit', 'peace process', 'peace deal', 'prisoners of war', 'coup',
      'coup d etat', 'navy', 'naval', 'weapon*', 'arms', 'air defence', 'air defense', 'defence', 'defense', 'mossad',
      'hamas', 'hezbollah', 'houthi*', 'isis', 'islamic state', 'al-qaeda', 'airspace', 'drills', 'cadet*', 'massacre*',
      'genocide', 'annex*', 'mobilisation', 'mobilization', 'volunteer corps', 'himars', 'fighter jet*', 'warplane*',
      'warship*', 'tank', 'tanks', 'siege', 'rocket*', 'sniper*', 'truce', 'paramilitar*', 'drone strike*', 'bombing*',
      'bombard*', 'missile strike*', 'test-fire*', 'missile test*', 'islamist*', 'pentagon', 'nuclear weapon*', 'npt', 'non-proliferation', 'idf', 'rsf', 'm23',
    ],
    medium: [
      'attack*', 'drone', 'drones', 'killed', 'kill', 'kills', 'clash', 'offensive', 'battle*', 'security chief',
      'intelligence', 'forces', 'positions', 'occupation', 'occupied', 'casualties', 'peace', 'combat*', 'strike',
      'strikes', 'seize*', 'seizes', 'raid*', 'escalat*', 'brass', 'security', 'nuclear', 'armed', 'aid package',
      'violated', 'border', 'crackdown', 'ramming', 'refinery', 'interceptor*', 'fire on', 'junta',
      'taliban', 'gangs',
    ],
    weak: ['tension*', 'threat*', 'dead', 'deaths', 'hostil*', 'unrest', 'crisis', 'cell', 'strategic', 'ships', 'vessel'],
  },
  'crime-law': {
    strong: [
      'court*', 'trial', 'trials', 'judge*', 'jury', 'convict*', 'bail', 'torture*', 'bomb threat*', 'without bail', 'sentenced', 'prison*', 'jail*', 'arrest*', 'police',
      'policeman', 'policemen', 'murder*', 'stabbing*', 'stabbed', 'shooting*', 'robber*', 'fraud*', 'corrupt*',
      'brib*', 'smuggl*', 'traffick*', 'cartel*', 'indict*', 'prosecut*', 'lawsuit*', 'sued', 'supreme court',
      'appeals court', 'charged', 'detained', 'detain', 'detention', 'extradit*', 'crime*', 'criminal*', 'cybercrime',
      'scam*', 'theft', 'stolen', 'heist', 'inmate*', 'death penalty', 'acquit*', 'verdict*', 'lawyer*', 'attorney*',
      'espionage', 'spy', 'spies', 'interpol', 'fbi', 'kidnap*', 'rape', 'homicide', 'manslaughter', 'gang', 'gangs',
      'international criminal court', 'war crimes', 'money laundering', 'barred', 'ruling', 'ruled', 'illegal*',
    ],
    medium: [
      'charges', 'sentence', 'law', 'laws', 'legal', 'suspect', 'suspected', 'plotting', 'plot', 'investigat*',
      'crackdown', 'fined', 'abuse', 'assault', 'uncover*', 'probe', 'ban', 'bans', 'banned', 'execut*', 'appeal*', 'cia',
    ],
    weak: ['cell', 'gershkovich', 'scandal', 'abortion law', 'blocked', 'orders', 'suspended'],
  },
  society: {
    strong: [
      'migrant*', 'migration', 'refugee*', 'asylum', 'homeless*', 'poverty', 'inequality', 'birth rate*', 'fertility rate*',
      'demograph*', 'same-sex', 'lgbt*', 'gay', 'transgender', 'gender equality', 'discriminat*', 'racism', 'racial',
      'human rights', 'abortion*', 'welfare', 'social security', 'indigenous', 'minorit*', 'diaspora', 'emigrat*',
      'immigra*', 'deport*', 'citizenship', 'disabilit*', 'civil rights', 'housing', 'happiness', 'pension*',
    ],
    medium: [
      'marriage', 'population', 'protest*', 'protesters', 'women', 'children', 'families', 'elderly', 'social',
      'community', 'communities', 'youth', 'young people', 'voice referendum', 'charity', 'small boats', 'channel',
    ],
    weak: ['people', 'family', 'rights', 'citizens', 'society'],
  },
  labour: {
    strong: [
      'walkout*', 'trade union*', 'labour union*', 'unions', 'union', 'labour congress', 'wage', 'wages', 'minimum wage',
      'unemploy*', 'jobs', 'hiring', 'layoff*', 'lay off*', 'redundanc*', 'payroll*', 'jobs report', 'labour', 'labor',
      'employment', 'employee*', 'collective bargaining', 'pay deal', 'pay rise', 'salar*', 'wage deal', 'general strike',
      'workforce', 'four-day week', 'four-day school week', 'working hours', 'job losses', 'strike', 'strikes',
    ],
    medium: ['worker*', 'workers', 'striking', 'employer*', 'job', 'staff', 'miners', 'retire*', 'pensions'],
    weak: ['pay', 'doctors', 'teachers', 'nurses'],
  },
};
