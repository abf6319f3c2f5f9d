import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockIndex } from './blocking.js';
import { features, normaliseTitleText, scorePair, titleTokens } from './similarity.js';
import { repairMojibake } from '../normalise/text.js';
import { SIMILARITY_THRESHOLD } from './index.js';
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
