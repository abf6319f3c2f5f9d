/**
 * SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many have run;
 * opening a database runs the missing ones in one transaction each. Append, never edit, a migration.
 */
import type Database from 'better-sqlite3';

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
