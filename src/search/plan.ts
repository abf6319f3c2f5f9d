/**
 * Query tree → search plan: text fields mapped to index columns, filter values checked and normalised to the
 * canonical enums (ClinicalTrials.gov spellings such as RECRUITING or PHASE2 accepted too). Pure.
 */
import {
  ALLOCATIONS, CELL_SOURCES, CELL_TYPES, MASKINGS, RECRUITMENT_STATUSES, REGISTRIES, STUDY_TYPES,
} from '../model/registration.js';
import { normalisePhase } from '../normalise/phase.js';
import { QueryError, andAll, anyOf, parseQuery, type FilterField, type QueryNode } from './query.js';
import { FIELD_COLUMN, SORTS, type AppliedExpansion, type FilterCond, type PlanNode, type SearchPlan, type SortOrder } from './types.js';
import { synonymsOf } from './synonyms.js';
import { queryWords } from './terms.js';

/**
 * The most work one query may ask for. Every term is a lookup in the full-text index, and a truncated word a merge
 * of every word it begins (`a*` is thousands), so a query past these is refused (a usage error, HTTP 400) rather
 * than left to hold the server: 200 × `a*` took 26 s on the 6,561-record register before these bounds.
 * PubMed likewise wants four letters before a truncation.
 */
export const QUERY_LIMITS = {
  /** text terms as typed (words and phrases; ids looked up by filter.ids / id: count only against `lookups`) */
  terms: 64,
  /** index lookups in all, synonyms and ids included */
  lookups: 1000,
  /** truncated words */
  truncations: 16,
  /** letters or digits a truncated word needs before its `*` */
  truncationMin: 3,
} as const;

/** What a caller asks for: a query string plus the API's separate parameters. */
export interface SearchInput {
  /** query language (query.term) */
  q?: string | null;
  /** query.cond: bare words search conditions */
  cond?: string | null;
  /** query.intr: bare words search interventions */
  intr?: string | null;
  /** query.titles */
  titles?: string | null;
  /** filter.* values, each an OR list */
  filters?: Partial<Record<FilterField, string[]>>;
  sort?: string | null;
  /** add synonyms to terms that name a synonym group (default true; EXPANSION[…] in the query decides per term) */
  expand?: boolean;
}

const UNREPORTED = new Set(['null', 'none_reported', 'unreported', 'unknown_phase', 'not_reported', 'missing']);

function key(v: string): string {
  return v.trim().toLowerCase().replace(/[\s\-/]+/g, '_');
}

function oneOf(field: string, list: readonly string[], v: string, aliases: Record<string, string> = {}): string {
  const k = key(v);
  const hit = aliases[k] ?? list.find((x) => key(x) === k);
  if (!hit) throw new QueryError(`${field}: "${v}" is not one of ${list.join(', ')}`, 0);
  return hit;
}

const REGISTRY_ALIASES: Record<string, string> = {
  ctgov: 'ClinicalTrials.gov', clinicaltrials: 'ClinicalTrials.gov', 'clinicaltrials.gov': 'ClinicalTrials.gov', nct: 'ClinicalTrials.gov',
  eudract: 'EUCTR', euctr: 'EUCTR', umin: 'JPRN', jrct: 'JPRN', irct: 'IRCT', chictr: 'ChiCTR',
};
const STATUS_ALIASES: Record<string, string> = { active: 'active_not_recruiting', pending: 'not_yet_recruiting', open: 'recruiting', closed: 'completed' };
const TYPE_ALIASES: Record<string, string> = { expanded: 'expanded_access', expanded_access: 'expanded_access' };
const ALLOCATION_ALIASES: Record<string, string> = {
  randomised: 'randomized', rct: 'randomized', non_randomised: 'non_randomized', nonrandomized: 'non_randomized', na: 'not_applicable',
};
const MASKING_ALIASES: Record<string, string> = { open: 'none', open_label: 'none', blind: 'blinded', masked: 'blinded' };
const SEX_ALIASES: Record<string, 'female' | 'male' | 'all'> = {
  female: 'female', f: 'female', woman: 'female', women: 'female', male: 'male', m: 'male', man: 'male', men: 'male', all: 'all', any: 'all',
};
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'United States', us: 'United States', united_states_of_america: 'United States', uk: 'United Kingdom',
  great_britain: 'United Kingdom', 'iran_(islamic_republic_of)': 'Iran', korea: 'South Korea', republic_of_korea: 'South Korea',
};

