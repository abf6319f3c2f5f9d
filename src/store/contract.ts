/**
 * The behaviour every Store must have (versions, idempotency, the last record of a file winning, transactions,
 * links, overrides, studies, pending ids), written once and run against each backend: ./sqlite/store.test.ts and
 * ./postgres/store.test.ts call storeContract with a way to open a fresh, empty store.
 */
import { createHash } from 'node:crypto';
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

export function snap(file: string, ingestedAt: string, format = 'test', key?: string): Snapshot {
  return { file, format, exportedAt: null, ingestedAt, ...(key ? { key } : {}) };
}

/**
 * Everything a store shows of its registrations — each id's versions (line, content, file), its current view, the
 * changes — as a sha256 over their JSON lines (a whole database's worth would be too long a string).
 */
export async function dump(store: Store): Promise<string> {
  const h = createHash('sha256');
  for await (const r of store.latest()) {
    const vs = (await store.versions(r.id)).map((v) => ({ v: v.version, line: v.line, file: v.snapshot.file, reg: v.registration }));
    h.update(JSON.stringify({ current: r, version: (await store.getRegistration(r.id))?.version, vs }) + '\n');
  }
  for await (const c of store.changes()) h.update(JSON.stringify(c) + '\n');
  return h.digest('hex');
}

