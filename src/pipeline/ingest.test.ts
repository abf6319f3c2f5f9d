import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegistration } from '../model/registration.js';
import type { ReadItem } from '../sources/index.js';
import { BACKENDS } from '../store/testing.js';
import { ingest } from './ingest.js';
import { search } from '../search/index.js';
import { background, PIRFENIDONE_CHICTR, PIRFENIDONE_NCT } from '../link/__fixtures__/registrations.js';


/** A fake reader: `rows` per file as [id, target] pairs; a null id becomes an error item. */
function reader(files: Record<string, [string | null, number][]>) {
  return async function* (): AsyncIterable<ReadItem> {
    for (const [file, rows] of Object.entries(files)) {
      yield { kind: 'file', file, format: 'test', encoding: 'utf-8' };
      let n = 0;
      for (const [id, target] of rows) {
        n++;
        if (id === null) { yield { kind: 'error', issue: { file, position: `row ${n}`, field: 'TrialID', reason: 'record has no id' } }; continue; }
        const r = emptyRegistration(id, 'IRCT', { format: 'test', file, recordId: id });
        r.enrollment.target = target;
        yield { kind: 'record', record: r, file, position: `row ${n}` };
      }
    }
  };
}

const WEEK1: [string, number][] = Array.from({ length: 23 }, (_, i) => [`IRCT${1000 + i}N1`, i]);

// every test on every backend (the PostgreSQL ones skip without TRIALATLAS_TEST_PG)
for (const { name, fresh, skip } of BACKENDS) {
  test(`${name}: ingest counts new/changed/unchanged/rejected; the same input twice changes nothing`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const issues: string[] = [];
      const first = await ingest(store, [], { read: reader({ 'w1.csv': [...WEEK1, [null, 0]] }), batchSize: 5, onIssue: (i) => issues.push(`${i.file} ${i.position} ${i.reason}`) });
      assert.equal(first.new, 23);
      assert.equal(first.rejected, 1);
      assert.deepEqual(issues, ['w1.csv row 24 record has no id']);
      const again = await ingest(store, [], { read: reader({ 'w1.csv': WEEK1 }), batchSize: 5 });
      assert.deepEqual([again.new, again.changed, again.unchanged], [0, 0, 23]);
      const week2: [string, number][] = WEEK1.map(([id, n], i) => [id, i % 10 === 0 ? n + 100 : n]);
      week2.push(['IRCT9999N1', 5]);
      const second = await ingest(store, [], { read: reader({ 'w2.csv': week2 }), batchSize: 5 });
      assert.deepEqual([second.new, second.changed, second.unchanged], [1, 3, 20]);
      assert.equal((await store.versions('IRCT1010N1')).length, 2);
      assert.equal((await store.getRegistration('IRCT1010N1', 1))?.registration.enrollment.target, 10);
      assert.equal(await store.count(), 24);
    } finally { await done(); }
  });

  test(`${name}: a crash after batch k leaves a valid database and a re-run finishes the job`, { skip }, async () => {
    const { store, done } = await fresh();
    const { store: reference, done: doneReference } = await fresh();
    try {
      await assert.rejects(ingest(store, [], {
        read: reader({ 'w1.csv': WEEK1 }), batchSize: 5,
        afterBatch: (k) => { if (k === 2) throw new Error('simulated crash'); },
      }), /simulated crash/);
      assert.equal(await store.count(), 10);
      const rerun = await ingest(store, [], { read: reader({ 'w1.csv': WEEK1 }), batchSize: 5 });
      assert.deepEqual([rerun.new, rerun.unchanged], [13, 10]);
      await ingest(reference, [], { read: reader({ 'w1.csv': WEEK1 }), batchSize: 5 });
      assert.equal(await store.count(), await reference.count());
      for (const [id] of WEEK1) assert.equal((await store.versions(id!)).length, 1);
      assert.deepEqual(await store.pendingIds!(), []);
    } finally { await done(); await doneReference(); }
  });

  test(`${name}: the same id twice in one file: warned, last kept, no flip-flop on re-run`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const rows: [string, number][] = [['IRCT1N1', 1], ['IRCT2N1', 2], ['IRCT1N1', 7]];
      const warnings: string[] = [];
      const s1 = await ingest(store, [], { read: reader({ 'f.csv': rows }), batchSize: 2, onWarning: (w) => warnings.push(w) });
      assert.equal(s1.duplicates, 1);
      assert.match(warnings[0]!, /f\.csv: row 3: id IRCT1N1 already appeared at row 1/);
      assert.deepEqual([s1.new, s1.changed, s1.unchanged], [2, 0, 0]);
      assert.equal((await store.getRegistration('IRCT1N1'))?.registration.enrollment.target, 7);
      const s2 = await ingest(store, [], { read: reader({ 'f.csv': rows }), batchSize: 2 });
      assert.deepEqual([s2.new, s2.changed, s2.unchanged], [0, 0, 2]);
      assert.equal((await store.versions('IRCT1N1')).length, 1);
      // the last row restored what the first (in an earlier batch) changed: linked and indexed in this run, not left pending
      assert.deepEqual(await store.pendingIds!(), []);
    } finally { await done(); }
  });

  test(`${name}: a registration a relink splits off its study is re-indexed under its own study`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      // week 1: the ChiCTR and NCT twins read alike (a similarity link); week 2: the NCT record is rewritten
      const week = (alike: boolean) => async function* (): AsyncIterable<ReadItem> {
        yield { kind: 'file', file: 'w.tsv', format: 'test', encoding: 'utf-8' };
        const nct = structuredClone(PIRFENIDONE_NCT);
        if (!alike) {
          nct.titles = { public: 'Zinc lozenges for outpatients with a sore throat', scientific: null, acronym: null };
          nct.sponsor.primary = 'Quokka University';
          nct.contacts = [];
          nct.countries = ['Australia'];
        }
        let n = 0;
        for (const r of [...background(60), PIRFENIDONE_CHICTR, nct]) yield { kind: 'record', record: r, file: 'w.tsv', position: `row ${++n}` };
      };
      const CHI = PIRFENIDONE_CHICTR.id;
      const NCT = PIRFENIDONE_NCT.id;
      const indexed = async () => (await search(store, `id:"${CHI}"`, { pageSize: 5 })).hits.map((h) => [h.studyId, [...h.registrationIds].sort().join(' ')]);
      await ingest(store, [], { read: week(true) });
      assert.deepEqual((await store.studyOf(CHI))?.registrationIds.sort(), [CHI, NCT]);
      assert.deepEqual(await indexed(), [[NCT, [CHI, NCT].sort().join(' ')]]);
      const second = await ingest(store, [], { read: week(false) });
      assert.equal(second.changed, 1, 'only the NCT record changed');
      assert.deepEqual((await store.studyOf(CHI))?.registrationIds ?? [CHI], [CHI], 'the store split them');
      assert.deepEqual(await indexed(), [[CHI, CHI]], 'and the index agrees with the store');
    } finally { await done(); }
  });
}
