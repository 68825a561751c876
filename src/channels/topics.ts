/** The 17 top-level IPTC Media Topics, as the slugs the public contract uses. */
export interface TopicInfo {
  readonly slug: string;
  readonly medtop: string;
  readonly label: string;
}

export const TOPICS: readonly TopicInfo[] = [
  { slug: 'arts-culture', medtop: 'medtop:01000000', label: 'Arts, culture, entertainment and media' },
  { slug: 'crime-law', medtop: 'medtop:02000000', label: 'Crime, law and justice' },
  { slug: 'disaster', medtop: 'medtop:03000000', label: 'Disaster, accident and emergency incident' },
  { slug: 'economy', medtop: 'medtop:04000000', label: 'Economy, business and finance' },
  { slug: 'education', medtop: 'medtop:05000000', label: 'Education' },
  { slug: 'environment', medtop: 'medtop:06000000', label: 'Environment' },
  { slug: 'health', medtop: 'medtop:07000000', label: 'Health' },
  { slug: 'human-interest', medtop: 'medtop:08000000', label: 'Human interest' },
  { slug: 'labour', medtop: 'medtop:09000000', label: 'Labour' },
  { slug: 'lifestyle', medtop: 'medtop:10000000', label: 'Lifestyle and leisure' },
  { slug: 'politics', medtop: 'medtop:11000000', label: 'Politics and government' },
  { slug: 'religion', medtop: 'medtop:12000000', label: 'Religion' },
  { slug: 'science-technology', medtop: 'medtop:13000000', label: 'Science and technology' },
  { slug: 'society', medtop: 'medtop:14000000', label: 'Society' },
  { slug: 'sport', medtop: 'medtop:15000000', label: 'Sport' },
  { slug: 'conflict', medtop: 'medtop:16000000', label: 'Conflict, war and peace' },
  { slug: 'weather', medtop: 'medtop:17000000', label: 'Weather' },
];

export const TOPIC_SLUGS: ReadonlySet<string> = new Set(TOPICS.map((topic) => topic.slug));