async function changesOf(store: Store) {
  const out = [];
  for await (const c of store.changes()) out.push(c);
  return out;
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
        registrationId: 'B', field: 'enrollment.target', label: 'Target enrolment', before: 20, after: 25,
        fromSnapshot: 'week1.csv', toSnapshot: 'week2.csv', source: 'test', fromVersion: 1, toVersion: 2,
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

  test(`${backend}: two sources carrying the same registration: a second source is no change, re-ingesting both changes nothing`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const run = async (day: string) => [
        ...(await store.putBatch([reg('N', 10, 'ictrp.xlsx')], snap('ictrp.xlsx', `${day}T01`, 'ictrp-xlsx'))),
        ...(await store.putBatch([reg('N', 12, 'ctgov.tsv')], snap('ctgov.tsv', `${day}T02`, 'ctgov-tsv'))),
      ];
      assert.deepEqual(await run('2026-01-01'), ['new', 'newSource']);
      assert.deepEqual(await changesOf(store), [], 'a difference between sources is not a change over time');
      assert.deepEqual(await run('2026-01-02'), ['unchanged', 'unchanged']);
      const vs = await store.versions('N');
      assert.deepEqual(vs.map((v) => [v.version, v.line, v.registration.enrollment.target]), [[1, 'ictrp', 10], [2, 'ctgov-tsv', 12]]);
      // the current view: the registry's own source leads, and says so
      const current = await store.getRegistration('N');
      assert.equal(current?.registration.enrollment.target, 12);
      assert.equal(current?.version, 2);
      assert.deepEqual(current?.registration.provenance?.sources.map((s) => [s.source, s.file, s.version]),
        [['ClinicalTrials.gov download', 'ctgov.tsv', 2], ['WHO ICTRP export', 'ictrp.xlsx', 1]]);
      // a source with new content still makes a new version of that source, and a change against that source only
      assert.deepEqual(await store.putBatch([reg('N', 11, 'ictrp2.xlsx')], snap('ictrp2.xlsx', '2026-01-03', 'ictrp-xlsx')), ['changed']);
      assert.deepEqual((await changesOf(store)).map((c) => [c.field, c.before, c.after, c.source, c.fromVersion, c.toVersion]),
        [['enrollment.target', 10, 11, 'WHO ICTRP export', 1, 3]]);
      assert.equal((await store.getRegistration('N'))?.registration.enrollment.target, 12, 'the registry\'s own record still leads');
    } finally { await done(); }
  });

  test(`${backend}: the current view fills the lead source's gaps from the other source, naming it`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const ictrp = reg('N', 10, '/srv/data/ictrp.xlsx');
      ictrp.eligibility.inclusion = ['Adults with COVID-19'];
      ictrp.contacts = [{ name: 'A. Author', role: null, affiliation: null, email: 'a@example.org', phone: null }];
      const ctgov = reg('N', 12, '/srv/data/ctgov.tsv');
      ctgov.status.recruitment = 'recruiting';
      await store.putBatch([ictrp], snap('/srv/data/ictrp.xlsx', 't1', 'ictrp-xlsx'));
      await store.putBatch([ctgov], snap('/srv/data/ctgov.tsv', 't2', 'ctgov-tsv'));
      const merged = (await store.getRegistration('N'))!.registration;
      assert.deepEqual(merged.eligibility.inclusion, ['Adults with COVID-19']);
      assert.equal(merged.contacts.length, 1);
      assert.equal(merged.status.recruitment, 'recruiting');
      assert.equal(merged.enrollment.target, 12);
      assert.equal(merged.source.file, '/srv/data/ctgov.tsv');
      assert.deepEqual(merged.provenance?.fields, { contacts: 'ictrp', 'eligibility.inclusion': 'ictrp' });
      assert.deepEqual(merged.provenance?.sources.map((s) => s.file), ['ctgov.tsv', 'ictrp.xlsx'], 'file names, no server paths');
      const all = [];
      for await (const r of store.latest()) all.push(r);
      assert.deepEqual(all, [merged]);
      assert.deepEqual(await changesOf(store), []);
    } finally { await done(); }
  });

  test(`${backend}: next week's files of two sources: a trial that did not change gets no version from either`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const week = async (n: number, ictrpTarget: number, ctgovTarget: number) => [
        ...(await store.putBatch([reg('N', ictrpTarget, `ictrp-week${n}.xlsx`)], snap(`ictrp-week${n}.xlsx`, `2026-01-0${n}T01`, 'ictrp-xlsx'))),
        ...(await store.putBatch([reg('N', ctgovTarget, `ctgov-week${n}.tsv`)], snap(`ctgov-week${n}.tsv`, `2026-01-0${n}T02`, 'ctgov-tsv'))),
      ];
      assert.deepEqual(await week(1, 10, 12), ['new', 'newSource']);
      assert.deepEqual(await week(2, 10, 12), ['unchanged', 'unchanged']);
      assert.equal((await store.versions('N')).length, 2);
      // one source reports a change: one new version, and the other source's unchanged record adds none
      assert.deepEqual(await week(3, 10, 14), ['unchanged', 'changed']);
      assert.equal((await store.versions('N')).length, 3);
      assert.equal((await store.getRegistration('N'))?.registration.enrollment.target, 14);
      assert.deepEqual((await changesOf(store)).map((c) => [c.before, c.after, c.fromSnapshot, c.toSnapshot]), [[12, 14, 'ctgov-week1.tsv', 'ctgov-week3.tsv']]);
    } finally { await done(); }
  });

  test(`${backend}: re-reading older snapshots after newer ones (same snapshot keys) changes nothing`, { skip }, async () => {
    const { store, done } = await fresh();
    try {
      const files: [string, string, number][] = [['ictrp-a', 'ictrp-xlsx', 10], ['ctgov-a', 'ctgov-tsv', 12], ['ictrp-b', 'ictrp-xlsx', 11], ['ctgov-b', 'ctgov-tsv', 12], ['ictrp-c', 'ictrp-xlsx', 10]];
      const all = async (at: string) => {
        const out = [];
        for (const [file, format, target] of files) out.push(...await store.putBatch([reg('N', target, file), reg(`M-${file}`, 1, file)], snap(file, at, format, `${format} ${file}`)));
        return out;
      };
      await all('run1');
      const before = await dump(store);
      assert.deepEqual(await all('run2'), new Array(10).fill('unchanged'));
      assert.equal(await dump(store), before);
      assert.deepEqual((await store.versions('N')).map((v) => [v.line, v.registration.enrollment.target]),
        [['ictrp', 10], ['ctgov-tsv', 12], ['ictrp', 11], ['ictrp', 10]]);
    } finally { await done(); }
  });

  test(`${backend}: a source's snapshots read out of time order: versions in the order of the snapshots' dates, whatever the batches`, { skip }, async () => {
    const a = await fresh();
    const b = await fresh();
    try {
      const dated = (id: string, target: number, lastUpdate: string, file: string) => {
        const r = reg(id, target, file);
        r.dates.lastUpdate = lastUpdate;
        return r;
      };
      const week2 = [dated('X', 2, '2020-01-05', 'late.csv'), dated('Y', 1, '2020-01-20', 'late.csv')];
      for (const { store } of [a, b]) await store.putBatch([dated('X', 1, '2020-01-10', 'early.csv')], snap('early.csv', 't1', 'ictrp-csv', 'early'));
      // a: the later file in one batch; b: its first batch alone looks older than early.csv, the second moves it past
      await a.store.putBatch(week2, snap('late.csv', 't2', 'ictrp-csv', 'late'));
      await b.store.putBatch(week2.slice(0, 1), snap('late.csv', 't2', 'ictrp-csv', 'late'));
      assert.deepEqual((await b.store.versions('X')).map((v) => v.registration.enrollment.target), [2, 1], 'so far late.csv is the older');
      await b.store.putBatch(week2.slice(1), snap('late.csv', 't2', 'ictrp-csv', 'late'));
      for (const { store } of [a, b]) {
        assert.deepEqual((await store.versions('X')).map((v) => [v.snapshot.file, v.snapshot.asOf, v.registration.enrollment.target]),
          [['early.csv', '2020-01-10', 1], ['late.csv', '2020-01-20', 2]]);
        assert.equal((await store.getRegistration('X'))?.registration.enrollment.target, 2);
        assert.deepEqual(await store.integrity!(), []);
      }
      assert.equal(await dump(b.store), await dump(a.store));
      // and the older file read after the newer one takes its place before it
      await a.store.putBatch([dated('X', 0, '2019-12-01', 'oldest.csv')], snap('oldest.csv', 't3', 'ictrp-csv', 'oldest'));
      assert.deepEqual((await a.store.versions('X')).map((v) => v.registration.enrollment.target), [0, 1, 2]);
      assert.deepEqual((await changesOf(a.store)).filter((c) => c.field === 'enrollment.target').map((c) => [c.fromSnapshot, c.toSnapshot, c.before, c.after]),
        [['oldest.csv', 'early.csv', 0, 1], ['early.csv', 'late.csv', 1, 2]]);
    } finally { await a.done(); await b.done(); }
  });

  test(`${backend}: a batch interrupted and run again converges to the state of an uninterrupted run`, { skip }, async () => {
    const a = await fresh();
    const b = await fresh();
    try {
      const batches: [Registration[], Snapshot][] = [
        [[reg('A', 1, 'f1'), reg('B', 1, 'f1'), reg('A', 2, 'f1')], snap('f1', 't1', 'ictrp-csv', 'k1')],
        [[reg('A', 3, 'f2'), reg('C', 1, 'f2')], snap('f2', 't2', 'ctgov-tsv', 'k2')],
        [[reg('A', 2, 'f3'), reg('B', 5, 'f3'), reg('A', 4, 'f3'), reg('A', 2, 'f3')], snap('f3', 't3', 'ictrp-xlsx', 'k3')],
      ];
      for (const [regs, s] of batches) await a.store.putBatch(regs, s);
      // b: the first file, then half of the second and third (committed batches of a run that died), then it all again
      await b.store.putBatch(...batches[0]!);
      await b.store.putBatch(batches[1]![0].slice(0, 1), { ...batches[1]![1], ingestedAt: 'crashed run' });
      await b.store.putBatch(batches[2]![0].slice(0, 2), { ...batches[2]![1], ingestedAt: 'crashed run' });
      for (const [regs, s] of batches) await b.store.putBatch(regs, { ...s, ingestedAt: 'second run' });
      assert.equal(await dump(b.store), await dump(a.store));
      assert.deepEqual(await b.store.integrity!(), []);
      assert.deepEqual((await changesOf(a.store)).map((c) => [c.registrationId, c.before, c.after]), [['B', 1, 5]]);
    } finally { await a.done(); await b.done(); }
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
