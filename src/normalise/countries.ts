/**
 * Country names in any spelling (`Iran (Islamic Republic of)`, `Korea, Republic of`, `USA`, `Viet Nam`, `Türkiye`,
 * ICTRP's truncated `United States of Ame`…) → one English short name per country, de-duplicated.
 *
 * Convention (used everywhere in TrialAtlas): the ISO 3166-1 English short name with its formal qualifier dropped and
 * word order made natural — `China`, `Iran`, `United States`, `United Kingdom`, `South Korea`, `North Korea`, `Russia`,
 * `Vietnam`, `Syria`, `Laos`, `Moldova`, `Tanzania`, `Bolivia`, `Venezuela`, `Taiwan`, `Türkiye` (ISO since 2022),
 * `Czechia`, `Hong Kong`, `Macao`, `Democratic Republic of the Congo`, `Republic of the Congo`, `Côte d'Ivoire`,
 * `Palestine`, `North Macedonia`, `Eswatini`, `Cabo Verde`, `Netherlands`. Territories keep their own names.
 */

const NAMES = `Afghanistan|Albania|Algeria|American Samoa|Andorra|Angola|Anguilla|Antigua and Barbuda|Argentina|Armenia|Aruba|
Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bermuda|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|British Virgin Islands|Brunei|Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cambodia|
Cameroon|Canada|Cayman Islands|Central African Republic|Chad|Chile|China|Colombia|Comoros|Republic of the Congo|
Democratic Republic of the Congo|Cook Islands|Costa Rica|Côte d'Ivoire|Croatia|Cuba|Curaçao|Cyprus|Czechia|Denmark|
Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|
Falkland Islands|Faroe Islands|Fiji|Finland|France|French Guiana|French Polynesia|French Southern Territories|Gabon|
Gambia|Georgia|Germany|Ghana|Gibraltar|Greece|Greenland|Grenada|Guadeloupe|Guam|Guatemala|Guernsey|Guinea|
Guinea-Bissau|Guyana|Haiti|Vatican City|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|
Isle of Man|Israel|Italy|Jamaica|Japan|Jersey|Jordan|Kazakhstan|Kenya|Kiribati|North Korea|South Korea|Kosovo|Kuwait|
Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macao|Madagascar|Malawi|
Malaysia|Maldives|Mali|Malta|Marshall Islands|Martinique|Mauritania|Mauritius|Mayotte|Mexico|Micronesia|Moldova|Monaco|
Mongolia|Montenegro|Montserrat|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Caledonia|New Zealand|
Nicaragua|Niger|Nigeria|North Macedonia|Northern Mariana Islands|Norway|Oman|Pakistan|Palau|Palestine|Panama|
Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Puerto Rico|Qatar|Réunion|Romania|Russia|Rwanda|
Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|
Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Sint Maarten|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|
South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|
Togo|Tonga|Trinidad and Tobago|Tunisia|Türkiye|Turkmenistan|Turks and Caicos Islands|Tuvalu|Uganda|Ukraine|
United Arab Emirates|United Kingdom|United States|United States Minor Outlying Islands|Uruguay|Uzbekistan|Vanuatu|
Venezuela|Vietnam|U.S. Virgin Islands|Western Sahara|Yemen|Zambia|Zimbabwe|Antarctica|Bouvet Island|
Heard Island and McDonald Islands|Niue|Norfolk Island|Pitcairn|Saint Barthélemy|Saint Helena|Saint Martin|
Saint Pierre and Miquelon|South Georgia and the South Sandwich Islands|Svalbard and Jan Mayen|Tokelau|Wallis and Futuna|
Bonaire, Sint Eustatius and Saba|British Indian Ocean Territory|Christmas Island|Cocos (Keeling) Islands|Åland Islands`
  .split('|').map((s) => s.trim());

