/**
 * Sponsor type from the registry's sponsor class (CT.gov `INDUSTRY`, `NIH`, `FED`, `OTHER_GOV`, `INDIV`, `OTHER`)
 * or, failing that, the primary sponsor's name: company forms (Inc, Ltd, GmbH, Pharma…) → industry; universities,
 * hospitals, institutes, foundations → non_industry; ministries and national agencies → government; a person's
 * name (`Dr …`, `…, MD`, two or three capitalised words and nothing institutional) → investigator.
 */
import type { Registration, SponsorType } from '../model/registration.js';
import { type Found, clean, record } from './text.js';

const CLASS: Record<string, SponsorType> = {
  industry: 'industry', nih: 'government', fed: 'government', other_gov: 'government', indiv: 'investigator',
  other: 'non_industry', network: 'non_industry', ambig: 'non_industry',
};

const INDUSTRY = /\b(?:inc|incorporated|ltd|limited|llc|l\.l\.c|gmbh|ag|s\.?a\.?s?|s\.?l\.?|s\.?r\.?l|s\.?p\.?a|co|corp|corporation|company|plc|b\.?v|n\.?v|k\.?k|pty|a\/s|ab|oy|kg|pharma\w*|therapeutics|biotech\w*|bioscience\w*|biologic(?:s|al)\b(?!\s+(?:research|science))|laborator(?:y|ies|ios|ies)\b(?!.*universit)|vaccines?\b|biopharm\w*|medical\s+devices?|healthcare\s+(?:inc|ltd|co)|holdings?|industr(?:y|ies)|group\s+co)\b\.?/i;
const GOVERNMENT = /\bministry\b|\bministerio\b|\bnational\s+institutes?\s+of\s+health\b|\bdepartment\s+of\s+(?:health|defen[cs]e|veterans)|\bgovernment\b|\bpublic\s+health\s+(?:agency|england|service)|\bcenters?\s+for\s+disease\s+control\b|\bNIAID\b|\bNIH\b|\bveterans\s+affairs\b|\bcouncil\s+of\s+medical\s+research\b|\bICMR\b/i;
const ACADEMIC = /universi|hospital|h[oô]pital|klinik|clinic|college|school|institut|foundation|fundaci|stiftung|trust|NHS|centre|center|centro|academy|akadem|council|society|association|research|network|group|consortium|cooperative|charit|assistance|health\s+(?:service|authority|system|board)|medical\s+(?:center|centre|school|university)|academy\s+of\s+\w+\s+sciences|azienda|ospedal|fondazione|cancer|sanit|kaiser|mayo|inserm|\bAP-?HP\b/i;
const PERSON = /^(?:dr\.?|prof\.?|professor|mr\.?|mrs\.?|ms\.?)\s|\b(?:MD|PhD|MBBS|M\.D\.)\b/i;

export function sponsorTypeFromName(name: string): SponsorType | null {
  const n = clean(name);
  if (!n || /^(?:nil|none|no|na|n\/a|not\s+applicable|-)$/i.test(n)) return null;
  if (GOVERNMENT.test(n)) return 'government';
  if (INDUSTRY.test(n) && !/universi|hospital/i.test(n)) return 'industry';
  if (ACADEMIC.test(n)) return 'non_industry';
  if (/\bsciences?\b|\bbio\w*\b|\bmedical\b|\bhealth\s*care\b/i.test(n)) return 'industry';
  if (PERSON.test(n)) return 'investigator';
  if (/^[\p{L}.'-]+(?:\s+[\p{L}.'-]+){1,3}$/u.test(n) && !/[0-9&]/.test(n)) return 'investigator';
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
