/**
 * Request parameters, ClinicalTrials.gov API v2 names (query.term, query.cond, query.intr, filter.overallStatus,
 * pageSize, pageToken, sort, format…) plus our filters, → search options. Shared by the API and the web pages,
 * which use the same names so an export button can pass a page's query string straight on.
 */
import type { FilterField } from '../search/query.js';
import { MAX_PAGE_SIZE, type SearchOptions } from '../search/index.js';
import type { Facet } from '../search/types.js';

export type RawParams = Record<string, string | string[] | undefined>;

/** API filter parameter → query-language filter field. */
export const FILTER_PARAMS: Record<string, FilterField> = {
  'filter.overallStatus': 'status',
  'filter.phase': 'phase',
  'filter.registry': 'registry',
  'filter.country': 'country',
  'filter.studyType': 'type',
  'filter.allocation': 'allocation',
  'filter.masking': 'masking',
  'filter.cellSource': 'cellSource',
  'filter.cellType': 'cellType',
  'filter.year': 'year',
  'filter.age': 'age',
  'filter.sex': 'sex',
};

/** Facet → the parameter that filters on it. */
export const FACET_PARAM: Record<Facet, string> = {
  status: 'filter.overallStatus', phase: 'filter.phase', type: 'filter.studyType', registry: 'filter.registry',
  country: 'filter.country', allocation: 'filter.allocation', masking: 'filter.masking', cellSource: 'filter.cellSource', year: 'filter.year',
};

/**
 * ClinicalTrials.gov v2 query parameters searched through one field of the query language
 * (query.cond, query.intr and query.titles go to the search stage as their own options).
 */
export const SCOPED_QUERY_PARAMS: Record<string, string> = {
  'query.outc': 'outcome', 'query.spons': 'sponsor', 'query.lead': 'sponsor', 'query.locn': 'country', 'query.id': 'id',
};
/** CT.gov v2 parameters that are whole queries ANDed with query.term (filter.advanced is an Essie expression). */
const WHOLE_QUERY_PARAMS = ['query.patient', 'filter.advanced'];
const QUERY_PARAMS = ['query.term', 'query.cond', 'query.intr', 'query.titles', ...Object.keys(SCOPED_QUERY_PARAMS), ...WHOLE_QUERY_PARAMS] as const;
/** CT.gov v2 postFilter.* filter like filter.* (they differ only in how CT.gov counts aggregations). */
const POST_FILTERS = Object.keys(FILTER_PARAMS).map((k) => k.replace(/^filter\./, 'postFilter.'));
/** markupFormat: accepted and ignored, there is no markup in TrialAtlas text */
const OTHER_PARAMS = ['expand', 'filter.ids', 'postFilter.ids', 'pageSize', 'pageToken', 'sort', 'format', 'countTotal', 'markupFormat', 'facets', 'fields', 'what', 'per', 'limit', 'by', 'version'];
export const KNOWN_PARAMS = new Set<string>([...QUERY_PARAMS, ...Object.keys(FILTER_PARAMS), ...POST_FILTERS, ...OTHER_PARAMS]);

/** A usage error in a request parameter (HTTP 400), worded without a query position. */
export class ParamError extends Error {
  readonly statusCode = 400;
}

/**
 * All values of a parameter: repeated parameters and lists count, separated by commas or — as ClinicalTrials.gov v2
 * also takes them (filter.overallStatus=RECRUITING|COMPLETED) — pipes. FHIR passes `,` alone (`|` joins system|code).
 */