/** Other spellings → one of NAMES (keys compared through `key()`). */
const ALIASES: Record<string, string> = {
  'usa': 'United States', 'us': 'United States', 'u s a': 'United States', 'u s': 'United States',
  'united states of america': 'United States', 'america': 'United States',
  'uk': 'United Kingdom', 'u k': 'United Kingdom', 'great britain': 'United Kingdom', 'britain': 'United Kingdom',
  'england': 'United Kingdom', 'scotland': 'United Kingdom', 'wales': 'United Kingdom', 'northern ireland': 'United Kingdom',
  'united kingdom of great britain and northern ireland': 'United Kingdom',
  'iran islamic republic of': 'Iran', 'islamic republic of iran': 'Iran', 'iran islamic republic': 'Iran', 'persia': 'Iran',
  'korea republic of': 'South Korea', 'republic of korea': 'South Korea', 'korea': 'South Korea', 'korea south': 'South Korea',
  'korea democratic people s republic of': 'North Korea', 'democratic people s republic of korea': 'North Korea',
  'russian federation': 'Russia', 'viet nam': 'Vietnam', 'turkey': 'Türkiye', 'turkiye': 'Türkiye',
  'czech republic': 'Czechia', 'the netherlands': 'Netherlands', 'holland': 'Netherlands',
  'people s republic of china': 'China', 'the people s republic of china': 'China', 'pr china': 'China', 'p r china': 'China',
  'prc': 'China', 'chinese': 'China', 'chian': 'China', 'mainland china': 'China', 'wuhan': 'China', 'china mainland': 'China',
  'hong kong sar': 'Hong Kong', 'hong kong sar china': 'Hong Kong', 'hongkong': 'Hong Kong', 'hong kong china': 'Hong Kong',
  'macau': 'Macao', 'macao sar china': 'Macao',
  'taiwan province of china': 'Taiwan', 'taiwan roc': 'Taiwan', 'republic of china': 'Taiwan', 'chinese taipei': 'Taiwan',
  'lao people s democratic republic': 'Laos', 'lao pdr': 'Laos', 'syrian arab republic': 'Syria',
  'moldova republic of': 'Moldova', 'republic of moldova': 'Moldova', 'tanzania united republic of': 'Tanzania',
  'united republic of tanzania': 'Tanzania', 'bolivia plurinational state of': 'Bolivia',
  'venezuela bolivarian republic of': 'Venezuela', 'congo the democratic republic of the': 'Democratic Republic of the Congo',
  'congo democratic republic of the': 'Democratic Republic of the Congo', 'dr congo': 'Democratic Republic of the Congo',
  'drc': 'Democratic Republic of the Congo', 'congo kinshasa': 'Democratic Republic of the Congo',
  'congo': 'Republic of the Congo', 'congo brazzaville': 'Republic of the Congo',
  'cote d ivoire': "Côte d'Ivoire", 'ivory coast': "Côte d'Ivoire",
  'palestine state of': 'Palestine', 'palestinian territory occupied': 'Palestine', 'palestinian territories': 'Palestine',
  'occupied palestinian territory': 'Palestine', 'macedonia': 'North Macedonia',
  'macedonia the former yugoslav republic of': 'North Macedonia', 'republic of north macedonia': 'North Macedonia',
  'swaziland': 'Eswatini', 'cape verde': 'Cabo Verde', 'holy see': 'Vatican City', 'holy see vatican city state': 'Vatican City',
  'brunei darussalam': 'Brunei', 'micronesia federated states of': 'Micronesia', 'burma': 'Myanmar',
  'virgin islands u s': 'U.S. Virgin Islands', 'virgin islands british': 'British Virgin Islands', 'curacao': 'Curaçao',
  'reunion': 'Réunion', 'east timor': 'Timor-Leste', 'the gambia': 'Gambia', 'gambia the': 'Gambia', 'bahamas the': 'Bahamas',
  'kosovo republic of': 'Kosovo', 'libyan arab jamahiriya': 'Libya', 'falkland islands malvinas': 'Falkland Islands',
  'saint martin french part': 'Saint Martin', 'sint maarten dutch part': 'Sint Maarten', 'korea north': 'North Korea',
  'bonaire saint eustatius and saba': 'Bonaire, Sint Eustatius and Saba', 'newzeland': 'New Zealand', 'latovia': 'Latvia',
  'modalvia': 'Moldova', 'united kindgdom': 'United Kingdom', 'malasya': 'Malaysia', 'c te d ivoire': "Côte d'Ivoire",
'st kitts and nevis': 'Saint Kitts and Nevis', 'st lucia': 'Saint Lucia',
  'uae': 'United Arab Emirates', 'u a e': 'United Arab Emirates', 'ksa': 'Saudi Arabia', 'kingdom of saudi arabia': 'Saudi Arabia',
  'deutschland': 'Germany', 'espana': 'Spain', 'italia': 'Italy', 'brasil': 'Brazil', 'suisse': 'Switzerland',
  'schweiz': 'Switzerland', 'osterreich': 'Austria', 'belgique': 'Belgium', 'slovak republic': 'Slovakia',
  'kyrgyz republic': 'Kyrgyzstan', 'republic of ireland': 'Ireland', 'eire': 'Ireland',
  // German (DRKS), Spanish, French and Portuguese names that differ from the English ones (accents are ignored)
  'niederlande': 'Netherlands', 'belgien': 'Belgium', 'frankreich': 'France', 'italien': 'Italy', 'spanien': 'Spain',
  'danemark': 'Denmark', 'schweden': 'Sweden', 'norwegen': 'Norway', 'finnland': 'Finland', 'polen': 'Poland',
  'tschechien': 'Czechia', 'tschechische republik': 'Czechia', 'ungarn': 'Hungary', 'griechenland': 'Greece',
  'vereinigtes konigreich': 'United Kingdom', 'grossbritannien': 'United Kingdom', 'vereinigte staaten': 'United States',
  'vereinigte staaten von amerika': 'United States', 'russland': 'Russia', 'turkei': 'Türkiye', 'luxemburg': 'Luxembourg',
  'slowakei': 'Slovakia', 'slowenien': 'Slovenia', 'kroatien': 'Croatia', 'rumanien': 'Romania', 'bulgarien': 'Bulgaria',
  'irland': 'Ireland', 'kanada': 'Canada', 'australien': 'Australia', 'indien': 'India',
  'alemania': 'Germany', 'estados unidos': 'United States', 'estados unidos de america': 'United States',
  'reino unido': 'United Kingdom', 'francia': 'France', 'suiza': 'Switzerland', 'belgica': 'Belgium', 'paises bajos': 'Netherlands',
  'espanha': 'Spain', 'alemanha': 'Germany', 'franca': 'France', 'estados unidos da america': 'United States',
  'suica': 'Switzerland', 'holanda': 'Netherlands', 'japon': 'Japan', 'china continental': 'China',
  'allemagne': 'Germany', 'espagne': 'Spain', 'italie': 'Italy', 'royaume uni': 'United Kingdom', 'etats unis': 'United States',
  'autriche': 'Austria', 'pays bas': 'Netherlands', 'chine': 'China', 'bresil': 'Brazil', 'perou': 'Peru', 'maroc': 'Morocco',
  'algerie': 'Algeria', 'tunisie': 'Tunisia', 'cameroun': 'Cameroon',
  // Chinese (ChiCTR's Chinese-only pages)
  '中国': 'China', '中华人民共和国': 'China', '中国大陆': 'China', '香港': 'Hong Kong', '中国香港': 'Hong Kong', '澳门': 'Macao',
  '中国澳门': 'Macao', '台湾': 'Taiwan', '中国台湾': 'Taiwan', '美国': 'United States', '英国': 'United Kingdom', '日本': 'Japan',
  '韩国': 'South Korea', '德国': 'Germany', '法国': 'France', '加拿大': 'Canada', '澳大利亚': 'Australia', '新加坡': 'Singapore',
  '意大利': 'Italy', '西班牙': 'Spain', '俄罗斯': 'Russia', '印度': 'India', '泰国': 'Thailand', '马来西亚': 'Malaysia',
};

