import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Registration } from '../model/registration.js';
import { applyOverride, linkIncremental, rebuildLinks, studyForDisplay } from './index.js';
import { MemoryStore } from './memory-store.js';
import { background, PIRFENIDONE_CHICTR, PIRFENIDONE_NCT, reg } from './__fixtures__/registrations.js';

const SNAP = { file: 'test', format: 'test', exportedAt: null, ingestedAt: '2026-11-22T00:00:00Z' };

async function put(store: MemoryStore, regs: Registration[]): Promise<void> {
  await store.putBatch(regs, SNAP);
  await linkIncremental(store, regs.map((r) => r.id));
}

async function members(store: MemoryStore, id: string): Promise<string[]> {
  return [...((await store.studyOf(id))?.registrationIds ?? [])].sort();
}

test('incremental: a mention made before the named registration arrives links when it arrives', async () => {
  const store = new MemoryStore();
  await put(store, background(30));
  await put(store, [reg('NCT04341038', 'ClinicalTrials.gov', { publicTitle: 'Tacrolimus', secondaryIds: ['EUCTR2020-001445-39'] })]);
  assert.deepEqual(await members(store, 'NCT04341038'), ['NCT04341038']);
  await put(store, [reg('EUCTR2020-001445-39', 'EUCTR', { publicTitle: 'Tacrolimus trial' })]);
  assert.deepEqual(await members(store, 'EUCTR2020-001445-39'), ['EUCTR2020-001445-39', 'NCT04341038']);
  const s = (await store.studyOf('EUCTR2020-001445-39'))!;
  assert.equal(s.primaryId, 'NCT04341038');
  assert.ok(s.links.some((l) => l.method === 'secondary_id' && l.a === 'NCT04341038'));
});

test('incremental: similar registrations of two registries become one study, with the score kept', async () => {
  const store = new MemoryStore();
  await put(store, [...background(60), PIRFENIDONE_NCT]);
  await put(store, [PIRFENIDONE_CHICTR]);
  assert.deepEqual(await members(store, 'NCT04282902'), ['ChiCTR2000030333', 'NCT04282902']);
  const link = (await store.studyOf('NCT04282902'))!.links.find((l) => l.method === 'similarity')!;
  assert.ok(link.score > 0 && link.score <= 1);
  assert.match(link.evidence!, /title cosine/);
});

test('curators: --different splits a study and survives a rebuild; --same joins and survives', async () => {
  const store = new MemoryStore();
  await put(store, [...background(60), PIRFENIDONE_NCT, PIRFENIDONE_CHICTR]);
  assert.equal((await members(store, 'NCT04282902')).length, 2);
  await applyOverride(store, 'NCT04282902', 'ChiCTR2000030333', false, 'different arms');
  assert.deepEqual(await members(store, 'NCT04282902'), ['NCT04282902']);
  const summary = await rebuildLinks(store);
  assert.ok(summary.refusedMerges >= 1);
  assert.deepEqual(await members(store, 'NCT04282902'), ['NCT04282902']);
  assert.deepEqual(await members(store, 'ChiCTR2000030333'), ['ChiCTR2000030333']);

  const a = background(60)[1]!.id;
  const b = background(60)[3]!.id;
  await applyOverride(store, a, b, true);
  assert.deepEqual(await members(store, a), [a, b].sort());
  await rebuildLinks(store);
  assert.deepEqual(await members(store, a), [a, b].sort());
  assert.ok((await store.studyOf(a))!.links.some((l) => l.method === 'manual'));
});

