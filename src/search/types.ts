/**
 * The search contract: what is indexed (SearchDoc), what is asked (SearchPlan) and what comes back (SearchResult),
 * and the SearchBackend interface each store implements (SQLite FTS5 in src/store/sqlite/search.ts; PostgreSQL tsvector in src/store/postgres/search.ts).
 * The search unit is a STUDY: registrations are indexed, hits are grouped by study, facets count studies.
 */
import type { FilterField, TextField } from './query.js';

/** Full-text columns of the index, in bm25 weight order (see TEXT_WEIGHTS). */
export const TEXT_COLUMNS = ['title', 'conditions', 'interventions', 'description', 'outcomes', 'eligibility', 'sponsors', 'ids'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/** bm25 column weights: titles and ids lead, then conditions and interventions. */
export const TEXT_WEIGHTS: Record<TextColumn, number> = {
  title: 10, conditions: 6, interventions: 5, description: 1.5, outcomes: 1, eligibility: 0.5, sponsors: 1.5, ids: 10,
};

/** Which index column a `field:` of the query language searches. */
export const FIELD_COLUMN: Record<TextField, TextColumn> = {
  title: 'title', cond: 'conditions', intr: 'interventions', desc: 'description', outcome: 'outcomes',
  elig: 'eligibility', sponsor: 'sponsors', id: 'ids',
};

/** What a result list shows of one registration without loading it (kept in the index). */
export interface DocSummary {
  id: string;
  registry: string;
  title: string | null;
  acronym: string | null;
  status: string | null;
  phase: string | null;
  studyType: string | null;
  conditions: string[];
  interventions: string[];
  countries: string[];
  sponsor: string | null;
  registrationDate: string | null;
  lastUpdate: string | null;
  enrollment: number | null;
  url: string | null;
}

/** One registration as the index sees it. */
export interface SearchDoc {
  id: string;
  studyId: string;
  /** the study's primary registration (leads the hit) */
  primary: boolean;
  text: Record<TextColumn, string>;
  registry: string;
  status: string | null;
  phase: string | null;
  studyType: string | null;
  allocation: string | null;
  masking: string | null;
  registrationDate: string | null;
  lastUpdate: string | null;
  minAgeYears: number | null;
  maxAgeYears: number | null;
  sex: string | null;
  countries: string[];
  cellSources: string[];
  cellTypes: string[];
  summary: DocSummary;
}

/** A structured condition, values already normalised to canonical enums. `value: null` = unreported. */
export type FilterCond =
  | { field: Exclude<FilterField, 'year' | 'age' | 'sex'>; value: string | null }
  | { field: 'year'; from: number; to: number }
  /** trials a person of this age could join */
  | { field: 'age'; years: number }
  /** trials a person of this sex could join */
  | { field: 'sex'; value: 'female' | 'male' | 'all' };

export type PlanNode =
  | { kind: 'and'; children: PlanNode[] }
  | { kind: 'or'; children: PlanNode[] }
  | { kind: 'not'; child: PlanNode }
  /**
   * `value` as typed (a `*` inside a phrase truncates the word before it); `prefix`: the last word is truncated;
   * `exact`: match the words as written, not their stems (src/search/terms.ts)
   */
  | { kind: 'text'; column: TextColumn | null; value: string; phrase: boolean; prefix: boolean; exact?: boolean }
  | { kind: 'filter'; cond: FilterCond };

export const SORTS = ['relevance', 'date', 'updated'] as const;
export type SortOrder = (typeof SORTS)[number];

export interface SearchPlan {
  where: PlanNode | null;
  sort: SortOrder;
  /** synonyms the plan added to the user's terms (shown with the result; `expand: false` or EXPANSION[Term] turns them off) */
  expansions?: AppliedExpansion[];
}

/** One term the search widened with its synonyms. */
export interface AppliedExpansion {
  /** the term as typed */
  term: string;
  /** its field, when it had one */
  field: TextColumn | null;
  /** the synonyms also searched */
  added: string[];
}

/** Facets the UI and API offer; each counts studies. */
export const FACETS = ['status', 'phase', 'type', 'registry', 'country', 'allocation', 'masking', 'cellSource', 'year'] as const;
export type Facet = (typeof FACETS)[number];

/** Dimensions of /api/v1/stats (counts registrations). */
export const STATS_BY = ['phase', 'registry', 'status', 'country', 'cellSource', 'month', 'year', 'type', 'allocation', 'masking'] as const;
export type StatsBy = (typeof STATS_BY)[number];

export interface Count {
  /** canonical value; null = unreported */
  value: string | null;
  count: number;
}

export interface StudyHit {
  studyId: string;
  /** every registration of the study in the index */
  registrationIds: string[];
  /** the registrations that matched the query */
  matchedIds: string[];
  /** the leading registration (the study's primary, else the best match) */
  lead: DocSummary;
  /** higher is better (negated bm25; 0 without text terms) */
  score: number;
}

export interface SearchResult {
  /** number of matching studies */
  total: number;
  /** synonyms searched besides the user's terms (see SearchPlan.expansions) */
  expansions?: AppliedExpansion[];
  hits: StudyHit[];
  /** studies per facet value, when asked for */
  facets?: Partial<Record<Facet, Count[]>>;
}

export interface SearchBackend {
  /** Insert or replace these registrations' documents. */
  upsert(docs: SearchDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Registration ids currently indexed under this study. */
  studyMembers(studyId: string): Promise<string[]>;
  /** One page of studies; with `facets`, their counts over the same matches. */
  search(plan: SearchPlan, page: { offset: number; limit: number }, facets?: { names: readonly Facet[]; limit: number }): Promise<SearchResult>;
  facets(plan: SearchPlan, names: readonly Facet[], limit: number): Promise<Record<Facet, Count[]>>;
  stats(by: StatsBy, plan?: SearchPlan): Promise<Count[]>;
  /** number of indexed registrations */
  size(): Promise<number>;
  /** True (once) when opening found an index of an older layout and emptied it: the caller re-indexes the store. */
  needsRebuild(): Promise<boolean>;
}
