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
 * Where the record says none of this — one country, no site list, no site wording — the answer is null: the record
 * does not say. (An earlier "one country → single-centre" default agreed with the human labels on 80% of such trials;
 * the misses were trials the reviewers found multicentre on the registry's full web page, so the default invented
 * an answer the record does not hold. Gold where the default applied: No 419, Yes 154, Unreported 5.)
 * Every value records where it came from.
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

export function findMulticentre(reg: Registration): Found<boolean> | null {
  if (reg.countries.length > 1) return { value: true, from: 'countries', text: reg.countries.join('; ').slice(0, 160) };
  return firstInFields([...designTexts(reg), ...titleTexts(reg), ...descriptionTexts(reg)], WORDS)
    ?? fromSites(reg)
    ?? fromCountryEntries(reg);
}

export function extractMulticentre(reg: Registration): void {
  if (reg.design.multicentre != null) return;
  const m = findMulticentre(reg);
  if (m) { reg.design.multicentre = m.value; record(reg, 'design.multicentre', m); }
}
