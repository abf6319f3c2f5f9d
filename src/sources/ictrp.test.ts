/**
 * The three ICTRP readers against the real WHO ICTRP exports in ../shared: row counts from data/README.md, and
 * registrations of a dozen registries checked by hand against their rows (values written down from the raw files).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { openInputs } from './input.js';
import { detectFormat } from './index.js';
import type { ParseIssue } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
const ICTRP = path.join(SHARED, 'data/ictrp');
const skip = !existsSync(ICTRP) && 'needs ../shared (WHO ICTRP exports in data/ictrp)';

interface Parsed { format: string; regs: Map<string, Registration>; errors: ParseIssue[]; rows: number }
const cache = new Map<string, Promise<Parsed>>();

/** Every registration of a file through detectFormat + parse (no extraction), keyed by id; rows = records + merged EU rows. */
function parseFile(file: string): Promise<Parsed> {
  if (!cache.has(file)) {
    cache.set(file, (async () => {
      const regs = new Map<string, Registration>();
      const errors: ParseIssue[] = [];
      let format = '';
      let rows = 0;
      for await (const input of openInputs(file)) {
        const f = detectFormat(input);
        assert.ok(f, `no format claims ${file}`);
        format = f.id;
        for await (const item of f.parse(input)) {
          if (item.kind === 'error') { errors.push(item.issue); continue; }
          assert.ok(!regs.has(item.record.id), `${item.record.id} emitted twice`);
          regs.set(item.record.id, item.record);
          const merged = item.record.raw?.['other member-state records'];
          rows += 1 + (merged ? merged.split('; ').length : 0);
        }
      }
      return { format, regs, errors, rows };
    })());
  }
  return cache.get(file)!;
}

