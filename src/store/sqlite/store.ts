/**
 * The SQLite store (default backend): every version of every registration, links, overrides, studies.
 *
 * Versions: see ../lines.ts — each source line (ICTRP export, ClinicalTrials.gov download, API JSON, page…) of a
 * registration keeps its own versions; every record read is an observation of (id, line, snapshot); versions and the
 * merged current view are re-derived from the observations whenever one is added or replaced, in the batch's
 * transaction. Re-reading a file (same snapshot key) changes nothing.
 *
 * `db` is public for the FTS5 search index (./search.ts); no other code outside src/store writes SQL.
 */
import Database from 'better-sqlite3';
import type { Registration } from '../../model/registration.js';
import type { Link, Override, Study } from '../../model/study.js';
import { snapshotKey, type Change, type PutOutcome, type Snapshot, type Store, type StoredVersion } from '../types.js';
import { applyBatch, checkState, snapshotDate, type CurrentRecord, type IdState, type ObservationRow, type Plan, type VersionRecord } from '../lines.js';
import { CURRENT_SELECT, PAGE, VERSION_SELECT, chunks, toStored, versionChanges, type VersionRow } from '../rows.js';
import { migrate } from './schema.js';
import { BUSY_TIMEOUT_MS, DEFAULT_WRITE_WAIT, setWriteWait, writeTransaction, type WriteWaitOptions } from './write.js';

function placeholders(n: number): string {
  return new Array(n).fill('?').join(',');
}

