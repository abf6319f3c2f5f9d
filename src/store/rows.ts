/**
 * Row shapes and helpers both SQL stores (./sqlite/store.ts, ./postgres/store.ts) read their tables with:
 * the same tables, the same column names, the same SELECT.
 */
import type { Registration } from '../model/registration.js';
import type { Change, StoredVersion } from './types.js';
import { changesBetween } from './change-text.js';

/** Rows per page when streaming, ids per chunk when a list is looked up. */
export const PAGE = 500;

export interface VersionRow {
  id: string;
  version: number;
  line: string;
  hash: string;
  json: string;
  file: string;
  format: string;
  exported_at: string | null;
  as_of: string | null;
  ingested_at: string;
}

export const VERSION_SELECT = `SELECT v.id, v.version, v.line, v.hash, v.json, s.file, s.format, s.exported_at, s.as_of, s.ingested_at
  FROM registration_versions v JOIN snapshots s ON s.id = v.snapshot_id`;

/** The current view with its lead version's snapshot (registrations.json; a database from before it had none). */
export const CURRENT_SELECT = `SELECT r.id, r.version, '' AS line, r.hash, COALESCE(r.json, v.json) AS json, s.file, s.format, s.exported_at, s.as_of, s.ingested_at
  FROM registrations r JOIN registration_versions v ON v.id = r.id AND v.version = r.version JOIN snapshots s ON s.id = r.snapshot_id`;

export function toStored(row: VersionRow): StoredVersion {
  const out: StoredVersion = {
    id: row.id,
    version: row.version,
    hash: row.hash,
    registration: JSON.parse(row.json) as Registration,
    snapshot: { file: row.file, format: row.format, exportedAt: row.exported_at, asOf: row.as_of, ingestedAt: row.ingested_at },
  };
  if (row.line) out.line = row.line;
  return out;
}

/** Split a list into chunks (SQLite's bound-parameter limit; PostgreSQL's array parameters kept small). */
export function chunks<T>(items: T[], size = PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Changes over time, in (id, version) order, from a store's one read: `page`, the next PAGE versions after
 * (id, version). Each version is compared with the previous version of its own source line (./change-text.ts).
 */
export async function* versionChanges(
  page: (after: { id: string; version: number }) => Promise<VersionRow[]> | VersionRow[],
  ids?: string[],
): AsyncIterable<Change> {
  const wanted = ids ? new Set(ids) : null;
  let after = { id: '', version: 0 };
  let previous = new Map<string, StoredVersion>();
  let currentId = '';
  for (;;) {
    const rows = await page(after);
    for (const row of rows) {
      if (row.id !== currentId) { currentId = row.id; previous = new Map(); }
      if (wanted && !wanted.has(row.id)) continue;
      const v = toStored(row);
      const prev = previous.get(row.line);
      previous.set(row.line, v);
      if (prev) yield* changesBetween(prev, v);
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { id: last.id, version: last.version };
  }
}
