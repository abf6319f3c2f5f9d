/**
 * ClinicalTrials.gov vocabulary shared by its three formats (search-results TSV, API v2 JSON, legacy XML).
 * Each registry value arrives as an API v2 enum (`PARALLEL`, `OUTCOMES_ASSESSOR`) or as display words
 * (`Parallel Assignment`, `Outcomes Assessor`); `token()` folds both to one key so one table serves all three.
 */
import type {
  Allocation, ArmType, DesignModel, InterventionType, Masking, MaskedRole, Purpose, Reference,
} from '../model/registration.js';
import { isNullish } from '../normalise/text.js';

export const CTGOV_REGISTRY = 'ClinicalTrials.gov' as const;

/** `Parallel Assignment` → `parallel_assignment`, `OUTCOMES_ASSESSOR` → `outcomes_assessor`. */
export function token(s: string | null | undefined): string {
  return (s ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function lookup<T>(table: Record<string, T>, s: string | null | undefined): T | null {
  return table[token(s)] ?? null;
}

const ALLOCATION: Record<string, Allocation> = {
  randomized: 'randomized', non_randomized: 'non_randomized', na: 'not_applicable', n_a: 'not_applicable',
};
export const ctgovAllocation = (s: string | null | undefined): Allocation | null => lookup(ALLOCATION, s);

const MODEL: Record<string, DesignModel> = {
  parallel: 'parallel', parallel_assignment: 'parallel',
  crossover: 'crossover', crossover_assignment: 'crossover',
  single_group: 'single_group', single_group_assignment: 'single_group',
  factorial: 'factorial', factorial_assignment: 'factorial',
  sequential: 'sequential', sequential_assignment: 'sequential',
};
/** Interventional model only; observational models (`Cohort`, `Case-Control`) stay in design.raw. */
export const ctgovModel = (s: string | null | undefined): DesignModel | null => lookup(MODEL, s);

const MASKING: Record<string, Masking> = {
  none: 'none', none_open_label: 'none', open_label: 'none',
  single: 'single', double: 'double', triple: 'triple', quadruple: 'quadruple',
};
const ROLE: Record<string, MaskedRole> = {
  participant: 'participant', subject: 'participant', care_provider: 'care_provider', caregiver: 'care_provider',
  investigator: 'investigator', outcomes_assessor: 'outcomes_assessor', analyst: 'analyst',
};

/** `Double (Participant, Investigator)` or `DOUBLE` → masking; the roles in brackets → maskedRoles. */
export function ctgovMasking(s: string | null | undefined): { masking: Masking | null; roles: MaskedRole[] } {
  const text = (s ?? '').trim();
  const m = /^([^(]*)(?:\((.*)\))?/.exec(text);
  const head = m?.[1] ?? '';
  const masking = lookup(MASKING, head) ?? (/open label/i.test(text) ? 'none' : null);
  return { masking, roles: ctgovRoles((m?.[2] ?? '').split(',')) };
}

export function ctgovRoles(list: (string | null | undefined)[]): MaskedRole[] {
  const roles = list.map((r) => lookup(ROLE, r)).filter((r): r is MaskedRole => r !== null);
  return [...new Set(roles)];
}

const PURPOSE: Record<string, Purpose> = {
  treatment: 'treatment', prevention: 'prevention', diagnostic: 'diagnostic', supportive_care: 'supportive_care',
  screening: 'screening', health_services_research: 'health_services_research', basic_science: 'basic_science',
  other: 'other', device_feasibility: 'other', ect: 'other', educational_counseling_training: 'other',
};
export const ctgovPurpose = (s: string | null | undefined): Purpose | null => lookup(PURPOSE, s);

const INTERVENTION: Record<string, InterventionType> = {
  drug: 'drug', biological: 'biological', device: 'device', procedure: 'procedure',
  procedure_surgery: 'procedure', behavioral: 'behavioral', dietary_supplement: 'dietary_supplement',
  radiation: 'radiation', genetic: 'genetic', combination_product: 'combination_product',
  diagnostic_test: 'diagnostic_test', other: 'other',
};
export function ctgovInterventionType(s: string | null | undefined): InterventionType | null {
  return s ? (lookup(INTERVENTION, s) ?? 'other') : null;
}

/** `Drug: Deferoxamine` → type + name (a name with no recognised type prefix keeps its words whole). */
export function splitTypedName(s: string): { type: InterventionType | null; name: string } {
  const m = /^([A-Za-z][A-Za-z /_-]{1,30}):\s*(.+)$/s.exec(s.trim());
  if (m && m[1] && m[2] && INTERVENTION[token(m[1])]) return { type: INTERVENTION[token(m[1])]!, name: m[2].trim() };
  return { type: null, name: s.trim() };
}

const ARM: Record<string, ArmType> = {
  experimental: 'experimental', active_comparator: 'active_comparator', placebo_comparator: 'placebo_comparator',
  sham_comparator: 'sham_comparator', no_intervention: 'no_intervention', other: 'other',
};
export function ctgovArmType(s: string | null | undefined): ArmType | null {
  return s ? (lookup(ARM, s) ?? 'other') : null;
}

/** `Yes`/`No`/`Accepts Healthy Volunteers`/true → boolean. */
export function ctgovYesNo(s: string | boolean | null | undefined): boolean | null {
  if (typeof s === 'boolean') return s;
  const t = token(s);
  if (t === 'yes' || t === 'true' || t === 'accepts_healthy_volunteers') return true;
  if (t === 'no' || t === 'false') return false;
  return null;
}

/** `https://clinicaltrials.gov/study/NCT…` — the registry's page for the record. */
export function ctgovUrl(nctId: string): string {
  return `https://clinicaltrials.gov/study/${nctId}`;
}

/**
 * Inclusion and exclusion lists from a ClinicalTrials.gov criteria text block
 * (`Inclusion Criteria:\n\n* …\n\nExclusion Criteria:\n\n* …`, bullets `*`, `-`, `1.`).
 */
export function splitCriteria(text: string | null | undefined): { inclusion: string[]; exclusion: string[] } {
  const out = { inclusion: [] as string[], exclusion: [] as string[] };
  if (!text) return out;
  let current: string[] | null = null;
  let item = '';
  const flush = (): void => {
    const t = item.replace(/\s+/g, ' ').trim();
    if (t && current && !isNullish(t)) current.push(t);
    item = '';
  };
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (/^inclusion criteria\s*:?/i.test(l)) { flush(); current = out.inclusion; continue; }
    if (/^exclusion criteria\s*:?/i.test(l)) { flush(); current = out.exclusion; continue; }
    if (!l) { flush(); continue; }
    if (/^(?:[*•·-]|\d{1,2}[.)])\s+/.test(l)) {
      flush();
      item = l.replace(/^(?:[*•·-]|\d{1,2}[.)])\s+/, '');
    } else {
      item = item ? `${item} ${l}` : l;
    }
  }
  flush();
  return out;
}

/** A cited publication: year and DOI read from the citation text when it carries them. */
export function citationReference(type: string | null, citation: string | null, pmid: string | null): Reference {
  const year = citation ? /\b((?:19|20)\d{2})\b/.exec(citation)?.[1] : undefined;
  const doi = citation ? /\b(10\.\d{4,9}\/[^\s"<>]+?)[.;,]?(?:\s|$)/.exec(citation)?.[1] ?? null : null;
  return { type, citation, title: null, authors: [], journal: null, year: year ? Number(year) : null, pmid, doi };
}