/** One field:value → a checked, canonical condition. Throws QueryError naming the field and the allowed values. */
export function normaliseFilter(field: FilterField, raw: string): FilterCond {
  const v = raw.trim();
  if (!v) throw new QueryError(`${field}: empty value`, 0);
  const unreported = UNREPORTED.has(key(v));
  switch (field) {
    case 'phase': {
      if (unreported) return { field, value: null };
      // NA: ClinicalTrials.gov API v2's spelling of not applicable
      const p = /^(na|n_a)$/.test(key(v)) ? 'not_applicable' : /^(early_1|1_2|2_3|not_applicable)$/.test(key(v)) ? key(v) : normalisePhase(/^[0-4]$/.test(v) ? `Phase ${v}` : v.replace(/_/g, ' '));
      if (!p) throw new QueryError(`phase: "${v}" is not a phase (use early_1, 1, 1_2, 2, 2_3, 3, 4, not_applicable or PHASE2…)`, 0);
      return { field, value: p };
    }
    case 'status': return { field, value: unreported ? null : oneOf('status', RECRUITMENT_STATUSES, v, STATUS_ALIASES) };
    case 'registry': return { field, value: oneOf('registry', REGISTRIES, v, REGISTRY_ALIASES) };
    case 'country': return { field, value: unreported ? null : COUNTRY_ALIASES[key(v)] ?? v };
    case 'type': return { field, value: unreported ? null : oneOf('type', STUDY_TYPES, v, TYPE_ALIASES) };
    case 'allocation': return { field, value: unreported ? null : oneOf('allocation', ALLOCATIONS, v, ALLOCATION_ALIASES) };
    case 'masking': return { field, value: unreported ? null : oneOf('masking', MASKINGS, v, MASKING_ALIASES) };
    case 'cellSource': return { field, value: unreported ? null : oneOf('cellSource', CELL_SOURCES, v) };
    case 'cellType': return { field, value: unreported ? null : oneOf('cellType', CELL_TYPES, v) };
    case 'year': {
      const m = /^(\d{4})(?:\s*(?:-|\.\.|to)\s*(\d{4}))?$/.exec(v) ?? /^>=?\s*(\d{4})$/.exec(v);
      if (!m) throw new QueryError(`year: "${v}" is not a year or range (2020, 2019-2021, >=2020)`, 0);
      const from = Number(m[1]);
      const to = v.startsWith('>') ? 9999 : Number(m[2] ?? m[1]);
      if (to < from) throw new QueryError(`year: range "${v}" ends before it starts`, 0);
      return { field, from, to };
    }
    case 'age': {
      const n = Number(v.replace(/\s*(y|yrs?|years?)$/i, ''));
      if (!Number.isFinite(n) || n < 0 || n > 130) throw new QueryError(`age: "${v}" is not an age in years (0–130)`, 0);
      return { field, years: n };
    }
    case 'sex': {
      const s = SEX_ALIASES[key(v)];
      if (!s) throw new QueryError(`sex: "${v}" is not female, male or all`, 0);
      return { field, value: s };
    }
  }
}

/**
 * Map the parsed query onto index columns and canonical filter values. A term naming a synonym group becomes an OR
 * of it and its synonyms (unless `expand` is false or the term says EXPANSION[Term]/[None]), recorded in `expansions`.
 */
export function toPlanNode(n: QueryNode, expand = true, expansions: AppliedExpansion[] = []): PlanNode {
  const sub = (c: QueryNode) => toPlanNode(c, expand, expansions);
  switch (n.kind) {
    case 'and': return { kind: 'and', children: n.children.map(sub) };
    case 'or': return { kind: 'or', children: n.children.map(sub) };
    case 'not': return { kind: 'not', child: sub(n.child) };
    case 'text': {
      const column = n.field ? FIELD_COLUMN[n.field] : null;
      const leaf: PlanNode = { kind: 'text', column, value: n.value, phrase: n.phrase, prefix: n.prefix, ...(n.expansion === 'none' ? { exact: true } : {}) };
      const level = n.expansion ?? (expand ? 'concept' : 'term');
      const added = level === 'concept' && !n.prefix && !n.value.includes('*') && column !== 'ids' ? synonymsOf(n.value) : [];
      if (!added.length) return leaf;
      if (!expansions.some((e) => e.term === n.value && e.field === column)) expansions.push({ term: n.value, field: column, added });
      return { kind: 'or', children: [leaf, ...added.map((v): PlanNode => ({ kind: 'text', column, value: v, phrase: true, prefix: false }))] };
    }
    case 'filter': return { kind: 'filter', cond: normaliseFilter(n.field, n.value) };
  }
}

