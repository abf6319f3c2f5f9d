/**
 * The SQLite implementation of SearchBackend (src/search/types.ts): an FTS5 table over the text columns
 * (bm25 ranking, titles weighted), a documents table with the facet columns, and a values table for
 * multi-valued facets (countries, cell sources, cell types). Plans compile to one parameterised SQL query.
 * Tables are prefixed `search_`; the better-sqlite3 handle comes from SqliteStore.db.
 */
import type { Database, Statement } from 'better-sqlite3';
import { writeTransaction } from './write.js';
import {
  TEXT_COLUMNS, TEXT_WEIGHTS, type Count, type Facet, type PlanNode, type SearchBackend, type SearchDoc,
  type SearchPlan, type SearchResult, type StatsBy, type StudyHit, type TextColumn,
} from '../../search/types.js';
import { leafMatch, stemColumn, stemmedText } from '../../search/terms.js';
import { SearchPool, type PoolOptions } from './search-pool.js';
import {
  MATCH_COLUMNS, ORDER, countSql, positiveTextLeaves, toCounts, toHit, whereSql as sharedWhereSql, yearOf,
  type Sql, type SqlDialect, type TextLeaf,
} from '../search-sql.js';

/** The FTS5 columns: every text column as written, then its stemmed twin (src/search/terms.ts). */
const FTS_COLUMNS = [...TEXT_COLUMNS, ...TEXT_COLUMNS.map(stemColumn)];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_docs (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, study_id TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
  registry TEXT, status TEXT, phase TEXT, study_type TEXT, allocation TEXT, masking TEXT,
  reg_date TEXT, reg_year INTEGER, last_update TEXT, min_age REAL, max_age REAL, sex TEXT, summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_docs_study ON search_docs(study_id);
CREATE INDEX IF NOT EXISTS search_docs_reg ON search_docs(reg_date);
CREATE TABLE IF NOT EXISTS search_values (rid INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS search_values_fv ON search_values(facet, value COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS search_values_rid ON search_values(rid);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(${FTS_COLUMNS.join(', ')}, tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
`;

/** bm25 weights: a stemmed twin weighs as its column. */
const BM25 = `bm25(search_fts, ${[...TEXT_COLUMNS, ...TEXT_COLUMNS].map((c) => TEXT_WEIGHTS[c]).join(', ')})`;

/** One FTS5 string literal: the user's words, quoted so no FTS5 syntax can leak in. */
function ftsString(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

/** A text term as FTS5: its words as a phrase (`"a" + "b" *`), on its column or every column, as written or stemmed. */
function ftsLeaf(n: TextLeaf): string {
  const { stemmed, words } = leafMatch(n);
  const body = words.length ? words.map((w) => ftsString(w.word) + (w.prefix ? ' *' : '')).join(' + ') : '""';
  const col = (c: TextColumn) => (stemmed ? stemColumn(c) : c);
  return `{${(n.column ? [n.column] : TEXT_COLUMNS).map(col).join(' ')}} : ${body}`;
}

/** The subtree as one FTS5 expression when it holds only text terms (NOT only inside an AND with a positive term). */
export function toFts(n: PlanNode): string | null {
  switch (n.kind) {
    case 'text': return ftsLeaf(n);
    case 'filter': case 'not': return null;
    case 'or': {
      const parts = n.children.map(toFts);
      return parts.every((p) => p !== null) ? parts.map((p) => `(${p})`).join(' OR ') : null;
    }
    case 'and': {
      const pos = n.children.filter((c) => c.kind !== 'not').map(toFts);
      const neg = n.children.filter((c): c is Extract<PlanNode, { kind: 'not' }> => c.kind === 'not').map((c) => toFts(c.child));
      if (pos.length === 0 || pos.some((p) => p === null) || neg.some((p) => p === null)) return null;
      return pos.map((p) => `(${p})`).join(' AND ') + neg.map((p) => ` NOT (${p})`).join('');
    }
  }
}

/** Positive text terms (not under NOT), ORed: what relevance is scored on. */
export function rankExpression(n: PlanNode | null): string | null {
  const leaves = positiveTextLeaves(n).map(ftsLeaf);
  return leaves.length ? leaves.map((l) => `(${l})`).join(' OR ') : null;
}

/** FTS5 answers every subtree of text terms (and/or/text) with one MATCH. */
const SQLITE: SqlDialect = {
  text(n) {
    const fts = n.kind === 'text' || n.kind === 'and' || n.kind === 'or' ? toFts(n) : null;
    return fts === null ? null : { sql: 'd.rid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)', params: [fts] };
  },
  equalsIgnoreCase: (expr) => `${expr} = ? COLLATE NOCASE`,
  true: '1',
};

/** A plan's condition as SQL over `search_docs d`. */
export function whereSql(n: PlanNode | null): Sql {
  return sharedWhereSql(n, SQLITE);
}

/** Matching registrations with their score (`m`), as a CTE. */
function matchesCte(plan: SearchPlan): Sql {
  const fts = plan.where ? toFts(plan.where) : null;
  if (fts !== null) {
    // text only: one MATCH both selects and ranks
    return {
      sql: `WITH m AS (SELECT d.*, -${BM25} AS score FROM search_fts JOIN search_docs d ON d.rid = search_fts.rowid WHERE search_fts MATCH ?)`,
      params: [fts],
    };
  }
  const where = whereSql(plan.where);
  const rank = rankExpression(plan.where);
  if (!rank) {
    return { sql: `WITH m AS (SELECT d.*, 0.0 AS score FROM search_docs d WHERE ${where.sql})`, params: where.params };
  }
  return {
    sql: `WITH r AS MATERIALIZED (SELECT rowid AS rid, ${BM25} AS score FROM search_fts WHERE search_fts MATCH ?),
      m AS (SELECT d.*, COALESCE(-r.score, 0.0) AS score FROM search_docs d LEFT JOIN r ON r.rid = d.rid WHERE ${where.sql})`,
    params: [rank, ...where.params],
  };
}


/** FTS5 reports malformed MATCH input as an SQLite error; turn it into a message about the query. */
function explainFtsError(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  if (/fts5|MATCH/i.test(msg)) throw Object.assign(new Error(`search: the query could not be run (${msg})`), { name: 'QueryError' });
  throw e;
}

export class SqliteSearch implements SearchBackend {
  private readonly del: Statement;
  private readonly delFts: Statement;
  private readonly delValues: Statement;
  private readonly findRid: Statement;
  private readonly insDoc: Statement;
  private readonly insFts: Statement;
  private readonly insValue: Statement;
  private readonly members: Statement;

  private rebuild = false;
  private pool: SearchPool | null = null;

  constructor(private readonly db: Database, opts: { readOnly?: boolean } = {}) {
    if (opts.readOnly) {
      // a search worker's read-only connection (./search-worker.ts): the server creates and writes the tables; the
      // write statements are never run here, so they only point at the one read statement instead of being prepared
      db.pragma('temp_store = MEMORY');
      this.members = db.prepare('SELECT id, is_primary, summary FROM search_docs WHERE study_id = ? ORDER BY is_primary DESC, id');
      this.findRid = this.del = this.delFts = this.delValues = this.insDoc = this.insFts = this.insValue = this.members;
      return;
    }
    const cols = (db.prepare("SELECT name FROM pragma_table_info('search_fts')").all() as { name: string }[]).map((r) => r.name);
    if (cols.length && cols.join() !== FTS_COLUMNS.join()) {
      // an index of an older layout (before the stemmed twins): empty it; the store re-indexes on first use
      db.exec('DROP TABLE IF EXISTS search_fts; DROP TABLE IF EXISTS search_values; DROP TABLE IF EXISTS search_docs;');
      this.rebuild = true;
    }
    db.exec(SCHEMA);
    db.pragma('temp_store = MEMORY');
    this.members = db.prepare('SELECT id, is_primary, summary FROM search_docs WHERE study_id = ? ORDER BY is_primary DESC, id');
    this.findRid = db.prepare('SELECT rid FROM search_docs WHERE id = ?');
    this.del = db.prepare('DELETE FROM search_docs WHERE rid = ?');
    this.delFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    this.delValues = db.prepare('DELETE FROM search_values WHERE rid = ?');
    this.insDoc = db.prepare(`INSERT INTO search_docs (id, study_id, is_primary, registry, status, phase, study_type, allocation, masking,
      reg_date, reg_year, last_update, min_age, max_age, sex, summary) VALUES (@id, @studyId, @primary, @registry, @status, @phase,
      @studyType, @allocation, @masking, @registrationDate, @year, @lastUpdate, @minAgeYears, @maxAgeYears, @sex, @summary)`);
    this.insFts = db.prepare(`INSERT INTO search_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ${FTS_COLUMNS.map(() => '?').join(', ')})`);
    this.insValue = db.prepare('INSERT INTO search_values (rid, facet, value) VALUES (?, ?, ?)');
  }

  private removeOne(id: string): void {
    const row = this.findRid.get(id) as { rid: number } | undefined;
    if (!row) return;
    this.delFts.run(row.rid);
    this.delValues.run(row.rid);
    this.del.run(row.rid);
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    await writeTransaction(this.db, () => {
      for (const d of docs) {
        this.removeOne(d.id);
        const year = yearOf(d.registrationDate);
        const info = this.insDoc.run({ ...d, primary: d.primary ? 1 : 0, year, summary: JSON.stringify(d.summary) });
        const rid = Number(info.lastInsertRowid);
        this.insFts.run(rid, ...TEXT_COLUMNS.map((c) => d.text[c]), ...TEXT_COLUMNS.map((c) => stemmedText(d.text[c])));
        for (const v of d.countries) this.insValue.run(rid, 'country', v);
        for (const v of d.cellSources) this.insValue.run(rid, 'cellSource', v);
        for (const v of d.cellTypes) this.insValue.run(rid, 'cellType', v);
      }
    });
  }

  async remove(ids: string[]): Promise<void> {
    await writeTransaction(this.db, () => ids.forEach((id) => this.removeOne(id)));
  }

  async studyMembers(studyId: string): Promise<string[]> {
    return (this.db.prepare('SELECT id FROM search_docs WHERE study_id = ? ORDER BY is_primary DESC, id').all(studyId) as { id: string }[]).map((r) => r.id);
  }

  /**
   * Run searches, facets and stats in worker threads from now on (the server does: ./search-pool.ts), so one
   * query never holds the others and a query past `timeoutMs` is stopped. Only for a database in a file.
   */
  useWorkers(opts: PoolOptions = {}): boolean {
    const file = this.db.name;
    if (this.pool || this.db.memory || !file || file === ':memory:') return !!this.pool;
    this.pool = new SearchPool(file, opts);
    return true;
  }

  async closeWorkers(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.close();
  }

  async needsRebuild(): Promise<boolean> {
    const r = this.rebuild;
    this.rebuild = false;
    return r;
  }

  async size(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM search_docs').get() as { n: number }).n;
  }

  /**
   * Run `fn` with the plan's matches materialised once in temp.search_m (rid, study_id, dates, score and the
   * facet columns), so the page, the total and every facet read the same small table. Synchronous from
   * CREATE to DROP: no other request can interleave on this connection.
   */
  private withMatches<T>(plan: SearchPlan, fn: () => T): T {
    const cte = matchesCte(plan);
    try {
      this.db.exec('DROP TABLE IF EXISTS temp.search_m');
      this.db.exec(`CREATE TEMP TABLE search_m (rid INTEGER PRIMARY KEY, id TEXT, study_id TEXT, reg_date TEXT, reg_year INTEGER,
        last_update TEXT, score REAL, status TEXT, phase TEXT, study_type TEXT, registry TEXT, allocation TEXT, masking TEXT)`);
      this.db.prepare(`INSERT INTO temp.search_m ${cte.sql} SELECT ${MATCH_COLUMNS} FROM m`)
        .run(...cte.params);
      return fn();
    } catch (e) {
      return explainFtsError(e);
    } finally {
      this.db.exec('DROP TABLE IF EXISTS temp.search_m');
    }
  }

  async search(plan: SearchPlan, page: { offset: number; limit: number }, facets?: { names: readonly Facet[]; limit: number }): Promise<SearchResult> {
    if (this.pool) return this.pool.run('search', [plan, page, facets]);
    return this.withMatches(plan, () => {
      const total = (this.db.prepare('SELECT COUNT(DISTINCT study_id) AS n FROM temp.search_m').get() as { n: number }).n;
      const rows = this.db.prepare(`SELECT study_id, MAX(score) AS score, MIN(reg_date) AS reg, MAX(last_update) AS upd,
        json_group_array(id) AS ids FROM temp.search_m GROUP BY study_id ORDER BY ${ORDER[plan.sort]} LIMIT ? OFFSET ?`)
        .all(page.limit, page.offset) as { study_id: string; score: number; ids: string }[];
      const res: SearchResult = { total, hits: rows.map((r) => this.hit(r.study_id, JSON.parse(r.ids) as string[], r.score)) };
      if (facets) {
        res.facets = {} as Record<Facet, Count[]>;
        for (const f of facets.names) res.facets[f] = this.countMatches(f, 'study', facets.limit);
      }
      return res;
    });
  }

  private hit(studyId: string, matchedIds: string[], score: number): StudyHit {
    const members = this.members.all(studyId) as { id: string; is_primary: number; summary: string }[];
    return toHit(studyId, matchedIds, score, members.map((m) => ({ id: m.id, primary: m.is_primary === 1, summary: m.summary })));
  }

  /** Counts by one dimension over temp.search_m. */
  private countMatches(dim: string, unit: 'study' | 'registration', limit: number): Count[] {
    const q = countSql('temp.search_m', dim, unit, limit);
    return toCounts(this.db.prepare(q.sql).all(...q.params) as { value: unknown; count: unknown }[]);
  }

  async facets(plan: SearchPlan, names: readonly Facet[], limit: number): Promise<Record<Facet, Count[]>> {
    if (this.pool) return this.pool.run('facets', [plan, names, limit]);
    return this.withMatches(plan, () => {
      const out = {} as Record<Facet, Count[]>;
      for (const f of names) out[f] = this.countMatches(f, 'study', limit);
      return out;
    });
  }

  async stats(by: StatsBy, plan?: SearchPlan): Promise<Count[]> {
    if (this.pool) return this.pool.run('stats', [by, plan]);
    return this.withMatches(plan ?? { where: null, sort: 'relevance' }, () => this.countMatches(by, 'registration', by === 'month' ? 10_000 : 500));
  }
}
