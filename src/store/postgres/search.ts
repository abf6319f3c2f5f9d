/**
 * The PostgreSQL implementation of SearchBackend (src/search/types.ts), the counterpart of ../sqlite/search.ts:
 * a documents table with the facet columns, one tsvector per text column (for `field:` terms) and their
 * concatenation weighted A–D (for unfielded terms and ranking with ts_rank_cd), and a values table for
 * multi-valued facets. Filters, the boolean skeleton, ordering and counts are the shared SQL of ../search-sql.ts.
 *
 * Text is tokenised here, in JS, the way SQLite's FTS5 unicode61 tokenizer does (letters and digits, case and
 * diacritics folded, anything else separates) before PostgreSQL sees it, under the `simple` configuration (no
 * stemming, no stop words): PostgreSQL's own parser would keep `CTRI/2020/04/024773` as one "file path" token and
 * split `COVID-19` into `covid-19`, `covid`, `-19`, so ids and hyphenated terms would match differently from SQLite.
 */
import type pg from 'pg';
import {
  TEXT_COLUMNS, TEXT_WEIGHTS, type Count, type Facet, type PlanNode, type SearchBackend, type SearchDoc,
  type SearchPlan, type SearchResult, type StatsBy, type StudyHit, type TextColumn,
} from '../../search/types.js';
import {
  MATCH_COLUMNS, ORDER, countSql, numbered, positiveTextLeaves, toCounts, toHit, whereSql as sharedWhereSql, yearOf,
  type Sql, type SqlDialect, type TextLeaf,
} from '../search-sql.js';
import { transaction, withSchemaLock } from './schema.js';

/** tsvector weight class of each text column; ts_rank_cd weighs the classes by WEIGHTS below. */
const CLASS: Record<TextColumn, 'A' | 'B' | 'C' | 'D'> = {
  title: 'A', ids: 'A', conditions: 'B', interventions: 'B', description: 'C', sponsors: 'C', outcomes: 'D', eligibility: 'D',
};

/** The strongest of TEXT_WEIGHTS: ts_rank_cd takes weights up to 1, so they are divided by it and the score multiplied. */
const TOP_WEIGHT = Math.max(...TEXT_COLUMNS.map((c) => TEXT_WEIGHTS[c]));

/** ts_rank_cd weights {D, C, B, A}: the strongest TEXT_WEIGHTS of each class, relative to the strongest overall. */
export const WEIGHTS: number[] = (['D', 'C', 'B', 'A'] as const).map((k) =>
  Math.max(...TEXT_COLUMNS.filter((c) => CLASS[c] === k).map((c) => TEXT_WEIGHTS[c])) / TOP_WEIGHT);

const tsv = (c: TextColumn) => `t_${c}`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_docs (
  rid integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text COLLATE "C" NOT NULL UNIQUE, study_id text COLLATE "C" NOT NULL,
  is_primary boolean NOT NULL DEFAULT false, registry text COLLATE "C", status text COLLATE "C", phase text COLLATE "C",
  study_type text COLLATE "C", allocation text COLLATE "C", masking text COLLATE "C", reg_date text COLLATE "C", reg_year integer,
  last_update text COLLATE "C", min_age double precision, max_age double precision, sex text COLLATE "C", summary text NOT NULL,
  ${TEXT_COLUMNS.map((c) => `${tsv(c)} tsvector NOT NULL`).join(', ')},
  tsv tsvector GENERATED ALWAYS AS (${TEXT_COLUMNS.map((c) => `setweight(${tsv(c)}, '${CLASS[c]}')`).join(' || ')}) STORED
);
CREATE INDEX IF NOT EXISTS search_docs_study ON search_docs(study_id);
CREATE INDEX IF NOT EXISTS search_docs_reg ON search_docs(reg_date);
CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING gin (tsv);
${(['title', 'conditions', 'interventions', 'ids'] as const).map((c) => `CREATE INDEX IF NOT EXISTS search_docs_${tsv(c)} ON search_docs USING gin (${tsv(c)});`).join('\n')}
CREATE TABLE IF NOT EXISTS search_values (
  rid integer NOT NULL REFERENCES search_docs(rid) ON DELETE CASCADE, facet text COLLATE "C" NOT NULL, value text COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS search_values_fv ON search_values(facet, lower(value));
CREATE INDEX IF NOT EXISTS search_values_rid ON search_values(rid);
`;

/** Words of a text as FTS5's unicode61 tokenizer (remove_diacritics) sees them: lower case, no diacritics. */
export function ftsWords(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean)
    .map((w) => w.normalize('NFC'));
}

/** A text as the words PostgreSQL's parser will take one by one (each becomes one lexeme under `simple`). */
export function ftsText(text: string): string {
  return ftsWords(text).join(' ');
}

/** A term as tsquery text: its words in sequence (`<->`, as FTS5 matches a quoted string), the last one a prefix when asked. */
export function tsqueryText(n: TextLeaf, weighted = false): string | null {
  const words = ftsWords(n.value);
  if (words.length === 0) return null;
  const cls = weighted && n.column ? CLASS[n.column] : '';
  return words.map((w, i) => `'${w.replace(/'/g, "''")}'${n.prefix && i === words.length - 1 ? `:*${cls}` : cls ? `:${cls}` : ''}`).join(' <-> ');
}

