/**
 * The most-covered people, organisations and competitions, with the country they stand for and
 * the topic they usually make news in. A name here is evidence for its country (through the
 * gazetteer) and for its topic (through the topic scorer), and must be written with a capital.
 *
 * Sources, as of early 2026: heads of state and government, the UN Protocol and Liaison
 * Service's list "Heads of State, Heads of Government, Ministers for Foreign Affairs"; athletes,
 * the ATP and WTA year-end top 10s, Forbes' "World's Highest-Paid Athletes" 2025 and the
 * Ballon d'Or 2025 shortlist; companies, the Fortune Global 500 (2025) top 50 and the largest
 * carmakers and chipmakers by revenue. Kept short on purpose: people change office, and each
 * name must be unambiguous when written with a capital. Global US platforms (Apple, Google,
 * Meta, Netflix…) carry a topic but no country: a story about them is seldom a US story.
 *
 * Weights: `strong` decides the topic alone (an athlete's name is sport news), `medium` leads
 * unless the words say otherwise (a head of government is usually politics), `weak` only adds.
 */

export type Weight = 'strong' | 'medium' | 'weak';

export interface Notable {
  readonly names: readonly string[];
  /** Lower-case alpha-2, or null when the name says nothing about a country. */
  readonly country: string | null;
  readonly topic: string;
  readonly weight: Weight;
}

const politics = (country: string, ...names: string[]): Notable => ({ names, country, topic: 'politics', weight: 'medium' });
const athlete = (country: string | null, ...names: string[]): Notable => ({ names, country, topic: 'sport', weight: 'strong' });
const company = (country: string | null, topic: string, ...names: string[]): Notable => ({ names, country, topic, weight: 'weak' });

