import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStudy } from './study.js';
import { PIRFENIDONE_CHICTR, PIRFENIDONE_NCT, reg } from './__fixtures__/registrations.js';

test('primary is ClinicalTrials.gov, then EUCTR, then ISRCTN, then the oldest', () => {
  const chi = reg('ChiCTR2000030001', 'ChiCTR', { registered: '2020-01-01' });
  const irct = reg('IRCT20200101000001N1', 'IRCT', { registered: '2020-02-01' });
  const isrctn = reg('ISRCTN83971151', 'ISRCTN', { registered: '2020-03-01' });
  const eu = reg('EUCTR2020-001162-12', 'EUCTR', { registered: '2020-04-01' });
  assert.equal(buildStudy([chi, irct], []).primaryId, 'ChiCTR2000030001');
  assert.equal(buildStudy([chi, irct, isrctn], []).primaryId, 'ISRCTN83971151');
  assert.equal(buildStudy([chi, isrctn, eu], []).primaryId, 'EUCTR2020-001162-12');
  assert.equal(buildStudy([eu, PIRFENIDONE_NCT], []).primaryId, 'NCT04282902');
});

test('characteristics come from the primary, gaps filled from the others, each with its registration', () => {
  const nct = reg('NCT04282902', 'ClinicalTrials.gov', { publicTitle: 'T', target: 294 });
  const chi = reg('ChiCTR2000030333', 'ChiCTR', { publicTitle: 'T2', sponsor: 'Tongji Hospital' });
  const s = buildStudy([chi, nct], []);
  assert.deepEqual(s.characteristics['titles.public'], { value: 'T', registrationId: 'NCT04282902' });
  assert.deepEqual(s.characteristics['sponsor.primary'], { value: 'Tongji Hospital', registrationId: 'ChiCTR2000030333' });
  assert.deepEqual(s.registrationIds, ['NCT04282902', 'ChiCTR2000030333']);
});

test('discrepancies list the fields linked registrations disagree on, not the ones one of them leaves unknown', () => {
  const s = buildStudy([PIRFENIDONE_NCT, PIRFENIDONE_CHICTR], []);
  const fields = s.discrepancies.map((d) => d.field);
  assert.ok(fields.includes('enrollment.target'));
  assert.ok(fields.includes('phase'));
  assert.ok(fields.includes('dates.start'));
  assert.ok(!fields.includes('countries'));
  assert.ok(!fields.includes('design.masking'));
  const target = s.discrepancies.find((d) => d.field === 'enrollment.target')!;
  assert.deepEqual(target.values, [{ registrationId: 'NCT04282902', value: 294 }, { registrationId: 'ChiCTR2000030333', value: 292 }]);
});

test('a publication cited by two registrations is listed once', () => {
  const a = reg('NCT04282902', 'ClinicalTrials.gov');
  const b = reg('ChiCTR2000030333', 'ChiCTR');
  const ref = { type: null, citation: 'Paper', title: 'Pirfenidone paper', authors: [], journal: null, year: 2021, pmid: '33000001', doi: null };
  a.references.push(ref);
  b.references.push({ ...ref, pmid: 'PMID: 33000001', doi: '10.1/x' });
  assert.equal(buildStudy([a, b], []).publications.length, 1);
});

test('a master protocol\'s row per trial is led by the registration the study leads with', async () => {
  const { mergedRegistration } = await import('./study.js');
  const who = reg('ISRCTN83971151', 'ISRCTN', { publicTitle: 'Public health emergency SOLIDARITY trial', target: 10000 });
  const catco = reg('NCT04330690', 'ClinicalTrials.gov', { publicTitle: 'Canadian Arm of the SOLIDARITY Trial', target: 2900 });
  assert.equal(mergedRegistration([catco, who]).enrollment.target, 2900);
  assert.equal(mergedRegistration([catco, who], ['ISRCTN83971151', 'NCT04330690']).enrollment.target, 10000);
});
