/**
 * Opens the store a `--db` value names: a file path → SQLite (created when absent), a `postgres://` URL → PostgreSQL.
 */
import type { Store } from './types.js';
import { SqliteStore } from './sqlite/store.js';

export const DEFAULT_DB = './trialatlas.db';

export function isPostgresUrl(dbPathOrUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(dbPathOrUrl);
}

export async function openStore(dbPathOrUrl: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(dbPathOrUrl)) {
    throw new Error('PostgreSQL backend not available yet: use a SQLite file path for --db (e.g. ./trialatlas.db)');
  }
  return new SqliteStore(dbPathOrUrl);
}

export type { Store } from './types.js';
export { SqliteStore } from './sqlite/store.js';
