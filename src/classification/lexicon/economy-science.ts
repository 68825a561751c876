/** Lexicons for economy, science and technology, environment, health and education. */
import type { LexiconGroup } from './types.ts';

export const ECONOMY_SCIENCE: LexiconGroup = {
  economy: {
    strong: [
      'econom*', 'inflation', 'interest rate*', 'gdp', 'recession', 'stock market*', 'stocks', 'shares', 'investor*',
      'investment*', 'central bank', 'federal reserve', 'currency', 'currencies', 'devalu*', 'naira', 'yen', 'rupee*',
      'tariff*', 'trade', 'export*', 'import*', 'customs', 'business*', 'profit*', 'revenue*', 'earnings', 'budget*',
      'debt*', 'bond', 'bonds', 'eurobond*', 'oil prices', 'opec', 'output cuts', 'bankrupt*', 'merger*', 'acquisition*', 'takeover*', 'buyout*', 'shareholder*', 'takeover bid',
      'ipo', 'fiscal', 'tax', 'taxes', 'taxation', 'subsid*', 'world economic forum', 'valuation*',
      'trillion', 'financ*', 'refinanc*', 'stock exchange', 'imf', 'world bank', 'supply chain*', 'manufactur*',
      'factory', 'factories', 'industr*', 'market', 'markets', 'bank of england', 'rates', 'commodit*', 'rare-earth*',
      'energy prices', 'price cap', 'startup*', 'aviation', 'companies', 'company', 'retail*', 'consumer*',
    ],
    medium: [
      'bank', 'banks', 'banking', 'growth', 'prices', 'price', 'oil', 'gas', 'energy', 'sales', 'dollar*', 'euros',
      'billion', 'bn', 'contract*', 'loan*', 'metals', 'copper', 'reserves', 'tourism', 'investors', 'firm', 'firms',
      'deal', 'raises', 'demand', 'output', 'fund*', 'power cuts', 'shipping', 'canal',
    ],
    weak: ['bid', 'bids', 'airline*', 'record', 'cuts', 'cost*', 'money', 'million', 'jump*', 'slump*', 'falls', 'rise', 'rises', 'clients'],
  },
  'science-technology': {
    strong: [
      'science', 'scientif*', 'scientist*', 'research', 'researcher*', 'astronaut*', 'nasa', 'space agency', 'spacecraft',
      'moon', 'mars', 'orbit*', 'satellite*', 'telescope*', 'ai', 'artificial intelligence', 'chip', 'chips',
      'semiconductor*', 'tech', 'technolog*', 'digital', 'software', 'internet', 'smartphone*', 'foldable', 'robot*',
      'quantum', 'lab-grown', 'laboratory', 'dna', 'gene', 'genes', 'genetic*', 'genom*', 'physic*', 'chemistry',
      'biolog*', 'fossil', 'fossils', 'innovation', 'it sector', 'openai', 'nvidia', 'google', 'microsoft', 'chandrayaan*',
      'chang e*', 'lunar', 'space mission', 'cyber*', 'hack*', 'data', 'algorithm*', 'maths', 'mathematic*', 'stem cell*',
      'spacex', 'rover', 'app', 'apps', 'computer*', 'online', 'platform',
    ],
    medium: [
      'space', 'launch*', 'mission', 'lab', 'cells', 'discover*', 'phone', 'phones', 'model', 'archaeolog*', 'study',
      'electronics', 'electric vehicle*', 'X', 'tiktok', 'social media', 'invent*', 'engineer*', 'transformation',
    ],
    weak: ['unveil*', 'scientists say'],
  },
  environment: {
    strong: [
      'climate', 'emission*', 'carbon', 'deforest*', 'forest', 'forests', 'trees', 'tree-growing', 'pollution',
      'pollut*', 'plastic', 'plastics', 'cop26', 'cop27', 'cop28', 'cop29', 'cop30', 'conservation*', 'wildlife',
      'biodiversity', 'species', 'extinct*', 'endangered', 'coral*', 'reef*', 'bleaching', 'sea ice', 'glacier*',
      'renewable*', 'solar', 'locust*', 'recycl*', 'environment*', 'net zero', 'fossil fuel*', 'ecolog*', 'deep-sea mining',
      'national park*', 'poach*', 'global warming', 'warming', 'ozone', 'sustainab*', 'clean energy', 'green energy',
      'greenhouse', 'wind farm*', 'habitat*',
    ],
    medium: ['green', 'nature', 'ocean', 'oceans', 'arctic', 'antarctic', 'mining', 'wildfire*', 'seas', 'water', 'drought'],
    weak: ['heat', 'record heat', 'planet', 'holiday'],
  },
  health: {
    strong: [
      'health', 'healthcare', 'hospital*', 'disease*', 'virus*', 'outbreak*', 'vaccin*', 'measles', 'malaria', 'dengue',
      'cholera', 'ebola', 'mpox', 'covid*', 'coronavirus', 'pandemic*', 'epidemic*', 'cancer*', 'doctor', 'doctors',
      'nurse*', 'patient*', 'nhs', 'WHO', 'medic*', 'medicine*', 'obesity', 'diabet*', 'surgery', 'surgeon*',
      'mental health', 'smoking', 'tobacco', 'waiting list*', 'clinic*', 'public health', 'infection*', 'bird flu', 'flu',
      'influenza', 'hiv', 'AIDS', 'tuberculosis', 'polio', 'wegovy', 'pharma*', 'fda', 'drug', 'drugs', 'heart disease',
      'dementia', 'alzheimer*', 'overdose*', 'vape*', 'vaping', 'health emergency',
    ],
    medium: ['heart', 'treatment*', 'cases', 'deaths', 'care', 'alcohol', 'junior doctors'],
    weak: ['life', 'ban', 'approved'],
  },
  education: {
    strong: [
      'school', 'schools', 'schooling', 'student*', 'universit*', 'college*', 'teacher*', 'pupil*', 'education*',
      'exam', 'exams', 'examination*', 'curriculum', 'lyceum', 'graduat*', 'classroom*', 'tuition', 'student loan*',
      'scholarship*', 'literacy', 'ofsted', 'entrance exam', 'school week', 'campus*', 'kindergarten*', 'last bell',
      'academic*', 'academy', 'learning', 'teaching',
    ],
    medium: ['professor*', 'mit', 'harvard', 'oxford', 'cambridge', 'training'],
    weak: ['ratings', 'results'],
  },
};
