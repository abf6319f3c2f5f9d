/**
 * ClinicalTrials.gov search-results reader: the four real downloads (row counts, nothing rejected, five
 * registrations checked field by field against their raw rows), the CSV flavour, and bad rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readRecords, type ReadItem } from './index.js';
import { inputFromBuffer } from './input.js';
import { ctgovTsv, countriesOf } from './ctgov-tsv.js';
import type { ParseItem } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
const TSV = path.join(SHARED, 'data/ctgov-tsv');
const needShared = !existsSync(TSV) && 'needs ../shared (the ClinicalTrials.gov downloads in ../shared/data/ctgov-tsv)';

async function collect(paths: string[]): Promise<{ records: Registration[]; errors: ReadItem[]; items: ReadItem[] }> {
  const items: ReadItem[] = [];
  for await (const it of readRecords(paths)) items.push(it);
  return {
    items,
    records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
    errors: items.filter((i) => i.kind === 'error'),
  };
}

async function parseText(name: string, text: string): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of ctgovTsv.parse(await inputFromBuffer(name, Buffer.from(text)))) out.push(it);
  return out;
}

const counts: [string, number][] = [
  ['ctgov-covid-20200406.tsv', 306],
  ['ctgov-covid-20200629.tsv', 2351],
  ['ctgov-covid-20200707.tsv', 2478],
  ['ctgov-covid-20201012.tsv', 3584],
];

for (const [file, n] of counts) {
  test(`${file}: ${n} studies, none rejected`, { skip: needShared }, async () => {
    const { records, errors, items } = await collect([path.join(TSV, file)]);
    assert.deepEqual(errors, []);
    assert.equal(records.length, n);
    assert.deepEqual(items[0], { kind: 'file', file: path.join(TSV, file), format: 'ctgov-tsv', encoding: 'utf-8' });
    assert.equal(new Set(records.map((r) => r.id)).size, n, 'one row per study');
    assert.ok(records.every((r) => /^NCT\d{8}$/.test(r.id) && r.registry === 'ClinicalTrials.gov'));
  });
}

test('registrations match their raw rows field by field (2020-07-07 download)', { skip: needShared }, async () => {
  const { records } = await collect([path.join(TSV, 'ctgov-covid-20200707.tsv')]);
  const byId = new Map(records.map((r) => [r.id, r]));

  // Row 1534: RECOVERY — EudraCT and ISRCTN numbers in Other IDs, nine sponsors, no numeric age limits.
  const recovery = byId.get('NCT04381936')!;
  assert.equal(recovery.titles.public, 'Randomised Evaluation of COVID-19 Therapy');
  assert.equal(recovery.titles.acronym, 'RECOVERY');
  assert.deepEqual(recovery.status, { recruitment: 'recruiting', raw: 'Recruiting' });
  assert.equal(recovery.results.posted, false);
  assert.deepEqual(recovery.conditions, ['Severe Acute Respiratory Syndrome']);
  assert.deepEqual(recovery.interventions.map((i) => [i.type, i.name]), [
    ['drug', 'Lopinavir-Ritonavir'], ['drug', 'Corticosteroid'], ['drug', 'Hydroxychloroquine'],
    ['drug', 'Azithromycin'], ['biological', 'Convalescent plasma'], ['drug', 'Tocilizumab'],
  ]);
  assert.deepEqual(recovery.outcomes.primary.map((o) => o.measure), [
    'All-cause mortality', 'Duration of hospital stay',
    'Composite endpoint of death or need for mechanical ventilation or ECMO',
  ]);
  assert.equal(recovery.sponsor.primary, 'University of Oxford');
  assert.equal(recovery.sponsor.collaborators.length, 8);
  assert.equal(recovery.sponsor.collaborators[1], 'National Institute for Health Research, United Kingdom');
  assert.equal(recovery.sponsor.class, 'Other');
  assert.equal(recovery.eligibility.sex, 'all');
  assert.equal(recovery.eligibility.minAgeYears, null);
  assert.equal(recovery.eligibility.maxAgeYears, null);
  assert.equal(recovery.phase, '2_3');
  assert.equal(recovery.phaseRaw, 'Phase 2|Phase 3');
  assert.deepEqual(recovery.enrollment, { target: 15000, actual: null, raw: '15000' });
  assert.equal(recovery.studyType, 'interventional');
  assert.equal(recovery.design.allocation, 'randomized');
  assert.equal(recovery.design.model, 'factorial');
  assert.equal(recovery.design.masking, 'none');
  assert.deepEqual(recovery.design.maskedRoles, []);
  assert.equal(recovery.design.purpose, 'treatment');
  assert.ok(recovery.secondaryIds.includes('EUCTR2020-001113-21'));
  assert.ok(recovery.secondaryIds.includes('ISRCTN50189673'));
  assert.equal(recovery.raw?.['Other IDs'], 'NDPHRECOVERY|2020-001113-21|ISRCTN50189673');
  assert.deepEqual(recovery.dates, {
    registration: '2020-05-11', start: '2020-03-19', primaryCompletion: '2021-12', completion: '2031-12',
    lastUpdate: '2020-07-07', resultsPosted: null,
  });
  assert.deepEqual(recovery.countries, ['United Kingdom']);
  assert.equal(recovery.source.url, 'https://ClinicalTrials.gov/show/NCT04381936');

  // Row 1735: an observational study with posted results.
  const mp = byId.get('NCT04323592')!;
  assert.equal(mp.titles.acronym, 'MP-C19');
  assert.deepEqual(mp.status, { recruitment: 'completed', raw: 'Completed' });
  assert.equal(mp.results.posted, true);
  assert.equal(mp.results.firstPosted, '2020-06-04');
  assert.equal(mp.results.url, 'https://clinicaltrials.gov/study/NCT04323592?tab=results');
  assert.equal(mp.dates.resultsPosted, '2020-06-04');
  assert.equal(mp.studyType, 'observational');
  assert.equal(mp.phase, null);
  assert.equal(mp.design.raw, 'Observational Model: Cohort|Time Perspective: Prospective');
  assert.equal(mp.design.model, null, 'an observational model is not an intervention model');
  assert.deepEqual(mp.interventions.map((i) => [i.type, i.name]), [['drug', 'Methylprednisolone'], ['other', 'standard care']]);
  assert.deepEqual(mp.conditions, ['Severe Acute Respiratory Syndrome (SARS) Pneumonia', 'Coronavirus Infections', 'ARDS, Human']);
  assert.equal(mp.eligibility.minAgeYears, 18);
  assert.equal(mp.eligibility.maxAgeYears, 80);
  assert.equal(mp.enrollment.target, 173);
  assert.deepEqual(mp.secondaryIds, [], 'MP-19 023_2020 is a sponsor code, not a registry number');
  assert.deepEqual(mp.countries, ['Italy']);
  assert.equal(mp.dates.start, '2020-03-23');

  // Row 348: Gilead remdesivir — industry, a bare EudraCT number, open label, many US sites.
  const gs = byId.get('NCT04292899')!;
  assert.equal(gs.sponsor.primary, 'Gilead Sciences');
  assert.deepEqual(gs.sponsor.collaborators, []);
  assert.equal(gs.sponsor.class, 'Industry');
  assert.equal(gs.eligibility.minAgeYears, 12);
  assert.equal(gs.eligibility.maxAgeYears, null);
  assert.equal(gs.phase, '3');
  assert.deepEqual(gs.status, { recruitment: 'active_not_recruiting', raw: 'Active, not recruiting' });
  assert.deepEqual(gs.secondaryIds, ['EUCTR2020-000841-15']);
  assert.equal(gs.design.masking, 'none');
  assert.equal(gs.dates.primaryCompletion, '2020-06');
  assert.equal(gs.titles.acronym, null);
  assert.ok(gs.countries.includes('United States'));

  // Row 110: expanded access — no design, no enrollment, no dates but the posting ones.
  const ea = byId.get('NCT04355793')!;
  assert.equal(ea.studyType, 'expanded_access');
  assert.deepEqual(ea.status, { recruitment: 'available', raw: 'Available' });
  assert.equal(ea.enrollment.target, null);
  assert.equal(ea.design.raw, null);
  assert.deepEqual(ea.outcomes.primary, []);
  assert.deepEqual(ea.countries, []);
  assert.equal(ea.dates.start, null);
  assert.equal(ea.dates.registration, '2020-04-21');
});

test('2020-04-06 row 1: Phase 1|Phase 2, an age range and "Iran, Islamic Republic of"', { skip: needShared }, async () => {
  const { records } = await collect([path.join(TSV, 'ctgov-covid-20200406.tsv')]);
  const r = records[0]!;
  assert.equal(r.id, 'NCT04333550');
  assert.equal(r.titles.public, 'Application of Desferal to Treat COVID-19');
  assert.equal(r.phase, '1_2');
  assert.equal(r.eligibility.minAgeYears, 3);
  assert.equal(r.eligibility.maxAgeYears, 99);
  assert.deepEqual(r.countries, ['Iran']);
  assert.equal(r.design.masking, 'double');
  assert.deepEqual(r.design.maskedRoles, ['participant', 'investigator']);
  assert.equal(r.dates.start, '2020-04');
  assert.equal(r.enrollment.target, 50);
});

test('comma-separated download with quoted cells, and the 2023 column names', async () => {
  const csv = [
    '"NCT Number","Study Title","Study URL","Acronym","Study Status","Study Results","Conditions","Interventions","Primary Outcome Measures","Secondary Outcome Measures","Sponsor","Collaborators","Sex","Age","Phases","Enrollment","Funder Type","Study Type","Study Design","Other IDs","Start Date","First Posted","Locations"',
    '"NCT09000001","Cells, Quoted ""Safely""","https://clinicaltrials.gov/study/NCT09000001","","RECRUITING","NO","COVID-19|ARDS","BIOLOGICAL: UC-MSC|OTHER: Placebo","Mortality","Days on ventilator","Example University","Example Biotech","ALL","ADULT, OLDER_ADULT","PHASE1|PHASE2","40","OTHER|INDUSTRY","INTERVENTIONAL","Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: TRIPLE (PARTICIPANT, INVESTIGATOR, OUTCOMES_ASSESSOR)|Primary Purpose: TREATMENT","EX-1|ChiCTR2000099999","2020-04-06","2020-04-08","Hospital A, Wuhan, Hubei, China|Hospital B, Seoul, Korea, Republic of"',
  ].join('\r\n');
  const items = await parseText('new.csv', csv);
  assert.equal(items.length, 1);
  const it = items[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const r = it.record;
  assert.equal(r.titles.public, 'Cells, Quoted "Safely"');
  assert.deepEqual(r.status.recruitment, 'recruiting');
  assert.equal(r.results.posted, false);
  assert.deepEqual(r.interventions.map((i) => i.type), ['biological', 'other']);
  assert.deepEqual(r.outcomes.primary.map((o) => o.measure), ['Mortality']);
  assert.deepEqual(r.outcomes.secondary.map((o) => o.measure), ['Days on ventilator']);
  assert.equal(r.sponsor.primary, 'Example University');
  assert.deepEqual(r.sponsor.collaborators, ['Example Biotech']);
  assert.equal(r.phase, '1_2');
  assert.equal(r.design.masking, 'triple');
  assert.deepEqual(r.design.maskedRoles, ['participant', 'investigator', 'outcomes_assessor']);
  assert.deepEqual(r.secondaryIds, ['ChiCTR2000099999']);
  assert.equal(r.dates.start, '2020-04-06');
  assert.deepEqual(r.countries, ['China', 'South Korea']);
});

test('countriesOf: last comma part, or the last two when the name carries a comma', () => {
  assert.deepEqual(countriesOf([
    'Site, Tehran, Iran, Islamic Republic of', 'Site, Atlanta, Georgia, United States', 'Site, Tbilisi, Georgia', 'Site, Paris, France',
  ]), ['Iran', 'United States', 'Georgia', 'France']);
});

test('bad rows: unbalanced quote, wrong cell count, no id — each named, the rest still read', async () => {
  const header = 'Rank,NCT Number,Title,Status,Conditions';
  const csv = [
    header,
    '1,NCT09000001,"Good one",Recruiting,COVID-19',
    '2,NCT09000002,"Broken title, never closed,Recruiting,COVID-19',
    '3,NCT09000003,"Good after the broken one",Completed,COVID-19',
    '4,NCT09000004,Too,many,cells,here',
    '5,,No id,Recruiting,COVID-19',
    '6,NCT09000006,"Multi-line',
    'title",Recruiting,COVID-19',
  ].join('\n');
  const items = await parseText('bad.csv', csv);
  const records = items.flatMap((i) => (i.kind === 'record' ? [i.record.id] : []));
  const errors = items.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.deepEqual(records, ['NCT09000001', 'NCT09000003', 'NCT09000006']);
  assert.equal(errors.length, 3);
  assert.equal(errors[0]!.file, 'bad.csv');
  assert.match(errors[0]!.position, /row 2 \(line 3\)/);
  assert.match(errors[0]!.reason, /unbalanced quote/);
  assert.match(errors[1]!.position, /line 5.*NCT09000004/);
  assert.match(errors[1]!.reason, /expected 5 .*found 6/);
  assert.match(errors[2]!.position, /line 6/);
  assert.equal(errors[2]!.field, 'NCT Number');
  assert.match(errors[2]!.reason, /no trial id/);
  const multi = items.find((i) => i.kind === 'record' && i.record.id === 'NCT09000006');
  assert.ok(multi && multi.kind === 'record' && multi.record.titles.public === 'Multi-line title');
});

test('a quote that never closes before the end of the file costs one row', async () => {
  const items = await parseText('end.csv', 'NCT Number,Title,Status,Conditions,Interventions\nNCT09000001,ok,Recruiting,C,D\nNCT09000002,"open,Recruiting,C,D\n');
  assert.equal(items.filter((i) => i.kind === 'record').length, 1);
  const err = items.find((i) => i.kind === 'error');
  assert.ok(err && err.kind === 'error');
  assert.match(err.issue.reason, /never closes before the end of the file/);
  assert.match(err.issue.position, /line 3/);
});

test('detect: claims the download by its header, not by its name', async () => {
  const tsv = await inputFromBuffer('x.txt', Buffer.from('Rank\tNCT Number\tTitle\tStatus\tConditions\tInterventions\n'));
  assert.ok(ctgovTsv.detect(tsv) >= 0.9);
  const other = await inputFromBuffer('ctgov.tsv', Buffer.from('TrialID\tPublic title\tCountries\n'));
  assert.equal(ctgovTsv.detect(other), 0);
});

test('a 5 MB cell is cut to 1 MB with a warning, and the rows around it still come out', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ctgov-big-'));
  const file = path.join(dir, 'big.tsv');
  const huge = 'x'.repeat(5 * 1024 * 1024);
  writeFileSync(file, [
    'Rank\tNCT Number\tTitle\tStatus\tConditions',
    `1\tNCT09000001\tBig\tRecruiting\t${huge}`,
    '2\tNCT09000002\tSmall\tRecruiting\tCOVID-19',
  ].join('\n'));
  const { records, errors } = await collect([file]);
  assert.deepEqual(errors, []);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.conditions[0]!.length, 1024 * 1024);
  assert.match(records[0]!.warnings.join('\n'), /conditions\[0\] was 5242880 characters long; truncated/);
  assert.deepEqual(records[1]!.conditions, ['COVID-19']);
});

test('the bundled example reads without a rejected row', { skip: !existsSync(path.join(ROOT, 'examples/ctgov-search-results.tsv')) && 'example not built' }, async () => {
  const { records, errors } = await collect([path.join(ROOT, 'examples/ctgov-search-results.tsv')]);
  assert.deepEqual(errors, []);
  assert.ok(records.length >= 3);
  assert.ok(records.some((r) => r.secondaryIds.length > 0));
});

test('the same study at another rank in the next download is the same content', async () => {
  const header = 'Rank\tNCT Number\tTitle\tStatus\tConditions';
  const records = async (name: string, text: string) =>
    (await parseText(name, text)).flatMap((i) => (i.kind === 'record' ? [i.record] : []));
  const week1 = await records('w1.tsv', `${header}\n1\tNCT09000001\tSame trial\tRecruiting\tCOVID-19\n`);
  const week2 = await records('w2.tsv', `${header}\n7\tNCT09000001\tSame trial\tRecruiting\tCOVID-19\n`);
  assert.equal(week1.length, 1);
  const strip = (r: Registration) => ({ ...r, source: null });
  assert.deepEqual(strip(week2[0]!), strip(week1[0]!));
  assert.equal(JSON.stringify(week1[0]).includes('Rank'), false);
});

test('the API v2 CSV with its full header: phase NA is not applicable, other outcomes follow the secondary ones', async () => {
  const csv = [
    'NCT Number,Study Title,Study URL,Acronym,Study Status,Brief Summary,Study Results,Conditions,Interventions,Primary Outcome Measures,Secondary Outcome Measures,Other Outcome Measures,Sponsor,Collaborators,Sex,Age,Phases,Enrollment,Funder Type,Study Type,Study Design,Other IDs,Start Date,Primary Completion Date,Completion Date,First Posted,Results First Posted,Last Update Posted,Locations,Study Documents',
    'NCT09500001,Device Trial,https://clinicaltrials.gov/study/NCT09500001,,COMPLETED,A short summary.,YES,Knee Osteoarthritis,DEVICE: Tape|BEHAVIORAL: Exercise,Pain,Range of motion,Satisfaction,Example Center,,FEMALE,"ADULT, OLDER_ADULT",NA,65,OTHER,INTERVENTIONAL,Allocation: NA|Intervention Model: SINGLE_GROUP|Masking: NONE|Primary Purpose: TREATMENT,2021-13203|2020-001234-56,2021-10-18,2023-11,2023-11-24,2021-08-19,2024-02-01,2024-02-23,"Burke Hospital, White Plains, New York, 10605, United States",',
  ].join('\n');
  const items = await parseText('api.csv', csv);
  assert.equal(items.length, 1);
  const it = items[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const r = it.record;
  assert.equal(r.phase, 'not_applicable');
  assert.equal(r.phaseRaw, 'NA');
  assert.deepEqual(r.outcomes.primary.map((o) => o.measure), ['Pain']);
  assert.deepEqual(r.outcomes.secondary.map((o) => o.measure), ['Range of motion', 'Satisfaction']);
  assert.deepEqual(r.status, { recruitment: 'completed', raw: 'COMPLETED' });
  assert.deepEqual(r.results, { posted: true, url: 'https://clinicaltrials.gov/study/NCT09500001?tab=results', firstPosted: '2024-02-01', summary: null });
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name]), [['device', 'Tape'], ['behavioral', 'Exercise']]);
  assert.equal(r.eligibility.sex, 'female');
  assert.deepEqual([r.design.allocation, r.design.model, r.design.masking, r.design.purpose], ['not_applicable', 'single_group', 'none', 'treatment']);
  assert.deepEqual(r.secondaryIds, ['EUCTR2020-001234-56']);
  assert.deepEqual(r.dates, { registration: '2021-08-19', start: '2021-10-18', primaryCompletion: '2023-11', completion: '2023-11-24', lastUpdate: '2024-02-23', resultsPosted: '2024-02-01' });
  assert.deepEqual(r.countries, ['United States']);
  assert.equal(r.description.brief, 'A short summary.');
});
