/** Multicentre, sponsor type, prospective registration, eligibility, outcome time points and the characteristics row. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extracted, registration } from './__fixtures__/registrations.js';
import { extract } from './index.js';
import { parseTimepoints } from './timepoints.js';
import { findAgeRange, splitCriteria } from './eligibility.js';
import { sponsorTypeFromName } from './sponsor-type.js';
import { CHARACTERISTICS_COLUMNS, cellTherapySummary, characteristicsRow } from './characteristics.js';

test('multicentre from countries and wording', () => {
  assert.equal(extracted({ countries: ['Australia', 'New Zealand'] }).design.multicentre, true);
  assert.equal(extracted({ title: 'A multicentre randomised trial of X' }).design.multicentre, true);
  assert.equal(extracted({ design: 'Multi-centre interventional open label randomised controlled trial (Treatment)' }).design.multicentre, true);
  assert.equal(extracted({ design: 'Single-centre individually randomised, double-blind trial (Other)' }).design.multicentre, false);
  assert.equal(extracted({ title: 'This is a randomized, singlecenter, open label trial' }).design.multicentre, false);
  assert.equal(extracted({ countries: ['China'], title: 'Trial of X' }).design.multicentre, null, 'one country, nothing said: null');
  assert.equal(extracted({ title: 'Trial of X' }).design.multicentre, null);
});

test('sponsor type from class and from names', () => {
  assert.equal(extracted({ sponsor: 'Anything', sponsorClass: 'INDUSTRY' }).sponsor.type, 'industry');
  assert.equal(extracted({ sponsor: 'NIAID', sponsorClass: 'NIH' }).sponsor.type, 'government');
  const cases: [string, string | null][] = [
    ['Pfizer Inc.', 'industry'], ['Shionogi & Co., Ltd.', 'industry'], ['Boehringer Ingelheim GmbH', 'industry'],
    ['Gilead Sciences', 'industry'], ['Novartis Pharma AG', 'industry'], ['Jiangsu Hengrui Pharmaceuticals Co., Ltd.', 'industry'],
    ['University of Oxford', 'non_industry'], ['Tongji Hospital', 'non_industry'], ["The Melbourne Children's Trial Centre", 'non_industry'],
    ['Assistance Publique - Hôpitaux de Paris', 'non_industry'], ['Ministry of Health, Brazil', 'government'],
    ['Dr Kashmira Rajesh Mutha', 'investigator'], ['Richard Zimmerman MD', 'investigator'], ['Nil', null],
  ];
  for (const [name, want] of cases) assert.equal(sponsorTypeFromName(name), want, name);
});

test('prospective registration compares registration and start dates', () => {
  assert.equal(extracted({ registration: '2020-02-01', start: '2020-02-10' }).prospective, true);
  assert.equal(extracted({ registration: '2020-03-01', start: '2020-02-10' }).prospective, false);
  assert.equal(extracted({ registration: '2020-02-01', start: '2020-02' }).prospective, true);
  assert.equal(extracted({ registration: '2020-02-01' }).prospective, null);
});

test('eligibility: ages, sex and the inclusion/exclusion split from raw text', () => {
  const r = extracted({ eligibility: 'Inclusion criteria: 1. Aged 18-65 years, male or female; 2. Confirmed COVID-19<br>Exclusion criteria: 1. Pregnancy 2. Severe liver disease' });
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, 65);
  assert.equal(r.eligibility.sex, 'all');
  assert.deepEqual(r.eligibility.exclusion, ['Pregnancy', 'Severe liver disease']);
  assert.ok(r.eligibility.inclusion.some((s) => /Confirmed COVID-19/.test(s)));
  assert.ok(r.extracted!.some((p) => p.path === 'eligibility.minAgeYears' && /18-65/.test(p.text)));
  assert.equal(findAgeRange('age ≥ 18 years').min?.value, 18);
  assert.equal(findAgeRange('18 years and older').min?.value, 18);
  assert.equal(findAgeRange('Patients aged between 6 and 24 months').max?.value, 2);
  assert.equal(splitCriteria('no split here'), null);
  assert.equal(extracted({ eligibility: 'Inclusion: postmenopausal women aged 50 years or older' }).eligibility.sex, 'female');
});

test('eligibility: a time span is no age limit, and a limit contradicting the other is someone else\'s age', () => {
  // real criteria (ChiCTR2000029839, NCT04374279, NCT04315298) read as maximum ages of 0.02, 0.01 and 0.25 years
  for (const text of ['1. Aged >= 18 years; 4. <= 8 days since illness onset and hospitalization', 'positive PCR test <=3 days from enrollment',
    'no chemotherapy within 3 months and less than 5 half-lives']) {
    assert.equal(findAgeRange(text).max, null, text);
  }
  assert.equal(findAgeRange('aged <= 12 months').max?.value, 1);
  // NCT04431856: parents (18 years and over, from the registry) who "have a child between 6 and 13 years"
  const r = registration({ eligibility: 'Parents who have a child between 6 and 13 years speak/read French' });
  r.eligibility.minAgeYears = 18;
  assert.equal(extract(r).eligibility.maxAgeYears, null);
});

test('outcome time points in days', () => {
  const cases: [string, number[]][] = [
    ['Day 28', [28]], ['28 days', [28]], ['Week 4', [28]], ['3 months', [90]], ['1 year', [365]], ['12 months', [365]],
    ['24 hours', [1]], ['baseline', [0]], ['Days 1, 7, 14 and 28', [1, 7, 14, 28]], ['at 3, 6 and 12 months', [90, 180, 365]],
    ['Baseline, day 7, day 14', [0, 7, 14]], ['up to 90-day', [90]], ['two weeks', [14]], ['', []],
  ];
  for (const [tf, want] of cases) assert.deepEqual(parseTimepoints(tf), want, tf);
  const r = extracted({ timeFrames: ['Day 28', 'unclear'] });
  assert.deepEqual(r.outcomes.primary[0]!.timepointsDays, [28]);
  assert.deepEqual(r.outcomes.primary[1]!.timepointsDays, []);
});

test('characteristics row: every column present, reviewer readings, cell-therapy summary', () => {
  const r = extracted({
    design: 'Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: Double (Participant, Investigator).',
    interventions: [{ name: 'Biological: UC-MSC', description: 'Allogeneic UC-MSC, 3 doses of 3.0 × 10^7 cells at days 0, 3, 6, IV' }, { name: 'Other: Placebo' }],
  });
  const row = characteristicsRow(r);
  assert.deepEqual(Object.keys(row).sort(), [...CHARACTERISTICS_COLUMNS].sort());
  assert.equal(row.randomised, 'Yes');
  assert.equal(row.blinded, 'Yes');
  assert.equal(row.controlled, 'Yes');
  assert.equal(row.control_type, 'placebo');
  assert.equal(row.cell_therapy, 'Allogeneic UC-MSC, 3 doses of 3.0 × 10^7 cells at days 0, 3, 6, IV');
  assert.equal(row.dose_value, 30000000);
  assert.equal(row.dose_days, '0, 3, 6');
  assert.match(String(row.evidence), /design\.allocation ← design\.raw/);
  assert.equal(cellTherapySummary({ cellType: 'msc', source: 'adipose', product: 'exosomes', dose: { value: 2e8, unit: 'particles', perKg: false }, route: 'inhalation', schedule: { doses: 5, intervalDays: null, days: [] } }),
    'adipose MSC exosomes, 5 doses of 2.0 × 10^8 particles, inhalation');
});

test('hostile text: huge repetitive fields go through every extractor without error', () => {
  const junk = ['1,'.repeat(100000), '10'.repeat(100000), 'day 1, '.repeat(30000), 'Masking: '.repeat(20000), 'blind '.repeat(30000)];
  for (const b of junk) {
    const r = extracted({ design: b, title: b, description: b, eligibility: b, interventions: [{ name: `MSC ${b.slice(0, 1000)}`, description: b }], timeFrames: [b] });
    assert.deepEqual(r.warnings, [], b.slice(0, 10));
    assert.ok(r.interventions[0]!.cellTherapy, 'the MSC intervention is still recognised');
  }
});
