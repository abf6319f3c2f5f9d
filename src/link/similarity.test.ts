import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockIndex } from './blocking.js';
import { codeTokens, features, judge, judgeFacts, normaliseTitleText, orgTokens, scorePair, sponsorPersonKey, titleTokens } from './similarity.js';
import { repairMojibake } from '../normalise/text.js';
import { LinkerState, SIMILARITY_THRESHOLD, similarityLinksOf } from './index.js';
import { background, PIRFENIDONE_CHICTR, PIRFENIDONE_NCT, reg } from './__fixtures__/registrations.js';

test('every name of the disease folds to one token, and design boilerplate is dropped', () => {
  for (const s of ['2019-nCoV', 'novel coronavirus pneumonia', 'SARS-CoV-2', 'COVID-19', 'Coronavirus Disease 2019', 'NCP']) {
    assert.equal(normaliseTitleText(s).trim(), 'covid', s);
  }
  assert.deepEqual(titleTokens('A Randomised, Double-blind, Placebo-controlled Trial of IFX-1 in Patients With 2019-nCoV'), ['ifx1']);
});

test('UTF-8 read as Mac Roman is repaired before comparing', () => {
  assert.equal(repairMojibake('Universit√§tsklinikum Freiburg'), 'Universitätsklinikum Freiburg');
  assert.equal(repairMojibake('plain text'), 'plain text');
});

function stateWith(regs: ReturnType<typeof reg>[]): LinkerState {
  const state = new LinkerState();
  for (const r of regs) state.add(features(r), r);
  return state;
}

function indexWith(regs: ReturnType<typeof reg>[]): BlockIndex {
  const idx = new BlockIndex();
  for (const r of regs) idx.add(features(r));
  return idx;
}

test('a ChiCTR/NCT twin with different title styles scores above the threshold, with its evidence', () => {
  const idx = indexWith([...background(60), PIRFENIDONE_NCT, PIRFENIDONE_CHICTR]);
  const s = scorePair(features(PIRFENIDONE_NCT), features(PIRFENIDONE_CHICTR), idx.idf);
  assert.ok(s.score >= SIMILARITY_THRESHOLD, `score ${s.score}`);
  assert.match(s.evidence, /email huil+anz_76@163\.com/);
});

test('two different trials sharing only the disease words and a common drug stay below the threshold', () => {
  const bg = background(60);
  const a = reg('NCT04999001', 'ClinicalTrials.gov', { publicTitle: 'Tocilizumab in Hospitalized COVID-19 Patients', target: 100, countries: ['Italy'] });
  const b = reg('IRCT20200415000001N1', 'IRCT', { publicTitle: 'The effect of tocilizumab in treatment of COVID19', target: 40, countries: ['Iran'] });
  const idx = indexWith([...bg, a, b]);
  const s = scorePair(features(a), features(b), idx.idf);
  assert.ok(s.score < SIMILARITY_THRESHOLD, `score ${s.score}: ${s.evidence}`);
});

test('blocking proposes the twin, never a registration of the same registry, and skips over-full blocks', () => {
  const sameRegistryTwin = reg('NCT04999999', 'ClinicalTrials.gov', { publicTitle: PIRFENIDONE_NCT.titles.public! });
  const idx = new BlockIndex({ maxBlock: 30, maxCandidates: 10 });
  for (const r of [...background(90), PIRFENIDONE_NCT, PIRFENIDONE_CHICTR, sameRegistryTwin]) idx.add(features(r));
  const c = idx.candidates(features(PIRFENIDONE_NCT));
  assert.ok(c.includes('ChiCTR2000030333'));
  assert.ok(!c.includes('NCT04999999'));
  assert.ok(c.length <= 10);
});

