/**
 * ClinicalTrials.gov vocabulary shared by its three formats (search-results TSV, API v2 JSON, legacy XML).
 * Each registry value arrives as an API v2 enum (`PARALLEL`, `OUTCOMES_ASSESSOR`) or as display words
 * (`Parallel Assignment`, `Outcomes Assessor`); `token()` folds both to one key so one table serves all three.
 */
import type {
  Allocation, ArmType, DesignModel, InterventionType, Masking, MaskedRole, Phase, Purpose, Reference,
} from '../model/registration.js';
import { isNullish } from '../normalise/text.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { normalisePhase } from '../normalise/phase.js';

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
  // legacy XML of 2007-2017: `Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)`
  single_blind: 'single', double_blind: 'double', triple_blind: 'triple', quadruple_blind: 'quadruple',
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

/**
 * Phase from any ClinicalTrials.gov spelling: API v2 `["PHASE1","PHASE2"]` (or the CSV cell `PHASE1|PHASE2`), legacy
 * `Phase 1/Phase 2`, and not applicable as `NA` (API v2, CSV) or `N/A` (legacy XML) — a value there, not a missing phase.
 */
export function ctgovPhase(raw: string | string[] | null | undefined): Phase | null {
  const parts = (Array.isArray(raw) ? raw : (raw ?? '').split('|')).map((x) => x.trim()).filter(Boolean);
  if (!parts.length) return null;
  return normalisePhase(parts.map((x) => (/^n\/?a$/i.test(x) ? 'Not Applicable' : x)).join('|'));
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

const QUAL = String.raw`(?:(?:key|main|major|general|other|additional)[ \t]+)?`;
/**
 * A criteria heading: on a line of its own (`Inclusion Criteria`, `Key Inclusion Criteria for cohort B:`), or anywhere
 * when a colon or a dash follows (`…(both inclusive) Exclusion Criteria: - …`).
 */
const HEADING = new RegExp(
  String.raw`(?<=^|\n)[ \t]*${QUAL}(inclusion|exclusion)[ \t]+criteria\b(?:[^:\n]{0,40}[:：]|[ \t]*(?=\r?\n|$))` +
  String.raw`|(?<=^|[\s.;])${QUAL}(inclusion|exclusion)[ \t]+criteria[ \t]*(?:[:：]|-(?=\s))`, 'gi');
const BULLET = /^(?:[*•·▪◦o-]|\d{1,2}[.)]|\(?[a-z]\)|[ivx]{1,4}[.)])\s+/i;

/**
 * Inclusion and exclusion lists from a ClinicalTrials.gov criteria text block. Two real layouts:
 * API v2 markdown (`Inclusion Criteria:\n\n* …\n* …\n\nExclusion Criteria:\n\n* …`, bullets `*`, `-`, `1.`, nested
 * `   * …`) and legacy XML text blocks that were reflowed into running text
 * (`Inclusion Criteria: - Age 18 - HbA1c 7.0 - 10.5 % Exclusion Criteria: - Pregnancy`), where a bullet is a dash
 * between spaces that is not a numeric range. A heading word inside a sentence (`…stated in the inclusion criteria in…`)
 * is not a heading: it needs a line of its own or a colon.
 */