test('rebuild: every registration in exactly one study; a publication naming a registration is attached to its study', async () => {
  const store = new MemoryStore();
  const chictr = reg('ChiCTR2000030261', 'ChiCTR', { publicTitle: 'Mesenchymal stem cells exosomes atomization in COVID-19' });
  const citing = reg('ISRCTN11111111', 'ISRCTN', { publicTitle: 'Unrelated vaccine trial' });
  citing.references.push({
    type: 'background', citation: 'Pooled: ChiCTR2000030261 and NCT04252118', title: 'Nebulization therapy with exosomes', authors: [],
    journal: null, year: 2020, pmid: '32000001', doi: null,
  });
  const all = [...background(40), chictr, citing];
  await store.putBatch(all, SNAP);
  const summary = await rebuildLinks(store);
  assert.equal(summary.registrations, all.length);
  const seen = new Map<string, number>();
  for await (const s of store.studies()) for (const id of s.registrationIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  assert.equal(seen.size, all.length);
  assert.ok([...seen.values()].every((n) => n === 1));
  const s = (await store.studyOf('ChiCTR2000030261'))!;
  assert.deepEqual(s.registrationIds, ['ChiCTR2000030261']);
  assert.equal(s.publications[0]?.pmid, '32000001');
});

test('studyForDisplay resolves any registration id to its study, registrations side by side, and the merges', async () => {
  const store = new MemoryStore();
  await put(store, [...background(60), PIRFENIDONE_NCT, PIRFENIDONE_CHICTR]);
  const d = (await studyForDisplay(store, 'ChiCTR2000030333'))!;
  assert.deepEqual(d.registrations.map((r) => r.id), ['NCT04282902', 'ChiCTR2000030333']);
  assert.ok(d.decisions.some((x) => x.accepted));
  assert.ok(d.study.discrepancies.some((x) => x.field === 'enrollment.target'));
  assert.equal(await studyForDisplay(store, 'NCT00000000'), null);
});

test('the linking view keeps the secondary ids and contacts an earlier version (another source) gave', async () => {
  const { linkingView } = await import('./index.js');
  const fromWho = reg('NCT04333420', 'ClinicalTrials.gov', { email: 'korinna.pilz@inflarx.de', countries: ['Netherlands'] });
  const fromCtgov = reg('NCT04333420', 'ClinicalTrials.gov', { secondaryIds: ['EUCTR2020-001335-28'], countries: ['Netherlands', 'Germany'] });
  const view = linkingView([fromWho, fromCtgov]);
  assert.deepEqual(view.secondaryIds, ['EUCTR2020-001335-28']);
  assert.deepEqual(view.contacts.map((c) => c.email), ['korinna.pilz@inflarx.de']);
  assert.deepEqual(view.countries, ['Netherlands', 'Germany']);
  assert.equal(linkingView([fromCtgov]), fromCtgov);
});

test('a publication record ingested between two registry snapshots stays attached to the study', async () => {
  const store = new MemoryStore();
  const fromWho = reg('ChiCTR2000030261', 'ChiCTR', { publicTitle: 'Mesenchymal stem cells exosomes atomization in COVID-19', target: 24 });
  const fromCochrane = reg('ChiCTR2000030261', 'ChiCTR', { publicTitle: 'Mesenchymal stem cells exosomes atomization in COVID-19' });
  fromCochrane.references.push({
    type: 'journal_article', citation: 'Chu M, et al. Nebulization therapy with exosomes for COVID-19 pneumonia', title: 'Nebulization therapy',
    authors: ['Chu M'], journal: null, year: null, pmid: null, doi: null,
  });
  const laterWho = reg('ChiCTR2000030261', 'ChiCTR', { publicTitle: 'Mesenchymal stem cells exosomes atomization in COVID-19', target: 30 });
  for (const version of [fromWho, fromCochrane, laterWho]) await put(store, [...background(10), version]);
  assert.equal((await store.versions('ChiCTR2000030261')).length, 3);
  const s = (await store.studyOf('ChiCTR2000030261'))!;
  assert.deepEqual(s.publications.map((p) => p.title), ['Nebulization therapy']);
  assert.deepEqual(s.characteristics['enrollment.target'], { value: 30, registrationId: 'ChiCTR2000030261' });
});

test('two stored spellings of one number are linked same_id, incrementally and on rebuild', async () => {
  const store = new MemoryStore();
  await put(store, [...background(10), reg('JPRN-UMIN000039686', 'JPRN', { publicTitle: 'Favipiravir study' })]);
  await put(store, [reg('UMIN000039686', 'JPRN', { publicTitle: 'Favipiravir study' })]);
  assert.deepEqual(await members(store, 'UMIN000039686'), ['JPRN-UMIN000039686', 'UMIN000039686']);
  const summary = await rebuildLinks(store);
  assert.equal(summary.links.same_id, 1);
  assert.deepEqual(await members(store, 'JPRN-UMIN000039686'), ['JPRN-UMIN000039686', 'UMIN000039686']);
});

test('the linking view keeps a title another source format gave, not one the same source since left out', async () => {
  const { linkingView } = await import('./index.js');
  const fromWho = reg('NCT04321616', 'ClinicalTrials.gov', { publicTitle: 'The Efficacy of Different Anti-viral Drugs',
    scientificTitle: 'The (Norwegian) NOR Solidarity Multicenter Trial' });
  fromWho.source.format = 'ictrp-xlsx';
  const fromCtgov = reg('NCT04321616', 'ClinicalTrials.gov', { publicTitle: 'The Efficacy of Different Anti-viral Drugs' });
  fromCtgov.source.format = 'ctgov-tsv';
  assert.equal(linkingView([fromWho, fromCtgov]).titles.scientific, 'The (Norwegian) NOR Solidarity Multicenter Trial');
  const rewritten = reg('NCT04321616', 'ClinicalTrials.gov', { publicTitle: 'Another title' });
  rewritten.source.format = 'ictrp-xlsx';
  assert.equal(linkingView([fromWho, rewritten]).titles.scientific, null);
});
