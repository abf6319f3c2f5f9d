/**
 * Opens the store a `--db` value names: a file path → SQLite (created when absent), a `postgres://` URL → PostgreSQL.
 */
import type { Store } from './types.js';
import { SqliteStore } from './sqlite/store.js';
import { PgStore } from './postgres/store.js';

export const DEFAULT_DB = './trialatlas.db';

export function isPostgresUrl(dbPathOrUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(dbPathOrUrl);
}

export async function openStore(dbPathOrUrl: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(dbPathOrUrl)) {
    return PgStore.open(dbPathOrUrl);
  }
  return new SqliteStore(dbPathOrUrl);
}

export type { Store } from './types.js';
export { SqliteStore } from './sqlite/store.js';
export { PgStore } from './postgres/store.js';