const PG: SqlDialect = {
  text(n) {
    if (n.kind !== 'text') return null;
    const q = tsqueryText(n);
    // a term without a single word (`*`, `"}"`) matches nothing, as an empty FTS5 string does
    if (q === null) return { sql: 'FALSE', params: [] };
    return { sql: `d.${n.column ? tsv(n.column) : 'tsv'} @@ to_tsquery('simple', ?)`, params: [q] };
  },
  equalsIgnoreCase: (expr) => `lower(${expr}) = lower(?)`,
  true: 'TRUE',
};

/** A plan's condition as SQL (`?` placeholders) over `search_docs d`. */
export function whereSql(n: PlanNode | null): Sql {
  return sharedWhereSql(n, PG);
}

/**
 * FTS5's bm25 idf of a term found in `n` of `total` documents (never below 1e-6, as FTS5 clamps it): a term in
 * most documents (`covid` in a COVID register) adds almost nothing to the score, a rare one a lot.
 */
export function idf(n: number, total: number): number {
  return Math.max(Math.log((total - n + 0.5) / (n + 0.5)), 1e-6);
}

/**
 * The relevance of `d`: for each positive term (fielded ones restricted to their column's weight class),
 * ts_rank_cd (length-normalised, classes weighted by WEIGHTS) times the term's idf, summed and brought to TEXT_WEIGHTS'
 * scale — bm25's shape,
 * with ts_rank_cd standing in for its term-frequency part. `idfs` follows positiveTextLeaves' order.
 */
export function scoreSql(n: PlanNode | null, idfs: number[]): Sql {
  const parts: Sql[] = [];
  positiveTextLeaves(n).forEach((l, i) => {
    const q = tsqueryText(l, true);
    if (q !== null) parts.push({ sql: `ts_rank_cd('{${WEIGHTS.join(',')}}'::float4[], d.tsv, to_tsquery('simple', ?), 1) * ?`, params: [q, idfs[i] ?? 1] });
  });
  if (parts.length === 0) return { sql: '0.0::float8', params: [] };
  return { sql: `((${parts.map((p) => p.sql).join(' + ')}) * ${TOP_WEIGHT})::float8`, params: parts.flatMap((p) => p.params) };
}

/** The idf of each positive term of the plan, from the documents that match it. */
async function termIdfs(c: pg.PoolClient, n: PlanNode | null): Promise<number[]> {
  const leaves = positiveTextLeaves(n);
  if (leaves.length === 0) return [];
  const total = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM search_docs')).rows[0]!.n;
  const out: number[] = [];
  for (const leaf of leaves) {
    const w = whereSql(leaf);
    const found = (await c.query<{ n: number }>(numbered(`SELECT count(*)::int AS n FROM search_docs d WHERE ${w.sql}`), w.params)).rows[0]!.n;
    out.push(idf(found, total));
  }
  return out;
}

/** A tsquery the server could not run (a word too long…) is a problem with the query, not a crash. */
function explainTsError(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  if (/tsquery|tsvector|word is too long/i.test(msg)) throw Object.assign(new Error(`search: the query could not be run (${msg})`), { name: 'QueryError' });
  throw e;
}

const NUL = /\u0000/g;