export const NOTABLES: readonly Notable[] = [
  politics('us', 'Trump', 'Donald Trump', 'Biden', 'Obama', 'Kamala Harris', 'JD Vance', 'J.D. Vance', 'Vance', 'Marco Rubio', 'Pelosi', 'Schumer', 'Hillary Clinton', 'Kushner', 'Pence', 'Mike Pence', 'Rubio'),
  politics('ru', 'Putin', 'Lavrov', 'Medvedev', 'Navalny'),
  politics('ua', 'Zelensky', 'Zelenskyy', 'Zelenskiy'),
  politics('cn', 'Xi Jinping', 'Li Qiang'),
  politics('in', 'Modi', 'Narendra Modi', 'Rahul Gandhi'),
  politics('fr', 'Macron', 'Emmanuel Macron', 'Marine Le Pen', 'Bardella'),
  politics('de', 'Merz', 'Friedrich Merz', 'Scholz', 'Merkel', 'Steinmeier'),
  politics('gb', 'Starmer', 'Keir Starmer', 'Sunak', 'Theresa May', 'Boris Johnson', 'King Charles', 'Farage'),
  politics('it', 'Meloni', 'Mattarella'),
  politics('es', 'Pedro Sánchez', 'Puigdemont'),
  politics('tr', 'Erdogan', 'Erdoğan', 'Yildirim'),
  politics('il', 'Netanyahu'),
  politics('ir', 'Khamenei', 'Pezeshkian'),
  politics('kp', 'Kim Jong Un', 'Kim Jong-un'),
  politics('br', 'Lula', 'Bolsonaro'),
  politics('ar', 'Milei'),
  politics('mx', 'Sheinbaum'),
  politics('ca', 'Trudeau', 'Mark Carney'),
  politics('au', 'Albanese', 'Anthony Albanese'),
  politics('jp', 'Shinzo Abe', 'Ishiba', 'Kishida', 'Takaichi', 'Koike'),
  politics('kr', 'Lee Jae-myung', 'Yoon Suk Yeol'),
  politics('hu', 'Orban', 'Orbán', 'Viktor Orban'),
  politics('sk', 'Fico'),
  politics('cz', 'Babis', 'Babiš'),
  politics('pl', 'Tusk', 'Nawrocki'),
  politics('by', 'Lukashenko'),
  politics('sy', 'Assad', 'al-Sharaa'),
  politics('sa', 'Mohammed bin Salman'),
  politics('eg', 'Sisi', 'el-Sisi'),
  politics('za', 'Ramaphosa'),
  politics('ng', 'Tinubu'),
  politics('ke', 'Ruto'),
  politics('zw', 'Mugabe', 'Mnangagwa'),
  politics('ph', 'Duterte', 'Bongbong Marcos'),
  politics('id', 'Prabowo'),
  politics('pk', 'Shehbaz Sharif', 'Imran Khan'),
  politics('bd', 'Sheikh Hasina', 'Yunus'),
  politics('ve', 'Maduro'),
  // Asia and the Pacific, where our English-language wires (Japan Times, Indian Express, the
  // Economist's Asia section) name leaders without their country; the 2016–17 names too, since
  // archives and back-fills carry them.
  politics('us', 'John Kerry', 'Tillerson', 'Mattis', 'Michael Flynn', 'Bannon', 'Sean Spicer', 'Priebus', 'Kellyanne Conway', 'Hegseth', 'Pete Hegseth'),
  politics('jp', 'Abe', 'Yoshihide Suga', 'Koizumi', 'Akihito', 'Naruhito'),
  politics('kr', 'Park Geun-hye', 'Moon Jae-in', 'Han Duck-soo'),
  politics('kp', 'Kim Yo-jong', 'Kim Ju-ae'),
  politics('cn', 'Xi', 'Li Keqiang', 'Wang Yi'),
  politics('tw', 'Tsai Ing-wen', 'Lai Ching-te'),
  politics('in', 'Kejriwal', 'Mamata Banerjee', 'Amit Shah', 'Arun Jaitley', 'Jaitley', 'Sushma Swaraj', 'Rajnath Singh', 'Manmohan Singh', 'Sonia Gandhi', 'Akhilesh Yadav', 'Yogi Adityanath', 'Nitish Kumar', 'Jaishankar', 'Nirmala Sitharaman'),
  politics('pk', 'Nawaz Sharif', 'Bilawal', 'Asim Munir'),
  politics('af', 'Ashraf Ghani', 'Karzai'),
  politics('bd', 'Hasina', 'Tarique Rahman'),
  politics('lk', 'Dissanayake', 'Wickremesinghe', 'Rajapaksa', 'Sirisena'),
  politics('np', 'Prachanda'),
  politics('mm', 'Suu Kyi', 'Aung San Suu Kyi', 'Min Aung Hlaing'),
  politics('th', 'Prayuth', 'Prayut', 'Paetongtarn', 'Anutin', 'Thaksin'),
  politics('kh', 'Hun Sen', 'Hun Manet'),
  politics('my', 'Anwar Ibrahim', 'Najib Razak', 'Mahathir'),
  politics('sg', 'Lee Hsien Loong', 'Lawrence Wong'),
  politics('id', 'Jokowi', 'Joko Widodo'),
  politics('nz', 'Jacinda Ardern', 'Luxon'),
  politics('kz', 'Tokayev', 'Nazarbayev'),
  politics('fr', 'Hollande', 'Fillon'),
  athlete('rs', 'Djokovic', 'Novak Djokovic'),
  athlete('es', 'Nadal', 'Alcaraz'),
  athlete('ch', 'Federer'),
  athlete('it', 'Jannik Sinner'),
  athlete('pl', 'Swiatek', 'Świątek'),
  athlete('by', 'Sabalenka'),
  athlete('jp', 'Nishikori', 'Ohtani', 'Matsuyama', 'Naomi Osaka'),
  athlete('ar', 'Messi'),
  athlete('pt', 'Cristiano Ronaldo'),
  athlete('fr', 'Mbappé', 'Mbappe'),
  athlete('no', 'Haaland'),
  athlete('br', 'Neymar'),
  athlete('eg', 'Mohamed Salah'),
  athlete('us', 'LeBron James', 'Stephen Curry', 'Simone Biles', 'Tiger Woods', 'Scheffler', 'Coco Gauff'),
  athlete('nl', 'Verstappen'),
  athlete('gb', 'Lewis Hamilton', 'McIlroy', 'Harry Kane'),
  athlete('jm', 'Usain Bolt'),
  // The British royal family: the country, and human-interest news unless the words say otherwise.
  { names: ['Queen Elizabeth', 'Buckingham Palace', 'Prince Harry', 'Prince William', 'Kate Middleton'], country: 'gb', topic: 'human-interest', weight: 'weak' },
  athlete('in', 'Kohli', 'Virat Kohli', 'Dhoni', 'Tendulkar', 'Rohit Sharma', 'Sindhu', 'Saina Nehwal', 'Neeraj Chopra', 'Bumrah'),
  athlete('jp', 'Hanyu', 'Ichiro', 'Kisenosato', 'Kei Nishikori'),
  athlete('gb', 'Andy Murray'),
  athlete('us', 'Serena Williams', 'Venus Williams'),
  athlete('ru', 'Sharapova'),
  athlete('au', 'Kyrgios'),
  athlete('cz', 'Pliskova', 'Plíšková'),
  athlete('de', 'Kerber'),
  athlete('ro', 'Halep'),
  athlete(null, 'Hakuho', 'Yokozuna', 'IPL', 'BCCI', 'J.League', 'J League', 'ICC'),
  // Competitions and leagues: sport news, in their host country when they have one.
  athlete('gb', 'Wimbledon', 'Premier League', 'FA Cup'),
  athlete('fr', 'Roland Garros', 'Paris Masters', 'Tour de France', 'Ligue 1'),
  athlete('es', 'La Liga'),
  athlete('de', 'Bundesliga'),
  athlete('it', 'Serie A'),
  athlete('au', 'Australian Open', 'Brisbane International'),
  athlete('us', 'US Open', 'Super Bowl', 'NBA', 'NFL', 'MLB'),
  athlete(null, 'Ryder Cup', 'Grand Prix', 'Stanley Cup', 'Davis Cup', 'Champions League', 'Europa League', 'Olympics', 'Paralympics', 'Winter Games', 'FIFA', 'UEFA', 'NHL', 'IOC', 'ATP', 'WTA'),
  company('jp', 'economy', 'Toyota', 'Nissan', 'Honda', 'Sony', 'SoftBank', 'Mitsubishi', 'Asahi Kasei'),
  company('kr', 'economy', 'Samsung', 'Hyundai', 'SK Hynix'),
  company('cn', 'economy', 'Huawei', 'Alibaba', 'Tencent', 'BYD', 'Temu', 'Xiaomi'),
  company('tw', 'economy', 'TSMC', 'Foxconn'),
  company('de', 'economy', 'Volkswagen', 'Mercedes-Benz', 'BMW', 'Siemens', 'Deutsche Bank', 'Daimler', 'Lufthansa'),
  company('fr', 'economy', 'LVMH', 'TotalEnergies', 'Renault'),
  company('gb', 'economy', 'HSBC', 'Barclays'),
  company('sa', 'economy', 'Aramco', 'Saudi Aramco'),
  company('in', 'economy', 'Reliance Industries', 'Infosys', 'Tata', 'Adani', 'Ambani', 'Wipro', 'Sensex', 'Nifty', 'RBI', 'Reserve Bank of India', 'SEBI'),
  company('jp', 'economy', 'Toshiba', 'Hitachi', 'Panasonic', 'Takata', 'Nikkei', 'Bank of Japan', 'BOJ', 'Keidanren', 'Uniqlo', 'Nintendo'),
  company('dk', 'economy', 'Novo Nordisk'),
  company('ch', 'economy', 'Nestlé', 'Nestle'),
  company('us', 'economy', 'Boeing', 'Goldman Sachs', 'JPMorgan', 'Wall Street'),
  company(null, 'science-technology', 'Apple', 'Google', 'Microsoft', 'Nvidia', 'OpenAI', 'Facebook', 'Meta', 'TikTok', 'Tesla', 'SpaceX', 'Grok'),
  company(null, 'economy', 'Amazon', 'Netflix', 'Disney', 'Warner Bros', 'Paramount', 'Airbus', 'Shein', 'Booking.com'),
];
