/**
 * The PostgreSQL store and search: the same contract tests as SQLite (../contract.ts, src/search/contract.ts), each
 * in a schema of its own, against the server named by TRIALATLAS_TEST_PG (a postgres:// URL). Without the variable
 * every test is skipped, saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../index.js';
import { reg, snap, storeContract } from '../contract.js';
import { searchContract } from '../../search/contract.js';
import { search } from '../../search/index.js';
import { PG_SKIP as SKIP, PG_URL as URL, freshPostgres as fresh } from '../testing.js';
import { PgStore, redactUrl } from './store.js';
import { MIGRATIONS } from './schema.js';

storeContract('postgres', fresh, SKIP);
searchContract('postgres', fresh, SKIP);

test('postgres: openStore takes a postgres:// URL; schema version recorded; reopening keeps data and migrates nothing', { skip: SKIP }, async () => {
  const { store, done } = await fresh();
  try {
    assert.equal(store.kind, 'postgres');
    assert.equal((store as PgStore).schemaVersion, MIGRATIONS.length);
    await store.putBatch([reg('A', 1)], snap('x', '1'));
    const schema = (await (store as PgStore).pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const again = await PgStore.open(URL!, { schema });
    assert.equal(await again.count(), 1);
    assert.equal((await again.pool.query('SELECT version FROM trialatlas_schema')).rows[0].version, MIGRATIONS.length);
    await again.close();
    // the registrations are jsonb too, for SQL over their fields
    const doc = (await (store as PgStore).pool.query(`SELECT doc->'enrollment'->>'target' AS t FROM registration_versions`)).rows[0];
    assert.equal(doc.t, '1');
  } finally { await done(); }
});

test('postgres: ids, hyphenated terms and non-English words are matched as SQLite matches them', { skip: SKIP }, async () => {
  const { store, done } = await fresh();
  try {
    const r = reg('CTRI/2020/04/024773', 1);
    r.titles.public = 'Ayurveda für COVID-19 — Überprüfung';
    r.conditions = ['新型冠状病毒肺炎'];
    await store.putBatch([r], snap('x', '1'));
    const { rebuildIndex } = await import('../../search/index.js');
    await rebuildIndex(store);
    const total = async (q: string) => (await search(store, q)).total;
    assert.equal(await total('024773'), 1, 'a part of a CTRI number');
    assert.equal(await total('"CTRI/2020/04/024773"'), 1);
    assert.equal(await total('covid'), 1);
    assert.equal(await total('"covid 19"'), 1);
    assert.equal(await total('uberprufung'), 1, 'diacritics folded');
    assert.equal(await total('cond:新型冠状病毒肺炎'), 1);
    assert.equal(await total('title:新型冠状病毒肺炎'), 0, 'a field term searches its column only');
    assert.equal(await total('ayur*'), 1);
  } finally { await done(); }
});

test('postgres: an unreachable server is reported with the URL, password hidden', { skip: SKIP }, async () => {
  await assert.rejects(openStore('postgres://someone:secret@127.0.0.1:1/nowhere'), (e: Error) => {
    assert.match(e.message, /PostgreSQL postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    assert.doesNotMatch(e.message, /secret/);
    return true;
  });
  assert.equal(redactUrl('postgres://u:p@h/db'), 'postgres://u:***@h/db');
});

test('postgres: an index of the old layout (before the stemmed twins) is rebuilt on first use', { skip: SKIP }, async () => {
  const { store, done } = await fresh();
  try {
    const pool = (store as unknown as { pool: import('pg').Pool }).pool;
    await pool.query("CREATE TABLE search_docs (rid integer PRIMARY KEY, id text, t_title tsvector); INSERT INTO search_docs VALUES (1, 'OLD1', to_tsvector('simple', 'stale'))");
    const { fixtureRegistrations } = await import('../../search/__fixtures__/registrations.js');
    await store.putBatch(fixtureRegistrations(), { file: 'f.ndjson', format: 'fixture', exportedAt: '2020-07-07', ingestedAt: '2026-12-01T00:00:00Z' });
    assert.deepEqual((await search(store, '"healthcare worker"')).hits.map((h) => h.lead.id), ['ACTRN12620000421932']);
    assert.equal((await search(store, 'stale')).total, 0);
  } finally {
    await done();
  }
});