export function parseSort(s: string | null | undefined): SortOrder {
  if (!s) return 'relevance';
  const k = s.trim().toLowerCase().replace(/^@/, '');
  if ((SORTS as readonly string[]).includes(k)) return k as SortOrder;
  // ClinicalTrials.gov v2 spellings
  if (/^(studyfirstpostdate|firstpostdate|startdate)(:desc)?$/.test(k)) return 'date';
  if (/^lastupdatepostdate(:desc)?$/.test(k)) return 'updated';
  throw new QueryError(`sort: "${s}" is not one of ${SORTS.join(', ')} (or @relevance, StudyFirstPostDate, LastUpdatePostDate)`, 0);
}

/** Refuse a plan that asks for more work than QUERY_LIMITS allows, saying which bound and how to stay within it. */
export function checkCost(tree: QueryNode | null, where: PlanNode | null): void {
  const typed: Extract<QueryNode, { kind: 'text' }>[] = [];
  const walk = (n: QueryNode): void => {
    if (n.kind === 'text') typed.push(n);
    else if (n.kind === 'not') walk(n.child);
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(walk);
  };
  if (tree) walk(tree);
  const truncated = typed.flatMap((t) => queryWords(t.value, t.prefix).filter((w) => w.prefix));
  const short = truncated.find((w) => [...w.word].length < QUERY_LIMITS.truncationMin);
  if (short) {
    throw new QueryError(`truncation "${short.word}*" is too short: a truncated word needs at least ${QUERY_LIMITS.truncationMin} letters or digits before the *`, 0);
  }
  if (truncated.length > QUERY_LIMITS.truncations) {
    throw new QueryError(`too many truncated words (${truncated.length}; at most ${QUERY_LIMITS.truncations} per query)`, 0);
  }
  const terms = typed.filter((t) => t.field !== 'id' || t.prefix || t.value.includes('*')).length;
  if (terms > QUERY_LIMITS.terms) throw new QueryError(`too many search terms (${terms}; at most ${QUERY_LIMITS.terms} per query)`, 0);
  let lookups = 0;
  const count = (n: PlanNode): void => {
    if (n.kind === 'text') lookups++;
    else if (n.kind === 'not') count(n.child);
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(count);
  };
  if (where) count(where);
  if (lookups > QUERY_LIMITS.lookups) throw new QueryError(`query too large (${lookups} index lookups with synonyms and ids; at most ${QUERY_LIMITS.lookups})`, 0);
}

/** Everything a caller gave → one plan. Throws QueryError (a usage error: HTTP 400, exit code 1). */
export function buildPlan(input: SearchInput): SearchPlan {
  const filters = Object.entries(input.filters ?? {}).map(([f, vals]) => anyOf(f as FilterField, vals ?? []));
  const tree = andAll([
    input.q ? parseQuery(input.q) : null,
    input.cond ? parseQuery(input.cond, 'cond') : null,
    input.intr ? parseQuery(input.intr, 'intr') : null,
    input.titles ? parseQuery(input.titles, 'title') : null,
    ...filters,
  ]);
  const expansions: AppliedExpansion[] = [];
  const where = tree ? toPlanNode(tree, input.expand ?? true, expansions) : null;
  checkCost(tree, where);
  return { where, sort: parseSort(input.sort), ...(expansions.length ? { expansions } : {}) };
}

/** True when the plan has a positive text term (so relevance ranking means something). */
export function hasText(n: PlanNode | null): boolean {
  if (!n) return false;
  if (n.kind === 'text') return true;
  if (n.kind === 'not') return false;
  if (n.kind === 'filter') return false;
  return n.children.some(hasText);
}
