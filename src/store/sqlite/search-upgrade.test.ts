/**
 * A database indexed before the stemmed twins: opening it empties the old index and the first search re-indexes
 * every registration, so word forms match at once without a manual rebuild.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshSqlite } from '../testing.js';
import { fixtureRegistrations } from '../../search/__fixtures__/registrations.js';
import { search } from '../../search/index.js';
import type { SqliteStore } from './store.js';

/** The search tables as TrialAtlas created them before the stemmed twins (8 FTS5 columns). */
const OLD_LAYOUT = `
CREATE TABLE search_docs (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, study_id TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
  registry TEXT, status TEXT, phase TEXT, study_type TEXT, allocation TEXT, masking TEXT, reg_date TEXT, reg_year INTEGER, last_update TEXT,
  min_age REAL, max_age REAL, sex TEXT, summary TEXT NOT NULL);
CREATE TABLE search_values (rid INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(title, conditions, interventions, description, outcomes, eligibility, sponsors, ids,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO search_docs (rid, id, study_id, summary) VALUES (1, 'OLD1', 'OLD1', '{}');
INSERT INTO search_fts (rowid, title) VALUES (1, 'stale');
`;

test('an index of the old layout is rebuilt on first use', async () => {
  const { store, done } = await freshSqlite();
  try {
    const db = (store as SqliteStore).db;
    db.exec(OLD_LAYOUT);
    await store.putBatch(fixtureRegistrations(), { file: 'f.ndjson', format: 'fixture', exportedAt: '2020-07-07', ingestedAt: '2026-12-01T00:00:00Z' });
    const r = await search(store, '"healthcare worker"');
    assert.deepEqual(r.hits.map((h) => h.lead.id), ['ACTRN12620000421932'], 'found through the stemmed twin');
    assert.equal((await search(store, 'stale')).total, 0, 'the old rows are gone');
    const cols = (db.prepare("SELECT name FROM pragma_table_info('search_fts')").all() as { name: string }[]).map((c) => c.name);
    assert.ok(cols.includes('title_s'));
  } finally {
    await done();
  }
});
