/**
 * Changes over time versus differences between sources, on the real weekly files (../shared/data): the WHO ICTRP
 * export republishes ClinicalTrials.gov's records next to ClinicalTrials.gov's own download, each its own way.
 * Each file is parsed once; every store below is fed the same records (with their real file names, so snapshots
 * get their real keys).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readRecords, type ReadItem } from '../sources/index.js';
import { BACKENDS } from '../store/testing.js';
import { dump } from '../store/contract.js';
import type { Change, Store } from '../store/types.js';
import { ingest } from './ingest.js';
import { isProspective } from '../extract/prospective.js';

const DATA = path.resolve('../shared/data');
const FILES = {
  ictrp29: 'ictrp/COVID19-web_29June2020.xlsx',
  ictrp7: 'ictrp/COVID19-web_7Jul2020.xlsx',
  ctgov29: 'ctgov-tsv/ctgov-covid-20200629.tsv',
  ctgov7: 'ctgov-tsv/ctgov-covid-20200707.tsv',
} as const;
type Name = keyof typeof FILES;
const SKIP = existsSync(path.join(DATA, FILES.ictrp7)) ? false : `../shared/data is absent (${DATA}): the real-file version tests need it`;

const parsed = new Map<Name, ReadItem[]>();
async function items(name: Name): Promise<ReadItem[]> {
  let list = parsed.get(name);
  if (!list) {
    list = [];
    for await (const item of readRecords([path.join(DATA, FILES[name])])) list.push(item);
    parsed.set(name, list);
  }
  return list;
}

async function feed(store: Store, names: Name[]): Promise<void> {
  const all: ReadItem[] = [];
  for (const n of names) all.push(...await items(n));
  await ingest(store, [], { read: async function* () { yield* all; }, stages: false });
}

async function changes(store: Store): Promise<Change[]> {
  const out: Change[] = [];
  for await (const c of store.changes()) out.push(c);
  return out;
}

for (const { name, fresh, skip } of BACKENDS) {
  const why = SKIP || skip;

  test(`${name}: the 7 July ICTRP export and the 7 July ClinicalTrials.gov download in a fresh database: no change at all; the current view names its sources`, { skip: why }, async () => {
    const { store, done } = await fresh();
    try {
      await feed(store, ['ictrp7', 'ctgov7']);
      assert.deepEqual(await changes(store), [], 'two sources of one week are not a change over time');
      // before: 2,279 registrations "changed", 69,686 rows of changes, among them criteria and contacts "deleted"
      const both: string[] = [];
      for await (const r of store.latest()) if (r.provenance) both.push(r.id);
      assert.ok(both.length > 2000, `NCT records carried by both sources: ${both.length}`);
      // what the ClinicalTrials.gov download lacks (criteria, contacts) comes from the ICTRP copy, which says so
      let filled = 0;
      for await (const r of store.latest(both)) {
        assert.equal(r.provenance!.sources[0]!.source, 'ClinicalTrials.gov download', `${r.id}: the registry's own record leads`);
        assert.equal(r.provenance!.sources[1]!.source, 'WHO ICTRP export');
        assert.ok(r.provenance!.sources.every((s) => !s.file?.includes('/')), 'file names without the server directory');
        if (r.eligibility.inclusion.length && r.provenance!.fields['eligibility.inclusion'] === 'ictrp') filled++;
        // the merged record never says prospective next to dates that say otherwise (a start from one copy, a
        // registration date and its verdict from another); its registration date is the earliest a source gives
        const verdict = isProspective(r.dates.registration, r.dates.start);
        if (verdict !== null) assert.equal(r.prospective, verdict, `${r.id}: prospective ${r.prospective} but registered ${r.dates.registration}, started ${r.dates.start}`);
      }
      assert.ok(filled > 1000, `inclusion criteria filled from the ICTRP copy: ${filled}`);
    } finally { await done(); }
  });

  test(`${name}: 29 June then 7 July, both sources: only changes over time within each source, the same as each source alone; re-reading the four files adds nothing`, { skip: why }, async () => {
    const both = await fresh();
    const ictrpOnly = await fresh();
    const ctgovOnly = await fresh();
    try {
      await feed(both.store, ['ictrp29', 'ctgov29', 'ictrp7', 'ctgov7']);
      await feed(ictrpOnly.store, ['ictrp29', 'ictrp7']);
      await feed(ctgovOnly.store, ['ctgov29', 'ctgov7']);
      const all = await changes(both.store);
      const key = (c: Change) => `${c.registrationId} ${c.field} ${c.fromSnapshot} ${c.toSnapshot}`;
      const alone = [...await changes(ictrpOnly.store), ...await changes(ctgovOnly.store)].map(key).sort();
      assert.ok(alone.length > 0, 'the sources did change between the two weeks');
      assert.deepEqual(all.map(key).sort(), alone, 'exactly the changes each source shows on its own');
      for (const c of all) {
        const pair = [c.fromSnapshot, c.toSnapshot].sort().join(' → ');
        assert.ok(pair === 'COVID19-web_29June2020.xlsx → COVID19-web_7Jul2020.xlsx' || pair === 'ctgov-covid-20200629.tsv → ctgov-covid-20200707.tsv',
          `${c.registrationId} ${c.field}: from ${c.fromSnapshot} to ${c.toSnapshot}`);
        assert.ok(!c.field.startsWith('raw') && !c.field.startsWith('warnings'), `${c.field}: not a field of the trial`);
      }
      const before = await dump(both.store);
      await feed(both.store, ['ctgov7', 'ictrp29', 'ctgov29', 'ictrp7']);
      assert.equal(await dump(both.store), before, 'the same files again, in any order, change nothing');
    } finally { await both.done(); await ictrpOnly.done(); await ctgovOnly.done(); }
  });
}
