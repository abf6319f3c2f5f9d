/**
 * Fresh, empty stores for tests, one per backend: a temporary SQLite file, or a new schema on the PostgreSQL
 * server named by TRIALATLAS_TEST_PG (dropped when done). Without the variable the PostgreSQL ones skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FreshStore } from './contract.js';
import { SqliteStore } from './sqlite/store.js';
import { PgStore } from './postgres/store.js';

export const PG_URL = process.env.TRIALATLAS_TEST_PG;
/** Why the PostgreSQL tests skip (false when they run). */
export const PG_SKIP: string | false = PG_URL ? false : 'set TRIALATLAS_TEST_PG=postgres://… to run the PostgreSQL store tests';

export async function freshSqlite(): Promise<FreshStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-store-'));
  const store = new SqliteStore(path.join(dir, 'test.db'));
  return { store, done: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

let n = 0;

/** Run one statement as the test role on its own connection. */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

export async function freshPostgres(): Promise<FreshStore> {
  if (!PG_URL) throw new Error(PG_SKIP as string);
  const schema = `ta_test_${process.pid}_${Date.now().toString(36)}_${n++}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const store = await PgStore.open(PG_URL, { schema });
  return { store, done: async () => { await store.close(); await admin(`DROP SCHEMA ${schema} CASCADE`); } };
}

export const BACKENDS: { name: 'sqlite' | 'postgres'; fresh: () => Promise<FreshStore>; skip: string | false }[] = [
  { name: 'sqlite', fresh: freshSqlite, skip: false },
  { name: 'postgres', fresh: freshPostgres, skip: PG_SKIP },
];