/** (a, b, method) order, by code unit — the order of `ORDER BY a, b, method` over ASCII ids. */
export function compareLinks(x: Link, y: Link): number {
  return x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : x.method < y.method ? -1 : x.method > y.method ? 1 : 0;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  /** the better-sqlite3 handle, for the search index in ./search.ts */
  readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per SQL text. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) { st = this.db.prepare(text); this.statements.set(text, st); }
    return st;
  }

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('busy_timeout = 5000'); // opening: switching to WAL and creating tables may wait for a writer
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    // from here on writes wait asynchronously (./write.ts): a blocking wait would stall a server's readers
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    setWriteWait(this.db, DEFAULT_WRITE_WAIT);
  }

  /** How long writes wait for another process's write lock, and whom to tell that they wait. */
  setWriteWait(opts: WriteWaitOptions): void {
    setWriteWait(this.db, opts);
  }

  /** One write transaction: BEGIN IMMEDIATE, waiting for another writer (see ./write.ts). */
  private write<T>(fn: () => T): Promise<T> {
    return writeTransaction(this.db, fn);
  }

  // ---- registrations and versions ----

  /** One transaction: the batch's observations written, its registrations' versions and current views re-derived. */
  async putBatch(registrations: Registration[], snapshot: Snapshot): Promise<PutOutcome[]> {
    return this.write(() => {
      if (registrations.length === 0) return [];
      const { id, asOf, rederive } = this.snapshotFor(snapshot, snapshotDate(registrations));
      const states = new Map<string, IdState>();
      for (const rid of new Set([...registrations.map((r) => r.id), ...rederive])) states.set(rid, this.loadState(rid));
      const { outcomes, plan } = applyBatch(states, registrations, { id, asOf }, snapshot.format, rederive);
      this.writePlan(plan);
      return outcomes;
    });
  }

  private loadState(id: string): IdState {
    const observations = this.sql(`SELECT o.id, o.line, o.snapshot_id AS snapshotId, COALESCE(s.as_of, '') AS asOf, o.hash, o.source
      FROM observations o JOIN snapshots s ON s.id = o.snapshot_id WHERE o.id = ?`).all(id) as ObservationRow[];
    const versions = this.sql('SELECT id, version, line, hash, json, snapshot_id AS snapshotId FROM registration_versions WHERE id = ? ORDER BY version')
      .all(id) as VersionRecord[];
    const current = this.sql(`SELECT id, registry, version, hash, COALESCE(json, '') AS json, snapshot_id AS snapshotId
      FROM registrations WHERE id = ?`).get(id) as CurrentRecord | undefined;
    return { observations, versions, current: current ?? null };
  }

  private writePlan(plan: Plan): void {
    const obs = this.sql(`INSERT INTO observations (id, line, snapshot_id, hash, source) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id, line, snapshot_id) DO UPDATE SET hash = excluded.hash, source = excluded.source`);
    for (const o of plan.observations) obs.run(o.id, o.line, o.snapshotId, o.hash, o.source);
    for (const d of plan.dropVersions) this.sql('DELETE FROM registration_versions WHERE id = ? AND version >= ?').run(d.id, d.from);
    const version = this.sql(`INSERT INTO registration_versions (id, version, line, hash, json, snapshot_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id, version) DO UPDATE SET line = excluded.line, hash = excluded.hash, json = excluded.json, snapshot_id = excluded.snapshot_id`);
    for (const v of plan.versions) version.run(v.id, v.version, v.line, v.hash, v.json, v.snapshotId);
    const current = this.sql(`INSERT INTO registrations (id, registry, version, hash, json, snapshot_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET registry = excluded.registry, version = excluded.version, hash = excluded.hash,
        json = excluded.json, snapshot_id = excluded.snapshot_id`);
    for (const c of plan.current) current.run(c.id, c.registry, c.version, c.hash, c.json, c.snapshotId);
    const pending = this.sql('INSERT OR IGNORE INTO pending (id) VALUES (?)');
    for (const id of plan.pending) pending.run(id);
  }

  /**
   * The snapshot with this key (a file read again is the same snapshot, with its first ingest time), else a new one;
   * its date moved on to this batch's newest (../lines.ts). When that moves it past another snapshot, the ids it
   * already holds are re-derived (`rederive`): their versions' order may have changed.
   */
  private snapshotFor(s: Snapshot, batchDate: string): { id: number; asOf: string; rederive: string[] } {
    const key = snapshotKey(s);
    const row = this.sql('SELECT id, COALESCE(as_of, \'\') AS asOf FROM snapshots WHERE key = ?').get(key) as { id: number; asOf: string } | undefined;
    if (!row) {
      const r = this.sql('INSERT INTO snapshots (file, format, exported_at, ingested_at, key, as_of) VALUES (?, ?, ?, ?, ?, ?)')
        .run(s.file, s.format, s.exportedAt, s.ingestedAt, key, batchDate);
      return { id: Number(r.lastInsertRowid), asOf: batchDate, rederive: [] };
    }
    if (batchDate <= row.asOf) return { ...row, rederive: [] };
    this.sql('UPDATE snapshots SET as_of = ? WHERE id = ?').run(batchDate, row.id);
    const passed = this.sql(`SELECT 1 FROM snapshots WHERE id <> ? AND COALESCE(as_of, '') > ? AND COALESCE(as_of, '') <= ? LIMIT 1`)
      .get(row.id, row.asOf, batchDate);
    const rederive = passed ? this.sql('SELECT DISTINCT id FROM observations WHERE snapshot_id = ?').pluck().all(row.id) as string[] : [];
    return { id: row.id, asOf: batchDate, rederive };
  }

  async getRegistration(id: string, version?: number): Promise<StoredVersion | null> {
    const row = (version === undefined
      ? this.sql(`${CURRENT_SELECT} WHERE r.id = ?`).get(id)
      : this.sql(`${VERSION_SELECT} WHERE v.id = ? AND v.version = ?`).get(id, version)) as VersionRow | undefined;
    return row ? toStored(row) : null;
  }

  async versions(id: string): Promise<StoredVersion[]> {
    const rows = this.sql(`${VERSION_SELECT} WHERE v.id = ? ORDER BY v.version`).all(id) as VersionRow[];
    return rows.map(toStored);
  }

  /** Latest versions in id order, fetched a page at a time (no cursor stays open between yields). */
  async *latest(ids?: string[]): AsyncIterable<Registration> {
    if (ids) {
      for (const part of chunks([...new Set(ids)].sort())) {
        const rows = this.sql(`SELECT COALESCE(r.json, v.json) AS json FROM registrations r
          JOIN registration_versions v ON v.id = r.id AND v.version = r.version
          WHERE r.id IN (${placeholders(part.length)}) ORDER BY r.id`).all(...part) as { json: string }[];
        for (const row of rows) yield JSON.parse(row.json) as Registration;
      }
      return;
    }
    const page = this.sql(`SELECT r.id, COALESCE(r.json, v.json) AS json FROM registrations r
      JOIN registration_versions v ON v.id = r.id AND v.version = r.version
      WHERE r.id > ? ORDER BY r.id LIMIT ${PAGE}`);
    let after = '';
    for (;;) {
      const rows = page.all(after) as { id: string; json: string }[];
      for (const row of rows) yield JSON.parse(row.json) as Registration;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async count(): Promise<number> {
    return (this.sql('SELECT count(*) AS n FROM registrations').get() as { n: number }).n;
  }

  /** Changes over time (consecutive versions of one source line), in (id, version) order. */
  changes(ids?: string[]): AsyncIterable<Change> {
    const page = this.sql(`${VERSION_SELECT} WHERE (v.id > ? OR (v.id = ? AND v.version > ?))
      ORDER BY v.id, v.version LIMIT ${PAGE}`);
    return versionChanges((after) => page.all(after.id, after.id, after.version) as VersionRow[], ids);
  }

  async integrity(): Promise<string[]> {
    const problems: string[] = [];
    const check = this.db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') problems.push(`SQLite integrity_check: ${String(check)}`);
    for (const row of this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
      problems.push(`SQLite foreign_key_check: ${row.table} row ${row.rowid} points to a missing ${row.parent}`);
    }
    const ids = this.sql('SELECT id FROM observations UNION SELECT id FROM registrations UNION SELECT id FROM registration_versions ORDER BY id').pluck().all() as string[];
    for (const id of ids) problems.push(...checkState(id, this.loadState(id)));
    return problems;
  }

  async pendingIds(): Promise<string[]> {
    return (this.sql('SELECT id FROM pending ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }

  async clearPending(ids: string[]): Promise<void> {
    await this.write(() => {
      for (const part of chunks(ids)) this.sql(`DELETE FROM pending WHERE id IN (${placeholders(part.length)})`).run(...part);
    });
  }

  // ---- links and overrides ----

  async putLinks(links: Link[]): Promise<void> {
    const put = this.sql(`INSERT INTO links (a, b, method, score, evidence) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (a, b, method) DO UPDATE SET score = excluded.score, evidence = excluded.evidence`);
    await this.write(() => {
      for (const l of links) put.run(l.a, l.b, l.method, l.score, l.evidence ?? null);
    });
  }

  async deleteLinks(filter: { ids?: string[]; methods?: Link['method'][] }): Promise<void> {
    const methods = filter.methods && filter.methods.length ? filter.methods : null;
    const methodSql = methods ? ` AND method IN (${placeholders(methods.length)})` : '';
    await this.write(() => {
      if (!filter.ids) {
        this.sql(`DELETE FROM links WHERE 1 = 1${methodSql}`).run(...(methods ?? []));
        return;
      }
      for (const part of chunks(filter.ids, 400)) {
        const ph = placeholders(part.length);
        this.sql(`DELETE FROM links WHERE (a IN (${ph}) OR b IN (${ph}))${methodSql}`)
          .run(...part, ...part, ...(methods ?? []));
      }
    });
  }

  async links(ids?: string[]): Promise<Link[]> {
    type Row = { a: string; b: string; method: Link['method']; score: number; evidence: string | null };
    const toLink = (r: Row): Link => ({ a: r.a, b: r.b, method: r.method, score: r.score, ...(r.evidence !== null ? { evidence: r.evidence } : {}) });
    if (!ids) return (this.sql('SELECT * FROM links ORDER BY a, b, method').all() as Row[]).map(toLink);
    const seen = new Map<string, Link>();
    for (const part of chunks([...new Set(ids)], 400)) {
      const ph = placeholders(part.length);
      for (const r of this.sql(`SELECT * FROM links WHERE a IN (${ph}) OR b IN (${ph})`).all(...part, ...part) as Row[]) {
        seen.set(`${r.a}\u0000${r.b}\u0000${r.method}`, toLink(r));
      }
    }
    // in (a, b, method) order, as without ids: what a study lists must not depend on how rows happen to come back
    return [...seen.values()].sort(compareLinks);
  }

  async putOverride(o: Override): Promise<void> {
    const [a, b] = o.a < o.b ? [o.a, o.b] : [o.b, o.a];
    await this.write(() => this.sql(`INSERT INTO overrides (a, b, same, note, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (a, b) DO UPDATE SET same = excluded.same, note = excluded.note, created_at = excluded.created_at`)
      .run(a, b, o.same ? 1 : 0, o.note ?? null, o.createdAt ?? new Date().toISOString()));
  }

  async overrides(): Promise<Override[]> {
    const rows = this.sql('SELECT * FROM overrides ORDER BY a, b').all() as
      { a: string; b: string; same: number; note: string | null; created_at: string }[];
    return rows.map((r) => ({ a: r.a, b: r.b, same: r.same === 1, note: r.note, createdAt: r.created_at }));
  }

  // ---- studies ----

  async replaceStudies(studies: Study[], touchedIds?: string[]): Promise<void> {
    const delStudy = this.sql('DELETE FROM studies WHERE study_id IN (SELECT study_id FROM study_members WHERE registration_id = ?)');
    const putStudy = this.sql('INSERT OR REPLACE INTO studies (study_id, primary_id, json) VALUES (?, ?, ?)');
    const putMember = this.sql('INSERT OR REPLACE INTO study_members (registration_id, study_id) VALUES (?, ?)');
    await this.write(() => {
      if (!touchedIds) {
        this.db.exec('DELETE FROM study_members; DELETE FROM studies;');
      } else {
        for (const id of touchedIds) delStudy.run(id);
      }
      // a registration belongs to exactly one study: drop whatever study held a member of a new one
      for (const s of studies) for (const id of s.registrationIds) delStudy.run(id);
      for (const s of studies) {
        this.sql('DELETE FROM studies WHERE study_id = ?').run(s.studyId);
        putStudy.run(s.studyId, s.primaryId, JSON.stringify(s));
        for (const id of s.registrationIds) putMember.run(id, s.studyId);
      }
    });
  }

  async studyOf(registrationId: string): Promise<Study | null> {
    const row = this.sql(`SELECT s.json FROM study_members m JOIN studies s ON s.study_id = m.study_id
      WHERE m.registration_id = ?`).get(registrationId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Study) : null;
  }

  async *studies(): AsyncIterable<Study> {
    const page = this.sql(`SELECT study_id, json FROM studies WHERE study_id > ? ORDER BY study_id LIMIT ${PAGE}`);
    let after = '';
    for (;;) {
      const rows = page.all(after) as { study_id: string; json: string }[];
      for (const row of rows) yield JSON.parse(row.json) as Study;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.study_id;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
