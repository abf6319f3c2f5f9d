/**
 * The pipeline's guards, for every path into the store: the canonical-schema check on records from any reader,
 * a bad record already stored (by an older API) cannot stop later ingests, and file names are shown relative to
 * what the user gave.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyRegistration, type Registration } from '../model/registration.js';
import type { ReadItem } from '../sources/index.js';
import { freshSqlite } from '../store/testing.js';
import { ingest } from './ingest.js';
import { search } from '../search/index.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

test('a stored record that breaks the schema (titles.public = 42) no longer stops later ingests: it gets a repaired version', async () => {
  const { store, done } = await freshSqlite();
  try {
    // what POST /api/v1/ingest stored before it checked the schema
    const bad = { ...emptyRegistration('NCT09999999', 'ClinicalTrials.gov'), titles: { public: 42, scientific: null, acronym: null } } as unknown as Registration;
    await store.putBatch([bad], { file: 'api:POST /api/v1/ingest', format: 'canonical-json', exportedAt: null, ingestedAt: '2026-12-01T00:00:00Z' });
    const warnings: string[] = [];
    const s = await ingest(store, [EXAMPLES], { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(s.stageErrors, [], 'before: "repairMojibake(...).normalize is not a function" for every batch');
    assert.ok(s.new > 5, `new: ${s.new}`);
    const versions = await store.versions('NCT09999999');
    assert.equal(versions.length, 2, 'the bad version stays in the history');
    assert.equal((versions[0]!.registration.titles as unknown as { public: unknown }).public, 42);
    assert.equal(versions[1]!.registration.titles.public, null);
    assert.match(versions[1]!.registration.warnings.join(' '), /titles\.public is 42 but must be a string or null; read as unknown/);
    assert.ok(warnings.some((w) => /stored registration NCT09999999 did not meet the canonical schema/.test(w)));
    assert.equal((await store.pendingIds!()).length, 0);
    assert.ok((await search(store, 'covid', { pageSize: 5 })).total > 0, 'search finds the new records');
  } finally { await done(); }
});

test('records from a file reader meet the same schema as posted ones: a bad id or field is rejected by name, the rest go in', async () => {
  const { store, done } = await freshSqlite();
  try {
    const good = emptyRegistration('IRCT1000N1', 'IRCT');
    const badId = emptyRegistration('../../<b>x</b>', 'IRCT');
    const badField = { ...emptyRegistration('IRCT1001N1', 'IRCT'), enrollment: { target: 'many', actual: null, raw: null } } as unknown as Registration;
    const odd = { ...emptyRegistration('IRCT1002N1', 'IRCT'), enrollment: { target: 1e23, actual: null, raw: null } };
    async function* read(): AsyncIterable<ReadItem> {
      yield { kind: 'file', file: 'f.csv', format: 'test', encoding: 'utf-8' };
      for (const [i, r] of [good, badId, badField, odd].entries()) yield { kind: 'record', record: r, file: 'f.csv', position: `row ${i + 1}` };
    }
    const issues: string[] = [];
    const warnings: string[] = [];
    const s = await ingest(store, [], { read, onIssue: (i) => issues.push(`${i.position} ${i.field}: ${i.reason}`), onWarning: (w) => warnings.push(w) });
    assert.equal(s.new, 2);
    assert.equal(s.rejected, 2);
    assert.match(issues[0]!, /^row 2 id: .*not of the form a registration number/);
    assert.match(issues[1]!, /^row 3 enrollment\.target: record IRCT1001N1: enrollment\.target is "many" but must be a whole number or null/);
    assert.deepEqual(warnings, ['f.csv: row 4: IRCT1002N1: implausible value: enrollment.target is 1e+23, more than 100,000,000 participants']);
    assert.match((await store.getRegistration('IRCT1002N1'))!.registration.warnings.join(), /implausible value: enrollment\.target/);
  } finally { await done(); }
});

test('file names are kept relative to what the user gave: an absolute directory shows from its last part', async () => {
  const { store, done } = await freshSqlite();
  try {
    const issues: string[] = [];
    await ingest(store, [EXAMPLES], { onIssue: (i) => issues.push(`${i.file}: ${i.reason}`) });
    assert.ok(issues.length > 0, 'the helper scripts in examples/ are not trial exports');
    for (const i of issues) assert.doesNotMatch(i, new RegExp(path.dirname(EXAMPLES).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), i);
    let n = 0;
    for await (const r of store.latest()) {
      n++;
      const v = (await store.getRegistration(r.id))!;
      assert.ok(v.snapshot.file.startsWith('examples/'), v.snapshot.file);
      assert.ok(!r.source.file || !r.source.file.startsWith('/'), r.source.file ?? '');
    }
    assert.ok(n > 5, `registrations: ${n}`);
  } finally { await done(); }
});