export function values(p: RawParams, name: string, separator: RegExp = /[,|]/): string[] {
  const v = p[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.flatMap((x) => x.split(separator)).map((x) => x.trim()).filter(Boolean);
}

export function one(p: RawParams, name: string): string | null {
  const v = p[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined || s.trim() === '' ? null : s.trim();
}

/** Reject parameters we do not know (a typo must not silently return everything). */
export function checkKnown(p: RawParams, allowed: Set<string> = KNOWN_PARAMS): void {
  for (const k of Object.keys(p)) {
    if (!allowed.has(k)) throw new ParamError(`unknown parameter "${k}"`);
  }
}

/** ClinicalTrials.gov v2: pageSize 0 or absent is the default (10), more than 1000 is coerced down to 1000. */
export function pageSize(p: RawParams, fallback = 10): number {
  const s = one(p, 'pageSize');
  if (s === null) return fallback;
  if (!/^\d+$/.test(s)) throw new ParamError(`pageSize: "${s}" is not a whole number`);
  const n = Number(s);
  return n === 0 ? fallback : Math.min(n, MAX_PAGE_SIZE);
}

/** Search options from request parameters. */
export function searchOptions(p: RawParams): { query: string | null; opts: SearchOptions } {
  const filters: Partial<Record<FilterField, string[]>> = {};
  for (const [param, field] of Object.entries(FILTER_PARAMS)) {
    const vals = values(p, param);
    if (vals.length) filters[field] = vals;
  }
  return {
    query: termWithScoped(p),
    opts: {
      cond: one(p, 'query.cond'), intr: one(p, 'query.intr'), titles: one(p, 'query.titles'), filters,
      sort: one(p, 'sort'), pageSize: pageSize(p), pageToken: one(p, 'pageToken'), expand: expandParam(p),
    },
  };
}

/** expand=false turns synonym expansion off (default on); anything but true/false is a usage error. */
function expandParam(p: RawParams): boolean {
  const v = one(p, 'expand');
  if (v === null || /^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new ParamError(`expand: "${v}" is not true or false`);
}

/** query.term plus the single-field CT.gov parameters (query.outc, query.spons, query.locn, query.id, filter.ids), ANDed. */
function termWithScoped(p: RawParams): string | null {
  const term = one(p, 'query.term');
  const parts: string[] = [];
  for (const param of WHOLE_QUERY_PARAMS) {
    const v = one(p, param);
    if (v) parts.push(`(${v})`);
  }
  for (const [param, field] of Object.entries(SCOPED_QUERY_PARAMS)) {
    const v = one(p, param);
    if (v) parts.push(`${field}:(${v})`);
  }
  for (const param of ['filter.ids', 'postFilter.ids']) {
    const ids = values(p, param);
    if (ids.length) parts.push(group('id', ids));
  }
  // postFilter.X filters as filter.X does, ANDed with it when both are given
  for (const [param, field] of Object.entries(FILTER_PARAMS)) {
    const vals = values(p, param.replace(/^filter\./, 'postFilter.'));
    if (vals.length) parts.push(group(field, vals));
  }
  if (!parts.length) return term;
  return [term ? `(${term})` : null, ...parts].filter(Boolean).join(' ');
}

function group(field: string, vals: string[]): string {
  const q = vals.map((v) => `"${v.replace(/"/g, '')}"`);
  return q.length === 1 ? `${field}:${q[0]}` : `${field}:(${q.join(' OR ')})`;
}

/** The same request as one query-language string (for `export --query`). */
export function toQueryString(p: RawParams): string | null {
  const parts: string[] = [];
  const term = termWithScoped(p);
  if (term) parts.push(`(${term})`);
  const scoped: [string, string][] = [['query.cond', 'cond'], ['query.intr', 'intr'], ['query.titles', 'title']];
  for (const [param, field] of scoped) {
    const v = one(p, param);
    if (v) parts.push(`${field}:(${v})`);
  }
  for (const [param, field] of Object.entries(FILTER_PARAMS)) {
    const vals = values(p, param);
    if (vals.length) parts.push(group(field, vals));
  }
  return parts.length ? parts.join(' ') : null;
}

/** Query string of a request with some parameters replaced (null removes). */
export function withParams(p: RawParams, changes: Record<string, string | string[] | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (k in changes || v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}
