/**
 * PostgreSQL schema, as an ordered list of migrations (the same tables as ../sqlite/schema.ts). The table
 * `trialatlas_schema` records how many have run; opening a database runs the missing ones, each in its own
 * transaction under an advisory lock, so two processes opening a fresh database at once do not both migrate it.
 * Append, never edit, a migration.
 *
 * Ids and other keys are `COLLATE "C"`: byte order, as SQLite compares them, so paging and every listing come out
 * in the same order on both backends whatever the database's locale.
 */
import type pg from 'pg';
import { SQL_LINE_OF_FORMAT } from '../lines.js';

export const MIGRATIONS: string[] = [
  // 1: versions, snapshots, links, overrides, studies, pending
  `
  CREATE TABLE snapshots (
    id          serial PRIMARY KEY,
    file        text NOT NULL,
    format      text NOT NULL,
    exported_at text,
    ingested_at text NOT NULL,
    UNIQUE (file, ingested_at)
  );
  -- every version of every registration. json: the canonical record exactly as written (read back byte for
  -- byte, keys in the model's order); doc: the same as jsonb, for queries and indexes in SQL.
  CREATE TABLE registration_versions (
    id          text COLLATE "C" NOT NULL,
    version     integer NOT NULL,
    hash        text NOT NULL,
    json        text NOT NULL,
    doc         jsonb NOT NULL,
    snapshot_id integer NOT NULL REFERENCES snapshots(id),
    PRIMARY KEY (id, version)
  );
  -- one row per registration id: which version is the latest
  CREATE TABLE registrations (
    id          text COLLATE "C" PRIMARY KEY,
    registry    text NOT NULL,
    version     integer NOT NULL,
    hash        text NOT NULL,
    snapshot_id integer NOT NULL REFERENCES snapshots(id)
  );
  CREATE INDEX registrations_registry ON registrations(registry);
  CREATE TABLE links (
    a        text COLLATE "C" NOT NULL,
    b        text COLLATE "C" NOT NULL,
    method   text COLLATE "C" NOT NULL,
    score    double precision NOT NULL,
    evidence text,
    PRIMARY KEY (a, b, method)
  );
  CREATE INDEX links_b ON links(b);
  -- a curator's assertion; the pair is stored with a < b
  CREATE TABLE overrides (
    a          text COLLATE "C" NOT NULL,
    b          text COLLATE "C" NOT NULL,
    same       boolean NOT NULL,
    note       text,
    created_at text NOT NULL,
    PRIMARY KEY (a, b)
  );
  CREATE TABLE studies (
    study_id   text COLLATE "C" PRIMARY KEY,
    primary_id text NOT NULL,
    json       text NOT NULL
  );
  CREATE TABLE study_members (
    registration_id text COLLATE "C" PRIMARY KEY,
    study_id        text COLLATE "C" NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE
  );
  CREATE INDEX study_members_study ON study_members(study_id);
  -- registrations stored but not yet linked/indexed (a crash between storing and linking leaves them here)
  CREATE TABLE pending (id text COLLATE "C" PRIMARY KEY);
  `,
  // 2: versions per source line (see ../lines.ts), as in ../sqlite/schema.ts
  `
  ALTER TABLE snapshots ADD COLUMN key text;
  UPDATE snapshots SET key = file || chr(10) || ingested_at;
  ALTER TABLE snapshots ADD COLUMN as_of text;
  CREATE UNIQUE INDEX snapshots_key ON snapshots(key);
  ALTER TABLE registration_versions ADD COLUMN line text COLLATE "C" NOT NULL DEFAULT '';
  UPDATE registration_versions v SET line = (SELECT ${SQL_LINE_OF_FORMAT} FROM snapshots s WHERE s.id = v.snapshot_id);
  CREATE INDEX registration_versions_line ON registration_versions(id, line, version);
  ALTER TABLE registrations ADD COLUMN json text;
  CREATE TABLE observations (
    id          text COLLATE "C" NOT NULL,
    line        text COLLATE "C" NOT NULL,
    snapshot_id integer NOT NULL REFERENCES snapshots(id),
    hash        text NOT NULL,
    source      text NOT NULL,
    PRIMARY KEY (id, line, snapshot_id)
  );
  INSERT INTO observations (id, line, snapshot_id, hash, source)
    SELECT id, line, snapshot_id, hash, COALESCE(doc->>'source', 'null') FROM registration_versions;
  `,
];

/** Run `fn` in one transaction on one pooled client: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Run `fn` in one transaction holding the schema lock (migrations, the search index's tables). */
export function withSchemaLock<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return transaction(pool, async (c) => {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('trialatlas schema'))");
    return fn(c);
  });
}

/** Run the migrations the database has not seen yet; returns the schema version. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const current = async (c: pg.PoolClient): Promise<number> => {
    await c.query('CREATE TABLE IF NOT EXISTS trialatlas_schema (version integer NOT NULL)');
    const r = await c.query<{ version: number }>('SELECT version FROM trialatlas_schema');
    if (r.rows.length === 0) { await c.query('INSERT INTO trialatlas_schema (version) VALUES (0)'); return 0; }
    return r.rows[0]!.version;
  };
  for (;;) {
    const done = await withSchemaLock(pool, async (c) => {
      const v = await current(c);
      if (v > MIGRATIONS.length) {
        throw new Error(`database schema version ${v} is newer than this TrialAtlas (${MIGRATIONS.length}); upgrade TrialAtlas`);
      }
      if (v === MIGRATIONS.length) return true;
      await c.query(MIGRATIONS[v]!);
      await c.query('UPDATE trialatlas_schema SET version = $1', [v + 1]);
      return false;
    });
    if (done) return MIGRATIONS.length;
  }
}