export function splitCriteria(text: string | null | undefined): { inclusion: string[]; exclusion: string[] } {
  const out = { inclusion: [] as string[], exclusion: [] as string[] };
  if (!text) return out;
  const marks = [...text.matchAll(HEADING)].map((m) => ({ kind: (m[1] ?? m[2])!.toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
  marks.forEach((m, i) => {
    const body = text.slice(m.end, marks[i + 1]?.start ?? text.length);
    (m.kind === 'inclusion' ? out.inclusion : out.exclusion).push(...criteriaItems(body));
  });
  return out;
}

function criteriaItems(body: string): string[] {
  const items: string[] = [];
  const push = (s: string): void => {
    const t = s.replace(/\s+/g, ' ').trim();
    if (t && !isNullish(t) && !isNullish(t.replace(/[.;]$/, ''))) items.push(t);
  };
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  const lineBullets = lines.filter((l) => BULLET.test(l)).length;
  // a dash bullet after text on the same line (or ending it): the block was reflowed into running text
  const inlineBullets = (body.match(/\S[ \t]+-\s+(?=[^\d\s])/g) ?? []).length;
  if (lineBullets > 0 && inlineBullets < lineBullets) {
    let item = '';
    for (const l of lines) {
      if (!l) { push(item); item = ''; continue; }
      if (BULLET.test(l)) { push(item); item = l.replace(BULLET, ''); } else item = item ? `${item} ${l}` : l;
    }
    push(item);
    return items;
  }
  const flat = body.replace(/\s+/g, ' ').trim();
  // reflowed bullets: ` - Text`; `7.0 - 10.5` and `(53 - 91` are ranges, not bullets
  if (/(?:^|\s)-\s+\D/.test(flat)) {
    for (const part of flat.split(/(?:^|\s)-\s+(?=[^\d\s])/)) push(part);
    return items;
  }
  // paragraphs (blank-line separated) are the items
  for (const para of body.split(/\r?\n\s*\r?\n/)) push(para);
  return items;
}

const SPONSOR_CLASS: Record<string, string> = {
  industry: 'INDUSTRY', nih: 'NIH', fed: 'FED', u_s_fed: 'FED', us_fed: 'FED', other_gov: 'OTHER_GOV',
  indiv: 'INDIV', individual: 'INDIV', network: 'NETWORK', other: 'OTHER', ambig: 'AMBIG', unknown: 'UNKNOWN',
};
/** Lead sponsor / collaborator class in the API v2 enum: legacy XML `Industry`, `U.S. Fed`, `Other` → `INDUSTRY`, `FED`, `OTHER`. */
export function ctgovSponsorClass(s: string | null | undefined): string | null {
  const t = token(s);
  return t ? (SPONSOR_CLASS[t] ?? (s ?? '').trim()) : null;
}

/**
 * Secondary id types (API v2 `SecondaryIdType`) that number grants and funding, never a registration: their ids stay in
 * raw only, even when one happens to look like a EudraCT or other registry number.
 */
const GRANT_TYPES = new Set(['NIH', 'FDA', 'VA', 'CDC', 'AHRQ', 'SAMHSA', 'OTHER_GRANT']);
export const isGrantType = (type: string | null | undefined): boolean => !!type && GRANT_TYPES.has(type.trim().toUpperCase());
/** Registry names written in `domain` with a bare number in `id` (`{id: "12345678", domain: "ISRCTN"}`). */
const DOMAIN_PREFIX: [RegExp, string][] = [
  [/\bISRCTN\b/i, 'ISRCTN'], [/\bDRKS\b|German Clinical Trials Register/i, 'DRKS'], [/\bUMIN\b/i, 'UMIN'],
  [/\bjRCT\b/i, 'jRCT'], [/\bChiCTR\b|Chinese Clinical Trial/i, 'ChiCTR'], [/\bANZCTR\b|Australian New Zealand/i, 'ACTRN'],
  [/\bEudraCT\b/i, 'EUCTR'], [/\bIRCT\b|Iranian Registry/i, 'IRCT'], [/\bKCT\b|CRIS\b/i, 'KCT'],
];

/**
 * A secondary id as another registration's number (normalised like `id`), or null when it is a grant, sponsor or
 * unrecognised number. `type` and `domain` are the API v2 fields (absent in legacy XML and in old records).
 */
export function secondaryRegistration(id: string, type: string | null, domain: string | null): { id: string; registry: string } | null {
  if (isGrantType(type)) return null;
  const text = id.trim().replace(/^EudraCT\s*(?:No\.?|Number)?\s*[:#]?\s*/i, '');
  const t = normaliseTrialId(text);
  if (t) return t;
  if (domain) {
    for (const [re, prefix] of DOMAIN_PREFIX) {
      if (re.test(domain) && !text.toUpperCase().startsWith(prefix.toUpperCase())) {
        const withPrefix = normaliseTrialId(prefix === 'EUCTR' ? text : `${prefix}${text}`);
        if (withPrefix) return withPrefix;
      }
    }
  }
  return null;
}

/**
 * The legacy one-line design of records registered before 2007 (`<study_design>Treatment, Randomized, Open Label,
 * Uncontrolled, Parallel Assignment, Safety/Efficacy Study</study_design>`), read with the same tables as the
 * structured design. Words no table knows (`Uncontrolled`, `Safety/Efficacy Study`) stay in design.raw only.
 */
export function ctgovDesignLine(s: string): { allocation: Allocation | null; model: DesignModel | null; purpose: Purpose | null; masking: Masking | null; roles: MaskedRole[] } {
  const out = { allocation: null as Allocation | null, model: null as DesignModel | null, purpose: null as Purpose | null, masking: null as Masking | null, roles: [] as MaskedRole[] };
  // split on commas outside brackets: `Double Blind (Subject, Investigator)` is one part
  const parts = s.split(/,(?![^(]*\))/).map((p) => p.trim()).filter(Boolean);
  for (const p of parts) {
    const head = p.replace(/^(?:allocation|intervention model|primary purpose|masking|endpoint classification):\s*/i, '');
    out.allocation ??= ctgovAllocation(head) ?? (/^non-?randomi[sz]ed$/i.test(head) ? 'non_randomized' : null);
    out.model ??= ctgovModel(head);
    out.purpose ??= ctgovPurpose(head);
    if (!out.masking) {
      const bare = head.replace(/\s+blind(?:ed)?\b/i, '');
      const m = ctgovMasking(bare);
      if (m.masking) { out.masking = m.masking; out.roles = m.roles; }
    }
  }
  return out;
}

/** The kinds of dates a study carries (`ACTUAL`, `ESTIMATED`; legacy `Actual`, `Anticipated`, `Estimate`), for raw. */
export function dateTypesText(types: [string, string | null | undefined][]): string | null {
  const parts = types.filter(([, t]) => t && t.trim()).map(([k, t]) => `${k}: ${t!.trim().toUpperCase().replace(/^ANTICIPATED$|^ESTIMATE$/, 'ESTIMATED')}`);
  return parts.length ? parts.join('|') : null;
}

/** A cited publication: year and DOI read from the citation text when it carries them. */
export function citationReference(type: string | null, citation: string | null, pmid: string | null): Reference {
  const year = citation ? /\b((?:19|20)\d{2})\b/.exec(citation)?.[1] : undefined;
  const doi = citation ? /\b(10\.\d{4,9}\/[^\s"<>]+?)[.;,]?(?:\s|$)/.exec(citation)?.[1] ?? null : null;
  return { type, citation, title: null, authors: [], journal: null, year: year ? Number(year) : null, pmid, doi };
}