test('the same investigator on two different trials is not a link: contacts only confirm similar titles', () => {
  const bg = background(60);
  const kit = reg('ChiCTR2000030999', 'ChiCTR', {
    publicTitle: 'Clinical validation of a high-throughput screening detection kit for novel coronavirus',
    sponsor: 'Tongji Hospital', email: 'pi@tjh.example.cn', target: 400, countries: ['China'],
  });
  const antiviral = reg('NCT04999002', 'ClinicalTrials.gov', {
    publicTitle: 'A Randomized Controlled Clinical Study of Antiviral Therapy in the 2019-nCoV Pneumonia',
    sponsor: 'Tongji Hospital', email: 'pi@tjh.example.cn', target: 400, countries: ['China'],
  });
  const idx = new BlockIndex();
  for (const r of [...bg, kit, antiviral]) idx.add(features(r));
  const s = scorePair(features(kit), features(antiviral), idx.idf);
  assert.ok(s.score < SIMILARITY_THRESHOLD, `score ${s.score}: ${s.evidence}`);
  assert.match(s.evidence, /titles too different to count/);
});

// Finding 6: text similarity alone merged two hospitals' MSC trials. The values below are those of the 7 July 2020
// exports (ChiCTR2000030138 / NCT04371601; ChiCTR2000030835 / NCT04252118); the real records are tested in
// eval-linking.test.ts.
function msc(id: string, registry: Parameters<typeof reg>[1], o: Parameters<typeof reg>[2] & {
  allocation?: 'randomized' | 'non_randomized' | 'not_applicable';
}): ReturnType<typeof reg> {
  const r = reg(id, registry, o);
  r.design.allocation = o.allocation ?? null;
  return r;
}
const PLA = msc('ChiCTR2000030138', 'ChiCTR', {
  publicTitle: 'Clinical Trial for Human Mesenchymal Stem Cells in the Treatment of Severe Novel Coronavirus Pneumonia (COVID-19)',
  sponsor: 'Chinese PLA General Hospital', email: 'boj301@sina.com', contactName: 'Jian Bo and Chuanzhu Li', target: 60,
  start: '2020-02-24', countries: ['China'], phase: '2', allocation: 'randomized',
});
const FUZHOU = msc('NCT04371601', 'ClinicalTrials.gov', {
  publicTitle: 'Safety and Effectiveness of Mesenchymal Stem Cells in the Treatment of Pneumonia of Coronavirus Disease 2019',
  sponsor: 'Fuzhou General Hospital', target: 60, start: '2020-03-01', countries: ['China'], phase: 'early_1', allocation: 'randomized',
});
const XINXIANG = msc('ChiCTR2000030835', 'ChiCTR', {
  publicTitle: 'Clinical study for the efficacy of Mesenchymal stem cells (MSC) in the treatment of severe novel coronavirus pneumonia (COVID-19)',
  sponsor: 'the First Affiliated Hospital of Xinxiang Medical University', email: 'douqifeng@126.com', contactName: 'Dou Qifeng',
  target: 20, start: '2020-02-14', countries: ['China'], phase: 'not_applicable', allocation: 'not_applicable',
});
const BEIJING302 = msc('NCT04252118', 'ClinicalTrials.gov', {
  publicTitle: 'Mesenchymal Stem Cell Treatment for Pneumonia Patients Infected With COVID-19',
  sponsor: 'Beijing 302 Hospital', email: 'shilei302@126.com', contactName: 'Lei Shi, MD,PhD', target: 20, start: '2020-01-27',
  countries: ['China'], phase: '1', allocation: 'non_randomized',
});

test('two hospitals\' trials alike in title words are not linked when sponsor or phase disagree and nothing corroborates', () => {
  const idx = indexWith([...background(60), PLA, FUZHOU, XINXIANG, BEIJING302]);
  for (const [a, b] of [[PLA, FUZHOU], [XINXIANG, BEIJING302]] as const) {
    const s = scorePair(features(a), features(b), idx.idf);
    assert.equal(s.verdict.accepted, false, `${a.id} ~ ${b.id}: ${s.evidence}`);
    assert.deepEqual(s.verdict.corroboration, []);
    assert.ok(s.verdict.disagree.some((d) => d.startsWith('sponsor ')), s.verdict.reason);
    const linked = similarityLinksOf(features(a), stateWith([...background(60), PLA, FUZHOU, XINXIANG, BEIJING302]));
    assert.ok(!linked.some((l) => l.a === b.id || l.b === b.id), `${a.id} ~ ${b.id} linked`);
  }
  assert.ok(scorePair(features(PLA), features(FUZHOU), idx.idf).verdict.disagree.includes('phase 2≠early_1'));
});