/** Region words some registries put among countries: not a country, not a warning either. */
const REGIONS = new Set([
  'asia', 'europe', 'africa', 'north america', 'south america', 'latin america', 'central america', 'oceania',
  'australia and new zealand', 'middle east', 'asia except japan', 'worldwide', 'international', 'multinational',
  'global', 'eu', 'european union', 'outside eu eea', 'eea', 'other',
]);

function key(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, ' ').trim().replace(/^the /, '');
}

const LOOKUP = new Map<string, string>();
for (const n of NAMES) LOOKUP.set(key(n), n);
for (const [k, v] of Object.entries(ALIASES)) LOOKUP.set(key(k), v);
const NAME_KEYS = NAMES.map((n) => [key(n), n] as const);

/** One country name → the canonical name, or null when it is no country we know (or only a region). */
export function normaliseCountry(value: string | null | undefined): string | null {
  if (value == null) return null;
  const k = key(value.replace(/_x000D_|<br\s*\/?>/gi, ' '));
  if (k.length < 2) return null;
  const exact = LOOKUP.get(k);
  if (exact) return exact;
  // ICTRP truncates long names ("United States of Ame", "Iran (Islamic R", "Switz"): accept a unique prefix.
  if (k.length >= 4) {
    const aliasHits = new Set<string>();
    for (const [lk, v] of LOOKUP) if (lk.startsWith(k)) aliasHits.add(v);
    if (aliasHits.size === 1) return [...aliasHits][0];
    // "Iran (Islamic R" → key "iran islamic r": a known name followed by a truncated qualifier.
    const head = NAME_KEYS.filter(([nk]) => k.startsWith(`${nk} `));
    if (head.length === 1) return head[0][1];
  }
  return null;
}