export class PgSearch implements SearchBackend {
  private ready: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  /** Create the index's tables once per backend (idempotent, under the schema lock). */
  private schema(): Promise<void> {
    this.ready ??= withSchemaLock(this.pool, async (c) => { await c.query(SCHEMA); }).catch((e: unknown) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.schema();
    return transaction(this.pool, fn);
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    const cols = TEXT_COLUMNS.map(tsv).join(', ');
    const texts = TEXT_COLUMNS.map((_, i) => `to_tsvector('simple', $${17 + i})`).join(', ');
    await this.tx(async (c) => {
      for (const d of docs) {
        await c.query('DELETE FROM search_docs WHERE id = $1', [d.id]);
        const r = await c.query<{ rid: number }>(`INSERT INTO search_docs (id, study_id, is_primary, registry, status, phase, study_type,
          allocation, masking, reg_date, reg_year, last_update, min_age, max_age, sex, summary, ${cols})
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, ${texts}) RETURNING rid`, [
          d.id, d.studyId, d.primary, d.registry, d.status, d.phase, d.studyType, d.allocation, d.masking,
          d.registrationDate, yearOf(d.registrationDate), d.lastUpdate, d.minAgeYears, d.maxAgeYears, d.sex, JSON.stringify(d.summary),
          ...TEXT_COLUMNS.map((col) => ftsText(d.text[col])),
        ]);
        const facets: string[] = [];
        const values: string[] = [];
        const add = (facet: string, vs: string[]) => vs.forEach((v) => { facets.push(facet); values.push(v.replace(NUL, '')); });
        add('country', d.countries);
        add('cellSource', d.cellSources);
        add('cellType', d.cellTypes);
        if (values.length) {
          await c.query('INSERT INTO search_values (rid, facet, value) SELECT $1, * FROM unnest($2::text[], $3::text[])', [r.rows[0]!.rid, facets, values]);
        }
      }
    });
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.tx(async (c) => { await c.query('DELETE FROM search_docs WHERE id = ANY($1::text[])', [ids]); });
  }

  async studyMembers(studyId: string): Promise<string[]> {
    await this.schema();
    return (await this.pool.query<{ id: string }>('SELECT id FROM search_docs WHERE study_id = $1 ORDER BY is_primary DESC, id', [studyId])).rows.map((r) => r.id);
  }

  async size(): Promise<number> {
    await this.schema();
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM search_docs')).rows[0]!.n;
  }

  /**
   * Run `fn` with the plan's matches materialised once in a temporary search_m (dropped at commit), so the page,
   * the total and every facet read the same rows in one transaction on one connection.
   */
  private async withMatches<T>(plan: SearchPlan, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const where = whereSql(plan.where);
    try {
      return await this.tx(async (c) => {
        const score = scoreSql(plan.where, await termIdfs(c, plan.where));
        await c.query(`CREATE TEMP TABLE search_m (rid integer PRIMARY KEY, id text COLLATE "C", study_id text COLLATE "C",
          reg_date text COLLATE "C", reg_year integer, last_update text COLLATE "C", score float8, status text COLLATE "C",
          phase text COLLATE "C", study_type text COLLATE "C", registry text COLLATE "C", allocation text COLLATE "C",
          masking text COLLATE "C") ON COMMIT DROP`);
        await c.query(numbered(`INSERT INTO search_m SELECT ${MATCH_COLUMNS} FROM
          (SELECT d.*, ${score.sql} AS score FROM search_docs d WHERE ${where.sql}) m`), [...score.params, ...where.params]);
        return fn(c);
      });
    } catch (e) {
      return explainTsError(e);
    }
  }

  async search(plan: SearchPlan, page: { offset: number; limit: number }, facets?: { names: readonly Facet[]; limit: number }): Promise<SearchResult> {
    return this.withMatches(plan, async (c) => {
      const total = (await c.query<{ n: number }>('SELECT COUNT(DISTINCT study_id)::int AS n FROM search_m')).rows[0]!.n;
      const rows = (await c.query<{ study_id: string; score: number; ids: string[] }>(`SELECT study_id, MAX(score) AS score,
        MIN(reg_date) AS reg, MAX(last_update) AS upd, array_agg(id ORDER BY rid) AS ids FROM search_m GROUP BY study_id
        ORDER BY ${ORDER[plan.sort]} LIMIT $1 OFFSET $2`, [page.limit, page.offset])).rows;
      const hits: StudyHit[] = [];
      for (const r of rows) hits.push(await this.hit(c, r.study_id, r.ids, r.score));
      const res: SearchResult = { total, hits };
      if (facets) {
        res.facets = {} as Record<Facet, Count[]>;
        for (const f of facets.names) res.facets[f] = await this.countMatches(c, f, 'study', facets.limit);
      }
      return res;
    });
  }

  private async hit(c: pg.PoolClient, studyId: string, matchedIds: string[], score: number): Promise<StudyHit> {
    const members = (await c.query<{ id: string; is_primary: boolean; summary: string }>(
      'SELECT id, is_primary, summary FROM search_docs WHERE study_id = $1 ORDER BY is_primary DESC, id', [studyId])).rows;
    return toHit(studyId, matchedIds, score, members.map((m) => ({ id: m.id, primary: m.is_primary, summary: m.summary })));
  }

  /** Counts by one dimension over search_m. */
  private async countMatches(c: pg.PoolClient, dim: string, unit: 'study' | 'registration', limit: number): Promise<Count[]> {
    const q = countSql('search_m', dim, unit, limit);
    return toCounts((await c.query<{ value: unknown; count: unknown }>(numbered(q.sql), q.params)).rows);
  }

  async facets(plan: SearchPlan, names: readonly Facet[], limit: number): Promise<Record<Facet, Count[]>> {
    return this.withMatches(plan, async (c) => {
      const out = {} as Record<Facet, Count[]>;
      for (const f of names) out[f] = await this.countMatches(c, f, 'study', limit);
      return out;
    });
  }

  async stats(by: StatsBy, plan?: SearchPlan): Promise<Count[]> {
    return this.withMatches(plan ?? { where: null, sort: 'relevance' }, (c) => this.countMatches(c, by, 'registration', by === 'month' ? 10_000 : 500));
  }
}
