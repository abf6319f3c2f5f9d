/**
 * ClinicalTrials.gov readers against fixtures copied from the structure of real records (values altered, keys and
 * nesting kept): an API v2 page with a results-posted study (resultsSection, hasResults), derivedSection, an
 * observational registry, an expanded access record and a 2007 record with month-only dates; legacy XML of a
 * results-posted study (clinical_results, location lists, reflowed criteria) and a 2009 record (one-line design).
 * Every canonical field is asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readFixture } from './__fixtures__/read-fixture.js';
import { splitCriteria, secondaryRegistration, ctgovDesignLine, ctgovSponsorClass } from './ctgov-common.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__');

const read = readFixture;

const NO_RESULTS = { posted: false, url: null, firstPosted: null, summary: null };

test('API v2 page of real-shaped studies: five studies, no errors', async () => {
  const { records, errors } = await read('ctgov-v2-real-page.json');
  assert.deepEqual(errors, []);
  assert.deepEqual(records.map((r) => r.id), ['NCT09400001', 'NCT09400002', 'NCT09400003', 'NCT09400004', 'NCT09400005']);
  for (const r of records) {
    assert.equal(r.registry, 'ClinicalTrials.gov');
    assert.equal(r.source.format, 'ctgov-json');
    assert.equal(r.source.recordId, r.id);
    assert.equal(r.source.url, `https://clinicaltrials.gov/study/${r.id}`);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.sponsor.secondary, []);
    // unknown is null, never "" or "N/A"
    const strings = JSON.stringify(r);
    assert.doesNotMatch(strings, /:""|"N\/A"/);
  }
});

test('API v2 with derivedSection, CTIS number as a REGISTRY secondary id, estimated dates', async () => {
  const r = (await read('ctgov-v2-real-page.json')).records[0]!;
  assert.equal(r.source.exportedAt, '2025-08-14', 'derivedSection.miscInfoModule.versionHolder');
  assert.deepEqual(r.secondaryIds, ['2022-502046-28-00']);
  assert.deepEqual(r.titles, {
    public: 'A Study to Evaluate the Efficacy and Safety of Drug X in Combination With Drug Y Versus Placebo in Participants With Metastatic Breast Cancer',
    scientific: 'A Phase III, Multicenter, Randomized, Double-Blind, Placebo-Controlled Study Evaluating the Efficacy and Safety of Drug X in Combination With Drug Y As Maintenance Therapy in Participants With Metastatic Breast Cancer',
    acronym: 'EXAMPLE122',
  });
  assert.deepEqual(r.sponsor, { primary: 'Example-La Roche', secondary: [], collaborators: [], type: 'industry', class: 'INDUSTRY' });
  assert.deepEqual(r.status, { recruitment: 'recruiting', raw: 'RECRUITING' });
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, '3');
  assert.equal(r.phaseRaw, 'PHASE3');
  assert.deepEqual(r.design, {
    allocation: 'randomized', model: 'parallel', masking: 'double', maskedRoles: ['participant', 'investigator'],
    purpose: 'treatment', controlType: 'active', multicentre: true,
    raw: 'Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: DOUBLE (PARTICIPANT, INVESTIGATOR)|Primary Purpose: TREATMENT',
  });
  assert.deepEqual(r.enrollment, { target: 230, actual: null, raw: '230 (ESTIMATED)' });
  assert.deepEqual(r.dates, {
    registration: '2023-05-24', start: '2023-09-08', primaryCompletion: '2026-09-28', completion: '2032-12-28',
    lastUpdate: '2025-08-03', resultsPosted: null,
  });
  assert.equal(r.prospective, true);
  assert.deepEqual(r.eligibility, {
    minAgeYears: 18, maxAgeYears: null, sex: 'all', healthyVolunteers: false,
    inclusion: [
      'Eastern Cooperative Oncology Group (ECOG) Performance Status 0 or 1',
      'Histologically or cytologically confirmed adenocarcinoma of the breast with metastatic or locally advanced disease',
      'Adequate hematologic and organ function prior to initiation of study treatment',
    ],
    exclusion: [
      'Prior treatment with any PI3K, AKT, or mTOR inhibitor',
      'Type 2 diabetes requiring ongoing systemic treatment at the time of study entry; or any history of Type 1 diabetes',
      'Any concurrent ocular or intraocular condition that, in the opinion of the investigator, would require medical or surgical intervention',
    ],
    raw: r.eligibility.raw,
  });
  assert.match(r.eligibility.raw ?? '', /^Inclusion Criteria:\n\* Eastern/);
  assert.deepEqual(r.conditions, ['Metastatic Breast Cancer']);
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name, i.cellTherapy]), [
    ['drug', 'Drug X', null], ['drug', 'Drug Y', null], ['drug', 'Placebo', null], ['drug', 'Taxane-based Chemotherapy', null],
  ]);
  assert.equal(r.interventions[3]!.description, "The investigator's choice of taxane-based chemotherapy will be administered after drug Y.\nOther names: non-investigational medicinal product (NIMP)");
  assert.deepEqual(r.arms.map((a) => [a.label, a.type, a.interventions]), [
    ['Induction Therapy: Drug Y plus Taxane-Based Chemotherapy', 'other', ['Drug Y', 'Taxane-based Chemotherapy']],
    ['Maintenance Therapy: Drug X plus Drug Y', 'experimental', ['Drug X', 'Drug Y']],
    ['Maintenance Therapy: Placebo plus Drug Y', 'active_comparator', ['Drug Y', 'Placebo']],
  ]);
  assert.equal(r.arms[0]!.description, 'Participants will be administered the treatments as outlined in the interventions section.');
  assert.deepEqual(r.outcomes.primary, [{ measure: 'Investigator-Assessed Progression-Free Survival (PFS)', description: null, timeFrame: 'Up to approximately 40 months', timepointsDays: [1200] }]);
  assert.deepEqual(r.outcomes.secondary.map((o) => [o.measure, o.description, o.timeFrame]), [
    ['Overall Survival (OS)', null, 'Up to approximately 111 months'],
    ['Mean and Mean Changes from Baseline Score in Health-Related Quality of Life (HRQoL)', 'Assessed through the EORTC QLQ-C30', 'Day 1 of Cycles 1 and 2 and beyond (up to 111 months). Each cycle is 21 days.'],
  ]);
  assert.deepEqual(r.countries, ['Hong Kong'], 'two sites in one country: de-duplicated');
  assert.deepEqual(r.contacts, [
    { name: 'Reference Study ID Number: WO00001 https://forpatients.example.com/', role: 'contact', affiliation: null, email: 'global-trials@example.com', phone: '888-662-6728 (U.S. Only)' },
    { name: 'Clinical Trials', role: 'study_director', affiliation: 'Example-La Roche', email: null, phone: null },
  ]);
  assert.deepEqual(r.results, NO_RESULTS);
  assert.deepEqual(r.references, []);
  assert.deepEqual(r.description, { brief: 'This study will evaluate the efficacy and safety of drug X in combination with drug Y compared with placebo in combination with drug Y, as maintenance therapy.', detailed: null });
  assert.deepEqual(r.raw, {
    orgStudyId: 'WO00001', secondaryIdInfos: 'REGISTRY: 2022-502046-28-00 (EU Clinical Trials)',
    dateTypes: 'start: ACTUAL|primaryCompletion: ESTIMATED|completion: ESTIMATED', responsibleParty: 'SPONSOR',
    Locations: 'Queen Mary Hospital, Hong Kong, Hong Kong\nTuen Mun Hospital, Hong Kong, Hong Kong',
  });
});

test('API v2 results-posted study: hasResults, resultsSection, every secondary id type, phases 1+2, references', async () => {
  const r = (await read('ctgov-v2-real-page.json')).records[1]!;
  assert.equal(r.source.exportedAt, '2025-07-30');
  assert.deepEqual(r.secondaryIds, ['EUCTR2018-000123-45', 'ISRCTN12345678', 'NCT09400092'],
    'EUDRACT_NUMBER, REGISTRY and nctIdAliases are registrations; NIH and OTHER_GRANT numbers are not, even one shaped like a EudraCT number; a UTN and a CTRP number are not registry ids');
  assert.equal(r.raw?.['grantIds'], 'NIH: R01HL123456\nOTHER_GRANT: 2019-001122-33 (Example Foundation)');
  assert.equal(r.raw?.['secondaryIdInfos'], 'EUDRACT_NUMBER: 2018-000123-45\nREGISTRY: ISRCTN12345678 (ISRCTN)\nOTHER: U1111-1200-0001 (WHO Universal Trial Number)\nREGISTRY: NCI-2018-01234 (CTRP (Clinical Trial Reporting Program))');
  assert.equal(r.raw?.['orgStudyId'], '2018-0412');
  assert.deepEqual(r.titles, {
    public: 'Cord Blood Cells for Children With Cerebral Palsy',
    scientific: 'A Randomized, Sham-controlled Phase 1/2 Trial of Autologous Umbilical Cord Blood Infusion in Children With Cerebral Palsy',
    acronym: null,
  });
  assert.deepEqual(r.sponsor, {
    primary: 'Example University Medical Center', secondary: [],
    collaborators: ['National Heart, Lung, and Blood Institute (NHLBI)', 'Example Cord Blood Bank'], type: 'non_industry', class: 'OTHER',
  });
  assert.equal(r.raw?.['responsibleParty'], 'PRINCIPAL_INVESTIGATOR: Anna Example, Professor of Pediatrics, Example University Medical Center');
  assert.deepEqual(r.status, { recruitment: 'terminated', raw: 'TERMINATED' });
  assert.equal(r.raw?.['whyStopped'], 'Slow accrual during the COVID-19 pandemic');
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, '1_2');
  assert.equal(r.phaseRaw, 'PHASE1|PHASE2');
  assert.deepEqual(r.design, {
    allocation: 'randomized', model: 'crossover', masking: 'quadruple',
    maskedRoles: ['participant', 'care_provider', 'investigator', 'outcomes_assessor'], purpose: 'treatment',
    controlType: 'placebo', multicentre: true,
    raw: 'Allocation: RANDOMIZED|Intervention Model: CROSSOVER|Intervention Model Description: Sham group crosses over to active infusion after 12 months|Masking: QUADRUPLE (PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR)|Masking Description: Infusion bag covered|Primary Purpose: TREATMENT',
  });
  assert.deepEqual(r.enrollment, { target: null, actual: 24, raw: '24 (ACTUAL)' });
  assert.deepEqual(r.dates, {
    registration: '2018-01-10', start: '2018-03', primaryCompletion: '2020-06-30', completion: '2020-12-31',
    lastUpdate: '2022-01-07', resultsPosted: '2021-12-14',
  });
  assert.equal(r.raw?.['dateTypes'], 'start: ACTUAL|primaryCompletion: ACTUAL|completion: ACTUAL');
  assert.equal(r.prospective, true);
  assert.equal(r.eligibility.minAgeYears, 0.5, '6 Months');
  assert.equal(r.eligibility.maxAgeYears, 17);
  assert.equal(r.eligibility.sex, 'female');
  assert.equal(r.eligibility.healthyVolunteers, false);
  assert.deepEqual(r.eligibility.inclusion, [
    'Age 6 months to 17 years', 'Diagnosis of spastic cerebral palsy', 'Autologous cord blood unit available with:',
    'total nucleated cell count of at least 1 x 10^7/kg', 'maternal infectious disease screening negative',
  ]);
  assert.deepEqual(r.eligibility.exclusion, ['Known genetic syndrome', 'Active infection']);
  assert.deepEqual(r.conditions, ['Cerebral Palsy']);
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name, i.description]), [
    ['biological', 'Autologous umbilical cord blood', '1 x 10^7 total nucleated cells/kg, intravenously once\nOther names: UCB; AUCB'],
    ['dietary_supplement', 'Vitamin D', null], ['combination_product', 'Cord blood with G-CSF', null],
    ['procedure', 'Sham infusion', 'Saline infusion through a covered line'], ['other', 'Placebo', null],
  ]);
  assert.deepEqual(r.arms, [
    { label: 'Cord blood infusion', type: 'experimental', description: 'Autologous cord blood, 1 x 10^7 cells/kg, intravenously once', interventions: ['Autologous umbilical cord blood', 'Vitamin D', 'Cord blood with G-CSF'] },
    { label: 'Sham infusion', type: 'sham_comparator', description: null, interventions: ['Sham infusion'] },
    { label: 'Placebo supplement', type: 'placebo_comparator', description: null, interventions: ['Placebo'] },
    { label: 'Usual care', type: 'no_intervention', description: 'Standard physiotherapy only', interventions: [] },
  ]);
  assert.deepEqual(r.outcomes.primary, [{ measure: 'Change in Gross Motor Function Measure (GMFM-66)', description: 'Scores range 0-100; higher is better', timeFrame: 'Baseline and 12 months', timepointsDays: [0, 365] }]);
  assert.deepEqual(r.outcomes.secondary.map((o) => [o.measure, o.timeFrame, o.timepointsDays]), [
    ['Number of participants with infusion-related adverse events', 'Day 28', [28]], ['Brain MRI connectivity', '1 year', [365]],
  ], 'otherOutcomes follow the secondary ones');
  assert.deepEqual(r.countries, ['United States', 'South Korea', 'Iran'], 'ISO short names, de-duplicated; removedCountries are not countries');
  assert.deepEqual(r.contacts, [{ name: 'Anna Example, MD, PhD', role: 'principal_investigator', affiliation: 'Example University Medical Center', email: null, phone: null }]);
  assert.deepEqual(r.results, { posted: true, url: 'https://clinicaltrials.gov/study/NCT09400002?tab=results', firstPosted: '2021-12-14', summary: null });
  assert.deepEqual(r.references, [
    { type: 'RESULT', citation: 'Example A, Sample B. Autologous cord blood in cerebral palsy: a randomized trial. Stem Cells Transl Med. 2021 Mar;10(3):350-359. doi: 10.1002/sctm.20-0001. Epub 2020 Nov 2.', title: null, authors: [], journal: null, year: 2021, pmid: '31234567', doi: '10.1002/sctm.20-0001' },
    { type: 'DERIVED', citation: 'Sample B. Cord blood for brain injury. J Example. 2019;5:1-9.', title: null, authors: [], journal: null, year: 2019, pmid: '29876543', doi: null },
    { type: 'BACKGROUND', citation: 'Background without year or identifiers.', title: null, authors: [], journal: null, year: null, pmid: null, doi: null },
  ]);
  assert.deepEqual(r.description, {
    brief: 'Children with cerebral palsy receive one intravenous infusion of their own cord blood or a sham infusion.',
    detailed: 'Participants are randomized 1:1.\nMotor function is assessed at baseline, 6 months and 12 months.',
  });
});

test('API v2 observational registry with UNKNOWN status, and an expanded access record', async () => {
  const { records } = await read('ctgov-v2-real-page.json');
  const reg = records[2]!;
  assert.deepEqual(reg.status, { recruitment: 'unknown', raw: 'UNKNOWN' });
  assert.equal(reg.raw?.['lastKnownStatus'], 'ACTIVE_NOT_RECRUITING');
  assert.equal(reg.studyType, 'observational');
  assert.equal(reg.phase, null, 'observational studies have no phase');
  assert.equal(reg.phaseRaw, null);
  assert.deepEqual([reg.design.allocation, reg.design.model, reg.design.masking, reg.design.maskedRoles], [null, null, null, []]);
  assert.equal(reg.design.raw, 'Observational Model: COHORT|Time Perspective: PROSPECTIVE');
  assert.deepEqual(reg.enrollment, { target: 500, actual: null, raw: '500 (ESTIMATED)' });
  assert.deepEqual(reg.sponsor, { primary: 'Example Cancer Network', secondary: [], collaborators: ['Centers for Disease Control and Prevention'], type: 'non_industry', class: 'NETWORK' });
  assert.deepEqual(reg.eligibility, {
    minAgeYears: 18, maxAgeYears: null, sex: 'male', healthyVolunteers: true, inclusion: [], exclusion: [],
    raw: 'Male patients aged 18 years or older scheduled to receive commercial CAR-T cell therapy.',
  });
  assert.deepEqual(reg.interventions.map((i) => [i.type, i.name]), [['genetic', 'Axicabtagene ciloleucel'], ['diagnostic_test', 'Cytokine panel'], ['radiation', 'Bridging radiotherapy']]);
  assert.deepEqual(reg.arms, [{ label: 'CAR-T recipients', type: null, description: 'Men receiving commercial CAR-T products', interventions: ['Axicabtagene ciloleucel', 'Cytokine panel'] }]);
  assert.deepEqual(reg.contacts, [
    { name: 'Registry Coordinator', role: 'contact', affiliation: null, email: 'registry@example.org', phone: '555-0100 ext. 12' },
    { name: 'Jane Example', role: 'study_chair', affiliation: 'Example Cancer Network', email: null, phone: null },
  ]);
  assert.deepEqual(reg.countries, ['Taiwan']);
  assert.deepEqual(reg.dates, { registration: '2019-08-02', start: '2019-07-01', primaryCompletion: '2022-07', completion: '2023-07', lastUpdate: '2021-02-12', resultsPosted: null });
  assert.equal(reg.prospective, false, 'registered after it started');
  assert.deepEqual(reg.titles, { public: 'Registry of Men Treated With CAR-T Cells', scientific: null, acronym: null });

  const ea = records[3]!;
  assert.deepEqual(ea.status, { recruitment: 'no_longer_available', raw: 'NO_LONGER_AVAILABLE' });
  assert.equal(ea.studyType, 'expanded_access');
  assert.equal(ea.phase, null);
  assert.equal(ea.raw?.['expandedAccessTypes'], 'individual');
  assert.deepEqual(ea.enrollment, { target: null, actual: null, raw: null });
  assert.deepEqual(ea.dates, { registration: '2020-02-03', start: null, primaryCompletion: null, completion: null, lastUpdate: '2024-05-22', resultsPosted: null });
  assert.equal(ea.prospective, null);
  assert.deepEqual(ea.interventions, [{ type: 'drug', name: 'Drug Z', description: 'Other names: EXB-001', cellTherapy: null }]);
  assert.deepEqual([ea.eligibility.minAgeYears, ea.eligibility.healthyVolunteers, ea.eligibility.inclusion, ea.eligibility.exclusion], [2, null, ['Confirmed diagnosis'], ['Eligible for an ongoing trial']]);
  assert.deepEqual(ea.arms, []);
  assert.deepEqual(ea.outcomes, { primary: [], secondary: [] });
  assert.deepEqual(ea.contacts, []);
  assert.deepEqual(ea.countries, ['France']);
});

test('API v2 record of 2007: month-only start without a type, phase NA, allocation NA, untyped enrollment', async () => {
  const r = (await read('ctgov-v2-real-page.json')).records[4]!;
  assert.deepEqual(r.secondaryIds, [], 'an untyped local number is not a registration');
  assert.equal(r.raw?.['secondaryIdInfos'], 'HARECCTR0500057');
  assert.equal(r.sponsor.class, 'OTHER_GOV');
  assert.equal(r.sponsor.type, 'government');
  assert.equal(r.phase, 'not_applicable');
  assert.equal(r.phaseRaw, 'NA');
  assert.equal(r.design.allocation, 'not_applicable');
  assert.equal(r.design.model, 'single_group');
  assert.equal(r.design.masking, 'none');
  assert.deepEqual(r.enrollment, { target: 30, actual: null, raw: '30' });
  assert.deepEqual(r.dates, { registration: '2007-08-15', start: '2006-04', primaryCompletion: null, completion: '2007-05', lastUpdate: '2011-06-16', resultsPosted: null });
  assert.equal(r.raw?.['dateTypes'], 'completion: ACTUAL');
  assert.equal(r.prospective, false);
  assert.deepEqual([r.eligibility.sex, r.eligibility.minAgeYears, r.eligibility.inclusion, r.eligibility.exclusion], ['male', 40, ['Men aged 40 or above', 'BPH on drug D'], ['Hypotension']]);
});

test('legacy XML with clinical_results: ids, sponsor class, reflowed criteria, location lists, references, dates', async () => {
  const { records, errors } = await read('ctgov-legacy-results.xml');
  assert.deepEqual(errors, []);
  assert.equal(records.length, 1);
  const r = records[0]!;
  assert.equal(r.id, 'NCT09300001');
  assert.deepEqual(r.source, { format: 'ctgov-xml', file: path.join(FIX, 'ctgov-legacy-results.xml'), recordId: 'NCT09300001', url: 'https://clinicaltrials.gov/show/NCT09300001', lastRefreshed: null, exportedAt: '2019-07-05' });
  assert.deepEqual(r.secondaryIds, ['EUCTR2012-004827-19', 'CTRI/2014/05/004626', 'NCT09300099'], 'bare EudraCT and CTRI numbers and the NCT alias; not the UTN nor the sponsor number');
  assert.equal(r.raw?.['secondary_id'], '2012-004827-19\nU1111-1135-8730\n132366\nCTRI/2014/05/004626');
  assert.equal(r.raw?.['org_study_id'], 'NN0000-3626');
  assert.deepEqual(r.titles, {
    public: 'Efficacy and Safety of Drug A Once-weekly Versus Drug B Once-daily in Subjects With Type 2 Diabetes',
    scientific: 'Efficacy and Safety of Drug A Once-weekly Versus Drug B Once-daily as add-on to Metformin in Subjects With Type 2 Diabetes (EXAMPLE™ 2 - vs. DPP-4 Inhibitor)',
    acronym: 'EXAMPLE™ 2',
  });
  assert.deepEqual(r.sponsor, { primary: 'Example Pharma A/S', secondary: [], collaborators: ['National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)'], type: 'industry', class: 'INDUSTRY' });
  assert.equal(r.raw?.['responsibleParty'], 'Sponsor');
  assert.deepEqual(r.status, { recruitment: 'terminated', raw: 'Terminated' });
  assert.equal(r.raw?.['why_stopped'], 'Sponsor decision: portfolio prioritisation');
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, '2_3');
  assert.equal(r.phaseRaw, 'Phase 2/Phase 3');
  assert.deepEqual(r.design, {
    allocation: 'randomized', model: 'parallel', masking: 'quadruple', maskedRoles: ['participant', 'care_provider', 'investigator', 'outcomes_assessor'],
    purpose: 'treatment', controlType: 'active', multicentre: true,
    raw: 'Allocation: Randomized|Intervention Model: Parallel Assignment|Primary Purpose: Treatment|Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)',
  });
  assert.deepEqual(r.enrollment, { target: null, actual: 1231, raw: '1231 (Actual)' });
  assert.deepEqual(r.dates, { registration: '2013-08-23', start: '2013-12-02', primaryCompletion: '2015-10', completion: '2015-10-12', lastUpdate: '2019-06-13', resultsPosted: '2019-01-07' });
  assert.equal(r.raw?.['dateTypes'], 'start: ACTUAL|primaryCompletion: ACTUAL|completion: ACTUAL');
  assert.equal(r.prospective, true);
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, null, 'N/A: no limit');
  assert.equal(r.eligibility.sex, 'all');
  assert.equal(r.eligibility.healthyVolunteers, false);
  assert.deepEqual(r.eligibility.inclusion, [
    'Japan: Age minimum 20 years',
    'Subjects diagnosed with type 2 diabetes and on stable treatment in a period of 90 days prior to screening with metformin above or equal to 1500 mg',
    'HbA1c 7.0 - 10.5 % (53 - 91 mmol/mol) (both inclusive)',
  ]);
  assert.deepEqual(r.eligibility.exclusion, [
    'Females of childbearing potential who are pregnant, breast-feeding or intend to become pregnant',
    'History of chronic or idiopathic acute pancreatitis',
    'Heart failure, New York Heart Association (NYHA) class IV',
  ]);
  assert.match(r.eligibility.raw ?? '', /^Inclusion Criteria: - Japan/);
  assert.deepEqual(r.conditions, ['Diabetes', 'Diabetes Mellitus, Type 2']);
  assert.deepEqual(r.interventions, [
    { type: 'drug', name: 'drug A', description: 'For subcutaneous injection (s.c., under the skin) once weekly.\nOther names: EX-1234', cellTherapy: null },
    { type: 'drug', name: 'drug B', description: 'Tablets for oral administration once daily.', cellTherapy: null },
    { type: 'drug', name: 'placebo', description: null, cellTherapy: null },
  ]);
  assert.deepEqual(r.arms, [
    { label: 'Drug A 0.5 mg + drug B placebo', type: 'experimental', description: null, interventions: ['drug A', 'placebo'] },
    { label: 'Drug B 100 mg + drug A placebo', type: 'active_comparator', description: 'Drug B tablets once daily with drug A placebo injections once weekly.', interventions: ['drug B', 'placebo'] },
  ]);
  assert.deepEqual(r.outcomes.primary, [{ measure: 'Change in HbA1c (Glycosylated Haemoglobin) From Baseline', description: 'Change in HbA1c from baseline until week 56.', timeFrame: 'Week 0, week 56', timepointsDays: [0, 392] }]);
  assert.deepEqual(r.outcomes.secondary.map((o) => [o.measure, o.description, o.timeFrame]), [
    ['Change in Body Weight From Baseline', 'Change in body weight from baseline to week 56.', 'Week 0, week 56'],
    ['Treatment satisfaction (DTSQs)', null, 'After 56 weeks treatment'],
  ], 'the results section\'s outcome list is not read as registered outcomes');
  assert.deepEqual(r.countries, ['Argentina', 'Czechia', 'Hong Kong', 'Russia', 'Türkiye'], 'location_countries and locations, de-duplicated; removed_countries left out');
  assert.deepEqual(r.contacts, [{ name: 'Global Clinical Registry (GCR, 1452)', role: 'study_director', affiliation: 'Example Pharma A/S', email: null, phone: null }],
    'the results point of contact is not a registration contact');
  assert.deepEqual(r.results, { posted: true, url: 'https://clinicaltrials.gov/study/NCT09300001?tab=results', firstPosted: '2019-01-07', summary: null });
  assert.deepEqual(r.references.map((x) => [x.type, x.year, x.pmid, x.doi]), [
    ['BACKGROUND', 2019, '30938762', '10.1210/jc.2018-02685'], ['RESULT', 2016, null, null], ['RESULT', 2017, '28385659', '10.1016/S2213-8587(17)30092-X'],
  ]);
  assert.deepEqual(r.description, {
    brief: 'This trial is conducted in Africa, Asia, Europe and South America. The aim of the trial is to\nevaluate efficacy and safety of drug A once-weekly versus drug B once-daily.',
    detailed: 'Subjects are randomised 1:1:1:1.\nTreatment lasts 56 weeks.',
  });
  assert.deepEqual(r.warnings, []);
  assert.doesNotMatch(JSON.stringify(r), /:""|"N\/A"/);
});

test('legacy XML of 2009: old download_date, one-line study_design, Both, firstreceived/lastchanged dates', async () => {
  const { records, errors } = await read('ctgov-legacy-2009.xml');
  assert.deepEqual(errors, []);
  const r = records[0]!;
  assert.equal(r.id, 'NCT09300002');
  assert.equal(r.source.exportedAt, '2009-09-10', '"Information obtained from ClinicalTrials.gov on September 10, 2009"');
  assert.equal(r.source.url, 'http://clinicaltrials.gov/show/NCT09300002');
  assert.deepEqual(r.secondaryIds, []);
  assert.equal(r.titles.acronym, 'PV');
  assert.equal(r.sponsor.primary, 'Example Farmaco');
  assert.equal(r.sponsor.class, null, 'no agency_class in 2009 records');
  assert.deepEqual(r.status, { recruitment: 'recruiting', raw: 'Recruiting' });
  assert.equal(r.phase, '2');
  assert.deepEqual([r.design.allocation, r.design.model, r.design.purpose, r.design.masking, r.design.maskedRoles], ['randomized', 'parallel', 'treatment', 'none', []]);
  assert.equal(r.design.raw, 'Treatment, Randomized, Open Label, Uncontrolled, Parallel Assignment, Safety/Efficacy Study');
  assert.deepEqual(r.enrollment, { target: 44, actual: null, raw: '44 (Anticipated)' });
  assert.deepEqual(r.dates, { registration: '2009-06-25', start: '2009-06', primaryCompletion: '2010-06', completion: '2010-12', lastUpdate: '2009-06-26', resultsPosted: null });
  assert.equal(r.raw?.['dateTypes'], 'primaryCompletion: ESTIMATED|completion: ESTIMATED');
  assert.deepEqual([r.eligibility.sex, r.eligibility.minAgeYears, r.eligibility.maxAgeYears, r.eligibility.healthyVolunteers], ['all', 18, 80, false]);
  assert.deepEqual(r.eligibility.inclusion, [
    'Written Informed Consent.', 'Age ≥18 years.', 'Non-response to the maximum tolerated dose of hydroxyurea monotherapy for at least 3 months.', 'ECOG performance status <3.',
  ]);
  assert.deepEqual(r.eligibility.exclusion, [
    'Active bacterial or mycotic infection requiring antimicrobial treatment.', 'Pregnancy or lactation.',
    'A marked baseline prolongation of QT/QTc interval (e.g. repeated demonstration of a QTc interval > 450 ms).',
  ]);
  assert.deepEqual(r.interventions.map((i) => i.description), [
    '50 mg o.d. of Example-Inhibitor + MTD of HU monotherapy\nOther names: EXI-2357; ONCOCARBIDE (HYDROXYUREA)', '50 mg b.i.d. of Example-Inhibitor + MTD HU monotherapy',
  ]);
  assert.deepEqual(r.arms.map((a) => [a.type, a.interventions]), [
    ['experimental', ['Example-Inhibitor 50 mg o.d. + MTD Hydroxyurea']], ['experimental', ['Example-Inhibitor 50 mg b.i.d. + MTD Hydroxyurea']],
  ]);
  assert.deepEqual(r.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [['Efficacy of Example-Inhibitor in combination with hydroxyurea', 'after 12 weeks of treatment']]);
  assert.deepEqual(r.contacts, [
    { name: 'Tiziano Example, MD', role: 'contact', affiliation: null, email: 't.example@example.com', phone: '+39 02 6443 2540' },
    { name: 'Alessandro Example, MD', role: 'principal_investigator', affiliation: 'Azienda Ospedaliera Esempio di Bergamo', email: null, phone: null },
  ], 'site contacts and investigators are not study contacts');
  assert.deepEqual(r.countries, ['Italy']);
  assert.deepEqual(r.references, []);
  assert.deepEqual(r.results, NO_RESULTS);
});

test('criteria splitting: markdown lists, reflowed legacy text, headings in sentences, paragraphs', () => {
  assert.deepEqual(splitCriteria('Inclusion Criteria: - A - HbA1c 7.0 - 10.5 % (53 - 91 mmol/mol) Exclusion Criteria: - other than stated in the inclusion criteria in a period - D'), {
    inclusion: ['A', 'HbA1c 7.0 - 10.5 % (53 - 91 mmol/mol)'], exclusion: ['other than stated in the inclusion criteria in a period', 'D'],
  });
  assert.deepEqual(splitCriteria('Key Inclusion Criteria:\n\n* a\n* Age 18 - 65 years\n\nKey Exclusion Criteria:\n\n* b'), { inclusion: ['a', 'Age 18 - 65 years'], exclusion: ['b'] });
  assert.deepEqual(splitCriteria('INCLUSION CRITERIA\n\nAdults.\n\nSigned consent.\n\nEXCLUSION CRITERIA\n\nPregnancy'), { inclusion: ['Adults.', 'Signed consent.'], exclusion: ['Pregnancy'] });
  assert.deepEqual(splitCriteria('Inclusion criteria:\n\n  -  adults\n\nExclusion criteria:\n\n  -  None'), { inclusion: ['adults'], exclusion: [] });
  assert.deepEqual(splitCriteria('Healthy adults.'), { inclusion: [], exclusion: [] });
  assert.deepEqual(splitCriteria(null), { inclusion: [], exclusion: [] });
});

test('secondary ids: which types are registrations', () => {
  assert.deepEqual(secondaryRegistration('2018-000123-45', 'EUDRACT_NUMBER', null), { id: 'EUCTR2018-000123-45', registry: 'EUCTR' });
  assert.deepEqual(secondaryRegistration('2022-502046-28-00', 'CTIS', null), { id: '2022-502046-28-00', registry: 'CTIS' });
  assert.deepEqual(secondaryRegistration('12345678', 'REGISTRY', 'ISRCTN'), { id: 'ISRCTN12345678', registry: 'ISRCTN' });
  assert.deepEqual(secondaryRegistration('00012345', 'REGISTRY', 'German Clinical Trials Register (DRKS)'), { id: 'DRKS00012345', registry: 'DRKS' });
  assert.deepEqual(secondaryRegistration('EudraCT No: 2018-000123-45', 'OTHER', null), { id: 'EUCTR2018-000123-45', registry: 'EUCTR' });
  for (const type of ['NIH', 'FDA', 'VA', 'CDC', 'AHRQ', 'SAMHSA', 'OTHER_GRANT']) assert.equal(secondaryRegistration('2019-001122-33', type, null), null, type);
  assert.equal(secondaryRegistration('U1111-1200-0001', 'OTHER', 'WHO'), null);
  assert.equal(secondaryRegistration('CDR0000340983', 'REGISTRY', 'PDQ (Physician Data Query)'), null);
});

test('legacy one-line design and sponsor classes', () => {
  assert.deepEqual(ctgovDesignLine('Prevention, Randomized, Double Blind (Subject, Investigator), Placebo Control, Crossover Assignment'), {
    allocation: 'randomized', model: 'crossover', purpose: 'prevention', masking: 'double', roles: ['participant', 'investigator'],
  });
  assert.deepEqual(ctgovDesignLine('Diagnostic, Non-Randomized, Single Blind, Single Group Assignment'), {
    allocation: 'non_randomized', model: 'single_group', purpose: 'diagnostic', masking: 'single', roles: [],
  });
  assert.deepEqual(['Industry', 'U.S. Fed', 'NIH', 'Other', 'INDIV', 'OTHER_GOV', 'NETWORK', '', null].map(ctgovSponsorClass),
    ['INDUSTRY', 'FED', 'NIH', 'OTHER', 'INDIV', 'OTHER_GOV', 'NETWORK', null, null]);
});

test('API v2 markdown escapes in real text fields (NCT01131676 writes "4. Age \\>= 18 years") are undone', async () => {
  const { studyToRegistration } = await import('./ctgov-json.js');
  const r = studyToRegistration({
    protocolSection: {
      identificationModule: { nctId: 'NCT09400006' },
      descriptionModule: { briefSummary: 'Dose \\>= 10 mg, once \\*daily\\*', detailedDescription: 'Step 1\\. then 2' },
      armsInterventionsModule: { armGroups: [{ label: 'A', type: 'EXPERIMENTAL', description: 'HbA1c \\<= 9%' }] },
      outcomesModule: { primaryOutcomes: [{ measure: 'HbA1c \\< 7%', timeFrame: 'Week 26', description: 'Proportion \\>= 1' }] },
      eligibilityModule: {
        eligibilityCriteria: 'Inclusion Criteria:\n\n3. Glycosylated haemoglobin (HbA1c) of \\>= 7.0% and \\<=10%\n4. Age \\>= 18 years\n\nExclusion Criteria:\n\n\\* Active brain metastases\\.\n\\* Other',
      },
    },
  }, 'inline.json');
  assert.ok(!('problem' in r));
  if ('problem' in r) return;
  assert.deepEqual(r.eligibility.inclusion, ['Glycosylated haemoglobin (HbA1c) of >= 7.0% and <=10%', 'Age >= 18 years']);
  assert.deepEqual(r.eligibility.exclusion, ['Active brain metastases.', 'Other']);
  assert.deepEqual(r.description, { brief: 'Dose >= 10 mg, once *daily*', detailed: 'Step 1. then 2' });
  assert.equal(r.arms[0]!.description, 'HbA1c <= 9%');
  assert.deepEqual(r.outcomes.primary, [{ measure: 'HbA1c < 7%', description: 'Proportion >= 1', timeFrame: 'Week 26', timepointsDays: [] }]);
});

test('bad studies are named by file, position and field', async () => {
  const { studyToRegistration } = await import('./ctgov-json.js');
  assert.deepEqual(studyToRegistration({ protocolSection: { identificationModule: { nctId: 'ISRCTN12345678' } } }, 'f.json'),
    { problem: '"ISRCTN12345678" is not a ClinicalTrials.gov number', field: 'protocolSection.identificationModule.nctId' });
  assert.deepEqual(studyToRegistration({ protocolSection: { identificationModule: {} } }, 'f.json'),
    { problem: 'no trial id', field: 'protocolSection.identificationModule.nctId' });
  assert.deepEqual(studyToRegistration({ studies: [] }, 'f.json'),
    { problem: 'not a ClinicalTrials.gov study (no protocolSection)', field: 'protocolSection' });
});

test('legacy XML of 2012: Double Blind masking words, Non-Randomized, N/A phase, U.S. Fed, last_known_status', async () => {
  const { ctgovXml } = await import('./ctgov-xml.js');
  const { inputFromBuffer } = await import('./input.js');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <required_header>
    <download_date>ClinicalTrials.gov processed this data on March 27, 2013</download_date>
    <link_text>Link to the current ClinicalTrials.gov record.</link_text>
    <url>http://clinicaltrials.gov/show/NCT09300004</url>
  </required_header>
  <id_info>
    <org_study_id>12-H-0001</org_study_id>
    <secondary_id>12-H-0001</secondary_id>
    <nct_id>NCT09300004</nct_id>
  </id_info>
  <brief_title>Device Study</brief_title>
  <sponsors>
    <lead_sponsor><agency>Example Federal Agency</agency><agency_class>U.S. Fed</agency_class></lead_sponsor>
    <collaborator><agency>Example Network</agency><agency_class>Other</agency_class></collaborator>
  </sponsors>
  <source>Example Federal Agency</source>
  <overall_status>Unknown status</overall_status>
  <last_known_status>Active, not recruiting</last_known_status>
  <start_date>January 2012</start_date>
  <phase>N/A</phase>
  <study_type>Interventional</study_type>
  <study_design_info>
    <allocation>Non-Randomized</allocation>
    <endpoint_classification>Safety/Efficacy Study</endpoint_classification>
    <intervention_model>Single Group Assignment</intervention_model>
    <masking>Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)</masking>
    <primary_purpose>Diagnostic</primary_purpose>
  </study_design_info>
  <enrollment type="Actual">12</enrollment>
  <condition>Heart Failure</condition>
  <intervention>
    <intervention_type>Device</intervention_type>
    <intervention_name>Example Monitor</intervention_name>
  </intervention>
  <eligibility>
    <criteria><textblock>
        -  INCLUSION CRITERIA:

             1. Adults with heart failure

        EXCLUSION CRITERIA:

             1. Pregnancy
      </textblock></criteria>
    <gender>Both</gender>
    <minimum_age>18 Years</minimum_age>
    <maximum_age>N/A</maximum_age>
    <healthy_volunteers>No</healthy_volunteers>
  </eligibility>
  <overall_contact>
    <last_name>Patient Recruitment and Public Liaison Office</last_name>
    <phone>(800) 411-1222</phone>
    <phone_ext>TTY8664111010</phone_ext>
    <email>prpl@example.gov</email>
  </overall_contact>
  <location_countries><country>United States</country></location_countries>
  <removed_countries><country>Canada</country></removed_countries>
  <verification_date>January 2013</verification_date>
  <lastchanged_date>January 3, 2013</lastchanged_date>
  <firstreceived_date>December 20, 2011</firstreceived_date>
</clinical_study>`;
  const out = [];
  for await (const it of ctgovXml.parse(await inputFromBuffer('2012.xml', Buffer.from(xml)))) out.push(it);
  assert.equal(out.length, 1);
  const it = out[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const r = it.record;
  assert.equal(r.source.exportedAt, '2013-03-27');
  assert.deepEqual(r.secondaryIds, []);
  assert.equal(r.sponsor.class, 'FED');
  assert.deepEqual(r.sponsor.collaborators, ['Example Network']);
  assert.deepEqual(r.status, { recruitment: 'unknown', raw: 'Unknown status' });
  assert.equal(r.raw?.['last_known_status'], 'Active, not recruiting');
  assert.equal(r.phase, 'not_applicable');
  assert.equal(r.phaseRaw, 'N/A');
  assert.deepEqual([r.design.allocation, r.design.model, r.design.masking, r.design.maskedRoles, r.design.purpose],
    ['non_randomized', 'single_group', 'double', ['participant', 'care_provider', 'investigator', 'outcomes_assessor'], 'diagnostic']);
  assert.deepEqual(r.enrollment, { target: null, actual: 12, raw: '12 (Actual)' });
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name]), [['device', 'Example Monitor']]);
  assert.deepEqual([r.eligibility.inclusion, r.eligibility.exclusion], [['Adults with heart failure'], ['Pregnancy']]);
  assert.deepEqual([r.eligibility.sex, r.eligibility.minAgeYears, r.eligibility.maxAgeYears], ['all', 18, null]);
  assert.deepEqual(r.contacts, [{ name: 'Patient Recruitment and Public Liaison Office', role: 'contact', affiliation: null, email: 'prpl@example.gov', phone: '(800) 411-1222 ext. TTY8664111010' }]);
  assert.deepEqual(r.countries, ['United States'], 'removed_countries are not countries of the study');
  assert.deepEqual([r.dates.registration, r.dates.start, r.dates.lastUpdate], ['2011-12-20', '2012-01', '2013-01-03']);
});
