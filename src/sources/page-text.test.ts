/**
 * The five real trial pages in /work/shared/seeds, read as `page-text`: every value each page states, checked by hand
 * against the page and asserted here; what a page does not state stays null/empty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPage } from './pages/read-page.js';
import { pageText } from './page-text.js';
import { inputFromBuffer } from './input.js';
import { detectFormat } from './index.js';
import { isProvisionalPageId, provisionalPageId } from './pages/provisional-id.js';
import { openStore } from '../store/index.js';
import { ingest } from '../pipeline/ingest.js';
import { normaliseTrialId, registryOfId } from '../normalise/ids.js';
import type { ParseItem } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const skip = !existsSync(SEEDS) && 'needs ../shared/seeds (the five real trial pages)';

function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return readFileSync(path.join(SEEDS, name), 'utf8');
}

async function parseText(name: string, text: string): Promise<ParseItem[]> {
  const items: ParseItem[] = [];
  for await (const it of pageText.parse(await inputFromBuffer(name, Buffer.from(text)))) items.push(it);
  return items;
}

const noDates = { registration: null, start: null, primaryCompletion: null, completion: null, lastUpdate: null, resultsPosted: null };

test('seed 000 (ClinicalTrials.gov study details, run-together design line)', { skip }, async () => {
  const text = seed('000_');
  const r = readPage(text).record;
  assert.equal(r.id, 'NCT04371601');
  assert.equal(r.registry, 'ClinicalTrials.gov');
  assert.deepEqual(r.status, { recruitment: 'active_not_recruiting', raw: 'Active, not recruiting' });
  assert.deepEqual(r.conditions, ['COVID 19 Pneumonia']);
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, 'early_1');
  assert.equal(r.phaseRaw, 'Early Phase 1');
  const { raw, ...design } = r.design;
  assert.deepEqual(design, {
    allocation: 'randomized', model: 'parallel', masking: 'none', maskedRoles: [], purpose: 'treatment', controlType: null, multicentre: null,
  });
  assert.match(raw!, /^Allocation: Randomized\nIntervention Model: Parallel Assignment\nIntervention Model Description: Control group: conventional/);
  assert.match(raw!, /106 \/ Kg body weight \/ time, once every 4 days for a total of 4 times/);
  assert.match(raw!, /\nMasking: None \(Open Label\)\nPrimary Purpose: Treatment$/);
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, 70);
  assert.equal(r.eligibility.sex, 'all');
  assert.equal(r.eligibility.healthyVolunteers, null);
  // the truncated teaser ("… Animal mode...") is dropped, the full text kept once
  assert.match(r.description.brief!, /^In vitro, Mesenchymal stem cells were revealed/);
  assert.match(r.description.brief!, /thereby dampening the inflammatory response\.$/);
  assert.doesNotMatch(r.description.brief!, /\.\.\./);
  assert.equal(r.description.detailed, null);
  assert.deepEqual(r.sponsor.collaborators, []); // "Not Provided"
  assert.deepEqual(r.contacts, [
    { name: 'Jianming Tan Tan, M.D and Ph.D', role: 'study_chair', affiliation: 'Fuzhou General Hospital', email: null, phone: null },
  ]);
  assert.deepEqual(r.secondaryIds, []);
  assert.deepEqual(r.dates, noDates);
  assert.deepEqual(r.enrollment, { target: null, actual: null, raw: null });
  assert.deepEqual(r.interventions, []);
  assert.deepEqual(r.outcomes, { primary: [], secondary: [] });
  const items = await parseText('seed-000.txt', text);
  assert.equal(items.length, 1);
  assert.equal(items[0]!.kind, 'record');
  if (items[0]!.kind === 'record') {
    assert.equal(items[0]!.record.source.format, 'page-text');
    assert.equal(items[0]!.record.source.file, 'seed-000.txt');
  }
});

test('seed 001 (ClinicalTrials.gov, quadruple masking with roles, "Same as current" enrollment)', { skip }, () => {
  const r = readPage(seed('001_')).record;
  assert.equal(r.id, 'NCT04282928');
  assert.deepEqual(r.status, { recruitment: 'not_yet_recruiting', raw: 'Not yet recruiting' });
  assert.deepEqual(r.enrollment, { target: null, actual: null, raw: null }); // "Same as current" states no number
  assert.deepEqual(r.conditions, ['Severe Pneumonia']);
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, '1');
  assert.equal(r.design.allocation, 'randomized');
  assert.equal(r.design.model, 'parallel');
  assert.equal(r.design.masking, 'quadruple');
  assert.deepEqual(r.design.maskedRoles, ['participant', 'care_provider', 'investigator', 'outcomes_assessor']);
  assert.equal(r.design.purpose, 'treatment');
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, 75);
  assert.equal(r.eligibility.sex, 'all');
  assert.match(r.description.brief!, /^Viral pneumonia is an acute respiratory infectious disease/);
  assert.match(r.description.brief!, /1×10\^6 cells\/Kg × body weight\(kg\)/);
  assert.match(r.description.brief!, /and to evaluate the safety\.$/);
  assert.doesNotMatch(r.description.brief!, /adenovirus\.\.\./);
  assert.deepEqual(r.contacts, [{
    name: 'Zhongmin Liu, MD/Ph.D', role: 'principal_investigator',
    affiliation: 'Shanghai East Hospital, Tongji University, Shanghai, China', email: null, phone: null,
  }]);
  assert.deepEqual(r.dates, noDates);
});

test('seed 002 (WHO ICTRP trial page)', { skip }, () => {
  const r = readPage(seed('002_')).record;
  assert.equal(r.id, 'NCT04252118');
  assert.equal(r.registry, 'ClinicalTrials.gov');
  assert.equal(r.source.lastRefreshed, '2020-12-12');
  assert.equal(r.source.url, 'https://clinicaltrials.gov/show/NCT04252118');
  assert.equal(r.dates.registration, '2020-01-27');
  assert.equal(r.dates.start, '2020-01-27');
  assert.equal(r.prospective, true);
  assert.equal(r.sponsor.primary, 'Beijing 302 Hospital');
  assert.deepEqual(r.sponsor.secondary, [
    'Huoshenshan Hospital', 'Fifth Affiliated Hospital, Sun Yat-Sen University', 'Tianjin Haihe Hospital',
    'Innovative Precision Medicine Group (IPM), Hangzhou, China.', "Shenzhen Third People's Hospital",
    'VCANBIO CELL & GENE ENGINEERING CORP.,LTD, China',
  ]);
  assert.equal(r.raw?.funding, 'Please refer to primary and secondary sponsors');
  assert.equal(r.titles.public, 'Mesenchymal Stem Cell Treatment for Pneumonia Patients Infected With COVID-19');
  assert.equal(r.titles.scientific, 'Safety and Efficiency of Mesenchymal Stem Cell in Treating Pneumonia Patients Infected With COVID-19');
  assert.equal(r.titles.acronym, null);
  assert.deepEqual(r.enrollment, { target: 20, actual: null, raw: '20' });
  assert.deepEqual(r.status, { recruitment: 'recruiting', raw: 'Recruiting' });
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.design.allocation, 'non_randomized');
  assert.equal(r.design.model, 'parallel');
  assert.equal(r.design.purpose, 'treatment');
  assert.equal(r.design.masking, 'none');
  assert.equal(r.design.raw, 'Allocation: Non-Randomized.\nIntervention model: Parallel Assignment.\nPrimary purpose: Treatment.\nMasking: None (Open Label).');
  assert.equal(r.phase, '1');
  assert.deepEqual(r.countries, ['China']);
  // the page repeats the contact block (public and scientific contact): one person
  assert.deepEqual(r.contacts, [{ name: 'Lei Shi, MD,PhD', role: null, affiliation: null, email: 'shilei302@126.com', phone: '86-10-66933333' }]);
  assert.deepEqual(r.eligibility.inclusion, [
    'Male or female, aged at 18 years (including) -70 years old',
    'Confirmed COVID-19 by reverse-transcription polymerase chain reaction (RT-PCR) from any diagnostic sampling source; and',
    'Pneumonia that is judged by chest radiograph or computed tomography.',
  ]);
  assert.deepEqual(r.eligibility.exclusion, [
    'Pregnancy, lactation and those who are not pregnant but do not take effective contraceptives measures;',
    'Patients with malignant tumor, other serious systemic diseases and psychosis;',
    'Patients who are participating in other clinical trials;',
    'Inability to provide informed consent or to comply with test requirements.',
    'Co-Infection of HIV, tuberculosis, influenza virus, adenovirus and other respiratory infection virus.',
  ]);
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, 70);
  assert.equal(r.eligibility.sex, 'all');
  assert.deepEqual(r.conditions, ['COVID-19']);
  assert.deepEqual(r.interventions, [{ type: 'biological', name: 'MSCs', description: null, cellTherapy: null }]);
  const all = 'At Baseline , Day 3, Day 6, Day 10, Day 14, Day 21, Day 28, Day 90 and Day 180';
  const to28 = 'At Baseline , Day 3, Day 6, Day 10, Day 14, Day 21, Day 28';
  const o = (measure: string, timeFrame: string) => ({ measure, description: null, timeFrame, timepointsDays: [] });
  assert.deepEqual(r.outcomes.primary, [
    o('Size of lesion area by chest radiograph or CT', 'At Baseline , Day 3, Day 6, Day 10, Day 14, Day 21,Day 28'),
    o('Side effects in the MSCs treatment group', all),
  ]);
  assert.deepEqual(r.outcomes.secondary, [
    o('Time of nucleic acid turning negative', all),
    o('Improvement of Clinical symptoms including duration of fever and respiratory', to28),
    o('C-reactive protein', all), o('CD4+ and CD8+ T celll count', all), o('Alanine aminotransferase', all),
    o('Creatine kinase', all), o('Rate of mortality within 28-days', 'Day 28'),
  ]);
  assert.deepEqual(r.secondaryIds, []); // 2020003D is no registry number
  assert.equal(r.raw?.otherIdentifiers, '2020003D');
  assert.deepEqual(r.results, { posted: null, url: null, firstPosted: null, summary: null }); // the page's results fields are empty
});

test('seed 003 (Cochrane COVID-19 Study Register: registration + its journal article)', { skip }, () => {
  const r = readPage(seed('003_')).record;
  assert.equal(r.id, 'ChiCTR2000030261');
  assert.equal(r.registry, 'ChiCTR');
  assert.equal(r.titles.public, 'A study for the key technology of mesenchymal stem cells exosomes atomization in the treatment of novel coronavirus pneumonia (COVID-19)');
  assert.equal(r.source.lastRefreshed, '2022-07-04');
  assert.equal(r.raw?.cochraneFirstPublished, '2020 Apr 1');
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.design.purpose, 'treatment'); // Study Aim: Treatment and Management
  assert.equal(r.design.model, 'parallel'); // the registry record: "Study design: Parallel"
  assert.equal(r.design.allocation, null); // Intervention Assignment: Unclear
  assert.match(r.design.raw!, /Intervention Assignment: Unclear/);
  assert.equal(r.dates.registration, '2020-02-26'); // "TRIAL REGISTRATION: …, ChiCTR2000030261. Registered on 26 February 2020"
  assert.equal(r.results.posted, false); // trial registry record: "No Results"
  assert.deepEqual(r.eligibility.inclusion, [
    'Patients meet the diagnostic criteria Diagnosis and treatment of novel coronavirus pneumonia (trial version fifth)for suspected cases outside Hubei Province: combined with the following epidemiological and clinical manifestations: epidemiological history',
  ]);
  assert.equal(r.references.length, 1);
  const ref = r.references[0]!;
  assert.equal(ref.type, 'journal_article');
  assert.equal(ref.title, 'Nebulization Therapy with Umbilical Cord Mesenchymal Stem Cell-Derived Exosomes for COVID-19 Pneumonia');
  assert.deepEqual(ref.authors, ['Chu M', 'Wang H', 'Bian L', 'Huang J', 'Wu D', 'Zhang R', 'Fei F', 'Chen Y', 'Xia J']);
  assert.deepEqual(ref.registrationIds, ['ChiCTR2000030261']);
  assert.match(ref.abstract!, /^BACKGROUND: Scientists have been facing/);
  assert.match(ref.abstract!, /Registered on 26 February 2020$/);
  assert.equal(ref.journal, null);
  assert.equal(ref.doi, null);
  assert.deepEqual(r.conditions, []);
  assert.deepEqual(r.interventions, []);
  assert.deepEqual(r.secondaryIds, []);
});

test('seed 004 (portal page on ClinicalTrials.gov data): every stated field read; no id of its own → provisional PAGE- id', { skip }, async () => {
  const text = seed('004_');
  const r = readPage(text).record;
  assert.equal(r.id, '');
  assert.deepEqual(r.status, { recruitment: 'completed', raw: 'COMPLETED' });
  assert.equal(r.phase, '1_2');
  assert.equal(r.studyType, 'interventional');
  assert.deepEqual(r.enrollment, { target: null, actual: 29, raw: '29 participants' });
  assert.equal(r.dates.start, '2021-04-17');
  assert.equal(r.dates.completion, '2021-06-09');
  assert.equal(r.design.allocation, 'randomized');
  assert.equal(r.design.model, 'parallel');
  assert.equal(r.design.purpose, 'treatment');
  assert.equal(r.design.masking, 'double');
  assert.match(r.description.detailed!, /^Previous studies reported that the hypoxic condition of MSCs/);
  assert.match(r.description.detailed!, /treated with S-MSCs in Indonesia\.$/);
  assert.equal(r.description.brief, null);
  assert.deepEqual(r.conditions, []);
  assert.deepEqual(r.arms, [
    {
      label: 'Menstrual blood stem cell secretome group', type: null,
      description: 'Intravenous Allogeneic Menstrual Blood Stem Cells Secretome injection+Routine treatment',
      interventions: ['Allogeneic human menstrual blood stem cells secretome'],
    },
    { label: 'Control group', type: null, description: 'Intravenous saline injection (Placebo)+Routine treatment', interventions: ['Intravenous saline injection'] },
  ]);
  assert.deepEqual(r.interventions.map((i) => [i.name, i.description]), [
    ['Allogeneic human menstrual blood stem cells secretome', 'This COVID-19 Study intervention consists of Intravenous Allogeneic human menstrual blood stem cell (MenSC) secretome injection in addition to standard care. The MenSC were characterized as CD90+, CD73+, CD105+, and CD45-based on multiparameter flow cytometry.'],
    ['Intravenous saline injection', 'Intravenous saline injection in addition to standard care'],
  ]);
  assert.equal(r.eligibility.inclusion.length, 3);
  assert.equal(r.eligibility.inclusion[1], 'Diagnosed with severe pneumonia of COVID: respiratory distress, RR >30 times/min; resting oxygen saturation of 90% or less; arterial partial pressure of oxygen / oxygen concentration ≤300mmHg; Pulmonary infiltration more than 50% in 24 to 48 hours');
  assert.equal(r.eligibility.exclusion.length, 14);
  assert.equal(r.eligibility.exclusion[7], 'Creatinine clearance <15 ml / min');
  assert.equal(r.eligibility.exclusion[13], 'Lack of consciousness and inability to provide informed consent by the patient');
  assert.equal(r.eligibility.minAgeYears, 25);
  assert.equal(r.eligibility.maxAgeYears, 75);
  assert.equal(r.eligibility.sex, 'all');
  assert.equal(r.eligibility.healthyVolunteers, false);
  assert.equal(r.sponsor.primary, 'Tehran University of Medical Sciences');
  assert.deepEqual(r.sponsor.collaborators, ['Avicenna Research Institute']);
  assert.equal(r.sponsor.class, 'OTHER');
  assert.deepEqual(r.contacts.map((c) => [c.name, c.role, c.affiliation]), [
    ['Mina Fathi Kazerooni, MD, PhD', 'principal_investigator', 'Nanobiotechnology Research Center Avicenna Research Institute, ACECR, TEHRAN, IRAN'],
    ['Ali Dehghan-Manshadi, MD', 'study_chair', 'Department of Infectious Diseases and Tropical Medicine - Iranian Research Center for HIV/AIDS,TUMS'],
    ['Samrand Fattah-Ghazi, MD', 'study_director', 'Tehran University of Medical Science (TUMS)'],
    ['Somaieh Kazemnejad, PhD', 'study_chair', 'Nanobiotechnology Research Center Avicenna Research Institute, ACECR, TEHRAN, IRAN'],
  ]);
  assert.deepEqual(r.countries, ['Iran']);
  assert.equal(r.results.posted, false);
  assert.equal(r.references.length, 1);
  const ref = r.references[0]!;
  assert.deepEqual(ref.authors, ['Fathi-Kazerooni M', 'Fattah-Ghazi S', 'Darzi M', 'Makarem J', 'Nasiri R', 'Salahshour F', 'Dehghan-Manshadi SA', 'Kazemnejad S']);
  assert.equal(ref.title, 'Safety and efficacy study of allogeneic human menstrual blood stromal cells secretome to treat severe COVID-19 patients: clinical trial phase I & II.');
  assert.equal(ref.journal, 'Stem Cell Res Ther');
  assert.equal(ref.year, 2022);
  assert.equal(ref.doi, '10.1186/s13287-022-02771-w');
  // related trials are other trials: never secondary ids; org/grant ids are no registry numbers
  assert.deepEqual(r.secondaryIds, []);
  assert.ok(!JSON.stringify(r).includes('NCT04554992'), 'a related trial\'s number must not be anywhere in the record');
  assert.equal(r.raw?.otherIdentifiers, '99/3436\n990308-026');
  const items = await parseText('seed-004.txt', text);
  assert.equal(items.length, 1, 'one record and no error item');
  const it = items[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const rec = it.record;
  assert.match(rec.id, /^PAGE-[0-9a-f]{12}$/);
  assert.ok(isProvisionalPageId(rec.id));
  assert.equal(rec.id, provisionalPageId(text));
  assert.equal(rec.registry, 'other');
  assert.equal(normaliseTrialId(rec.id), null, 'no registry\'s number: the linker treats it as unknown-registry');
  assert.equal(registryOfId(rec.id), null);
  assert.equal(rec.source.recordId, rec.id);
  assert.equal(rec.source.file, 'seed-004.txt');
  assert.deepEqual(rec.secondaryIds, []);
  // every field read as before
  assert.equal(rec.phase, '1_2');
  assert.equal(rec.sponsor.primary, 'Tehran University of Medical Sciences');
  assert.equal(rec.interventions.length, 2);
  // one warning a curator can act on, naming the provisional id and the related trials as other trials
  assert.equal(rec.warnings.length, 1);
  assert.match(rec.warnings[0]!, /^the page states no registration number of its own; stored under the provisional id PAGE-[0-9a-f]{12}; the trials it lists as related \(NCT04554992, NCT04327349, NCT04753476, NCT05381454, NCT04592705\) are other trials/);
  assert.ok(rec.warnings[0]!.includes(rec.id));
  const { warnings: _w, ...rest } = rec;
  assert.ok(!JSON.stringify(rest).includes('NCT04554992'), 'a related trial\'s number appears only in the warning');
  // stable: the same page again, and the same page saved with CRLF line ends and a BOM, get the same id
  const again = await parseText('copy.txt', text);
  assert.equal(again[0]!.kind === 'record' && again[0]!.record.id, rec.id);
  const crlf = await parseText('crlf.txt', '\ufeff' + text.replace(/\n/g, '\r\n'));
  assert.equal(crlf[0]!.kind === 'record' && crlf[0]!.record.id, rec.id);
  // a different page gets a different id
  assert.notEqual(provisionalPageId(text.replace('29 participants', '30 participants')), rec.id);
});

test('seed 004 ingested twice is stored once under its provisional id (store key = id)', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-page-'));
  const store = await openStore(path.join(dir, 'pages.db'));
  try {
    const file = path.join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith('004_'))!);
    const issues: string[] = [];
    const first = await ingest(store, [file], { onIssue: (i) => issues.push(i.reason) });
    assert.deepEqual(issues, []);
    assert.equal(first.records, 1);
    assert.equal(first.new, 1);
    assert.equal(first.rejected, 0);
    assert.deepEqual(first.stageErrors, [], 'linking and indexing take the provisional id');
    const second = await ingest(store, [file]);
    assert.equal(second.new, 0);
    assert.equal(second.unchanged, 1);
    const id = provisionalPageId(readFileSync(file, 'utf8'));
    assert.equal(await store.count(), 1);
    const stored = await store.getRegistration(id);
    assert.equal(stored?.registration.id, id);
    assert.equal(stored?.registration.registry, 'other');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every seed is detected as page-text', { skip }, async () => {
  for (const f of readdirSync(SEEDS).sort()) {
    const input = await inputFromBuffer(f, readFileSync(path.join(SEEDS, f)));
    assert.equal(detectFormat(input)?.id, 'page-text', f);
  }
});
