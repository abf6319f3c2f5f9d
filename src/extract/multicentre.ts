/**
 * Multicentre: is the trial run at more than one site? Read, in this order:
 *   1. several countries → yes (design-dev gold: 172 of 172 such trials are Yes);
 *   2. wording in the design string, titles or descriptions: `Number of sites: 3` (CTRI-style counts; 1 → no),
 *      `multicentre`, `multi-site`, `multinational`, `in 3 hospitals`, `two centres` → yes; `single-centre`, `monocentric`, `one site`, `a single hospital` → no
 *      (gold: 104 of 104 with multi-wording Yes, 28 of 28 with single-wording No);
 *   3. the site list a structured source gave (CT.gov `raw.Locations`, one site per line): two or more distinct sites
 *      → yes, exactly one → no; or two or more distinct contact affiliations that are places of care → yes;
 *      or, for IRCT and PACTR, an ICTRP country list naming the one country more than once: these registries export
 *      one country per recruitment centre (`Iran (Islamic Republic of);Iran (Islamic Republic of)` = two centres)
 *      → yes (gold: IRCT 16 of 17 such records Yes, PACTR 2 of 2). Other registries repeat a country for other
 *      reasons (CT.gov records of single-centre trials list it 5 times), so their repeats are not read;
 *   4. the reviewers' default: a registration naming exactly one country and saying nothing else about sites is
 *      single-centre → no. Gold where the default now applies: No 419, Yes 154, Unreported 5, the same split in both
 *      eval halves; the Yes trials (CT.gov 104, EUCTR 27, ChiCTR 8, CTRI 6, ANZCTR 5, CRiS 2, NTR 2) are multicentre
 *      only on the registry's web page (CT.gov location list, EUCTR "multiple sites" box), which an ICTRP record does
 *      not carry: their titles, design string, interventions and sponsor name no sites and no site wording.
 *      Two registries are left unreported instead, because their reviewers did not default
 *      them: JPRN (jRCT, JapicCTI, UMIN; gold Unreported 29, No 7) and ReBEC (Unreported 5 of 5) — their pages
 *      list no recruiting sites. No country at all and no wording stays null (gold Unreported 28, No 11, Yes 6).
 * Every value records where it came from; the default quotes the one country.
 */
import type { Registration, Registry } from '../model/registration.js';
import { type Found, type Rule, descriptionTexts, designTexts, firstInFields, record, titleTexts } from './text.js';

const NUMBER = String.raw`(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|many|\d{1,4})`;
const PLACES = String.raw`(?:cent(?:er|re)s|sites|hospitals|institutions|clinics|study\s+sites)`;

const WORDS: Rule<boolean>[] = [
  // CTRI/ChiCTR/IRCT-style counts: "Number of sites: 3", "No. of study centres = 1", "Total of 12 participating hospitals"
  {
    re: /\b(?:no\.?|number|total)\s+of\s+(?:(?:study|participating|recruiting|research|trial)\s+)?(?:sites|cent(?:er|re)s|hospitals|institutions)\s*[:=]?\s*(\d{1,4})\b/i,
    value: (m) => (Number(m[1]) > 0 ? Number(m[1]) > 1 : null),
  },
  {
    re: /\b(?:single|mono|one|uni)[-\s]?(?:cent(?:er|re|ric)|site|institution(?:al)?)\b|\bmonocentri(?:c|que)\b|\bunicentric\b|\b(?:a|one)\s+single\s+(?:hospital|clinic|cent(?:er|re)|site|institution)\b/i,
    value: false,
  },
  {
    re: new RegExp(
      String.raw`\bmulti[-\s]?(?:cent(?:er|re|ric)s?|site|national|country|institution(?:al)?|regional)\b|\bmulticent|\bmulticountry\b|\bpluri-?cent(?:er|re|ri)|\b${NUMBER}\s+(?:(?:participating|clinical|study|recruiting|recruitment|different|tertiary|university|teaching|academic|referral|designated)\s+){0,2}${PLACES}\b`,
      'i',
    ),
    value: true,
  },
];

