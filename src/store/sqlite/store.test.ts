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

test('sqlite: the integrity check finds versions or a current view that the observations do not give', async () => {
  const t = tempDb();
  try {
    const s = new SqliteStore(t.file);
    await s.putBatch([reg('A', 1), reg('B', 1)], snap('w1', '1', 'ictrp-csv'));
    await s.putBatch([reg('A', 2)], snap('w2', '2', 'ictrp-csv'));
    await s.putBatch([reg('A', 3)], snap('t', '3', 'ctgov-tsv'));
    assert.deepEqual(await s.integrity(), []);
    s.db.prepare('DELETE FROM registration_versions WHERE id = ? AND version = 2').run('A');
    s.db.prepare("UPDATE registrations SET json = '{}' WHERE id = ?").run('B');
    const problems = await s.integrity();
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^A: store: no content for A \(\w+\) — observations and versions disagree$/);
    assert.equal(problems[1], "B: the current view is not the merge of its sources' newest versions");
    // a stored record altered behind its hash
    s.db.prepare("UPDATE registration_versions SET json = replace(json, '\"target\":3', '\"target\":30') WHERE id = 'A' AND version = 3").run();
    assert.ok((await s.integrity()).includes("A: version 3's content does not match its hash"));
    await s.close();
  } finally { t.done(); }
});

test('sqlite: a database of schema 1 is migrated: its versions get their source line and observations, and stay readable', async () => {
  const t = tempDb();
  try {
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(t.file);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO snapshots (id, file, format, exported_at, ingested_at) VALUES (1, 'a.xlsx', 'ictrp-xlsx', NULL, 't1'), (2, 'b.tsv', 'ctgov-tsv', NULL, 't2')").run();
    const put = old.prepare('INSERT INTO registration_versions (id, version, hash, json, snapshot_id) VALUES (?, ?, ?, ?, ?)');
    put.run('N', 1, 'h1', JSON.stringify(reg('N', 10, 'a.xlsx')), 1);
    put.run('N', 2, 'h2', JSON.stringify(reg('N', 12, 'b.tsv')), 2);
    old.prepare("INSERT INTO registrations (id, registry, version, hash, snapshot_id) VALUES ('N', 'ChiCTR', 2, 'h2', 2)").run();
    old.close();
    const s = new SqliteStore(t.file);
    assert.equal(s.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.deepEqual((await s.versions('N')).map((v) => v.line), ['ictrp', 'ctgov-tsv']);
    assert.equal((await s.getRegistration('N'))?.registration.enrollment.target, 12);
    assert.equal((s.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n, 2);
    await s.close();
  } finally { t.done(); }
});
