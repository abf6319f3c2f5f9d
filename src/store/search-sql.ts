/**
 * The SQL that the SQLite (./sqlite/search.ts) and PostgreSQL (./postgres/search.ts) search backends share:
 * plan filters → conditions over `search_docs d`, the boolean skeleton of a plan, the study ordering, the facet
 * and stats counts over a table of matches, and the shaping of a hit. SQL is written with `?` placeholders
 * (PostgreSQL numbers them: see `numbered`); what differs per dialect — how a text term is matched, how a value
 * is compared ignoring case — comes from a SqlDialect.
 */
import type { Count, DocSummary, FilterCond, PlanNode, SearchPlan, StudyHit } from '../search/types.js';
import { PHASE_ORDER, phasesMatching } from '../search/phases.js';

export interface Sql { sql: string; params: unknown[] }

export type TextLeaf = Extract<PlanNode, { kind: 'text' }>;

export interface SqlDialect {
  /**
   * SQL over `search_docs d` for a subtree the full-text index answers whole (at least every text leaf),
   * or null to compile the subtree node by node.
   */
  text(n: PlanNode): Sql | null;
  /** `expr` equals the next parameter, ignoring case */
  equalsIgnoreCase(expr: string): string;
  /** the always-true condition */
  readonly true: string;
}

/** Single-valued facet → its column in search_docs. */
export const COLUMN: Record<string, string> = {
  status: 'status', phase: 'phase', type: 'study_type', registry: 'registry', allocation: 'allocation', masking: 'masking', year: 'reg_year',
};
/** Multi-valued facet → its name in search_values. */
export const MULTI: Record<string, string> = { country: 'country', cellSource: 'cellSource', cellType: 'cellType' };

/** Registration year of a date (`YYYY…`), null without one. */
export function yearOf(date: string | null): number | null {
  return date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;
}

/** Positive text terms (not under NOT), in plan order: what relevance is scored on. */
export function positiveTextLeaves(n: PlanNode | null): TextLeaf[] {
  const leaves: TextLeaf[] = [];
  const walk = (x: PlanNode): void => {
    if (x.kind === 'text') leaves.push(x);
    else if (x.kind === 'and' || x.kind === 'or') x.children.forEach(walk);
  };
  if (n) walk(n);
  return leaves;
}

export function filterSql(c: FilterCond, dialect: SqlDialect): Sql {
  switch (c.field) {
    case 'year': return { sql: 'd.reg_year BETWEEN ? AND ?', params: [c.from, c.to] };
    // eligibility is judged per study: a limit stated by any of its registrations applies
    case 'age': return { sql: 'd.study_id NOT IN (SELECT study_id FROM search_docs WHERE min_age > ? OR max_age < ?)', params: [c.years, c.years] };
    case 'sex':
      return c.value === 'all'
        ? { sql: "d.study_id NOT IN (SELECT study_id FROM search_docs WHERE sex IS NOT NULL AND sex <> 'all')", params: [] }
        : { sql: "d.study_id NOT IN (SELECT study_id FROM search_docs WHERE sex IS NOT NULL AND sex NOT IN ('all', ?))", params: [c.value] };
    default: {
      const multi = MULTI[c.field];
      if (multi) {
        return c.value === null
          ? { sql: 'NOT EXISTS (SELECT 1 FROM search_values v WHERE v.rid = d.rid AND v.facet = ?)', params: [multi] }
          : { sql: `d.rid IN (SELECT rid FROM search_values WHERE facet = ? AND ${dialect.equalsIgnoreCase('value')})`, params: [multi, c.value] };
      }
      if (c.field === 'phase' && c.value !== null) {
        // a combined phase (1_2) is found by a filter on each of its phases (see src/search/phases.ts)
        const match = phasesMatching(c.value);
        return { sql: `d.phase IN (${match.map(() => '?').join(', ')})`, params: match };
      }
      const col = COLUMN[c.field]!;
      return c.value === null ? { sql: `d.${col} IS NULL`, params: [] } : { sql: `d.${col} = ?`, params: [c.value] };
    }
  }
}

