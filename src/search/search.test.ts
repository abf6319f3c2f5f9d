/**
 * Search over a real SQLite store: the shared search tests (./contract.ts) on a temporary file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../store/sqlite/store.js';
import { searchContract } from './contract.js';

searchContract('sqlite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ta-search-'));
  const store = new SqliteStore(path.join(dir, 't.db'));
  return { store, done: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});