/** Paths of every "" inside a value (SPEC: unknown is null, never ""). */
function emptyStrings(v: unknown, at: string): string[] {
  if (v === '') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => emptyStrings(x, `${at}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => emptyStrings(x, `${at}.${k}`));
  return [];
}

function get(p: Parsed, id: string): Registration {
  const r = p.regs.get(id);
  assert.ok(r, `${id} missing`);
  return r;
}

const xml = (): Promise<Parsed> => parseFile(path.join(ICTRP, 'ICTRP-Results_18Mar2020.xml'));
const csv927 = (): Promise<Parsed> => parseFile(path.join(ICTRP, 'COVID19-927-trials_7Apr2020.csv'));
const csv1135 = (): Promise<Parsed> => parseFile(path.join(ICTRP, 'COVID19-1135-trials_15Apr2020.csv'));
const xlsx29 = (): Promise<Parsed> => parseFile(path.join(ICTRP, 'COVID19-web_29June2020.xlsx'));
const xlsx7 = (): Promise<Parsed> => parseFile(path.join(ICTRP, 'COVID19-web_7Jul2020.xlsx'));

test('row counts of data/README.md; EU CTR member-state rows merged', { skip }, async () => {
  const expected: [() => Promise<Parsed>, string, number, number][] = [
    [xml, 'ictrp-xml', 578, 578],
    [csv927, 'ictrp-csv', 927, 927],
    [csv1135, 'ictrp-csv', 1135, 1135],
    [xlsx29, 'ictrp-xlsx', 3844, 3831],
    [xlsx7, 'ictrp-xlsx', 4098, 4083],
  ];
  for (const [load, format, rows, registrations] of expected) {
    const p = await load();
    assert.equal(p.format, format);
    assert.deepEqual(p.errors, []);
    assert.equal(p.rows, rows, `${format}: rows read`);
    assert.equal(p.regs.size, registrations, `${format}: registrations`);
    for (const r of p.regs.values()) {
      assert.notEqual(r.registry, 'other', `${r.id}: registry`);
      assert.equal(r.source.format, format);
      assert.equal(emptyStrings(r, r.id).join(', '), '', 'empty strings instead of null');
    }
  }
});

test('XML: ChiCTR2000029953 (ChiCTR) as its <Trial> element says', { skip }, async () => {
  const r = get(await xml(), 'ChiCTR2000029953');
  assert.equal(r.registry, 'ChiCTR');
  assert.deepEqual(r.source, {
    format: 'ictrp-xml', file: path.join(ICTRP, 'ICTRP-Results_18Mar2020.xml'), recordId: 'ChiCTR2000029953',
    url: 'http://www.chictr.org.cn/showproj.aspx?proj=49217', lastRefreshed: '2020-02-17', exportedAt: '2020-03-18T18:53:35',
  });
  const title = 'Construction and Analysis of Prognostic Predictive Model of Novel Coronavirus Pneumonia (COVID-19)';
  assert.deepEqual(r.titles, { public: title, scientific: title, acronym: null }); // padding trimmed
  assert.equal(r.sponsor.primary, 'Zhongnan Hospital of Wuhan University');
  assert.equal(r.dates.registration, '2020-02-17');
  assert.equal(r.dates.start, '2020-02-01');
  assert.deepEqual(r.status, { recruitment: 'other', raw: 'Not Recruiting' });
  assert.deepEqual(r.enrollment, { target: 400, actual: null, raw: 'survival group:200;died:200;' });
  assert.equal(r.studyType, 'observational');
  assert.equal(r.design.raw, 'Factorial');
  assert.equal(r.phaseRaw, 'N/A');
  assert.deepEqual(r.countries, ['China']);
  assert.deepEqual(r.contacts, [{
    name: 'Yan Zhao', role: null, affiliation: 'Emergency Department of Zhongnan Hospital of Wuhan University',
    email: 'doctoryanzhao@whu.edu.cn', phone: '+86 13995577963',
  }]);
  assert.equal(r.raw?.['Contact Address'], '169 Donghu Road, Wuchang District, Wuhan, Hubei, China');
  assert.equal(r.eligibility.sex, 'all');
  assert.equal(r.eligibility.minAgeYears, null);
  assert.equal(r.eligibility.inclusion.length, 1);
  assert.match(r.eligibility.inclusion[0], /^2019-nCoV-infected pneumonia diagnosed patients/);
  assert.match(r.eligibility.exclusion[0], /of age <15 years/); // &lt; decoded
  assert.deepEqual(r.conditions, ['2019-nCoV Pneumonia']);
  assert.deepEqual(r.interventions, []); // "survival group:none;died:none;"
  assert.deepEqual(r.arms.map((a) => [a.label, a.description]), [['survival group', null], ['died', null]]);
  assert.deepEqual(r.outcomes.primary.map((o) => o.measure), [
    'duration of in hospital', 'in hospital mortality', "the 28s day' mortality after admission", 'duration of ICU stay',
  ]);
  // the reader gives ICTRP's flag its data meaning (the `Retrospective flag` column is Yes when registered on or
  // before the start); the extraction stage then lets the dates decide (registered 17 Feb, started 1 Feb: false too)
  assert.equal(r.prospective, false); // Retrospective flag: No
  assert.deepEqual(r.warnings, []);
});

test('CSV: NCT04246242 (ClinicalTrials.gov) of the 7 April download', { skip }, async () => {
  const r = get(await csv927(), 'NCT04246242');
  assert.equal(r.registry, 'ClinicalTrials.gov');
  assert.equal(r.source.url, 'https://clinicaltrials.gov/show/NCT04246242');
  assert.equal(r.source.lastRefreshed, '2020-02-03');
  assert.equal(r.source.exportedAt, '2020-04-07T10:40:56'); // 4/7/2020 10:40:56 AM is month-first
  assert.equal(r.dates.registration, '2020-01-27'); // 27/01/2020, 20200127
  assert.equal(r.dates.start, '2020-01-25'); // January 25, 2020
  assert.equal(r.titles.acronym, null);
  assert.equal(r.sponsor.primary, 'Xiangya Hospital of Central South University');
  assert.deepEqual(r.status, { recruitment: 'other', raw: 'Not recruiting' });
  assert.equal(r.enrollment.target, 500);
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.design.raw, 'Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: Single (Participant).');
  assert.equal(r.phaseRaw, 'Phase 4');
  assert.equal(r.phase, '4');
  assert.deepEqual(r.countries, []);
  assert.deepEqual(r.contacts, [{ name: 'Pinhua Pan, Medical PhD', role: null, affiliation: null, email: 'pinhuapan668@126.com', phone: '+86 13574810968' }]);
  assert.deepEqual([r.eligibility.minAgeYears, r.eligibility.maxAgeYears, r.eligibility.sex], [null, null, 'all']);
  // both lists sit in "Inclusion Criteria" under their headings
  assert.deepEqual(r.eligibility.inclusion, ['Patients diagnosed with RT-PCR for 2019 Novel Coronavirus (2019-nCoV)']);
  assert.deepEqual(r.eligibility.exclusion, ['Patients infected with other viruses']);
  assert.deepEqual(r.conditions, ['2019 Novel Coronavirus']);
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name]), [
    ['drug', 'Conventional treatment group'], ['drug', 'arbidol,200mg,tid'], ['drug', 'arbidol,400mg,tid'],
  ]);
  assert.deepEqual(r.outcomes.primary.map((o) => o.measure), ['mortality']);
  assert.equal(r.prospective, true); // Retrospective flag: Yes (the dates, 27 vs 25 January, say otherwise: extract decides)
  assert.equal(r.raw?.['Bridging flag truefalse'], 'False');
});

test('CSV: TCTR20200321001 (TCTR) of the 15 April download', { skip }, async () => {
  const r = get(await csv1135(), 'TCTR20200321001');
  assert.equal(r.registry, 'TCTR');
  assert.equal(r.source.lastRefreshed, '2020-03-25');
  assert.equal(r.source.exportedAt, '2020-04-15T16:11:24');
  assert.equal(r.dates.registration, '2020-03-20');
  assert.equal(r.dates.start, '2020-03-20'); // 20/03/2020
  assert.equal(r.dates.completion, '2020-04-30'); // results date completed 30/04/2020
  assert.deepEqual([r.eligibility.minAgeYears, r.eligibility.maxAgeYears, r.eligibility.sex], [18, 95, 'all']);
  assert.deepEqual(r.countries, ['France']); // "France;France"
  assert.equal(r.studyType, 'observational');
  assert.equal(r.enrollment.target, 5000);
  assert.equal(r.design.raw, null); // N/A
  assert.deepEqual(r.contacts, [{ name: 'Enrique Casalino', role: null, affiliation: 'APHP', email: 'enrique.casalino@aphp.fr', phone: '33140257761' }]);
  assert.deepEqual(r.eligibility.exclusion, []); // "Exclusion criteria: None"
  assert.deepEqual(r.conditions, ['Covid-19 cases management during epidemic phase', 'Covid-19', 'Emergency', 'Quality']);
  assert.deepEqual(r.interventions, [{ type: null, name: 'Patients suspected of Covid-19 infection with severity criteria', description: null, cellTherapy: null }]);
  assert.deepEqual(r.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [
    ['ED time interval', 'hospital exit Time between ED arrival and hospital admission'],
  ]);
});

test('XLSX: EUCTR2020-001335-28 (EU CTR), NL and DE rows merged into one registration', { skip }, async () => {
  const p = await xlsx29();
  assert.equal(p.regs.has('EUCTR2020-001335-28-NL'), false);
  const r = get(p, 'EUCTR2020-001335-28');
  assert.equal(r.registry, 'EUCTR');
  assert.equal(r.source.recordId, 'EUCTR2020-001335-28-NL');
  assert.equal(r.raw?.['other member-state records'], 'EUCTR2020-001335-28-DE');
  assert.equal(r.source.url, 'https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:2020-001335-28');
  assert.equal(r.source.exportedAt, '2020-06-29T20:14:43'); // "6/29/2020 8:14:43 PM"
  assert.equal(r.source.lastRefreshed, '2020-05-11'); // latest of 43935 (NL) and 43962 (DE)
  assert.equal(r.dates.registration, '2020-03-27'); // earliest of 20200327 and 20200403
  assert.equal(r.dates.start, '2020-03-29'); // earliest of 43919 and 43951
  assert.deepEqual(r.countries, ['Netherlands', 'Germany']);
  assert.deepEqual(r.status, { recruitment: 'other', raw: 'Authorised' });
  assert.equal(r.enrollment.target, 130);
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.eligibility.sex, 'all'); // <br>Female: yes<br>Male: yes<br>
  assert.match(r.design.raw ?? '', /^Controlled: yes\nRandomised: yes\nOpen: yes\n/);
  assert.match(r.phaseRaw ?? '', /Therapeutic exploratory \(Phase II\): yes\nTherapeutic confirmatory - \(Phase III\): yes/);
  assert.equal(r.phase, '2_3');
  assert.deepEqual(r.interventions.map((i) => [i.type, i.name]), [['drug', 'IFX-1']]);
  assert.deepEqual(r.conditions, ['Severe pneumonia in context of COVID-19', 'Pneumonia viral']);
  assert.equal(r.outcomes.primary.length, 1);
  assert.match(r.outcomes.primary[0].measure, /^Phase II: The primary endpoint in Phase II is the relative change/);
  assert.match(r.outcomes.primary[0].timeFrame ?? '', /Day 3, 5, 9 and 15/);
  assert.equal(r.eligibility.inclusion[0], 'At least 18 years of age or older');
  // F.1.2 Adults (18-64 years) yes, F.1.3 Elderly (>=65 years) yes; the table lines are no criteria
  assert.deepEqual([r.eligibility.minAgeYears, r.eligibility.maxAgeYears], [18, null]);
  assert.equal(r.eligibility.inclusion.some((i) => /age range|under 18\?|^1\.2 Adults/.test(i)), false);
  assert.equal(r.contacts.length, 1); // the same contact on both rows
  assert.equal(r.contacts[0].email, 'korinna.pilz@inflarx.de');
  assert.equal(r.prospective, true); // both member states flag Yes: registered on or before the start
  assert.equal(r.sponsor.primary, 'InflaRx GmbH');
});

test('XLSX: EUCTR2020-001366-11 (EU CTR) four member-state rows, countries united, disagreeing flags left open', { skip }, async () => {
  const r = get(await xlsx7(), 'EUCTR2020-001366-11');
  assert.deepEqual((r.raw?.['other member-state records'] ?? '').split('; ').length, 3);
  assert.deepEqual([...r.countries].sort(), [
    'Argentina', 'Australia', 'Brazil', 'Canada', 'France', 'Germany', 'India', 'Indonesia', 'Iran', 'Ireland', 'Italy',
    'Latvia', 'Lithuania', 'Norway', 'Peru', 'Portugal', 'Romania', 'South Africa', 'Spain', 'Switzerland', 'Thailand',
  ]);
  assert.equal(r.dates.registration, '2020-03-26');
  assert.equal(r.dates.start, '2020-03-27');
  assert.equal(r.source.lastRefreshed, '2020-07-06');
  assert.equal(r.source.exportedAt, '2020-06-07T17:53:51'); // Excel serial 43989.745729166665
  assert.equal(r.prospective, null); // the member states flag it differently (ES No, IT Yes)
  assert.match(r.raw?.['member-state sponsors'] ?? '', /AZIENDA OSPEDALIERA UNIVERSITARIA INTEGRATA VERONA/);
  assert.equal(r.enrollment.target, 100000);
});

test('XLSX: IRCT20200310046736N1 (IRCT)', { skip }, async () => {
  const r = get(await xlsx29(), 'IRCT20200310046736N1');
  assert.equal(r.registry, 'IRCT');
  assert.equal(r.dates.registration, '2020-04-01');
  assert.equal(r.source.lastRefreshed, '2020-04-21');
  assert.equal(r.dates.start, null);
  assert.ok(r.warnings.some((w) => w.includes('Date enrollement') && w.includes('270811')), r.warnings.join('; '));
  assert.deepEqual(r.countries, ['Iran']); // Iran (Islamic Republic of)
  assert.deepEqual([r.eligibility.minAgeYears, r.eligibility.maxAgeYears, r.eligibility.sex], [20, 45, 'all']);
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.enrollment.target, 45);
  assert.equal(r.phaseRaw, '43892'); // "2-3" turned into a date by a spreadsheet
  assert.equal(r.phase, '2_3');
  assert.deepEqual(r.outcomes.primary[0], {
    measure: 'complete remission of clinical signs of disease', timeFrame: 'About one week after starting the treatment',
    description: 'Method of measurement: Clinical and laboratory questionnaire.', timepointsDays: [],
  });
  assert.equal(r.outcomes.primary.length, 3);
  assert.equal(r.contacts[0].name, 'Mandana Puladzadeh');
  assert.ok(r.conditions.includes('B97.29'));
  assert.equal(r.eligibility.exclusion.at(-1), 'Smokers');
});

test('XLSX: CTRI/2020/03/024402 (CTRI) numbered interventions', { skip }, async () => {
  const r = get(await xlsx29(), 'CTRI/2020/03/024402');
  assert.equal(r.registry, 'CTRI');
  assert.equal(r.dates.registration, '2020-03-31');
  assert.equal(r.dates.start, '2020-04-08'); // 43929
  assert.equal(r.phaseRaw, 'Phase 3');
  assert.deepEqual(r.countries, ['India']);
  assert.equal(r.eligibility.sex, null);
  assert.deepEqual(r.eligibility.inclusion, [
    'Moderate to high risk of exposure to infected patients during the study period.',
    'Healthy at the time of enrolment without any symptoms suggestive of any viral infection.',
  ]);
  assert.equal(r.eligibility.exclusion.length, 5);
  assert.deepEqual(r.interventions.slice(0, 2).map((i) => [i.name, i.description]), [
    ['HCQS -MIMS Regimen', '300 mg daily x 1 wk followed by 300 mg weekly'],
    ['Hydroxychloroquine', '300 mg daily x 7 days followed by 300 mg weekly x 7 weeks'],
  ]);
  assert.equal(r.interventions.length, 3);
  assert.equal(r.interventions[2].name, 'Hydro Chloroquine(HCQ)-ICMR regimen');
  assert.match(r.interventions[2].description ?? '', /400 mg bd for one day/);
  assert.deepEqual(r.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [['Infected Non infected', 'Time to clinical improvement']]);
  assert.deepEqual(r.contacts, [{
    name: 'Dr Remesh Bhasi', role: null, affiliation: 'Aster Malabar Institute of Medical Sceinces',
    email: 'remesh.bhasi@asterhospital.com', phone: '9447010634',
  }]);
});

test('XLSX: DRKS00021439 (DRKS), ISRCTN14966673 (ISRCTN)', { skip }, async () => {
  const p = await xlsx29();
  const d = get(p, 'DRKS00021439');
  assert.equal(d.source.url, 'http://www.drks.de/DRKS00021439');
  assert.equal(d.dates.registration, '2020-04-20');
  assert.equal(d.dates.start, '2020-04-20');
  assert.deepEqual(d.status, { recruitment: 'recruiting', raw: 'Recruiting' });
  assert.equal(d.studyType, 'observational');
  assert.deepEqual([d.eligibility.minAgeYears, d.eligibility.maxAgeYears, d.eligibility.sex], [18, null, 'all']);
  assert.deepEqual(d.conditions, ['COVID-19', 'U07.1 - Emergency use of U07.1']);
  assert.equal(d.interventions.length, 1);
  assert.equal(d.interventions[0].name, 'Observation group');
  assert.match(d.interventions[0].description ?? '', /^All patients with a focal-neurological deficit/);
  assert.equal(d.eligibility.inclusion[0], 'Age > 18 Years');
  assert.equal(d.contacts[0].phone, '0761-270-50010');

  const i = get(p, 'ISRCTN14966673');
  assert.equal(i.registry, 'ISRCTN');
  assert.equal(i.titles.public, 'Does point-of-care testing for coronavirus in hospital improve patient care compared to laboratory testing?');
  assert.equal(i.dates.registration, '2020-03-18');
  assert.equal(i.dates.start, '2020-03-20'); // 43910
  assert.equal(i.dates.completion, '2021-04-01'); // results date completed 44287
  assert.equal(i.phaseRaw, 'Not Applicable');
  assert.equal(i.studyType, 'interventional');
  assert.deepEqual(i.countries, ['United Kingdom']);
  assert.equal(i.eligibility.exclusion.length, 4);
  assert.equal(i.eligibility.inclusion[0].startsWith('Is a patient in ED, AMU'), true);
});

test('XLSX: ACTRN12620000421932 (ANZCTR), JPRN-UMIN000039686 (JPRN), NL8536 (NTR)', { skip }, async () => {
  const p = await xlsx29();
  const a = get(p, 'ACTRN12620000421932');
  assert.equal(a.registry, 'ANZCTR');
  assert.equal(a.dates.start, '2020-03-05');
  assert.equal(a.source.lastRefreshed, '2020-04-06');
  assert.deepEqual([a.eligibility.minAgeYears, a.eligibility.maxAgeYears, a.eligibility.sex], [null, null, 'all']);
  assert.deepEqual(a.countries, [
    'Australia', 'Hong Kong', 'Taiwan', 'Indonesia', 'South Korea', 'Japan', 'Italy', 'Singapore', 'Vietnam', 'Thailand',
    'United Kingdom', 'United States',
  ]);
  assert.deepEqual(a.conditions, [
    '2019 SARS-CoV-2 Infection and coronavirus disease (COVID-19)', 'Respiratory Infection',
    'Infection - Studies of infection and infectious agents', 'Respiratory - Other respiratory disorders / diseases',
  ]);
  assert.deepEqual(a.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [
    ['Mortality', 'At hospital discharge or 28 days post intensive care unit admission, whichever comes later.'],
  ]);
  assert.equal(a.prospective, false); // Retrospective flag: No (registered 30 March, started 5 March)
  assert.deepEqual(a.contacts, []);

  const j = get(p, 'JPRN-UMIN000039686');
  assert.equal(j.registry, 'JPRN');
  assert.deepEqual([j.eligibility.minAgeYears, j.eligibility.maxAgeYears, j.eligibility.sex], [1, 100, 'all']);
  assert.deepEqual(j.countries, ['Japan']); // Japan,Asia(except Japan),Australia,Europe — regions
  assert.equal(j.dates.start, '2020-02-01');
  assert.equal(j.dates.completion, '2021-08-31');
  assert.equal(j.outcomes.primary.length, 6);
  assert.equal(j.outcomes.primary[0].measure, 'Date of ECMO discontinuation');
  assert.deepEqual(j.eligibility.inclusion, []);
  assert.equal(j.contacts[0].name, 'Keibun Liu');

  const n = get(p, 'NL8536');
  assert.equal(n.registry, 'NTR');
  assert.equal(n.source.url, 'https://trialregister.nl/trial/8536');
  assert.equal(n.dates.registration, '2020-04-15');
  assert.equal(n.dates.start, '2020-04-28');
  assert.deepEqual(n.countries, ['Netherlands']);
  assert.equal(n.eligibility.sex, null);
  assert.equal(n.phaseRaw, null);
  assert.equal(n.eligibility.inclusion.length, 4);
  assert.equal(n.eligibility.inclusion[0].startsWith('Patients who are, or were, treated'), true); // mojibake bullet stripped
  assert.deepEqual(n.contacts.map((c) => [c.name, c.phone]), [['M. Beckers', '088-4599717']]);
});

test('XLSX: NCT04260308 (ClinicalTrials.gov) repeated contacts, PACTR202004801273802 (PACTR)', { skip }, async () => {
  const p = await xlsx7();
  const c = get(p, 'NCT04260308');
  assert.deepEqual(c.contacts, [{ name: 'Yuhong Dai', role: null, affiliation: null, email: 'eier_dai@163.com', phone: '+86 13476229575' }]);
  assert.equal(c.dates.start, '2020-02-03'); // February 3, 2020
  assert.equal(c.source.lastRefreshed, '2020-02-17'); // 43878
  assert.equal(c.enrollment.target, 30000);
  assert.deepEqual(c.conditions, ['Virus', 'Pneumonia']);
  assert.deepEqual(c.eligibility.inclusion, ['can use mobil phone or computer', 'volunteer to take part in the investigation']);
  assert.deepEqual(c.eligibility.exclusion, ['can not use phone or computer', 'unwilling to take part in the investigation']);

  const a = get(p, 'PACTR202004801273802');
  assert.equal(a.registry, 'PACTR');
  assert.equal(a.titles.public, 'Lagos COVID-19 Chloroquine Treatment Trial (LACCTT)'); // _x000D_ removed
  assert.deepEqual([a.eligibility.minAgeYears, a.eligibility.maxAgeYears], [19, 44]); // 19 Year(s)
  assert.deepEqual(a.interventions.map((i) => i.name), ['Chloroquine phosphate', 'Hydroxychloroquine sulphate', 'Placebo']);
  assert.deepEqual(a.conditions, ['Covid-19']);
  assert.equal(a.phaseRaw, 'Phase-3');
  assert.equal(a.sponsor.primary, 'LAGOS STATE GOVERNMENT');
  assert.equal(a.dates.start, '2020-04-17'); // 43938
});

test('the design gold file reads as an ICTRP CSV, one registration per TrialID', { skip: !existsSync(path.join(SHARED, 'gold')) && 'needs ../shared/gold' }, async () => {
  const p = await parseFile(path.join(SHARED, 'gold/design-dev-ictrp.csv'));
  assert.equal(p.format, 'ictrp-csv');
  assert.deepEqual(p.errors, []);
  assert.equal(p.rows, 986);
  const registries = new Set([...p.regs.values()].map((r) => r.registry));
  assert.ok(registries.size >= 15, [...registries].join(', '));
});