export interface CountriesResult {
  countries: string[];
  /** pieces that are neither a country nor a region, as written */
  unknown: string[];
}

/**
 * A countries cell (`China; China`, `United States;Korea, Republic of`, JPRN's `Japan,Asia(except Japan),Europe`)
 * or a list of names → canonical names, de-duplicated in order of first appearance.
 */
export function normaliseCountries(value: string | string[] | null | undefined): CountriesResult {
  const countries: string[] = [];
  const unknown: string[] = [];
  if (value == null) return { countries, unknown };
  const pieces = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.replace(/_x000D_/gi, '').split(/<br\s*\/?>|[;|\n]+/i));
  const add = (c: string): void => { if (!countries.includes(c)) countries.push(c); };
  for (const raw of pieces) {
    const piece = raw.trim();
    if (piece === '' || /^[?\-/.\s]+$|^n\/?a$/i.test(piece)) continue;
    // a comma list of whole names (`Perú, Colombia, Brasil`) before the truncated-qualifier reading of its first name
    const listed = piece.includes(',') && !LOOKUP.has(key(piece)) ? piece.split(',').map((p) => p.trim()).filter(Boolean) : [];
    if (listed.length > 1 && listed.every((p) => LOOKUP.has(key(p)))) { for (const p of listed) add(LOOKUP.get(key(p))!); continue; }
    const one = normaliseCountry(piece);
    if (one) { add(one); continue; }
    if (REGIONS.has(key(piece))) continue;
    if (piece.includes(',')) {
      const parts = piece.split(',').map((p) => p.trim()).filter(Boolean);
      const isRegion = (p: string): boolean => REGIONS.has(key(p)) || REGIONS.has(key(p.replace(/\(.*\)/, '')));
      // JPRN lists regions ("Japan,Asia(except Japan),Australia,Europe"): there, Australia is the region too
      const regionList = parts.some(isRegion);
      const got = parts.map((p) => (isRegion(p) || (regionList && key(p) === 'australia') ? '' : normaliseCountry(p)));
      if (got.every((g) => g !== null)) { for (const g of got) if (g) add(g); continue; }
    }
    unknown.push(piece);
  }
  return { countries, unknown };
}
