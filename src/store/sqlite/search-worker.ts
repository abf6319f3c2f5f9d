/**
 * A search worker thread: its own read-only connection to the SQLite file, answering search, facets and stats
 * for the server's pool (./search-pool.ts) so one long query never holds the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { SqliteSearch } from './search.js';

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
const backend = new SqliteSearch(db, { readOnly: true });

parentPort!.on('message', (m: { id: number; op: 'search' | 'facets' | 'stats'; args: unknown[] }) => {
  const run = (backend[m.op] as (...a: unknown[]) => Promise<unknown>).apply(backend, m.args);
  run.then(
    (ok) => parentPort!.postMessage({ id: m.id, ok }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: { name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) } }),
  );
});
