/**
 * UN M49 geographic regions: region → sub-region → (intermediate region) → countries.
 * Written out from the published standard so that membership is M49's, not a data
 * package's own grouping (world-countries has "Central Europe", which M49 does not).
 * Taiwan and Kosovo are not listed by M49; they are placed where editors expect them.
 */
export interface M49Area {
  readonly slug: string;
  readonly code: string;
  readonly label: string;
  readonly parent: string | null;
  /** ISO 3166-1 alpha-2 codes (upper case) directly in this area; empty for areas with children. */
  readonly countries: readonly string[];
}

const area = (slug: string, code: string, label: string, parent: string | null, countries = ''): M49Area => ({
  slug,
  code,
  label,
  parent,
  countries: countries.split(' ').filter((c) => c.length > 0),
});

export const M49_AREAS: readonly M49Area[] = [
  area('africa', '002', 'Africa', null),
  area('northern-africa', '015', 'Northern Africa', 'africa', 'DZ EG LY MA SD TN EH'),
  area('sub-saharan-africa', '202', 'Sub-Saharan Africa', 'africa'),
  area('eastern-africa', '014', 'Eastern Africa', 'sub-saharan-africa', 'IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW'),
  area('middle-africa', '017', 'Middle Africa', 'sub-saharan-africa', 'AO CM CF TD CG CD GQ GA ST'),
  area('southern-africa', '018', 'Southern Africa', 'sub-saharan-africa', 'BW SZ LS NA ZA'),
  area('western-africa', '011', 'Western Africa', 'sub-saharan-africa', 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG'),
  area('americas', '019', 'Americas', null),
  area('latin-america-and-the-caribbean', '419', 'Latin America and the Caribbean', 'americas'),
  area('caribbean', '029', 'Caribbean', 'latin-america-and-the-caribbean', 'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI'),
  area('central-america', '013', 'Central America', 'latin-america-and-the-caribbean', 'BZ CR SV GT HN MX NI PA'),
  area('south-america', '005', 'South America', 'latin-america-and-the-caribbean', 'AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE'),
  area('northern-america', '021', 'Northern America', 'americas', 'BM CA GL PM US'),
  area('asia', '142', 'Asia', null),
  area('central-asia', '143', 'Central Asia', 'asia', 'KZ KG TJ TM UZ'),
  area('eastern-asia', '030', 'Eastern Asia', 'asia', 'CN HK MO KP JP MN KR TW'),
  area('south-eastern-asia', '035', 'South-eastern Asia', 'asia', 'BN KH ID LA MY MM PH SG TH TL VN'),
  area('southern-asia', '034', 'Southern Asia', 'asia', 'AF BD BT IN IR MV NP PK LK'),
  area('western-asia', '145', 'Western Asia', 'asia', 'AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE'),
  area('europe', '150', 'Europe', null),
  area('eastern-europe', '151', 'Eastern Europe', 'europe', 'BY BG CZ HU PL MD RO RU SK UA'),
  area('northern-europe', '154', 'Northern Europe', 'europe', 'AX DK EE FO FI IS IE IM LV LT NO SJ SE GB'),
  area('channel-islands', '830', 'Channel Islands', 'northern-europe', 'GG JE'),
  area('southern-europe', '039', 'Southern Europe', 'europe', 'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK'),
  area('western-europe', '155', 'Western Europe', 'europe', 'AT BE FR DE LI LU MC NL CH'),
  area('oceania', '009', 'Oceania', null),
  area('australia-and-new-zealand', '053', 'Australia and New Zealand', 'oceania', 'AU CX CC HM NZ NF'),
  area('melanesia', '054', 'Melanesia', 'oceania', 'FJ NC PG SB VU'),
  area('micronesia', '057', 'Micronesia', 'oceania', 'GU KI MH FM NR MP PW UM'),
  area('polynesia', '061', 'Polynesia', 'oceania', 'AS CK PF NU PN WS TK TO TV WF'),
];