test('corroboration two teams would not share links despite a discrepancy; agreeing facts link without it', () => {
  const idx = indexWith([...background(60), PIRFENIDONE_NCT, PIRFENIDONE_CHICTR]);
  const twin = scorePair(features(PIRFENIDONE_NCT), features(PIRFENIDONE_CHICTR), idx.idf).verdict;
  assert.equal(twin.accepted, true);
  assert.ok(twin.corroboration.some((c) => c.startsWith('email ')), twin.reason);
  assert.ok(twin.disagree.includes('phase 3≠4'));
  const facts = judge([], judgeFacts(features(reg('A1', 'CTRI', { sponsor: 'Dr Sameer Malhotra SELF SPONSORED', target: 1000, start: '2020-04-24' })),
    features(reg('NCT1', 'ClinicalTrials.gov', { sponsor: 'Max Healthcare Insititute Limited', target: 1000, start: '2020-04-24' }))));
  assert.equal(facts.accepted, true, facts.reason);
  const unknown = judge([], judgeFacts(features(reg('A2', 'CTRI', { target: 1000 })), features(reg('NCT2', 'ClinicalTrials.gov', { target: 1000 }))));
  assert.equal(unknown.accepted, false, 'one agreeing fact is not enough');
});

test('sponsors compare by their informative words, in spite of a typo; a person named as sponsor is that contact', () => {
  assert.deepEqual(orgTokens('the First Affiliated Hospital of Xinxiang Medical University'), ['xinxiang']);
  const mgh = judgeFacts(features(reg('E1', 'EUCTR', { sponsor: 'Massachussetts General Hospital' })),
    features(reg('N1', 'ClinicalTrials.gov', { sponsor: 'Massachusetts General Hospital' })));
  assert.match(mgh.sameSponsor ?? '', /massachussetts/);
  assert.equal(sponsorPersonKey('Jieming QU'), 'jieming qu');
  assert.equal(sponsorPersonKey('Beijing 302 Hospital'), null);
  const qu = judgeFacts(features(reg('N2', 'ClinicalTrials.gov', { sponsor: 'Jieming QU' })),
    features(reg('C2', 'ChiCTR', { sponsor: 'Ruijin Hospital, Shanghai Jiao Tong University School of Medicine', contactName: 'Qu Jieming' })));
  assert.equal(qu.sameSponsor, 'jieming qu');
});

test('a code corroborates only when it names the trial: not the disease, a boilerplate word, a word of a title in capitals, or the drug', () => {
  assert.deepEqual(codeTokens('Anti-SARS-CoV-2 Inactivated Convalescent Plasma'), []);
  assert.deepEqual(codeTokens('ANXIETY AND DEPRESSION DURING COVID-19 IN INDIA'), []);
  assert.deepEqual(codeTokens('ANXIETY AND DEPRESSION DURING COVID-19 IN INDIA', true), ['anxiety', 'depression', 'during', 'india']);
  assert.deepEqual(codeTokens('DEFACOVID'), ['defacovid']);
  const eu = reg('EUCTR2020-001671-32', 'EUCTR', { publicTitle: 'A clinical trial of a new compound for COVID-19, called BDB-001', target: 60 });
  const nct = reg('NCT04449588', 'ClinicalTrials.gov', { publicTitle: 'Efficacy and Safety Study of BDB-001 in Severe COVID-19', target: 368 });
  for (const r of [eu, nct]) r.interventions.push({ type: 'drug', name: 'BDB-001', description: null, cellTherapy: null });
  const idx = indexWith([...background(30), eu, nct]);
  assert.deepEqual(scorePair(features(eu), features(nct), idx.idf).verdict.corroboration, []);
});
