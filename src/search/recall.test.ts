/**
 * Search on real records, both backends: the labelled recall set (./__fixtures__/recall.json, judged by reading the
 * records) is found, and a phase filter finds what ClinicalTrials.gov's own `Phases` column lists. The records are
 * those of the labelled set and every ClinicalTrials.gov row with a phase, read from the 7 July 2020 exports in
 * ../shared and stored in the order `ingest` would store them (ICTRP XLSX, then the TSV).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readRecords } from '../sources/index.js';
import { BACKENDS } from '../store/testing.js';
import type { Store } from '../store/types.js';
import { rebuildIndex, search } from './index.js';
import { foundIds, recallSet } from './eval-recall.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const XLSX = path.resolve(ROOT, '../shared/data/ictrp/COVID19-web_7Jul2020.xlsx');
const TSV = path.resolve(ROOT, '../shared/data/ctgov-tsv/ctgov-covid-20200707.tsv');
const skip = !(existsSync(XLSX) && existsSync(TSV)) && 'needs ../shared (data/ictrp/COVID19-web_7Jul2020.xlsx, data/ctgov-tsv/ctgov-covid-20200707.tsv)';

async function read(file: string, keep: (r: Registration) => boolean): Promise<Registration[]> {
  const out = new Map<string, Registration>();
  for await (const item of readRecords([file])) if (item.kind === 'record' && keep(item.record)) out.set(item.record.id, item.record);
  return [...out.values()];
}

const QUERIES = skip ? [] : recallSet();
const labelled = new Set(QUERIES.flatMap((q) => q.mustFind));
let ictrp: Registration[] = [];
let ctgov: Registration[] = [];

before(async () => {
  if (skip) return;
  ictrp = await read(XLSX, (r) => labelled.has(r.id));
  ctgov = await read(TSV, (r) => labelled.has(r.id) || !!r.phaseRaw);
});

for (const { name, fresh, skip: backendSkip } of BACKENDS) {
  describe(`${name}: search on real records`, { skip: skip || backendSkip }, () => {
    let store: Store;
    let done: () => Promise<void>;
    before(async () => {
      ({ store, done } = await fresh());
      await store.putBatch(ictrp, { file: XLSX, format: 'ictrp-xlsx', exportedAt: '2020-07-07', ingestedAt: '2026-12-01T00:00:00Z' });
      await store.putBatch(ctgov, { file: TSV, format: 'ctgov-tsv', exportedAt: '2020-07-07', ingestedAt: '2026-12-01T00:00:01Z' });
      await rebuildIndex(store);
    });
    after(async () => { await done?.(); });

    test(`${name}: the labelled recall set is found, but for the misses it lists with their reason`, async () => {
      const read = new Set([...ictrp, ...ctgov].map((r) => r.id));
      assert.deepEqual([...labelled].filter((id) => !read.has(id)), [], 'every labelled registration is in the exports');
      for (const q of QUERIES) {
        const got = await foundIds(store, q.query);
        const missing = q.mustFind.filter((id) => !got.has(id) && !(id in q.missed));
        assert.deepEqual(missing, [], `${q.query}: not found`);
        const nowFound = Object.keys(q.missed).filter((id) => got.has(id));
        assert.deepEqual(nowFound, [], `${q.query}: found now, take it off "missed" in recall.json`);
      }
    });

    test(`${name}: phase:N finds every trial whose ClinicalTrials.gov Phases list holds Phase N; the facet says the same`, async () => {
      const loaded = new Set(ctgov.map((r) => r.id));
      const facet = (await search(store, null, { facets: ['phase'] })).facets!.phase!;
      for (const n of ['1', '2', '3']) {
        const expected = ctgov.filter((r) => (r.phaseRaw ?? '').split('|').map((p) => p.trim()).includes(`Phase ${n}`)).map((r) => r.id).sort();
        assert.ok(expected.length > 100, `${expected.length} trials list Phase ${n}`);
        const got = [...await foundIds(store, `phase:${n}`)].filter((id) => loaded.has(id)).sort();
        assert.deepEqual(got, expected, `phase:${n}`);
        assert.equal(facet.find((c) => c.value === n)?.count, (await search(store, `phase:PHASE${n}`)).total, `facet ${n}`);
      }
      const combined = ctgov.filter((r) => r.phaseRaw === 'Phase 1|Phase 2').map((r) => r.id).sort();
      assert.deepEqual([...await foundIds(store, 'phase:1_2')].filter((id) => loaded.has(id)).sort(), combined, 'phase:1_2 is the combined phase alone');
    });
  });
}
