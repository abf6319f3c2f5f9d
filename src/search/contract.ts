/**
 * Search over a real store, written once for every backend (./search.test.ts: SQLite; src/store/postgres/store.test.ts:
 * PostgreSQL): query language, filters, facets counting studies, eligibility, sorting, paging to the end, similar
 * trials with reasons.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FreshStore } from '../store/contract.js';
import type { Store } from '../store/types.js';
import { search, stats, QueryError, decodePageToken } from './index.js';
import { similarStudies } from './similar.js';
import { LINKED, loadFixtures } from './__fixtures__/registrations.js';

/** Define the search tests for one backend, over the fixtures loaded into a fresh store (`skip`: why they cannot run here). */
export function searchContract(backend: string, fresh: () => Promise<FreshStore>, skip: string | false = false): void {
  describe(`${backend} search`, { skip }, () => {
    let store: Store;
    let done: () => Promise<void>;

    before(async () => {
      ({ store, done } = await fresh());
      await loadFixtures(store);
    });
    after(async () => { await done?.(); });

    const ids = async (q: string, opts = {}) => (await search(store, q, { pageSize: 100, ...opts })).hits.map((h) => h.lead.id).sort();

    test(`${backend}: a linked study is one hit holding both registrations`, async () => {
      const r = await search(store, 'mesenchymal', { pageSize: 50 });
      const hit = r.hits.find((h) => h.registrationIds.includes(LINKED[0]))!;
      assert.ok(hit, 'the MSC study is found');
      assert.deepEqual([...hit.registrationIds].sort(), [...LINKED].sort());
      assert.equal(hit.lead.id, LINKED[0], 'the ClinicalTrials.gov record leads');
      assert.equal(r.hits.filter((h) => h.registrationIds.includes(LINKED[1])).length, 1, 'the twin is not a second hit');
    });

    test(`${backend}: titles weigh more than descriptions in the ranking`, async () => {
      const r = await search(store, 'umbilical', { pageSize: 10 });
      // DRKS has "umbilical" in its title; the MSC study only in a description/intervention text
      assert.equal(r.hits[0]!.lead.id, 'DRKS00021238');
    });

    test(`${backend}: boolean operators, quotes, parentheses and fields`, async () => {
      assert.deepEqual(await ids('tocilizumab OR hydroxychloroquine'), ['EUCTR2020-001162-12', 'IRCT20200405046953N1']);
      assert.deepEqual(await ids('covid AND NOT (tocilizumab OR hydroxychloroquine OR favipiravir OR bcg OR mesenchymal)'), ['ISRCTN83971151']);
      assert.deepEqual(await ids('"healthcare workers"'), ['ACTRN12620000421932']);
      assert.deepEqual(await ids('"workers healthcare"'), [], 'a phrase keeps word order');
      assert.deepEqual(await ids('intr:mesenchymal cond:"covid-19"'), [LINKED[0]]);
      assert.deepEqual(await ids('cond:"respiratory distress"'), ['DRKS00021238']);
      assert.deepEqual(await ids('hydroxychloro*'), ['IRCT20200405046953N1']);
      assert.deepEqual(await ids('covid -tocilizumab phase:2'), [LINKED[0]], 'the Phase 1/2 MSC study');
      assert.deepEqual(await ids('BRACE'), ['ACTRN12620000421932'], 'acronyms are searched');
      assert.deepEqual(await ids('ChiCTR2000029990'), [LINKED[0]], 'a secondary id finds the study');
    });

    test(`${backend}: word forms match (Porter stems at index and query time); the exact form on request`, async () => {
      assert.deepEqual(await ids('"healthcare worker"'), ['ACTRN12620000421932'], 'singular finds plural');
      assert.deepEqual(await ids('vaccinations'), ['ACTRN12620000421932'], 'vaccination(s) and vaccine share a stem');
      assert.deepEqual(await ids('intr:"stem cell"'), [LINKED[0]], '"stem cell" finds "stem cells"');
      assert.deepEqual(await ids('"stem cell"'), ['DRKS00021238', LINKED[0]].sort());
      assert.deepEqual(await ids('EXPANSION[None]"stem cell"'), [LINKED[0]], 'only the NCT title says "Stem Cell" itself');
      assert.deepEqual(await ids('exact:"stem cell"'), [LINKED[0]], 'exact: is EXPANSION[None]');
      assert.deepEqual(await ids('title:exact:"stem cells"'), ['DRKS00021238', LINKED[0]].sort(), 'ChiCTR title: "mesenchymal stem cells"');
      assert.deepEqual(await ids('EXPANSION[None](vaccinations OR "healthcare worker")'), [], 'a group takes the level too');
      assert.deepEqual(await ids('id:NCT04252118'), [LINKED[0]], 'ids are matched as written');
    });

    test(`${backend}: truncation works inside phrases and is matched on the words as written`, async () => {
      assert.deepEqual(await ids('intr:"stem cell*"'), [LINKED[0]]);
      assert.deepEqual(await ids('"novel coronavirus pneum*"'), [LINKED[0]]);
      assert.deepEqual(await ids('"mesenchym* stem"'), ['DRKS00021238', LINKED[0]].sort(), 'any word of a phrase may be truncated');
      assert.deepEqual(await ids('"stem cell* treat*"'), [LINKED[0]]);
      assert.deepEqual(await ids('"cell* stem"'), [], 'word order still holds');
      assert.deepEqual(await ids('mesenchymal*'), ['DRKS00021238', LINKED[0]].sort(), 'a prefix is compared with words, not stems');
    });

    test(`${backend}: synonyms are added, said in the result, and can be turned off`, async () => {
      const r = await search(store, '"mesenchymal stromal cells"', { pageSize: 20 });
      assert.deepEqual(r.hits.map((h) => h.lead.id).sort(), ['DRKS00021238', LINKED[0]].sort());
      assert.deepEqual(r.expansions, [{ term: 'mesenchymal stromal cells', field: null,
        added: ['MSC', 'mesenchymal stem cell', 'mesenchymal stem/stromal cell', 'mesenchymal stromal/stem cell'] }]);
      assert.deepEqual(await ids('"mesenchymal stromal cells"', { expand: false }), [], 'expand: false');
      assert.deepEqual(await ids('EXPANSION[Term]"mesenchymal stromal cells"'), [], 'EXPANSION[Term]: word forms only');
      const covid = await ids('covid');
      assert.deepEqual(await ids('2019-nCoV'), covid, '2019-nCoV finds every COVID-19 study');
      assert.deepEqual(await ids('cond:"SARS-CoV-2"'), covid, 'every COVID-19 study names it in its conditions');
      assert.deepEqual(await ids('2019-nCoV', { expand: false }), []);
      assert.deepEqual(await ids('"novel coronavirus pneumonia"'), covid, 'the ChiCTR name finds COVID-19 trials of every registry');
      const plain = await search(store, 'tocilizumab');
      assert.equal(plain.expansions, undefined, 'nothing said when nothing was added');
    });

    test(`${backend}: field filters: phase, status, registry, country, type, design, cell source, year`, async () => {
      assert.deepEqual(await ids('phase:2'), ['DRKS00021238', 'EUCTR2020-001162-12', LINKED[0]].sort(), 'the Phase 1/2 ChiCTR twin is a phase 2 trial too');
      assert.deepEqual(await ids('phase:PHASE3 status:RECRUITING'), ['ACTRN12620000421932']);
      assert.deepEqual(await ids('registry:chictr'), [LINKED[0]]);
      assert.deepEqual(await ids('country:italy'), ['EUCTR2020-001162-12']);
      assert.deepEqual(await ids('type:observational'), ['JPRN-UMIN000039686']);
      assert.deepEqual(await ids('allocation:randomised masking:double'), ['DRKS00021238', 'IRCT20200405046953N1']);
      assert.deepEqual(await ids('cellSource:umbilical_cord'), ['DRKS00021238', LINKED[0]]);
      assert.deepEqual(await ids('year:2019'), ['ISRCTN83971151']);
      assert.deepEqual(await ids('', { filters: { status: ['RECRUITING', 'completed'], country: ['Iran'] } }), ['IRCT20200405046953N1']);
      assert.deepEqual(await ids('phase:null'), ['JPRN-UMIN000039686']);
    });

    test(`${backend}: a phase filter finds combined phases, in every spelling; the facet counts what each filter finds`, async () => {
      const phase2 = ['DRKS00021238', 'EUCTR2020-001162-12', LINKED[0]].sort();
      for (const q of ['phase:2', 'phase:PHASE2', 'AREA[Phase]PHASE2', 'phase:"Phase 2"']) assert.deepEqual(await ids(q), phase2, q);
      assert.deepEqual(await ids('', { filters: { phase: ['PHASE2'] } }), phase2, 'filter.phase=PHASE2');
      assert.deepEqual(await ids('phase:1'), [LINKED[0]], 'phase 1 (NCT) and 1_2 (ChiCTR)');
      assert.deepEqual(await ids('phase:1_2'), [LINKED[0]], 'the combined phase itself');
      assert.deepEqual(await ids('phase:3'), ['ACTRN12620000421932', 'IRCT20200405046953N1']);
      assert.deepEqual(await ids('phase:2 NOT phase:1_2'), ['DRKS00021238', 'EUCTR2020-001162-12']);
      const all = await search(store, null, { facets: ['phase'] });
      assert.deepEqual(all.facets!.phase, [
        { value: '2', count: 3 }, { value: '3', count: 2 }, { value: '1', count: 1 }, { value: '1_2', count: 1 }, { value: '4', count: 1 }, { value: null, count: 1 },
      ]);
      for (const c of all.facets!.phase!) {
        assert.equal((await search(store, `phase:${c.value ?? 'null'}`)).total, c.count, `facet ${c.value} = what phase:${c.value} finds`);
      }
      // the facet of the filtered field counts as if its own filter were off; the others follow the filter
      const filtered = await search(store, null, { facets: ['phase', 'registry'], filters: { phase: ['2'] } });
      assert.equal(filtered.total, 3);
      assert.deepEqual(filtered.facets!.registry!.map((c) => c.value).sort(), ['ChiCTR', 'DRKS', 'EUCTR'], 'registries of the matching registrations');
    });

    test(`${backend}: trials a 72-year-old woman could join`, async () => {
      const got = await ids('age:72 sex:female');
      assert.ok(got.includes('EUCTR2020-001162-12'), 'women 50–80');
      assert.ok(got.includes('ACTRN12620000421932'), 'adults, no upper limit');
      assert.ok(!got.includes(LINKED[0]), 'upper age limit 70 in both registrations excludes the study');
      assert.ok(!got.includes('DRKS00021238'), 'men only');
      assert.deepEqual(await ids('age:40 sex:male registry:DRKS'), ['DRKS00021238']);
    });

    test(`${backend}: facets count studies, not registrations`, async () => {
      const r = await search(store, 'mesenchymal', { facets: ['registry', 'country', 'cellSource', 'phase'] });
      assert.equal(r.total, 2);
      const china = r.facets!.country!.find((c) => c.value === 'China');
      assert.equal(china?.count, 1, 'two Chinese registrations of one study count once');
      assert.equal(r.facets!.cellSource!.find((c) => c.value === 'umbilical_cord')?.count, 2);
      const filtered = await search(store, 'covid', { facets: ['registry', 'phase'], filters: { registry: ['IRCT'] } });
      assert.equal(filtered.total, 1);
      assert.ok(filtered.facets!.registry!.length > 1, 'the filtered facet still offers the other registries');
      assert.deepEqual(filtered.facets!.phase, [{ value: '3', count: 1 }], 'other facets follow the filter');
      const all = await search(store, null, { facets: true });
      assert.equal(all.total, 7, '8 registrations, 7 studies');
      assert.equal(all.facets!.status!.reduce((n, c) => n + c.count, 0), 7);
    });

    test(`${backend}: sort by date and paging to the end`, async () => {
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const r: Awaited<ReturnType<typeof search>> = await search(store, 'covid', { sort: 'date', pageSize: 2, pageToken: token });
        seen.push(...r.hits.map((h) => h.studyId));
        token = r.nextPageToken;
        pages++;
      } while (token);
      assert.equal(new Set(seen).size, seen.length, 'no study twice');
      assert.equal(seen.length, 6, 'every study mentioning covid (all but the ARDS one)');
      assert.equal(pages, 3);
      const first = await search(store, 'covid', { sort: 'date', pageSize: 1 });
      assert.equal(first.hits[0]!.lead.id, 'IRCT20200405046953N1', 'newest covid registration first (2020-04-10)');
    });

    test(`${backend}: usage errors name the problem`, async () => {
      await assert.rejects(search(store, 'cond:"covid'), QueryError);
      await assert.rejects(search(store, 'phase:banana'), /phase/);
      await assert.rejects(search(store, 'colour:red'), /unknown field "colour"/);
      await assert.rejects(search(store, '(covid'), /parenthesis/);
      await assert.rejects(search(store, 'covid', { pageSize: 0 }), /pageSize/);
      assert.throws(() => decodePageToken('garbage!'), /pageToken/);
    });

    test(`${backend}: one query's work is bounded: past the bound it is refused with the reason`, async () => {
      // 200 × a* held the server for 26 s on the 6,561-record register
      await assert.rejects(search(store, Array(200).fill('a*').join(' ')), (e: Error) => e instanceof QueryError && /truncation "a\*" is too short/.test(e.message));
      await assert.rejects(search(store, '"stem c*"'), /truncation "c\*" is too short/, 'inside a phrase too');
      await assert.rejects(search(store, Array(17).fill('covi*').join(' OR ')), /too many truncated words \(17; at most 16/);
      const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' OR ');
      await assert.rejects(search(store, words(65)), /too many search terms \(65; at most 64/);
      await assert.rejects(search(store, 'covid', { cond: words(40), intr: words(30) }), /too many search terms \(71/, 'counted over every parameter');
      assert.equal((await search(store, words(64))).total, 0, '64 terms are fine');
      assert.equal((await search(store, Array(16).fill('covi*').join(' OR '))).total, 6, '16 truncations are fine');
      const ids = Array.from({ length: 120 }, (_, i) => `NCT0${4252000 + i}`);
      assert.equal((await search(store, `id:(${ids.join(' OR ')})`)).total, 1, 'a long id list (filter.ids) is cheap lookups, not terms');
    });

    test(`${backend}: hostile text is just text to the index`, async () => {
      assert.deepEqual(await ids('script'), ['ISRCTN83971151']);
      assert.deepEqual(await ids('"NEAR(a b)"'), [], 'FTS5 syntax inside quotes is searched as words');
      assert.deepEqual(await ids('title:"} OR {"'), []);
      assert.ok((await search(store, '*')).total >= 0);
    });

    test(`${backend}: stats count registrations by dimension`, async () => {
      const byRegistry = await stats(store, 'registry');
      assert.equal(byRegistry.reduce((n, c) => n + c.count, 0), 8);
      const byMonth = await stats(store, 'month');
      assert.deepEqual(byMonth.find((c) => c.value === '2020-03'), { value: '2020-03', count: 3 });
    });

    test(`${backend}: similar trials come with reasons`, async () => {
      const sim = (await similarStudies(store, 'ChiCTR2000029990'))!;
      assert.equal(sim[0]!.id, 'DRKS00021238', 'the other umbilical-cord MSC trial is most similar');
      assert.ok(sim[0]!.reasons.some((r) => /Cell therapy: same cell type \(msc\) and source \(umbilical cord\)/.test(r)), sim[0]!.reasons.join(' | '));
      assert.ok(!sim.some((s) => (LINKED as readonly string[]).includes(s.id)), 'never the study itself');
      assert.equal(await similarStudies(store, 'NCT00000000'), null);
    });
  });
}