/** Registries whose reviewers leave a one-country record without site wording unreported (see header). */
const NO_DEFAULT: ReadonlySet<Registry> = new Set<Registry>(['JPRN', 'ReBEC']);

function distinct(items: string[]): string[] {
  const seen = new Map<string, string>();
  for (const it of items) {
    const k = it.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (k && !seen.has(k)) seen.set(k, it.trim());
  }
  return [...seen.values()];
}

/** A contact affiliation that names a place of care (a hospital, not a university or one of its departments). Public
 * and scientific contacts usually sit in one institution under two names ("Tongji Hospital; Huazhong University"),
 * so only two distinct places of care count as two sites. */
function isCareSite(affiliation: string): boolean {
  return /hospital|h[oô]pital|ospedal|clinic|klinikum|medical\s+cent(?:er|re)|health\s+cent(?:er|re)|infirmary/i.test(affiliation)
    && !/^(?:\d+\.\s*)?(?:department|dept\.?|division|section|unit|service|klinik\s+f[uü]r|abteilung)\b/i.test(affiliation);
}

/** The site list a structured source gave (CT.gov locations), or failing that several contact affiliations. */
export function fromSites(reg: Registration): Found<boolean> | null {
  const sites = distinct((reg.raw?.['Locations'] ?? '').split('\n').slice(0, 5000));
  if (sites.length > 1) return { value: true, from: 'raw.Locations', text: `${sites.length} sites: ${sites.slice(0, 2).join('; ')}`.slice(0, 160) };
  if (sites.length === 1) return { value: false, from: 'raw.Locations', text: `one site: ${sites[0]}`.slice(0, 160) };
  const affiliations = distinct(reg.contacts.map((c) => c.affiliation ?? '')).filter(isCareSite);
  if (affiliations.length > 1) {
    return { value: true, from: 'contacts.affiliation', text: affiliations.slice(0, 3).join('; ').slice(0, 160) };
  }
  return null;
}

/** Registries whose ICTRP country list has one entry per recruitment centre (see header). */
const COUNTRY_PER_CENTRE: ReadonlySet<Registry> = new Set<Registry>(['IRCT', 'PACTR']);

/** IRCT/PACTR: the ICTRP country list as written (`raw.Countries`) names a country once per recruitment centre. */
export function fromCountryEntries(reg: Registration): Found<boolean> | null {
  if (!COUNTRY_PER_CENTRE.has(reg.registry)) return null;
  const written = reg.raw?.['Countries'] ?? '';
  const entries = written.split(';').map((c) => c.trim()).filter(Boolean);
  if (entries.length < 2) return null;
  return { value: true, from: 'raw.Countries', text: `${entries.length} recruitment-centre entries: ${entries.slice(0, 2).join('; ')}…`.slice(0, 160) };
}

/** The reviewers' default for one country and nothing else said (see header), or null. */
export function oneCountryDefault(reg: Registration): Found<boolean> | null {
  if (reg.countries.length !== 1 || NO_DEFAULT.has(reg.registry)) return null;
  return { value: false, from: 'countries', text: `one country (${reg.countries[0]}), no multicentre wording or site list` };
}

export function findMulticentre(reg: Registration): Found<boolean> | null {
  if (reg.countries.length > 1) return { value: true, from: 'countries', text: reg.countries.join('; ').slice(0, 160) };
  return firstInFields([...designTexts(reg), ...titleTexts(reg), ...descriptionTexts(reg)], WORDS)
    ?? fromSites(reg)
    ?? fromCountryEntries(reg)
    ?? oneCountryDefault(reg);
}

export function extractMulticentre(reg: Registration): void {
  if (reg.design.multicentre != null) return;
  const m = findMulticentre(reg);
  if (m) { reg.design.multicentre = m.value; record(reg, 'design.multicentre', m); }
}
