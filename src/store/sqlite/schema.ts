/**
 * SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many have run;
 * opening a database runs the missing ones in one transaction each. Append, never edit, a migration.
 */
import type Database from 'better-sqlite3';
import { SQL_LINE_OF_FORMAT } from '../lines.js';

export const MIGRATIONS: string[] = [
  // 1: versions, snapshots, links, overrides, studies
  `
  CREATE TABLE snapshots (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    format      TEXT NOT NULL,
    exported_at TEXT,
    ingested_at TEXT NOT NULL,
    UNIQUE (file, ingested_at)
  );
  -- every version of every registration; json is the full canonical record (source included)
  CREATE TABLE registration_versions (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    json        TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    PRIMARY KEY (id, version)
  );
  -- one row per registration id: which version is the latest
  CREATE TABLE registrations (
    id          TEXT PRIMARY KEY,
    registry    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id)
  );
  CREATE INDEX registrations_registry ON registrations(registry);
  CREATE TABLE links (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    method   TEXT NOT NULL,
    score    REAL NOT NULL,
    evidence TEXT,
    PRIMARY KEY (a, b, method)
  );
  CREATE INDEX links_b ON links(b);
  -- a curator's assertion; the pair is stored with a < b
  CREATE TABLE overrides (
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    same       INTEGER NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (a, b)
  );
  CREATE TABLE studies (
    study_id   TEXT PRIMARY KEY,
    primary_id TEXT NOT NULL,
    json       TEXT NOT NULL
  );
  CREATE TABLE study_members (
    registration_id TEXT PRIMARY KEY,
    study_id        TEXT NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE
  );
  CREATE INDEX study_members_study ON study_members(study_id);
  -- registrations stored but not yet linked/indexed (a crash between storing and linking leaves them here)
  CREATE TABLE pending (id TEXT PRIMARY KEY);
  `,
  // 2: versions per source line (see ../lines.ts): every record read is an observation; a snapshot is found again by
  // a key derived from its input; the current view (sources merged) is kept in registrations.json
  `
  ALTER TABLE snapshots ADD COLUMN key TEXT;
  UPDATE snapshots SET key = file || char(10) || ingested_at;
  -- the snapshot's date: the newest date its records show (../lines.ts recordDate); orders a source's versions
  ALTER TABLE snapshots ADD COLUMN as_of TEXT;
  CREATE UNIQUE INDEX snapshots_key ON snapshots(key);
  ALTER TABLE registration_versions ADD COLUMN line TEXT NOT NULL DEFAULT '';
  UPDATE registration_versions SET line = (SELECT ${SQL_LINE_OF_FORMAT} FROM snapshots s WHERE s.id = registration_versions.snapshot_id);
  CREATE INDEX registration_versions_line ON registration_versions(id, line, version);
  ALTER TABLE registrations ADD COLUMN json TEXT;
  CREATE TABLE observations (
    id          TEXT NOT NULL,
    line        TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    hash        TEXT NOT NULL,
    source      TEXT NOT NULL,
    PRIMARY KEY (id, line, snapshot_id)
  );
  INSERT INTO observations (id, line, snapshot_id, hash, source)
    SELECT id, line, snapshot_id, hash, COALESCE(json_extract(json, '$.source'), 'null') FROM registration_versions;
  `,
];

/**
 * Run the migrations the database has not seen yet. Each runs in an IMMEDIATE transaction that re-reads
 * user_version, so two processes opening a fresh database at once do not both migrate it.
 */
export function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > MIGRATIONS.length) {
    throw new Error(`database schema version ${version()} is newer than this TrialAtlas (${MIGRATIONS.length}); upgrade TrialAtlas`);
  }
  for (let i = version(); i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      if (version() !== i) return; // another process got there first
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    }).immediate();
  }
}