/** A plan's condition as SQL over `search_docs d`. */
export function whereSql(n: PlanNode | null, dialect: SqlDialect): Sql {
  if (!n) return { sql: dialect.true, params: [] };
  const text = dialect.text(n);
  if (text !== null) return text;
  switch (n.kind) {
    case 'filter': return filterSql(n.cond, dialect);
    case 'not': {
      const inner = whereSql(n.child, dialect);
      return { sql: `NOT (${inner.sql})`, params: inner.params };
    }
    case 'text': throw new Error('search: the dialect left a text term uncompiled');
    case 'and': case 'or': {
      const parts = n.children.map((c) => whereSql(c, dialect));
      return { sql: parts.map((p) => `(${p.sql})`).join(n.kind === 'and' ? ' AND ' : ' OR '), params: parts.flatMap((p) => p.params) };
    }
  }
}

/** Study order of a result page, over (score, reg = first registration date, upd = last update, study_id). */
export const ORDER: Record<SearchPlan['sort'], string> = {
  relevance: 'score DESC, reg DESC NULLS LAST, study_id',
  date: 'reg DESC NULLS LAST, study_id',
  updated: 'upd DESC NULLS LAST, study_id',
};

/** The columns a table of matches holds (both backends materialise one per query). */
export const MATCH_COLUMNS = 'rid, id, study_id, reg_date, reg_year, last_update, score, status, phase, study_type, registry, allocation, masking';

/** Counts by one dimension over the matches in `table` (studies for facets, registrations for stats). */
export function countSql(table: string, dim: string, unit: 'study' | 'registration', limit: number): Sql {
  const count = unit === 'study' ? 'COUNT(DISTINCT m.study_id)' : 'COUNT(*)';
  const multi = MULTI[dim];
  if (multi) {
    return {
      sql: `SELECT v.value AS value, ${count} AS count FROM ${table} m JOIN search_values v ON v.rid = m.rid AND v.facet = ?
        GROUP BY v.value ORDER BY count DESC, value LIMIT ?`,
      params: [multi, limit],
    };
  }
  if (dim === 'phase' && unit === 'study') return phaseFacetSql(table, limit);
  if (dim === 'month') {
    return {
      sql: `SELECT substr(m.reg_date, 1, 7) AS value, ${count} AS count FROM ${table} m WHERE length(m.reg_date) >= 7
        GROUP BY value ORDER BY value LIMIT ?`,
      params: [limit],
    };
  }
  const col = COLUMN[dim]!;
  const order = dim === 'year' ? 'value DESC' : 'count DESC, value';
  return { sql: `SELECT m.${col} AS value, ${count} AS count FROM ${table} m GROUP BY m.${col} ORDER BY ${order} LIMIT ?`, params: [limit] };
}

/**
 * The phase facet: each value counts the studies its own filter finds (a 1_2 study under 1, 1_2 and 2), so a count
 * is what clicking it returns. Ties follow the phase order, unreported last, the same on both backends.
 */
function phaseFacetSql(table: string, limit: number): Sql {
  const parts: Sql[] = PHASE_ORDER.map((p, rank) => {
    const match = phasesMatching(p);
    return {
      sql: `SELECT CAST(? AS TEXT) AS value, ? AS rank, COUNT(DISTINCT m.study_id) AS count FROM ${table} m WHERE m.phase IN (${match.map(() => '?').join(', ')})`,
      params: [p, rank, ...match],
    };
  });
  parts.push({ sql: `SELECT NULL AS value, ? AS rank, COUNT(DISTINCT m.study_id) AS count FROM ${table} m WHERE m.phase IS NULL`, params: [PHASE_ORDER.length] });
  return {
    sql: `SELECT value, count FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) c WHERE count > 0 ORDER BY count DESC, rank LIMIT ?`,
    params: [...parts.flatMap((p) => p.params), limit],
  };
}

/** Count rows as the API gives them: values as strings (years too), counts as numbers. */
export function toCounts(rows: { value: unknown; count: unknown }[]): Count[] {
  return rows.map((c) => ({ value: c.value === null ? null : String(c.value), count: Number(c.count) }));
}

/** A study hit from its indexed members (primary first, then by id) and the registrations that matched. */
export function toHit(studyId: string, matchedIds: string[], score: number, members: { id: string; primary: boolean; summary: string }[]): StudyHit {
  const lead = members.find((m) => m.primary) ?? members.find((m) => m.id === matchedIds[0]) ?? members[0]!;
  return {
    studyId,
    registrationIds: members.map((m) => m.id),
    matchedIds,
    lead: JSON.parse(lead.summary) as DocSummary,
    score: Math.round(score * 1000) / 1000,
  };
}

/** `?` placeholders → PostgreSQL's `$1, $2…` (the shared SQL never holds a literal `?`). */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
