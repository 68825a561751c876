/** Lexicons for economy, science and technology, environment, health and education. */
import type { LexiconGroup } from './types.ts';

export const ECONOMY_SCIENCE: LexiconGroup = {
  economy: {
    strong: [
      'econom*', 'macroeconom*', 'stockmarket*', 'stock-market*', 'economic collapse', 'financial collapse',
      'currency collapse', 'financial crisis', 'economic crisis', 'market crash*', 'stock market crash*',
      'rescue package*', 'bailout*', 'inflation', 'agricultur*', 'monetary', 'corporate', 'conglomerate*', 'chaebol*',
      'tycoon*', 'entrepreneur*', 'GST', 'nuclear power', 'nuclear plant*', 'power plant*', 'reactor*', 'stimulus',
      'deficit*', 'yuan', 'property market*', 'housing market*', 'real estate', 'demoneti*', 'note ban', 'cash crunch',
      'banknote*', 'remittance*', 'e-commerce', 'TPP', 'trans-pacific partnership', 'free trade', 'protectionis*',
      'outsourc*', 'sensex', 'nifty', 'nikkei', 'stock', 'unicorn*', 'venture capital*', 'fintech', 'cryptocurrenc*',
      'bitcoin', 'earnings', 'quarterly', 'fiscal year', 'jobs data', 'consumer prices', 'exporter*', 'importer*',
      'atm', 'atms', 'privatis*', 'privatiz*', 'insurer*', 'insurance', 'interest rate*', 'gdp', 'recession',
      'stock market*', 'stocks', 'shares', 'investor*', 'investment*', 'central bank', 'federal reserve', 'currency',
      'currencies', 'devalu*', 'naira', 'yen', 'rupee*', 'tariff*', 'trade', 'export*', 'import', 'imports', 'imported',
      'importing', 'customs', 'business*', 'profit*', 'revenue*', 'budget*', 'debt*', 'bond', 'bonds', 'eurobond*',
      'oil prices', 'opec', 'output cuts', 'bankrupt*', 'merger*', 'acquisition*', 'takeover*', 'buyout*',
      'shareholder*', 'takeover bid', 'ipo', 'fiscal', 'tax', 'taxes', 'taxation', 'subsid*', 'world economic forum',
      'valuation*', 'trillion', 'financ*', 'refinanc*', 'stock exchange', 'imf', 'world bank', 'supply chain*',
      'manufactur*', 'factory', 'factories', 'industr*', 'market', 'markets', 'bank of england', 'rates', 'commodit*',
      'rare-earth*', 'energy prices', 'price cap', 'startup*', 'aviation', 'companies', 'company', 'retail*',
      'consumer*',
    ],
    medium: [
      'bank', 'banks', 'banking', 'growth', 'prices', 'price', 'oil', 'gas', 'energy', 'sales', 'dollar*', 'euros',
      'billion', 'bn', 'contract*', 'loan*', 'metals', 'copper', 'reserves', 'tourism', 'investors', 'firm', 'firms',
      'deal', 'raises', 'demand', 'output', 'cash', 'fund', 'funds', 'funded', 'funding', 'fundrais*', 'power cuts',
      'shipping', 'canal', 'farm', 'farms', 'farmer*', 'crop*', 'harvest*', 'rent', 'rents', 'railway*',
      'infrastructure', 'metro', 'port', 'ports', 'wealth*', 'billionaire*', 'rich', 'poor', 'jobless', 'post pandemic',
      'automaker*', 'carmaker*', 'supermarket*', 'brand', 'brands', 'rice', 'wheat',
    ],
    weak: [
      'bid', 'bids', 'airline*', 'airport*', 'record', 'cuts', 'cost*', 'money', 'million', 'jump*', 'slump*', 'falls',
      'rise', 'rises', 'clients',
    ],
  },
  'science-technology': {
    strong: [
      'science', 'scientif*', 'scientist*', 'research', 'researcher*', 'astronaut*', 'nasa', 'space agency',
      'spacecraft', 'moon', 'mars', 'orbit*', 'satellite*', 'telescope*', 'ai', 'artificial intelligence', 'chip',
      'chips', 'semiconductor*', 'tech', 'technolog*', 'digital', 'software', 'internet', 'smartphone*', 'foldable',
      'robot*', 'quantum', 'lab-grown', 'laboratory', 'dna', 'genes', 'gene editing', 'gene therapy', 'genetic*',
      'genom*', 'physics', 'physicist*', 'chemistry', 'biolog*', 'fossil', 'fossils', 'innovation', 'it sector',
      'openai', 'nvidia', 'google', 'microsoft', 'chandrayaan*', 'chang e*', 'lunar', 'space mission', 'cyber*',
      'hack*', 'data', 'algorithm*', 'maths', 'mathematic*', 'stem cell*', 'spacex', 'rover', 'app', 'apps',
      'computer*', 'online', 'platform', 'ISRO', 'JAXA', 'evolution*', 'evolutionary', 'rocket launch*',
      'space station', 'asteroid*', 'comet*', 'eclipse*', 'dinosaur*', 'robotic*', 'electric car*', 'supercomputer*',
      'biotech*', 'telecom*', 'broadband', '5G', 'cybersecurity', 'gadget*',
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
      'renewable*', 'solar', 'locust*', 'recycl*', 'environment*', 'net zero', 'fossil fuel*', 'ecolog*',
      'deep-sea mining', 'national park*', 'poach*', 'global warming', 'warming', 'ozone', 'sustainab*', 'clean energy',
      'green energy', 'greenhouse', 'wind farm*', 'habitat*', 'smog', 'air quality', 'air pollution', 'toxic waste',
      'oil spill*', 'whaling', 'dolphin*', 'rhino*', 'animal welfare',
    ],
    medium: [
      'green', 'nature', 'whale*', 'tiger*', 'elephant*', 'ocean', 'oceans', 'arctic', 'antarctic', 'mining',
      'wildfire*', 'seas', 'water', 'drought',
    ],
    weak: ['heat', 'record heat', 'planet', 'holiday'],
  },
  health: {
    strong: [
      'health', 'healthcare', 'hospital*', 'disease*', 'virus*', 'outbreak*', 'vaccin*', 'measles', 'malaria', 'dengue',
      'cholera', 'ebola', 'mpox', 'covid*', 'coronavirus', 'pandemic*', 'epidemic*', 'cancer*', 'doctor', 'doctors',
      'nurse', 'nurses', 'nursing', 'patient*', 'nhs', 'WHO', 'medic*', 'medicine*', 'obesity', 'diabet*', 'surgery',
      'surgeon*', 'mental health', 'smoking', 'tobacco', 'waiting list*', 'clinic*', 'public health', 'infection*',
      'bird flu', 'flu', 'influenza', 'hiv', 'AIDS', 'tuberculosis', 'polio', 'wegovy', 'pharma*', 'fda', 'drug',
      'drugs', 'heart disease', 'dementia', 'alzheimer*', 'overdose*', 'vape*', 'vaping', 'health emergency',
      'snakebite*', 'venom*', 'antivenom', 'planned parenthood', 'swine flu', 'h1n1', 'zika', 'avian flu',
      'encephalitis', 'hepatitis', 'leprosy', 'suicide*', 'medical', 'hospitali*', 'life expectancy', 'nutrition',
      'malnutrition', 'malnourish*', 'antibiotic*', 'organ transplant*',
    ],
    medium: ['heart', 'treatment*', 'cases', 'deaths', 'care', 'alcohol', 'junior doctors', 'stroke'],
    weak: ['life', 'ban', 'approved'],
  },
  education: {
    strong: [
      'school', 'schools', 'schooling', 'student*', 'universit*', 'college*', 'teacher*', 'pupil*', 'education*',
      'exam', 'exams', 'examination*', 'curriculum', 'lyceum', 'graduat*', 'classroom*', 'tuition', 'student loan*',
      'scholarship*', 'literacy', 'ofsted', 'entrance exam', 'school week', 'campus*', 'kindergarten*', 'last bell',
      'academic*', 'academy', 'e-learning', 'teaching',
    ],
    medium: ['learning', 'professor*', 'mit', 'harvard', 'oxford', 'cambridge', 'training'],
    weak: ['ratings', 'results'],
  },
};
