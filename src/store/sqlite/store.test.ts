/**
 * The SQLite store: the shared store contract (../contract.ts) on a temporary file, plus what is SQLite's own
 * (user_version, WAL).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../index.js';
import { reg, snap, storeContract } from '../contract.js';
import { freshSqlite } from '../testing.js';
import { SqliteStore } from './store.js';
import { MIGRATIONS } from './schema.js';

function tempDb(): { file: string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-store-'));
  return { file: path.join(dir, 'test.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

storeContract('sqlite', freshSqlite);

test('sqlite: schema version recorded; WAL; reopening keeps data', async () => {
  const t = tempDb();
  try {
    const s1 = new SqliteStore(t.file);
    assert.equal(s1.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(s1.db.pragma('journal_mode', { simple: true }), 'wal');
    await s1.putBatch([reg('A', 1)], snap('x', '1'));
    await s1.close();
    const s2 = await openStore(t.file);
    assert.equal(await s2.count(), 1);
    await s2.close();
  } finally { t.done(); }
});
