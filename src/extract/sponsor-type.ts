/**
 * Sponsor type from the registry's sponsor class (CT.gov `INDUSTRY`, `NIH`, `FED`, `OTHER_GOV`, `INDIV`, `OTHER`)
 * or, failing that, the primary sponsor's name: company forms (Inc, Ltd, GmbH, Pharma…) → industry; universities,
 * hospitals, institutes, foundations, health services → non_industry; ministries and national agencies → government;
 * a titled person (`Dr …`, `Prof …`, `…, MD`) → investigator. A bare name (`Pfizer`, `Kimura Tadashi`) stays null.
 */
import type { Registration, SponsorType } from '../model/registration.js';
import { type Found, clean, record } from './text.js';

const CLASS: Record<string, SponsorType> = {
  industry: 'industry', nih: 'government', fed: 'government', other_gov: 'government', indiv: 'investigator',
  other: 'non_industry', network: 'non_industry', ambig: 'non_industry',
};

const INDUSTRY = /\b(?:inc|incorporated|ltd|limited|llc|l\.l\.c|gmbh|ag|s\.?a\.?s?|s\.?l\.?|s\.?r\.?l|s\.?p\.?a|co|corp|corporation|company|plc|b\.?v|n\.?v|k\.?k|pty|a\/s|ab|oy|kg|pharma\w*|therapeutics|biotech\w*|bioscience\w*|biologic(?:s|al)\b(?!\s+(?:research|science))|laborator(?:y|ies|ios|ies)\b(?!.*universit)|vaccines?\b|biopharm\w*|medical\s+devices?|healthcare\s+(?:inc|ltd|co)|holdings?|industr(?:y|ies)|group\s+co)\b\.?/i;
const GOVERNMENT = /\bministry\b|\bministerio\b|\bnational\s+institutes?\s+of\s+health\b|\bdepartment\s+of\s+(?:health|defen[cs]e|veterans)|\bgovernment\b|\bpublic\s+health\s+(?:agency|england|service)|\bcenters?\s+for\s+disease\s+control\b|\bNIAID\b|\bNIH\b|\bveterans\s+affairs\b|\bcouncil\s+of\s+medical\s+research\b|\bICMR\b/i;
/** Words that make a name an institution even when it also says "Biological", "Industry", "Corporation". */
const INSTITUTION = /universi|univ\.|hospital|institut|academy|college|faculty|school|commission|ministry|foundation|organi[sz]ation|council|cent(?:er|re)\b/i;
const ACADEMIC = /universi|univ\.|hospital|faculty|department|organi[sz]ation|directorate|commission|municipal|mission\b|health\b|nursing\s+home|pediatrics|paediatrics|children|ziekenhuis|\bCHU\b|\bASST\b|umc\b|\bUNICEF\b|\bred\s+de\b|h[oô]pital|klinik|clinic|college|school|institut|foundation|fundaci|stiftung|trust|NHS|centre|center|centro|academy|akadem|council|society|association|research|network|group|consortium|cooperative|charit|assistance|health\s+(?:service|authority|system|board)|medical\s+(?:center|centre|school|university)|academy\s+of\s+\w+\s+sciences|azienda|ospedal|fondazione|cancer|sanit|kaiser|mayo|inserm|\bAP-?HP\b/i;
// a bare personal name cannot be told from a one-word company ("Pfizer") or a clinic: only titled names count
const PERSON = /^(?:[Dd][Rr]\.?|[Pp]rof\.?|[Pp]rofessor|M[Rr][Ss]?\.?|M[Ss]\.?)\s|,?\s(?:MD|PhD|MBBS|M\.D\.)\b/;

export function sponsorTypeFromName(name: string): SponsorType | null {
  const n = clean(name);
  if (!n || /^(?:nil|none|no|na|n\/a|not\s+applicable|-)$/i.test(n)) return null;
  if (GOVERNMENT.test(n)) return 'government';
  if (INDUSTRY.test(n) && !INSTITUTION.test(n)) return 'industry';
  if (ACADEMIC.test(n)) return 'non_industry';
  if (/\bsciences?\b|\bbio\w*\b|\bmedical\b|pharm|\bchem\b|\bkft\.?$|\bsdn\s+bhd\b|\bglobal\b/i.test(n)) return 'industry';
  if (PERSON.test(n)) return 'investigator';
  return null;
}

export function findSponsorType(reg: Registration): Found<SponsorType> | null {
  const cls = reg.sponsor.class?.toLowerCase().replace(/\s+/g, '_');
  if (cls && CLASS[cls]) return { value: CLASS[cls]!, from: 'sponsor.class', text: reg.sponsor.class! };
  const name = reg.sponsor.primary;
  if (!name) return null;
  const t = sponsorTypeFromName(name);
  return t ? { value: t, from: 'sponsor.primary', text: clean(name).slice(0, 80) } : null;
}

export function extractSponsorType(reg: Registration): void {
  if (reg.sponsor.type != null) return;
  const t = findSponsorType(reg);
  if (t) { reg.sponsor.type = t.value; record(reg, 'sponsor.type', t); }
}
