/**
 * Row shapes and helpers both SQL stores (./sqlite/store.ts, ./postgres/store.ts) read their tables with:
 * the same tables, the same column names, the same SELECT.
 */
import type { Registration } from '../model/registration.js';
import type { Change, StoredVersion } from './types.js';
import { diffRegistrations } from './diff.js';

/** Rows per page when streaming, ids per chunk when a list is looked up. */
export const PAGE = 500;

export interface VersionRow {
  id: string;
  version: number;
  hash: string;
  json: string;
  file: string;
  format: string;
  exported_at: string | null;
  ingested_at: string;
}

export interface LatestRow {
  version: number;
  hash: string;
  snapshot_id: number;
}

export const VERSION_SELECT = `SELECT v.id, v.version, v.hash, v.json, s.file, s.format, s.exported_at, s.ingested_at
  FROM registration_versions v JOIN snapshots s ON s.id = v.snapshot_id`;

export function toStored(row: VersionRow): StoredVersion {
  return {
    id: row.id,
    version: row.version,
    hash: row.hash,
    registration: JSON.parse(row.json) as Registration,
    snapshot: { file: row.file, format: row.format, exportedAt: row.exported_at, ingestedAt: row.ingested_at },
  };
}

/** Split a list into chunks (SQLite's bound-parameter limit; PostgreSQL's array parameters kept small). */
export function chunks<T>(items: T[], size = PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Field-level changes between consecutive versions, in (id, version) order, from a store's two reads: `page`,
 * the next PAGE versions > 1 after (id, version), and `previous`, one version of one id.
 */
export async function* versionChanges(
  page: (after: { id: string; version: number }) => Promise<VersionRow[]> | VersionRow[],
  previous: (id: string, version: number) => Promise<VersionRow | undefined> | VersionRow | undefined,
  ids?: string[],
): AsyncIterable<Change> {
  const wanted = ids ? new Set(ids) : null;
  let after = { id: '', version: 0 };
  for (;;) {
    const rows = await page(after);
    for (const row of rows) {
      if (wanted && !wanted.has(row.id)) continue;
      const prev = await previous(row.id, row.version - 1);
      if (!prev) continue;
      for (const c of diffRegistrations(JSON.parse(prev.json), JSON.parse(row.json))) {
        yield {
          registrationId: row.id, field: c.field, before: c.before, after: c.after,
          fromSnapshot: prev.file, toSnapshot: row.file, fromVersion: prev.version, toVersion: row.version,
        };
      }
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { id: last.id, version: last.version };
  }
}
