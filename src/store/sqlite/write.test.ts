/**
 * Two writers on one SQLite file (a second `trialatlas ingest`, or POSTs during a CLI ingest): the second waits for
 * the first instead of failing with "database is locked", and readers never wait.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reg, snap } from '../contract.js';
import { SqliteStore } from './store.js';
import { StoreBusyError } from './write.js';

const require = createRequire(import.meta.url);
const DRIVER = require.resolve('better-sqlite3');

/** Another process that takes the write lock, says "locked", and holds it until its stdin closes. */
function otherWriter(file: string): Promise<{ release: () => Promise<void> }> {
  const code = `
    const Database = require(${JSON.stringify(DRIVER)});
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO pending (id) VALUES ('OTHER-WRITER')").run();
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => {}).on('end', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      if (String(d).includes('locked')) {
        resolve({ release: () => new Promise((done) => { child.once('exit', () => done()); child.stdin.end(); }) });
      }
    });
  });
}

test('sqlite: a write while another process holds the write lock waits for it (BEGIN IMMEDIATE), readers do not wait', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-lock-'));
  const file = path.join(dir, 'test.db');
  const store = new SqliteStore(file);
  try {
    await store.putBatch([reg('A', 1)], snap('first', '1'));
    const told: string[] = [];
    store.setWriteWait({ maxWaitMs: 60_000, onWait: (m) => told.push(m) });
    const other = await otherWriter(file);
    // a deferred transaction would read, then fail to upgrade with SQLITE_BUSY at once
    const put = store.putBatch([reg('B', 1)], snap('second', '2'));
    let settled = false;
    void put.finally(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(settled, false, 'the write waits while the other process holds the lock');
    assert.equal(await store.count(), 1, 'a reader reads the last committed state meanwhile (WAL)');
    await other.release();
    assert.deepEqual(await put, ['new']);
    assert.equal(await store.count(), 2);
    assert.deepEqual((await store.pendingIds()).includes('OTHER-WRITER'), true, 'the other writer\'s work is kept too');
    assert.equal(told.length, 1);
    assert.match(told[0]!, /another process is writing to .*test\.db; waiting/);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a writer that waits longer than its limit gets a clear StoreBusyError', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-lock-'));
  const file = path.join(dir, 'test.db');
  const store = new SqliteStore(file);
  try {
    store.setWriteWait({ maxWaitMs: 0 });
    const other = await otherWriter(file);
    await assert.rejects(store.putBatch([reg('B', 1)], snap('second', '2')), (e: unknown) => e instanceof StoreBusyError && /locked: another process/.test((e as Error).message));
    await other.release();
    assert.deepEqual(await store.putBatch([reg('B', 1)], snap('second', '2')), ['new']);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
