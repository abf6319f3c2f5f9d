/**
 * The PostgreSQL implementation of SearchBackend (src/search/types.ts), the counterpart of ../sqlite/search.ts:
 * a documents table with the facet columns, one tsvector per text column (for `field:` terms and term frequencies)
 * and their concatenation weighted A–D (GIN-indexed, for unfielded terms), and a values table for multi-valued
 * facets. Filters, the boolean skeleton, ordering and counts are the shared SQL of ../search-sql.ts.
 *
 * Ranking is FTS5's bm25 computed in SQL (see scoreSql), with the same column weights (TEXT_WEIGHTS), so a
 * query ranks its studies in the same order, with the same scores, on both backends; ts_rank_cd has no idf and
 * would put trials that say "covid" fifty times first in a COVID register.
 *
 * Text is tokenised here, in JS, the way SQLite's FTS5 unicode61 tokenizer does (letters and digits, case and
 * diacritics folded, anything else separates) before PostgreSQL sees it, and stemmed here with the same Porter
 * stemmer for the `_s` twin of each column (src/search/terms.ts), under the `simple` configuration (no further
 * stemming, no stop words): PostgreSQL's `english` configuration is a different stemmer (Snowball) with stop words, and PostgreSQL's own parser would keep `CTRI/2020/04/024773` as one "file path" token and
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
import { SearchTimeoutError } from '../../search/query.js';
import { indexWords, leafMatch, stemColumn, stemWords } from '../../search/terms.js';

/** tsvector weight class of each text column in the combined `tsv` (titles and ids A … outcomes and eligibility D). */
const CLASS: Record<TextColumn, 'A' | 'B' | 'C' | 'D'> = {
  title: 'A', ids: 'A', conditions: 'B', interventions: 'B', description: 'C', sponsors: 'C', outcomes: 'D', eligibility: 'D',
};

/** FTS5's bm25 constants. */
const K1 = 1.2;
const B = 0.75;

const tsv = (c: TextColumn | ReturnType<typeof stemColumn>) => `t_${c}`;
/** The tsvector columns a term is matched on: its column (or all) as written, or their stemmed twins. */
const termColumns = (n: TextLeaf, stemmed: boolean) => (n.column ? [n.column] : [...TEXT_COLUMNS])
  .map((c) => ({ name: tsv(stemmed ? stemColumn(c) : c), weight: TEXT_WEIGHTS[c] }));

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_docs (
  rid integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text COLLATE "C" NOT NULL UNIQUE, study_id text COLLATE "C" NOT NULL,
  is_primary boolean NOT NULL DEFAULT false, registry text COLLATE "C", status text COLLATE "C", phase text COLLATE "C",
  study_type text COLLATE "C", allocation text COLLATE "C", masking text COLLATE "C", reg_date text COLLATE "C", reg_year integer,
  last_update text COLLATE "C", min_age double precision, max_age double precision, sex text COLLATE "C", summary text NOT NULL,
  -- tokens over all text columns, as FTS5 counts them (bm25's document length)
  ntok integer NOT NULL,
  ${TEXT_COLUMNS.map((c) => `${tsv(c)} tsvector NOT NULL, ${tsv(stemColumn(c))} tsvector NOT NULL`).join(', ')},
  tsv tsvector GENERATED ALWAYS AS (${TEXT_COLUMNS.map((c) => `setweight(${tsv(c)}, '${CLASS[c]}')`).join(' || ')}) STORED,
  tsv_s tsvector GENERATED ALWAYS AS (${TEXT_COLUMNS.map((c) => `setweight(${tsv(stemColumn(c))}, '${CLASS[c]}')`).join(' || ')}) STORED
);
CREATE INDEX IF NOT EXISTS search_docs_study ON search_docs(study_id);
CREATE INDEX IF NOT EXISTS search_docs_reg ON search_docs(reg_date);
CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX IF NOT EXISTS search_docs_tsv_s ON search_docs USING gin (tsv_s);
${(['title', 'conditions', 'interventions', 'ids', 'title_s', 'conditions_s', 'interventions_s'] as const).map((c) => `CREATE INDEX IF NOT EXISTS search_docs_${tsv(c)} ON search_docs USING gin (${tsv(c)});`).join('\n')}
CREATE TABLE IF NOT EXISTS search_values (
  rid integer NOT NULL REFERENCES search_docs(rid) ON DELETE CASCADE, facet text COLLATE "C" NOT NULL, value text COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS search_values_fv ON search_values(facet, lower(value));
CREATE INDEX IF NOT EXISTS search_values_rid ON search_values(rid);
`;

/** Words of a text as FTS5's unicode61 tokenizer (remove_diacritics) sees them (src/search/terms.ts). */
export const ftsWords = indexWords;

/** A term as tsquery text: its (stemmed) words in sequence (`<->`, as FTS5 matches a phrase), truncated words as prefixes. */
export function tsqueryText(n: TextLeaf): string | null {
  const { words } = leafMatch(n);
  if (words.length === 0) return null;
  return words.map((w) => `'${w.word.replace(/'/g, "''")}'${w.prefix ? ':*' : ''}`).join(' <-> ');
}

