/**
 * ClinicalTrials.gov API v2 JSON: a page, NDJSON and a single study give the same registrations; the page is
 * streamed study by study; truncated pages, broken NDJSON lines and studies without an id are reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readFixture } from './__fixtures__/read-fixture.js';
import { inputFromBuffer } from './input.js';
import { ctgovJson, isNdjson } from './ctgov-json.js';
import { StudyScanner } from './ctgov-json-scan.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__');

const read = readFixture;

/** The registration less where it came from, for comparing the same study read from different files. */
const content = (r: Registration) => ({ ...r, source: { ...r.source, file: null, format: null } });

test('a {studies:[…]} page: every module mapped', async () => {
  const { records, errors, items } = await read('ctgov-v2-page.json');
  assert.deepEqual(errors, []);
  assert.equal(items[0]!.kind === 'file' && items[0]!.format, 'ctgov-json');
  assert.deepEqual(records.map((r) => r.id), ['NCT09100001', 'NCT09100002', 'NCT09100003']);

  const msc = records[0]!;
  assert.equal(msc.registry, 'ClinicalTrials.gov');
  assert.equal(msc.source.exportedAt, '2020-09-16');
  assert.equal(msc.source.url, 'https://clinicaltrials.gov/study/NCT09100001');
  assert.deepEqual(msc.titles, {
    public: 'Umbilical Cord Mesenchymal Stromal Cells for COVID-19 ARDS',
    scientific: 'A Phase I/II Randomised, Double-blind, Placebo-controlled Trial of Allogeneic Umbilical Cord Mesenchymal Stromal Cells in Adults With COVID-19 Acute Respiratory Distress Syndrome',
    acronym: 'UCMSC-ARDS',
  });
  assert.deepEqual(msc.secondaryIds, ['EUCTR2020-001234-56'], 'the EudraCT number is a registration; the grant number is not');
  assert.equal(msc.raw?.['orgStudyId'], 'MSC-ARDS-2020-01');
  assert.equal(msc.raw?.['secondaryIdInfos'], 'EUDRACT_NUMBER: 2020-001234-56');
  assert.equal(msc.raw?.['grantIds'], 'OTHER_GRANT: PI20/00412 (Instituto de Salud Carlos III)');
  assert.deepEqual(msc.status, { recruitment: 'recruiting', raw: 'RECRUITING' });
  assert.deepEqual(msc.dates, {
    registration: '2020-04-21', start: '2020-05-04', primaryCompletion: '2021-03', completion: '2021-06',
    lastUpdate: '2020-09-15', resultsPosted: null,
  });
  assert.equal(msc.sponsor.primary, 'Fundación Hospital Ejemplo');
  assert.equal(msc.sponsor.class, 'OTHER');
  assert.deepEqual(msc.sponsor.collaborators, ['Red de Terapia Celular']);
  assert.equal(msc.raw?.['responsibleParty'], 'PRINCIPAL_INVESTIGATOR: Luis Modelo, Head of Haematology, Fundación Hospital Ejemplo');
  assert.equal(msc.studyType, 'interventional');
  assert.equal(msc.phase, '1_2');
  assert.equal(msc.phaseRaw, 'PHASE1|PHASE2');
  assert.equal(msc.design.allocation, 'randomized');
  assert.equal(msc.design.model, 'parallel');
  assert.equal(msc.design.purpose, 'treatment');
  assert.equal(msc.design.masking, 'quadruple');
  assert.deepEqual(msc.design.maskedRoles, ['participant', 'care_provider', 'investigator', 'outcomes_assessor']);
  assert.match(msc.design.raw ?? '', /^Allocation: RANDOMIZED\|Intervention Model: PARALLEL\|Masking: QUADRUPLE \(PARTICIPANT, /);
  assert.deepEqual(msc.enrollment, { target: 40, actual: null, raw: '40 (ESTIMATED)' });
  assert.deepEqual(msc.arms.map((a) => [a.label, a.type, a.interventions]), [
    ['UC-MSC', 'experimental', ['Allogeneic umbilical cord MSC']],
    ['Placebo', 'placebo_comparator', ['Placebo']],
  ]);
  assert.match(msc.arms[0]!.description ?? '', /1 × 10\^6 UC-MSC\/kg on day 1 and day 3/);
  assert.deepEqual(msc.interventions.map((i) => [i.type, i.name]), [['biological', 'Allogeneic umbilical cord MSC'], ['other', 'Placebo']]);
  assert.match(msc.interventions[0]!.description ?? '', /^1 × 10\^6 cells\/kg, intravenous, on days 1 and 3\nOther names: UC-MSC$/);
  assert.deepEqual(msc.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [
    ['Adverse events related to the infusion', 'Day 7'], ['Change in PaO2/FiO2 ratio', 'Baseline and day 7'],
  ]);
  assert.equal(msc.outcomes.primary[0]!.description, 'Infusion-related adverse events (CTCAE v5)');
  assert.deepEqual(msc.outcomes.secondary.map((o) => o.measure), ['All-cause mortality', 'Serum IL-6']);
  assert.deepEqual(msc.eligibility.inclusion, ['Adults aged 18 to 75 years', 'SARS-CoV-2 infection confirmed by PCR', 'PaO2/FiO2 below 200 mmHg']);
  assert.deepEqual(msc.eligibility.exclusion, ['Pregnancy or breastfeeding', 'Active cancer within the last 5 years']);
  assert.equal(msc.eligibility.minAgeYears, 18);
  assert.equal(msc.eligibility.maxAgeYears, 75);
  assert.equal(msc.eligibility.sex, 'all');
  assert.equal(msc.eligibility.healthyVolunteers, false);
  assert.deepEqual(msc.conditions, ['COVID-19', 'Acute Respiratory Distress Syndrome']);
  assert.deepEqual(msc.countries, ['Spain']);
  assert.deepEqual(msc.contacts.map((c) => [c.name, c.role, c.email]), [
    ['Ana Ejemplo, MD', 'contact', 'ana.ejemplo@example.org'], ['Luis Modelo, MD PhD', 'principal_investigator', null],
  ]);
  assert.equal(msc.contacts[1]!.affiliation, 'Fundación Hospital Ejemplo');
  assert.deepEqual(msc.references.map((x) => [x.type, x.pmid, x.year, x.doi]), [['BACKGROUND', '32000000', 2020, '10.1186/s13287-020-00000-0']]);
  assert.match(msc.description.detailed ?? '', /1 × 10\^6 cells\/kg/);
  assert.equal(msc.results.posted, false);
  assert.match(msc.raw?.['Locations'] ?? '', /^Hospital Universitario Ejemplo, Madrid, Spain\n/);

  const cohort = records[1]!;
  assert.deepEqual(cohort.secondaryIds, ['ChiCTR2000039999', 'NCT09100009'], 'registry ids and NCT aliases; not the NIH grant');
  assert.equal(cohort.studyType, 'observational');
  assert.equal(cohort.phase, null);
  assert.deepEqual(cohort.enrollment, { target: null, actual: 250, raw: '250 (ACTUAL)' });
  assert.equal(cohort.design.raw, 'Observational Model: COHORT|Time Perspective: PROSPECTIVE');
  assert.equal(cohort.results.posted, true);
  assert.equal(cohort.results.firstPosted, '2021-08-10');
  assert.equal(cohort.dates.start, '2020-02');
  assert.deepEqual(cohort.countries, ['China']);
  assert.deepEqual(cohort.eligibility.exclusion, [], '"None" is no criterion');

  const device = records[2]!;
  assert.equal(device.phase, 'not_applicable', 'API v2 NA phase means not applicable');
  assert.equal(device.design.allocation, 'not_applicable');
  assert.equal(device.design.model, 'single_group');
  assert.equal(device.design.masking, 'none');
  assert.equal(device.design.purpose, 'other');
  assert.deepEqual(device.enrollment, { target: null, actual: 0, raw: '0 (ACTUAL)' });
  assert.deepEqual(device.status, { recruitment: 'withdrawn', raw: 'WITHDRAWN' });
  assert.equal(device.eligibility.sex, 'female');
  assert.equal(device.eligibility.minAgeYears, 0.5);
  assert.equal(device.eligibility.healthyVolunteers, true);
  assert.equal(device.sponsor.class, 'INDUSTRY');
  assert.deepEqual(device.interventions.map((i) => i.type), ['device']);
  assert.equal(device.results.posted, null);
  assert.equal(device.raw?.['whyStopped'], 'Funding not obtained');
});

test('NDJSON and a single study object give the same registrations as the page', async () => {
  const page = (await read('ctgov-v2-page.json')).records.map(content);
  const nd = await read('ctgov-v2.ndjson');
  assert.deepEqual(nd.errors, []);
  assert.deepEqual(nd.records.map(content), page);
  const single = await read('ctgov-v2-single.json');
  assert.deepEqual(single.errors, []);
  assert.deepEqual(single.records.map(content), page.slice(0, 1));
});

test('a broken NDJSON line costs one study, named by line', async () => {
  const { records, errors } = await read('ctgov-v2-broken.ndjson');
  assert.deepEqual(records.map((r) => r.id), ['NCT09100001', 'NCT09100003']);
  assert.equal(errors.length, 1);
  const e = errors[0]!.kind === 'error' ? errors[0]!.issue : null;
  assert.ok(e);
  assert.match(e.file, /ctgov-v2-broken\.ndjson$/);
  assert.equal(e.position, 'study 2 (line 2)');
  assert.match(e.reason, /invalid JSON/);
});

test('a truncated page: the complete studies come out, then a message saying where it was cut', async () => {
  const { records, errors } = await read('ctgov-v2-truncated.json');
  assert.deepEqual(records.map((r) => r.id), ['NCT09100001', 'NCT09100002']);
  assert.equal(errors.length, 1);
  const e = errors[0]!.kind === 'error' ? errors[0]!.issue : null;
  assert.ok(e);
  assert.match(e.reason, /truncated JSON: the file ends inside the study that starts on line \d+, column \d+/);
  assert.match(e.position, /^line \d+, column \d+$/);
});

test('a study without nctId is rejected by name; its neighbours are read', async () => {
  const { records, errors } = await read('ctgov-v2-no-id.json');
  assert.deepEqual(records.map((r) => r.id), ['NCT09100001', 'NCT09100003']);
  const e = errors[0]!.kind === 'error' ? errors[0]!.issue : null;
  assert.ok(e);
  assert.match(e.position, /^study 2 \(line 1, column \d+\)$/);
  assert.equal(e.field, 'protocolSection.identificationModule.nctId');
  assert.match(e.reason, /no trial id/);
});

test('the scanner yields each study as soon as it closes, whatever the chunking', () => {
  const text = readFileSync(path.join(FIX, 'ctgov-v2-page.json'), 'utf8');
  const whole = new StudyScanner().feed(text);
  assert.equal(whole.length, 3);
  for (const size of [1, 7, 64, 1000]) {
    const s = new StudyScanner();
    const out = [];
    for (let i = 0; i < text.length; i += size) out.push(...s.feed(text.slice(i, i + size)));
    out.push(...s.end());
    assert.deepEqual(out, whole, `chunks of ${size}`);
  }
  // streaming: after the first study's closing brace only, one study is out and nothing else is held
  const firstEnd = text.indexOf('"hasResults": false') + '"hasResults": false\n    }'.length;
  const partial = new StudyScanner().feed(text.slice(0, firstEnd));
  assert.equal(partial.length, 1);
  assert.equal(partial[0]!.kind === 'value' && JSON.parse(partial[0]!.text).protocolSection.identificationModule.nctId, 'NCT09100001');
});

test('the scanner ignores objects outside the studies array and braces inside strings', () => {
  const s = new StudyScanner();
  const out = s.feed('{"meta": {"x": {"y": 1}}, "studies": [{"a": "}{[\\"]"}, {"b": [1, {"c": 2}]}], "totalCount": 2}');
  assert.deepEqual(out.map((o) => (o.kind === 'value' ? JSON.parse(o.text) : o)), [{ a: '}{["]' }, { b: [1, { c: 2 }] }]);
  assert.deepEqual(s.end(), []);
});

test('detect and NDJSON sniffing', async () => {
  const page = await inputFromBuffer('p.json', readFileSync(path.join(FIX, 'ctgov-v2-page.json')));
  assert.ok(ctgovJson.detect(page) >= 0.9);
  assert.equal(ctgovJson.detect(await inputFromBuffer('x.json', Buffer.from('{"resourceType": "Bundle"}'))), 0);
  assert.equal(isNdjson(readFileSync(path.join(FIX, 'ctgov-v2.ndjson'), 'utf8')), true);
  assert.equal(isNdjson(readFileSync(path.join(FIX, 'ctgov-v2-page.json'), 'utf8')), false);
});

// ---- a break mid-page costs the study it is in, never the studies after it ----

async function parsePage(name: string, text: string): Promise<{ ids: string[]; errors: { position: string; reason: string }[]; records: Registration[] }> {
  const records: Registration[] = [];
  const errors: { position: string; reason: string }[] = [];
  for await (const it of ctgovJson.parse(await inputFromBuffer(name, Buffer.from(text)))) {
    if (it.kind === 'record') records.push(it.record);
    else errors.push({ position: it.issue.position, reason: it.issue.reason });
  }
  return { ids: records.map((r) => r.id), errors, records };
}

test('a page (one line, as the API sends it) broken inside study 2 three ways: study 2 is reported with line and column, studies 3–5 are read', async () => {
  const page = JSON.parse(readFileSync(path.join(FIX, 'ctgov-v2-real-page.json'), 'utf8')) as { studies: unknown[] };
  const oneLine = JSON.stringify(page);
  const clean = await parsePage('clean.json', oneLine);
  assert.deepEqual(clean.errors, []);
  const studies = page.studies.map((s) => JSON.stringify(s));
  const at = oneLine.indexOf(studies[1]!);
  const damage: [string, (s: string) => string][] = [
    ['a string left open', (s) => s.replace('"NCT09400002"', '"NCT09400002')],
    ['a brace too many', (s) => s.replace('"identificationModule":{', '"identificationModule":{}}')],
    ['the study cut short', (s) => s.slice(0, Math.floor(s.length / 2))],
  ];
  for (const [what, change] of damage) {
    const text = oneLine.slice(0, at) + change(studies[1]!) + oneLine.slice(at + studies[1]!.length);
    const { ids, errors, records } = await parsePage('page.json', text);
    assert.deepEqual(ids, ['NCT09400001', 'NCT09400003', 'NCT09400004', 'NCT09400005'], what);
    assert.equal(errors.length, 1, `${what}: ${JSON.stringify(errors)}`);
    assert.equal(errors[0]!.position, `study 2 (line 1, column ${at + 1})`, what);
    assert.match(errors[0]!.reason, /^(broken JSON in the study that starts on line 1, column \d+: .*; the study is skipped|invalid JSON: .*)$/, what);
    const was = new Map(clean.records.map((r) => [r.id, JSON.stringify(content(r))]));
    for (const r of records) assert.equal(JSON.stringify(content(r)), was.get(r.id), `${what}: ${r.id} as before`);
  }
});

test('a study longer than the scanner\'s limit is reported and skipped; the next study is read', () => {
  const small = '{"protocolSection":{"identificationModule":{"nctId":"NCT09400001"}}}';
  const big = `{"protocolSection":{"identificationModule":{"nctId":"NCT09400002","briefTitle":"${'x'.repeat(5000)}"}}}`;
  const s = new StudyScanner({ maxStudyChars: 1000 });
  const text = `{"studies":[${small},${big},${small.replace('01', '03')}]}`;
  const out = [];
  for (let i = 0; i < text.length; i += 300) out.push(...s.feed(text.slice(i, i + 300)));
  out.push(...s.end());
  assert.deepEqual(out.map((o) => (o.kind === 'value' ? JSON.parse(o.text).protocolSection.identificationModule.nctId : o.reason.replace(/ on line.*/, ''))), [
    'NCT09400001', 'broken JSON in the study that starts', 'NCT09400003',
  ]);
});
