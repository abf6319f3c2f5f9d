/**
 * The behaviour every Store must have (versions, idempotency, the last record of a file winning, transactions,
 * links, overrides, studies, pending ids), written once and run against each backend: ./sqlite/store.test.ts and
 * ./postgres/store.test.ts call storeContract with a way to open a fresh, empty store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegistration, type Registration } from '../model/registration.js';
import type { Snapshot, Store } from './types.js';

/** A fresh, empty store and how to dispose of it. */
export interface FreshStore { store: Store; done: () => Promise<void> }

export function reg(id: string, target: number | null, file = 'week1.csv'): Registration {
  const r = emptyRegistration(id, 'ChiCTR', { format: 'test', file, recordId: id });
  r.titles.public = `Trial ${id}`;
  r.enrollment.target = target;
  return r;
}

export function snap(file: string, ingestedAt: string, format = 'test'): Snapshot {
  return { file, format, exportedAt: null, ingestedAt };
}

/** Define the store contract's tests for one backend (`skip`: why they cannot run here). */
export function storeContract(backend: string, fresh: () => Promise<FreshStore>, skip: string | false = false): void {
  test(`${backend}: putBatch: new, unchanged, changed; every version kept`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      assert.deepEqual(await store.putBatch([reg('A', 10), reg('B', 20)], snap('week1.csv', '2026-01-01T00:00:00Z')),
        ['new', 'new']);
      // same content from another file (source differs): unchanged, nothing written
      assert.deepEqual(await store.putBatch([reg('A', 10, 'week2.csv'), reg('B', 25, 'week2.csv'), reg('C', 1, 'week2.csv')],
        snap('week2.csv', '2026-01-08T00:00:00Z')), ['unchanged', 'changed', 'new']);
      assert.equal(await store.count(), 3);
      const b1 = await store.getRegistration('B', 1);
      const b2 = await store.getRegistration('B');
      assert.equal(b1?.registration.enrollment.target, 20);
      assert.equal(b1?.snapshot.file, 'week1.csv');
      assert.equal(b2?.version, 2);
      assert.equal(b2?.registration.enrollment.target, 25);
      assert.equal((await store.versions('A')).length, 1);
      assert.equal(await store.getRegistration('Z'), null);

      const changes = [];
      for await (const c of store.changes()) changes.push(c);
      assert.deepEqual(changes, [{
        registrationId: 'B', field: 'enrollment.target', before: 20, after: 25,
        fromSnapshot: 'week1.csv', toSnapshot: 'week2.csv', fromVersion: 1, toVersion: 2,
      }]);

      const ids: string[] = [];
      for await (const r of store.latest()) ids.push(r.id);
      assert.deepEqual(ids, ['A', 'B', 'C']);
      const some: number[] = [];
      for await (const r of store.latest(['B'])) some.push(r.enrollment.target ?? -1);
      assert.deepEqual(some, [25]);
    } finally { await done(); }
  });

  test(`${backend}: duplicate id within one snapshot: the last wins and re-runs do not flip-flop`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const s1 = snap('f.csv', '2026-01-01T00:00:00Z');
      assert.deepEqual(await store.putBatch([reg('D', 1)], s1), ['new']);
      assert.deepEqual(await store.putBatch([reg('D', 2)], s1), ['new']);
      assert.equal((await store.versions('D')).length, 1);
      assert.equal((await store.getRegistration('D'))?.registration.enrollment.target, 2);
      // the same file again: first row differs from the stored (last) one, the last row restores it
      const s2 = snap('f.csv', '2026-01-02T00:00:00Z');
      assert.deepEqual(await store.putBatch([reg('D', 1)], s2), ['changed']);
      assert.deepEqual(await store.putBatch([reg('D', 2)], s2), ['unchanged']);
      assert.equal((await store.versions('D')).length, 1);
      assert.equal((await store.getRegistration('D'))?.registration.enrollment.target, 2);
    } finally { await done(); }
  });

  test(`${backend}: putBatch is one transaction: a failing record leaves nothing of its batch`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      await store.putBatch([reg('A', 1)], snap('x', '1'));
      const bad = reg('B', 2);
      (bad as { registry: unknown }).registry = null; // violates NOT NULL
      await assert.rejects(store.putBatch([reg('C', 3), bad], snap('y', '2')));
      assert.equal(await store.count(), 1);
      assert.equal(await store.getRegistration('C'), null);
    } finally { await done(); }
  });

  test(`${backend}: links, overrides, studies and pending ids`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      await store.putBatch([reg('A', 1), reg('B', 2), reg('C', 3)], snap('x', '1'));
      assert.deepEqual(await store.pendingIds!(), ['A', 'B', 'C']);
      await store.clearPending!(['A', 'B']);
      assert.deepEqual(await store.pendingIds!(), ['C']);

      await store.putLinks([{ a: 'A', b: 'B', method: 'secondary_id', score: 1, evidence: 'A lists B' },
        { a: 'B', b: 'C', method: 'similarity', score: 0.8 }]);
      assert.equal((await store.links(['A'])).length, 1);
      assert.equal((await store.links()).length, 2);
      await store.deleteLinks({ ids: ['C'], methods: ['similarity'] });
      assert.deepEqual(await store.links(), [{ a: 'A', b: 'B', method: 'secondary_id', score: 1, evidence: 'A lists B' }]);

      await store.putOverride({ a: 'C', b: 'A', same: false, note: 'different dose' });
      await store.putOverride({ a: 'A', b: 'C', same: true });
      const ov = await store.overrides();
      assert.equal(ov.length, 1);
      assert.equal(ov[0]!.same, true);

      const study = (ids: string[]) => ({ studyId: `S-${ids[0]}`, registrationIds: ids, primaryId: ids[0]!,
        publications: [], characteristics: {}, discrepancies: [], links: [] });
      await store.replaceStudies([study(['A', 'B']), study(['C'])]);
      assert.equal((await store.studyOf('B'))?.studyId, 'S-A');
      // C joins A's study: the old studies of both disappear
      await store.replaceStudies([study(['A', 'B', 'C'])], ['C']);
      const all = [];
      for await (const s of store.studies()) all.push(s.studyId);
      assert.deepEqual(all, ['S-A']);
      assert.deepEqual((await store.studyOf('C'))?.registrationIds, ['A', 'B', 'C']);
    } finally { await done(); }
  });

  test(`${backend}: two files carrying the same registration: re-ingesting both changes nothing`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const run = async (day: string) => [
        ...(await store.putBatch([reg('N', 10, 'ictrp.xlsx')], snap('ictrp.xlsx', `${day}T01`, 'ictrp-xlsx'))),
        ...(await store.putBatch([reg('N', 12, 'ctgov.tsv')], snap('ctgov.tsv', `${day}T02`, 'ctgov-tsv'))),
      ];
      assert.deepEqual(await run('2026-01-01'), ['new', 'changed']);
      assert.deepEqual(await run('2026-01-02'), ['unchanged', 'unchanged']);
      assert.equal((await store.versions('N')).length, 2);
      assert.equal((await store.getRegistration('N'))?.registration.enrollment.target, 12);
      // a file with new content still makes a new version
      assert.deepEqual(await store.putBatch([reg('N', 11, 'ictrp.xlsx')], snap('ictrp.xlsx', '2026-01-03', 'ictrp-xlsx')), ['changed']);
    } finally { await done(); }
  });

  test(`${backend}: next week's files of two sources: a trial that did not change gets no version from either`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const week = async (n: number, ictrpTarget: number, ctgovTarget: number) => [
        ...(await store.putBatch([reg('N', ictrpTarget, `ictrp-week${n}.xlsx`)], snap(`ictrp-week${n}.xlsx`, `2026-01-0${n}T01`, 'ictrp-xlsx'))),
        ...(await store.putBatch([reg('N', ctgovTarget, `ctgov-week${n}.tsv`)], snap(`ctgov-week${n}.tsv`, `2026-01-0${n}T02`, 'ctgov-tsv'))),
      ];
      assert.deepEqual(await week(1, 10, 12), ['new', 'changed']);
      assert.deepEqual(await week(2, 10, 12), ['unchanged', 'unchanged']);
      assert.equal((await store.versions('N')).length, 2);
      // one source reports a change: one new version, and the other source's unchanged record adds none
      assert.deepEqual(await week(3, 10, 14), ['unchanged', 'changed']);
      assert.equal((await store.versions('N')).length, 3);
      assert.equal((await store.getRegistration('N'))?.registration.enrollment.target, 14);
    } finally { await done(); }
  });

  test(`${backend}: a record comes back exactly as stored: key order, non-English text, NUL, lone surrogates`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const r = reg('ChiCTR2000030261', 3);
      r.titles.scientific = '新型冠状病毒肺炎 — Ämter «ñ» \u0000 end \ud800 emoji 🧬';
      r.conditions = ['COVID-19', 'Pneumonie à coronavirus'];
      r.enrollment.raw = '1×10^6 cells/kg';
      assert.deepEqual(await store.putBatch([r], snap('x', '1')), ['new']);
      const back = await store.getRegistration(r.id);
      assert.equal(JSON.stringify(back?.registration), JSON.stringify(r));
      assert.deepEqual(await store.putBatch([structuredClone(r)], snap('x', '2')), ['unchanged']);
    } finally { await done(); }
  });
}