const PG: SqlDialect = {
  text(n) {
    if (n.kind !== 'text') return null;
    const q = tsqueryText(n);
    // a term without a single word (`*`, `"}"`) matches nothing, as an empty FTS5 string does
    if (q === null) return { sql: 'FALSE', params: [] };
    const { stemmed } = leafMatch(n);
    const cols = termColumns(n, stemmed);
    if (n.column) return { sql: `d.${cols[0]!.name} @@ to_tsquery('simple', ?)`, params: [q] };
    // the combined tsv (indexed) finds candidates; a phrase must then lie within one column, as in FTS5
    // (concatenated tsvectors put the last word of one column next to the first of the next)
    const all = stemmed ? 'd.tsv_s' : 'd.tsv';
    if (!q.includes('<->')) return { sql: `${all} @@ to_tsquery('simple', ?)`, params: [q] };
    return {
      sql: `(${all} @@ to_tsquery('simple', ?) AND (${cols.map((c) => `d.${c.name} @@ to_tsquery('simple', ?)`).join(' OR ')}))`,
      params: [q, ...cols.map(() => q)],
    };
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

/** How many times the term occurs in tsvector column `col` of `d`: positions of its first word followed by the others in order. */
function occurrencesSql(leaf: TextLeaf, col: string): Sql {
  const { words } = leafMatch(leaf);
  const lexeme = (i: number): Sql => (words[i]!.prefix
    ? { sql: 'LIKE ?', params: [`${words[i]!.word}%`] } // words hold only letters and digits: no LIKE wildcard in them
    : { sql: '= ?', params: [words[i]!.word] });
  const next = words.slice(1).map((_, j) => {
    const l = lexeme(j + 1);
    return { sql: ` AND EXISTS (SELECT 1 FROM unnest(d.${col}) u${j + 1} WHERE u${j + 1}.lexeme ${l.sql} AND p + ${j + 1} = ANY (u${j + 1}.positions))`, params: l.params };
  });
  const first = lexeme(0);
  return {
    sql: `(SELECT count(*) FROM unnest(d.${col}) u0, unnest(u0.positions) p WHERE u0.lexeme ${first.sql}${next.map((x) => x.sql).join('')})`,
    params: [...first.params, ...next.flatMap((x) => x.params)],
  };
}

/** What bm25 needs of the whole index: the number of documents, their mean length, each positive term's idf. */
interface Corpus { avgTokens: number; idfs: number[] }

/**
 * The relevance of `d`: FTS5's bm25 (negated, higher is better) over the plan's positive terms. For each term,
 * f = Σ over the columns it may match of TEXT_WEIGHTS[column] × occurrences, and the score adds
 * idf × f × (k1 + 1) / (f + k1 × (1 − b + b × tokens / mean tokens)). `corpus.idfs` follows positiveTextLeaves.
 */
export function scoreSql(n: PlanNode | null, corpus: Corpus): Sql {
  const parts: Sql[] = [];
  positiveTextLeaves(n).forEach((leaf, i) => {
    const q = tsqueryText(leaf);
    if (q === null) return;
    const freq = termColumns(leaf, leafMatch(leaf).stemmed).map((col) => {
      const occ = occurrencesSql(leaf, col.name);
      return { sql: `CASE WHEN d.${col.name} @@ to_tsquery('simple', ?) THEN ?::float8 * ${occ.sql} ELSE 0 END`, params: [q, col.weight, ...occ.params] };
    });
    parts.push({
      sql: `(SELECT CASE WHEN f = 0 THEN 0 ELSE ?::float8 * f * ${K1 + 1} / (f + ${K1} * (${1 - B} + ${B} * d.ntok / ?::float8)) END
        FROM (SELECT (${freq.map((x) => x.sql).join(' + ')})::float8 AS f) x)`,
      params: [corpus.idfs[i] ?? 1e-6, Math.max(corpus.avgTokens, 1e-9), ...freq.flatMap((x) => x.params)],
    });
  });
  if (parts.length === 0) return { sql: '0.0::float8', params: [] };
  return { sql: `(${parts.map((p) => p.sql).join(' + ')})::float8`, params: parts.flatMap((p) => p.params) };
}

/** Document count, mean length and the idf of each positive term (counting the documents it matches, as FTS5 does). */
async function corpusOf(c: pg.PoolClient, n: PlanNode | null): Promise<Corpus> {
  const leaves = positiveTextLeaves(n);
  if (leaves.length === 0) return { avgTokens: 0, idfs: [] };
  const all = (await c.query<{ n: number; avg: number | null }>('SELECT count(*)::int AS n, avg(ntok)::float8 AS avg FROM search_docs')).rows[0]!;
  const idfs: number[] = [];
  for (const leaf of leaves) {
    const w = whereSql(leaf);
    const found = (await c.query<{ n: number }>(numbered(`SELECT count(*)::int AS n FROM search_docs d WHERE ${w.sql}`), w.params)).rows[0]!.n;
    idfs.push(idf(found, all.n));
  }
  return { avgTokens: all.avg ?? 0, idfs };
}

/** The longest one search may run on the server (statement_timeout of its transaction). */
export const SEARCH_TIMEOUT_MS = 15_000;

/** A tsquery the server could not run (a word too long…) is a problem with the query, not a crash; a timeout is a 503. */
function explainTsError(e: unknown): never {
  if ((e as { code?: string })?.code === '57014') throw new SearchTimeoutError(SEARCH_TIMEOUT_MS / 1000);
  const msg = e instanceof Error ? e.message : String(e);
  if (/tsquery|tsvector|word is too long/i.test(msg)) throw Object.assign(new Error(`search: the query could not be run (${msg})`), { name: 'QueryError' });
  throw e;
}

const NUL = /\u0000/g;

export class PgSearch implements SearchBackend {
  private ready: Promise<void> | null = null;
  private rebuild = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Create the index's tables once per backend (idempotent, under the schema lock). */
  private schema(): Promise<void> {
    this.ready ??= withSchemaLock(this.pool, async (c) => {
      const old = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'search_docs'
        AND column_name = 't_title'`);
      const current = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'search_docs'
        AND column_name = 'tsv_s'`);
      if (old.rowCount && !current.rowCount) {
        // an index of an older layout (before the stemmed twins): empty it; the store re-indexes on first use
        await c.query('DROP TABLE IF EXISTS search_values; DROP TABLE IF EXISTS search_docs');
        this.rebuild = true;
      }
      await c.query(SCHEMA);
    }).catch((e: unknown) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.schema();
    return transaction(this.pool, fn);
  }

  /**
   * Replace these documents: the old ones go in one statement, the new ones (in order, so rids grow as SQLite's
   * do) in a second, their facet values in a third.
   */
  async upsert(docs: SearchDoc[]): Promise<void> {
    // an id given twice: the last one wins, in its place (as replacing one at a time would leave it)
    const last = new Map<string, SearchDoc>();
    for (const d of docs) { last.delete(d.id); last.set(d.id, d); }
    const list = [...last.values()];
    if (list.length === 0) return;
    const words = list.map((d) => TEXT_COLUMNS.map((col) => ftsWords(d.text[col])));
    const stems = words.map((ws) => ws.map(stemWords));
    const columns: [string, string, unknown[]][] = [
      ['id', 'text', list.map((d) => d.id)],
      ['study_id', 'text', list.map((d) => d.studyId)],
      ['is_primary', 'boolean', list.map((d) => d.primary)],
      ['registry', 'text', list.map((d) => d.registry)],
      ['status', 'text', list.map((d) => d.status)],
      ['phase', 'text', list.map((d) => d.phase)],
      ['study_type', 'text', list.map((d) => d.studyType)],
      ['allocation', 'text', list.map((d) => d.allocation)],
      ['masking', 'text', list.map((d) => d.masking)],
      ['reg_date', 'text', list.map((d) => d.registrationDate)],
      ['reg_year', 'integer', list.map((d) => yearOf(d.registrationDate))],
      ['last_update', 'text', list.map((d) => d.lastUpdate)],
      ['min_age', 'float8', list.map((d) => d.minAgeYears)],
      ['max_age', 'float8', list.map((d) => d.maxAgeYears)],
      ['sex', 'text', list.map((d) => d.sex)],
      ['summary', 'text', list.map((d) => JSON.stringify(d.summary))],
      // FTS5 counts the tokens of every column, the stemmed twins too
      ['ntok', 'integer', words.map((ws) => 2 * ws.reduce((n, w) => n + w.length, 0))],
      ...TEXT_COLUMNS.map((col, i): [string, string, unknown[]] => [tsv(col), 'text', words.map((ws) => ws[i]!.join(' '))]),
      ...TEXT_COLUMNS.map((col, i): [string, string, unknown[]] => [tsv(stemColumn(col)), 'text', stems.map((ws) => ws[i]!.join(' '))]),
    ];
    const value = (name: string, i: number) => (name.startsWith('t_') ? `to_tsvector('simple', u.c${i})` : `u.c${i}`);
    const ids: string[] = [];
    const facets: string[] = [];
    const values: string[] = [];
    for (const d of list) {
      const add = (facet: string, vs: string[]) => vs.forEach((v) => { ids.push(d.id); facets.push(facet); values.push(v.replace(NUL, '')); });
      add('country', d.countries);
      add('cellSource', d.cellSources);
      add('cellType', d.cellTypes);
    }
    await this.tx(async (c) => {
      await c.query('DELETE FROM search_docs WHERE id = ANY($1::text[])', [[...last.keys()]]);
      await c.query(`INSERT INTO search_docs (${columns.map(([name]) => name).join(', ')})
        SELECT ${columns.map(([name], i) => value(name, i)).join(', ')}
        FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY
          AS u(${columns.map((_, i) => `c${i}`).join(', ')}, n) ORDER BY u.n`, columns.map(([, , vs]) => vs));
      if (ids.length) {
        await c.query(`INSERT INTO search_values (rid, facet, value) SELECT d.rid, u.facet, u.value
          FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(id, facet, value, n) JOIN search_docs d ON d.id = u.id
          ORDER BY u.n`, [ids, facets, values]);
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

  async needsRebuild(): Promise<boolean> {
    await this.schema();
    const r = this.rebuild;
    this.rebuild = false;
    return r;
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
        await c.query(`SET LOCAL statement_timeout = ${SEARCH_TIMEOUT_MS}`);
        const score = scoreSql(plan.where, await corpusOf(c, plan.where));
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
