/**
 * The SQLite store (default backend): every version of every registration, links, overrides, studies.
 *
 * Versions: a registration gets a new version only when its content hash (see ../hash.ts: everything but `source`)
 * differs from its latest version. One snapshot (one input file, one ingest run) holds at most one version of a
 * registration: putting the same id again under the same snapshot replaces that snapshot's version ("the last
 * one in the file wins"), and if the replacement equals the version before, the snapshot's version is dropped —
 * so duplicate rows in a file never make versions flip-flop between runs.
 *
 * Several files may carry the same registration (an ICTRP export and a ClinicalTrials.gov download both hold NCT
 * records, with different content). Re-ingesting such a set, or next week's files of both kinds, must change
 * nothing when the trial did not change, so a record is also "unchanged" when it equals the last version that the
 * same input format (same `snapshot.format`: this week's ICTRP export against last week's) gave: that source tells
 * us nothing new, and the latest version (from the other source) stays the latest.
 *
 * `db` is public for the FTS5 search index (./search.ts); no other code outside src/store writes SQL.
 */
import Database from 'better-sqlite3';
import type { Registration } from '../../model/registration.js';
import type { Link, Override, Study } from '../../model/study.js';
import type { Change, PutOutcome, Snapshot, Store, StoredVersion } from '../types.js';
import { contentHash } from '../hash.js';
import { PAGE, VERSION_SELECT, chunks, toStored, versionChanges, type LatestRow, type VersionRow } from '../rows.js';
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

  async putBatch(registrations: Registration[], snapshot: Snapshot): Promise<PutOutcome[]> {
    return this.write(() => {
      let snapshotId = this.findSnapshot(snapshot);
      const out: PutOutcome[] = [];
      for (const reg of registrations) {
        const hash = contentHash(reg);
        const latest = this.sql('SELECT version, hash, snapshot_id FROM registrations WHERE id = ?')
          .get(reg.id) as LatestRow | undefined;
        if (latest && snapshotId !== null && latest.snapshot_id === snapshotId) {
          out.push(this.replaceInSnapshot(reg, hash, latest));
          continue;
        }
        if (latest && (latest.hash === hash || this.sameAsFormatGaveBefore(reg.id, snapshot.format, hash))) {
          out.push('unchanged');
          continue;
        }
        snapshotId ??= this.createSnapshot(snapshot);
        const version = latest ? latest.version + 1 : 1;
        this.insertVersion(reg, hash, version, snapshotId);
        out.push(latest ? 'changed' : 'new');
      }
      return out;
    });
  }

  /** A second record with this id in the same snapshot: it replaces the snapshot's version (last one wins). */
  private replaceInSnapshot(reg: Registration, hash: string, latest: LatestRow): PutOutcome {
    const prev = this.sql('SELECT hash, snapshot_id FROM registration_versions WHERE id = ? AND version = ?')
      .get(reg.id, latest.version - 1) as { hash: string; snapshot_id: number } | undefined;
    if (prev && prev.hash === hash) {
      this.sql('DELETE FROM registration_versions WHERE id = ? AND version = ?').run(reg.id, latest.version);
      this.sql('UPDATE registrations SET version = ?, hash = ?, snapshot_id = ? WHERE id = ?')
        .run(latest.version - 1, prev.hash, prev.snapshot_id, reg.id);
      return 'unchanged';
    }
    const json = JSON.stringify(reg);
    this.sql('UPDATE registration_versions SET hash = ?, json = ? WHERE id = ? AND version = ?')
      .run(hash, json, reg.id, latest.version);
    this.sql('UPDATE registrations SET hash = ?, registry = ? WHERE id = ?').run(hash, reg.registry, reg.id);
    this.sql('INSERT OR IGNORE INTO pending (id) VALUES (?)').run(reg.id);
    return prev ? 'changed' : 'new';
  }

  /** Whether the last version that this input format gave for this id had this content (see header). */
  private sameAsFormatGaveBefore(id: string, format: string, hash: string): boolean {
    const row = this.sql(`SELECT v.hash FROM registration_versions v JOIN snapshots s ON s.id = v.snapshot_id
      WHERE v.id = ? AND s.format = ? ORDER BY v.version DESC LIMIT 1`).get(id, format) as { hash: string } | undefined;
    return row?.hash === hash;
  }

  private insertVersion(reg: Registration, hash: string, version: number, snapshotId: number): void {
    this.sql('INSERT INTO registration_versions (id, version, hash, json, snapshot_id) VALUES (?, ?, ?, ?, ?)')
      .run(reg.id, version, hash, JSON.stringify(reg), snapshotId);
    this.sql(`INSERT INTO registrations (id, registry, version, hash, snapshot_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET registry = excluded.registry, version = excluded.version,
        hash = excluded.hash, snapshot_id = excluded.snapshot_id`)
      .run(reg.id, reg.registry, version, hash, snapshotId);
    this.sql('INSERT OR IGNORE INTO pending (id) VALUES (?)').run(reg.id);
  }

  private findSnapshot(s: Snapshot): number | null {
    const row = this.sql('SELECT id FROM snapshots WHERE file = ? AND ingested_at = ?').get(s.file, s.ingestedAt) as
      { id: number } | undefined;
    return row ? row.id : null;
  }

  /** Snapshots are created lazily, with the first version they hold: re-ingesting an unchanged file writes nothing. */
  private createSnapshot(s: Snapshot): number {
    const r = this.sql('INSERT INTO snapshots (file, format, exported_at, ingested_at) VALUES (?, ?, ?, ?)')
      .run(s.file, s.format, s.exportedAt, s.ingestedAt);
    return Number(r.lastInsertRowid);
  }

  async getRegistration(id: string, version?: number): Promise<StoredVersion | null> {
    const row = (version === undefined
      ? this.sql(`${VERSION_SELECT} JOIN registrations r ON r.id = v.id AND r.version = v.version WHERE v.id = ?`).get(id)
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
        const rows = this.sql(`SELECT v.json FROM registrations r
          JOIN registration_versions v ON v.id = r.id AND v.version = r.version
          WHERE r.id IN (${placeholders(part.length)}) ORDER BY r.id`).all(...part) as { json: string }[];
        for (const row of rows) yield JSON.parse(row.json) as Registration;
      }
      return;
    }
    const page = this.sql(`SELECT r.id, v.json FROM registrations r
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

  /** Field-level changes between consecutive versions, in (id, version) order. */
  changes(ids?: string[]): AsyncIterable<Change> {
    const page = this.sql(`${VERSION_SELECT} WHERE v.version > 1 AND (v.id > ? OR (v.id = ? AND v.version > ?))
      ORDER BY v.id, v.version LIMIT ${PAGE}`);
    const previous = this.sql(`${VERSION_SELECT} WHERE v.id = ? AND v.version = ?`);
    return versionChanges(
      (after) => page.all(after.id, after.id, after.version) as VersionRow[],
      (id, version) => previous.get(id, version) as VersionRow | undefined,
      ids,
    );
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
