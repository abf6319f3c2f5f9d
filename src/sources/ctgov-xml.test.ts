/**
 * Legacy ClinicalTrials.gov XML: two studies in a wrapper mapped field by field, a study without an NCT number
 * rejected by position, truncated and malformed XML reported with line and column after the good studies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { normaliseCountry } from '../normalise/countries.js';
import { readFixture } from './__fixtures__/read-fixture.js';
import { inputFromBuffer } from './input.js';
import { ctgovXml } from './ctgov-xml.js';
import type { ParseItem } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__');

const read = readFixture;

async function parseText(text: string): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of ctgovXml.parse(await inputFromBuffer('inline.xml', Buffer.from(text)))) out.push(it);
  return out;
}

test('legacy XML: both studies mapped, the one without an NCT number rejected by position', async () => {
  const { records, errors } = await read('ctgov-legacy.xml');
  assert.deepEqual(records.map((r) => r.id), ['NCT09200001', 'NCT09200002']);
  assert.equal(errors.length, 1);
  const e = errors[0]!.kind === 'error' ? errors[0]!.issue : null;
  assert.ok(e);
  assert.match(e.position, /^study 3 \(line \d+\)$/);
  assert.equal(e.field, 'id_info/nct_id');
  assert.match(e.reason, /no trial id/);

  const wj = records[0]!;
  assert.equal(wj.source.format, 'ctgov-xml');
  assert.equal(wj.source.exportedAt, '2020-07-07');
  assert.equal(wj.source.url, 'https://clinicaltrials.gov/show/NCT09200001');
  assert.deepEqual(wj.secondaryIds, ['EUCTR2020-001789-12']);
  assert.equal(wj.raw?.['org_study_id'], 'MSC-COVID-2020');
  assert.equal(wj.raw?.['secondary_id'], '2020-001789-12\nU1111-1249-0001');
  assert.equal(wj.titles.public, "Wharton's Jelly MSC for Severe COVID-19 Pneumonia");
  assert.equal(wj.titles.scientific, "Randomized, Double-blind Trial of Wharton's Jelly Mesenchymal Stem Cells in Severe COVID-19 Pneumonia & ARDS");
  assert.equal(wj.titles.acronym, 'WJ-COVID');
  assert.equal(wj.sponsor.primary, 'Example Cell Therapy Centre');
  assert.equal(wj.sponsor.class, 'OTHER');
  assert.deepEqual(wj.sponsor.collaborators, ['Example Pharma Ltd.']);
  assert.equal(wj.raw?.['responsibleParty'], 'Sponsor-Investigator: Jane Example, Professor, Example Cell Therapy Centre');
  assert.match(wj.description.brief ?? '', /^Patients with severe COVID-19 pneumonia receive three intravenous doses/);
  assert.deepEqual(wj.status, { recruitment: 'recruiting', raw: 'Recruiting' });
  assert.equal(wj.phase, '1_2');
  assert.equal(wj.phaseRaw, 'Phase 1/Phase 2');
  assert.equal(wj.studyType, 'interventional');
  assert.equal(wj.design.allocation, 'randomized');
  assert.equal(wj.design.model, 'parallel');
  assert.equal(wj.design.purpose, 'treatment');
  assert.equal(wj.design.masking, 'double');
  assert.deepEqual(wj.design.maskedRoles, ['participant', 'investigator']);
  assert.equal(wj.design.raw, 'Allocation: Randomized|Intervention Model: Parallel Assignment|Primary Purpose: Treatment|Masking: Double (Participant, Investigator)');
  assert.deepEqual(wj.enrollment, { target: 60, actual: null, raw: '60 (Anticipated)' });
  assert.deepEqual(wj.conditions, ['Covid19', 'Pneumonia, Viral']);
  assert.deepEqual(wj.arms.map((a) => [a.label, a.type, a.interventions]), [
    ['WJ-MSC', 'experimental', ["Wharton's jelly mesenchymal stem cells"]], ['Placebo', 'placebo_comparator', ['Placebo']],
  ]);
  assert.equal(wj.arms[0]!.description, '1 x 10^6 cells/kg intravenously on days 1, 3 and 5');
  assert.deepEqual(wj.interventions.map((i) => [i.type, i.name]), [['biological', "Wharton's jelly mesenchymal stem cells"], ['drug', 'Placebo']]);
  assert.equal(wj.interventions[0]!.description, 'Allogeneic WJ-MSC, 1 x 10^6 cells/kg, three intravenous infusions 48 hours apart\nOther names: WJ-MSC');
  assert.deepEqual(wj.outcomes.primary.map((o) => [o.measure, o.timeFrame, o.description]), [['Survival rate', '28 days', 'Proportion of patients alive at day 28']]);
  assert.deepEqual(wj.outcomes.secondary.map((o) => [o.measure, o.timeFrame]), [['Duration of mechanical ventilation', 'Up to 60 days']]);
  assert.deepEqual(wj.eligibility.inclusion, ['Age 18-70 years', 'RT-PCR confirmed SARS-CoV-2 infection', 'Severe pneumonia requiring oxygen']);
  assert.deepEqual(wj.eligibility.exclusion, ['Pregnancy', 'Malignancy treated in the last two years']);
  assert.equal(wj.eligibility.minAgeYears, 18);
  assert.equal(wj.eligibility.maxAgeYears, 70);
  assert.equal(wj.eligibility.sex, 'all');
  assert.equal(wj.eligibility.healthyVolunteers, false);
  assert.deepEqual(wj.countries, [normaliseCountry('Turkey'), 'Iran'], 'location_countries first, de-duplicated');
  assert.match(wj.raw?.['Locations'] ?? '', /^Example University Hospital, Istanbul, Turkey\nHospital Ejemplo, Tehran, Iran, Islamic Republic of$/);
  assert.deepEqual(wj.contacts.map((c) => [c.name, c.role, c.email]), [
    ['Study Coordinator', 'contact', 'covid-msc@example.org'], ['Jane Example, MD', 'principal_investigator', null],
  ]);
  assert.deepEqual(wj.references.map((r) => [r.type, r.pmid, r.year, r.doi]), [['BACKGROUND', '31000000', 2019, '10.1177/0963689719000000']]);
  assert.deepEqual(wj.dates, {
    registration: '2020-04-08', start: '2020-04-15', primaryCompletion: '2020-10', completion: '2020-12',
    lastUpdate: '2020-07-03', resultsPosted: null,
  });
  assert.equal(wj.results.posted, false);

  const hcq = records[1]!;
  assert.deepEqual(hcq.enrollment, { target: null, actual: 821, raw: '821 (Actual)' });
  assert.equal(hcq.design.masking, 'quadruple');
  assert.deepEqual(hcq.design.maskedRoles, ['participant', 'care_provider', 'investigator', 'outcomes_assessor']);
  assert.equal(hcq.design.purpose, 'prevention');
  assert.equal(hcq.eligibility.maxAgeYears, null);
  assert.equal(hcq.eligibility.healthyVolunteers, true);
  assert.deepEqual(hcq.countries, ['United States', 'Canada']);
  assert.equal(hcq.results.posted, true);
  assert.equal(hcq.results.firstPosted, '2020-07-22');
  assert.deepEqual(hcq.references.map((r) => [r.type, r.pmid]), [['RESULT', '32000001']]);
  assert.deepEqual(hcq.status, { recruitment: 'completed', raw: 'Completed' });
});

test('truncated XML: the complete study comes out, then line, column and the study that was cut', async () => {
  const { records, errors } = await read('ctgov-legacy-truncated.xml');
  assert.deepEqual(records.map((r) => r.id), ['NCT09200001']);
  assert.equal(errors.length, 1);
  const e = errors[0]!.kind === 'error' ? errors[0]!.issue : null;
  assert.ok(e);
  assert.match(e.file, /ctgov-legacy-truncated\.xml$/);
  assert.match(e.position, /^line \d+ column \d+$/);
  assert.match(e.reason, /malformed XML inside study 2 \(starting line \d+, NCT09200002\)/);
});

test('a mismatched tag costs its study only: one message with line and column, the studies before and after stand', async () => {
  const items = await parseText('<r><clinical_study><id_info><nct_id>NCT09200009</nct_id></id_info></clinical_study>\n<clinical_study><id_info><nct_id>NCT09200010</nct_id></id_info><brief_title>x</title></clinical_study>\n'
    + '<clinical_study><id_info><nct_id>NCT09200011</nct_id></id_info></clinical_study></r>');
  assert.deepEqual(items.map((i) => (i.kind === 'record' ? i.record.id : 'error')), ['NCT09200009', 'error', 'NCT09200011']);
  const e = items[1]!.kind === 'error' ? items[1]!.issue : null;
  assert.ok(e);
  assert.equal(e.file, 'inline.xml');
  assert.match(e.position, /^line 2 column \d+$/);
  assert.match(e.reason, /^malformed XML inside study 2 \(starting line 2, NCT09200010\): .*; the study is skipped$/);
});

test('detect: <clinical_study> content, whatever the name; other XML is not claimed', async () => {
  assert.ok(ctgovXml.detect(await inputFromBuffer('a.txt', Buffer.from('<?xml version="1.0"?>\n<clinical_study rank="1"><required_header>'))) >= 0.9);
  assert.equal(ctgovXml.detect(await inputFromBuffer('ctgov.xml', Buffer.from('<?xml version="1.0"?><Trials_downloaded_from_ICTRP><Trial>'))), 0);
  const none = await parseText('<?xml version="1.0"?><other/>');
  assert.equal(none.length, 1);
  assert.match(none[0]!.kind === 'error' ? none[0]!.issue.reason : '', /no <clinical_study> element/);
});
