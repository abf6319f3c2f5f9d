/**
 * The PostgreSQL store: the same behaviour as the SQLite store (../sqlite/store.ts; the version rules, one piece
 * for both, are ../lines.ts: versions per source line, observations, the merged current view; pending ids until
 * linked and indexed), over a `pg` Pool. Every putBatch is one transaction on one pooled client; every query is parameterised.
 *
 * `pool` is public for the search index (./search.ts); no other code outside src/store writes SQL.
 */
import pg from 'pg';
import type { Registration } from '../../model/registration.js';
import type { Link, Override, Study } from '../../model/study.js';
import { snapshotKey, type Change, type PutOutcome, type Snapshot, type Store, type StoredVersion } from '../types.js';
import { applyBatch, checkState, emptyState, snapshotDate, type CurrentRecord, type IdState, type ObservationRow, type Plan, type VersionRecord } from '../lines.js';
import { CURRENT_SELECT, PAGE, VERSION_SELECT, chunks, toStored, versionChanges, type VersionRow } from '../rows.js';
import { migrate, transaction } from './schema.js';

type Queryable = pg.Pool | pg.PoolClient;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The record as jsonb accepts it: jsonb refuses NUL characters and unpaired surrogates, which a text column
 * (and SQLite) keep. Only the queryable `doc` copy is cleaned; `json` keeps the record exactly.
 */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD') : v));
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export interface PgStoreOptions {
  /** schema to use (search_path), e.g. one per test; default the server's */
  schema?: string;
  /** pool size (default 4) */
  max?: number;
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  /** the pool, for the search index in ./search.ts */
  readonly pool: pg.Pool;
  /** schema version after opening */
  schemaVersion = 0;

  /** Connect, run missing migrations; a server that cannot be reached is reported with the URL (password hidden). */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgStore> {
    const store = new PgStore(url, opts);
    try {
      store.schemaVersion = await migrate(store.pool);
    } catch (e) {
      await store.close();
      throw new Error(`PostgreSQL ${redactUrl(url)}: ${(e as Error).message}`);
    }
    return store;
  }

  private constructor(url: string, opts: PgStoreOptions) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4 });
    // an idle client losing its server must not crash the process; the next query reports the problem
    this.pool.on('error', () => undefined);
    if (opts.schema) {
      const schema = opts.schema;
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`PostgreSQL: schema name "${schema}" is not a plain identifier`);
      this.pool.on('connect', (client) => { void client.query(`SET search_path TO ${schema}`); });
    }
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return transaction(this.pool, fn);
  }

  private async one<T extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await db.query<T>(sql, params)).rows[0];
  }

  // ---- registrations and versions ----

  /**
   * The SQLite store's putBatch (../lines.ts decides; the store loads and writes): the batch's registrations' rows
   * read in three queries, the plan written in a few. Writers take a lock for the transaction, as SQLite has one writer.
   */
  async putBatch(registrations: Registration[], snapshot: Snapshot): Promise<PutOutcome[]> {
    if (registrations.length === 0) return [];
    return this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('trialatlas putBatch'))");
      const { id, asOf, rederive } = await this.snapshotFor(c, snapshot, snapshotDate(registrations));
      const states = await this.loadStates(c, [...new Set([...registrations.map((r) => r.id), ...rederive])]);
      const { outcomes, plan } = applyBatch(states, registrations, { id, asOf }, snapshot.format, rederive);
      await this.write(c, plan);
      return outcomes;
    });
  }

  private async loadStates(c: Queryable, ids: string[]): Promise<Map<string, IdState>> {
    const states = new Map<string, IdState>(ids.map((id) => [id, emptyState()]));
    for (const part of chunks(ids)) {
      for (const o of (await c.query<ObservationRow>(`SELECT o.id, o.line, o.snapshot_id AS "snapshotId", COALESCE(s.as_of, '') AS "asOf",
        o.hash, o.source FROM observations o JOIN snapshots s ON s.id = o.snapshot_id WHERE o.id = ANY($1::text[])`, [part])).rows) states.get(o.id)!.observations.push(o);
      for (const v of (await c.query<VersionRecord>(`SELECT id, version, line, hash, json, snapshot_id AS "snapshotId"
        FROM registration_versions WHERE id = ANY($1::text[]) ORDER BY id, version`, [part])).rows) states.get(v.id)!.versions.push(v);
      for (const r of (await c.query<CurrentRecord>(`SELECT id, registry, version, hash, COALESCE(json, '') AS json,
        snapshot_id AS "snapshotId" FROM registrations WHERE id = ANY($1::text[])`, [part])).rows) states.get(r.id)!.current = r;
    }
    return states;
  }

  async integrity(): Promise<string[]> {
    const problems: string[] = [];
    const ids = (await this.pool.query<{ id: string }>(
      'SELECT id FROM observations UNION SELECT id FROM registrations UNION SELECT id FROM registration_versions ORDER BY id')).rows.map((r) => r.id);
    for (const part of chunks(ids)) {
      for (const [id, state] of await this.loadStates(this.pool, part)) problems.push(...checkState(id, state));
    }
    return problems;
  }

  private async write(c: pg.PoolClient, plan: Plan): Promise<void> {
    const o = plan.observations;
    if (o.length) {
      await c.query(`INSERT INTO observations (id, line, snapshot_id, hash, source)
        SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])
        ON CONFLICT (id, line, snapshot_id) DO UPDATE SET hash = excluded.hash, source = excluded.source`,
      [o.map((x) => x.id), o.map((x) => x.line), o.map((x) => x.snapshotId), o.map((x) => x.hash), o.map((x) => x.source)]);
    }
    for (const d of plan.dropVersions) await c.query('DELETE FROM registration_versions WHERE id = $1 AND version >= $2', [d.id, d.from]);
    const v = plan.versions;
    if (v.length) {
      await c.query(`INSERT INTO registration_versions (id, version, line, hash, json, doc, snapshot_id)
        SELECT u.id, u.version, u.line, u.hash, u.json, u.doc::jsonb, u.snapshot_id
        FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS u(id, version, line, hash, json, doc, snapshot_id)
        ON CONFLICT (id, version) DO UPDATE SET line = excluded.line, hash = excluded.hash, json = excluded.json,
          doc = excluded.doc, snapshot_id = excluded.snapshot_id`,
      [v.map((x) => x.id), v.map((x) => x.version), v.map((x) => x.line), v.map((x) => x.hash), v.map((x) => x.json),
        v.map((x) => jsonbText(JSON.parse(x.json))), v.map((x) => x.snapshotId)]);
    }
    const r = plan.current;
    if (r.length) {
      await c.query(`INSERT INTO registrations (id, registry, version, hash, json, snapshot_id)
        SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[])
        ON CONFLICT (id) DO UPDATE SET registry = excluded.registry, version = excluded.version, hash = excluded.hash,
          json = excluded.json, snapshot_id = excluded.snapshot_id`,
      [r.map((x) => x.id), r.map((x) => x.registry), r.map((x) => x.version), r.map((x) => x.hash), r.map((x) => x.json), r.map((x) => x.snapshotId)]);
    }
    if (plan.pending.length) await c.query('INSERT INTO pending (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [plan.pending]);
  }

  /** The SQLite store's snapshotFor: found by key or created; its date moved on; `rederive` when it passed another. */
  private async snapshotFor(c: pg.PoolClient, s: Snapshot, batchDate: string): Promise<{ id: number; asOf: string; rederive: string[] }> {
    const key = snapshotKey(s);
    const row = await this.one<{ id: number; asOf: string }>(c, `SELECT id, COALESCE(as_of, '') AS "asOf" FROM snapshots WHERE key = $1`, [key]);
    if (!row) {
      const made = await this.one<{ id: number }>(c,
        'INSERT INTO snapshots (file, format, exported_at, ingested_at, key, as_of) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [s.file, s.format, s.exportedAt, s.ingestedAt, key, batchDate]);
      return { id: made!.id, asOf: batchDate, rederive: [] };
    }
    if (batchDate <= row.asOf) return { ...row, rederive: [] };
    await c.query('UPDATE snapshots SET as_of = $1 WHERE id = $2', [batchDate, row.id]);
    const passed = await this.one(c, `SELECT 1 FROM snapshots WHERE id <> $1 AND COALESCE(as_of, '') > $2 AND COALESCE(as_of, '') <= $3 LIMIT 1`,
      [row.id, row.asOf, batchDate]);
    const rederive = passed ? (await c.query<{ id: string }>('SELECT DISTINCT id FROM observations WHERE snapshot_id = $1', [row.id])).rows.map((r) => r.id) : [];
    return { id: row.id, asOf: batchDate, rederive };
  }

  async getRegistration(id: string, version?: number): Promise<StoredVersion | null> {
    const row = version === undefined
      ? await this.one<VersionRow>(this.pool, `${CURRENT_SELECT} WHERE r.id = $1`, [id])
      : await this.one<VersionRow>(this.pool, `${VERSION_SELECT} WHERE v.id = $1 AND v.version = $2`, [id, version]);
    return row ? toStored(row) : null;
  }

  async versions(id: string): Promise<StoredVersion[]> {
    return (await this.pool.query<VersionRow>(`${VERSION_SELECT} WHERE v.id = $1 ORDER BY v.version`, [id])).rows.map(toStored);
  }

  /** Latest versions in id order, fetched a page at a time (no cursor stays open between yields). */
  async *latest(ids?: string[]): AsyncIterable<Registration> {
    if (ids) {
      for (const part of chunks([...new Set(ids)].sort())) {
        const rows = (await this.pool.query<{ json: string }>(`SELECT COALESCE(r.json, v.json) AS json FROM registrations r
          JOIN registration_versions v ON v.id = r.id AND v.version = r.version
          WHERE r.id = ANY($1::text[]) ORDER BY r.id`, [part])).rows;
        for (const row of rows) yield JSON.parse(row.json) as Registration;
      }
      return;
    }
    let after = '';
    for (;;) {
      const rows = (await this.pool.query<{ id: string; json: string }>(`SELECT r.id, COALESCE(r.json, v.json) AS json FROM registrations r
        JOIN registration_versions v ON v.id = r.id AND v.version = r.version
        WHERE r.id > $1 ORDER BY r.id LIMIT ${PAGE}`, [after])).rows;
      for (const row of rows) yield JSON.parse(row.json) as Registration;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async count(): Promise<number> {
    return (await this.one<{ n: number }>(this.pool, 'SELECT count(*)::int AS n FROM registrations'))!.n;
  }

  /** Changes over time (consecutive versions of one source line), in (id, version) order. */
  changes(ids?: string[]): AsyncIterable<Change> {
    return versionChanges(
      async (after) => (await this.pool.query<VersionRow>(`${VERSION_SELECT} WHERE (v.id > $1 OR (v.id = $1 AND v.version > $2))
        ORDER BY v.id, v.version LIMIT ${PAGE}`, [after.id, after.version])).rows,
      ids,
    );
  }

  async pendingIds(): Promise<string[]> {
    return (await this.pool.query<{ id: string }>('SELECT id FROM pending ORDER BY id')).rows.map((r) => r.id);
  }

  async clearPending(ids: string[]): Promise<void> {
    await this.pool.query('DELETE FROM pending WHERE id = ANY($1::text[])', [ids]);
  }

  // ---- links and overrides ----

  async putLinks(links: Link[]): Promise<void> {
    await this.tx(async (c) => {
      for (const l of links) {
        await c.query(`INSERT INTO links (a, b, method, score, evidence) VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (a, b, method) DO UPDATE SET score = excluded.score, evidence = excluded.evidence`,
        [l.a, l.b, l.method, l.score, l.evidence ?? null]);
      }
    });
  }

  async deleteLinks(filter: { ids?: string[]; methods?: Link['method'][] }): Promise<void> {
    const methods = filter.methods && filter.methods.length ? filter.methods : null;
    if (!filter.ids) {
      await this.pool.query(methods ? 'DELETE FROM links WHERE method = ANY($1::text[])' : 'DELETE FROM links', methods ? [methods] : []);
      return;
    }
    await this.pool.query(`DELETE FROM links WHERE (a = ANY($1::text[]) OR b = ANY($1::text[]))${methods ? ' AND method = ANY($2::text[])' : ''}`,
      methods ? [filter.ids, methods] : [filter.ids]);
  }

  async links(ids?: string[]): Promise<Link[]> {
    type Row = { a: string; b: string; method: Link['method']; score: number; evidence: string | null };
    const toLink = (r: Row): Link => ({ a: r.a, b: r.b, method: r.method, score: r.score, ...(r.evidence !== null ? { evidence: r.evidence } : {}) });
    if (!ids) return (await this.pool.query<Row>('SELECT * FROM links ORDER BY a, b, method')).rows.map(toLink);
    const rows = (await this.pool.query<Row>('SELECT * FROM links WHERE a = ANY($1::text[]) OR b = ANY($1::text[]) ORDER BY a, b, method', [[...new Set(ids)]])).rows;
    return rows.map(toLink);
  }

  async putOverride(o: Override): Promise<void> {
    const [a, b] = o.a < o.b ? [o.a, o.b] : [o.b, o.a];
    await this.pool.query(`INSERT INTO overrides (a, b, same, note, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (a, b) DO UPDATE SET same = excluded.same, note = excluded.note, created_at = excluded.created_at`,
    [a, b, o.same, o.note ?? null, o.createdAt ?? new Date().toISOString()]);
  }

  async overrides(): Promise<Override[]> {
    const rows = (await this.pool.query<{ a: string; b: string; same: boolean; note: string | null; created_at: string }>(
      'SELECT * FROM overrides ORDER BY a, b')).rows;
    return rows.map((r) => ({ a: r.a, b: r.b, same: r.same, note: r.note, createdAt: r.created_at }));
  }

  // ---- studies ----

  /**
   * SQLite's sequence (drop the studies touched, then those holding a member of a new one, then each new study
   * replacing any of its id and taking its members) with its outcome worked out here, so it is a few statements.
   */
  async replaceStudies(studies: Study[], touchedIds?: string[]): Promise<void> {
    const delStudies = 'DELETE FROM studies WHERE study_id IN (SELECT study_id FROM study_members WHERE registration_id = ANY($1::text[]))';
    const byId = new Map<string, Study>();
    const memberOf = new Map<string, string>();
    for (const s of studies) {
      if (byId.has(s.studyId)) for (const [m, sid] of memberOf) if (sid === s.studyId) memberOf.delete(m);
      byId.delete(s.studyId);
      byId.set(s.studyId, s);
      for (const id of s.registrationIds) memberOf.set(id, s.studyId);
    }
    await this.tx(async (c) => {
      if (!touchedIds) {
        await c.query('DELETE FROM study_members');
        await c.query('DELETE FROM studies');
      } else {
        await c.query(delStudies, [touchedIds]);
      }
      // a registration belongs to exactly one study: drop whatever study held a member of a new one
      await c.query(delStudies, [studies.flatMap((s) => s.registrationIds)]);
      const list = [...byId.values()];
      await c.query('DELETE FROM studies WHERE study_id = ANY($1::text[])', [list.map((s) => s.studyId)]);
      await c.query('INSERT INTO studies (study_id, primary_id, json) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
        [list.map((s) => s.studyId), list.map((s) => s.primaryId), list.map((s) => JSON.stringify(s))]);
      await c.query('INSERT INTO study_members (registration_id, study_id) SELECT * FROM unnest($1::text[], $2::text[])',
        [[...memberOf.keys()], [...memberOf.values()]]);
    });
  }

  async studyOf(registrationId: string): Promise<Study | null> {
    const row = await this.one<{ json: string }>(this.pool, `SELECT s.json FROM study_members m JOIN studies s ON s.study_id = m.study_id
      WHERE m.registration_id = $1`, [registrationId]);
    return row ? (JSON.parse(row.json) as Study) : null;
  }

  async *studies(): AsyncIterable<Study> {
    let after = '';
    for (;;) {
      const rows = (await this.pool.query<{ study_id: string; json: string }>(
        `SELECT study_id, json FROM studies WHERE study_id > $1 ORDER BY study_id LIMIT ${PAGE}`, [after])).rows;
      for (const row of rows) yield JSON.parse(row.json) as Study;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.study_id;
    }
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
