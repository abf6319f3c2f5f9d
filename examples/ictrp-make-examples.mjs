// Writes the bundled WHO ICTRP examples — examples/ictrp-export.{xml,csv,xlsx} — from one list of fictional
// registrations, each file spelled the way its real counterpart is (XML element names, CSV quoting and <br>,
// XLSX date cells as Excel day numbers and `_x000D_` in texts). Run: node examples/ictrp-make-examples.mjs
// The trials, people and numbers below are invented; none is copied from a real register.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const HERE = dirname(fileURLToPath(import.meta.url));

const COLUMNS = [
  'TrialID', 'Last Refreshed on', 'Public title', 'Scientific title', 'Acronym', 'Primary sponsor', 'Date registration',
  'Date registration3', 'Export date', 'Source Register', 'web address', 'Recruitment Status', 'other records',
  'Inclusion agemin', 'Inclusion agemax', 'Inclusion gender', 'Date enrollement', 'Target size', 'Study type',
  'Study design', 'Phase', 'Countries', 'Contact Firstname', 'Contact Lastname', 'Contact Address', 'Contact Email',
  'Contact Tel', 'Contact Affiliation', 'Inclusion Criteria', 'Exclusion Criteria', 'Condition', 'Intervention',
  'Primary outcome', 'results date posted', 'results date completed', 'results url link', 'Retrospective flag',
  'Bridging flag truefalse', 'Bridged type', 'results yes no',
];

const EXPORTED = '11/3/2021 9:15:02 AM'; // month-first, as ICTRP writes it
const EU_PRODUCT = '<br>Product Name: Fenalivir<br>Product Code: FNV-201<br>Pharmaceutical Form: Film-coated tablet<br>'
  + 'INN or Proposed INN: FENALIVIR<br>Route of administration of the placebo: Oral use<br><br>';
const EU_OUTCOME = 'Main Objective: To compare fenalivir with placebo in adults hospitalised with COVID-19.;'
  + 'Secondary Objective: To assess the safety of fenalivir.;'
  + 'Primary end point(s): Time to sustained clinical recovery;'
  + 'Timepoint(s) of evaluation of this end point: Day 28';
const EU_COMMON = {
  'Public title': 'A trial of fenalivir tablets in adults admitted to hospital with COVID-19',
  'Scientific title': 'A randomised, double-blind, placebo-controlled phase III trial of oral fenalivir in hospitalised adults with COVID-19 - FENIX',
  'Primary sponsor': 'Nordwind Pharma GmbH',
  'Export date': EXPORTED,
  'Source Register': 'EU Clinical Trials Register',
  'web address': 'https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:2021-004321-17',
  'Recruitment Status': 'Authorised',
  'other records': 'Yes',
  'Inclusion gender': '<br>Female: yes<br>Male: yes<br>',
  'Target size': '840',
  'Study type': 'Interventional clinical trial of medicinal product',
  'Study design': 'Controlled: yes<br>Randomised: yes<br>Open: no<br>Single blind: no<br>Double blind: yes<br>Parallel group: yes<br>'
    + 'Cross over: no<br>Other: no<br>If controlled, specify comparator, Other Medicinial Product: no<br>Placebo: yes<br>'
    + 'Other: no<br>Number of treatment arms in the trial: 2<br>',
  Phase: 'Human pharmacology (Phase I): no\nTherapeutic exploratory (Phase II): no\nTherapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): no\n',
  'Contact Firstname': 'Clinical Trial Information Desk',
  'Contact Address': 'Hafenstrasse 12',
  'Contact Email': 'trials@nordwind-pharma.example',
  'Contact Tel': '+49 40 5550 1200',
  'Contact Affiliation': 'Nordwind Pharma GmbH',
  'Inclusion Criteria': 'Inclusion criteria: <br>1. Adults aged 18 years or older<br>2. SARS-CoV-2 infection confirmed by PCR within 72 hours<br>'
    + '3. Hospitalised and requiring supplemental oxygen<br>Are the trial subjects under 18? no<br>'
    + 'Number of subjects for this age range: <br>F.1.2 Adults (18-64 years) yes<br>F.1.2.1 Number of subjects for this age range 500<br>'
    + 'F.1.3 Elderly (>=65 years) yes<br>F.1.3.1 Number of subjects for this age range 340',
  'Exclusion Criteria': 'Exclusion criteria: <br>1. Mechanical ventilation at screening<br>2. ALT or AST above 5 times the upper limit of normal<br>3. Pregnancy or breastfeeding',
  Condition: 'COVID-19 <br>MedDRA version: 21.1\nLevel: PT\nClassification code 10084268\nTerm: COVID-19\nSystem Organ Class: 10021881 - Infections and infestations\n;Therapeutic area: Diseases [C] - Virus Diseases [C02]',
  Intervention: EU_PRODUCT,
  'Primary outcome': EU_OUTCOME,
  'Bridging flag truefalse': 'True',
  'Bridged type': 'parent',
};

/** Fictional registrations, as ICTRP rows. Dates as the text exports write them; the XLSX turns them into day numbers. */
export const ROWS = [
  {
    TrialID: 'NCT05512345',
    'Last Refreshed on': '8 November 2021',
    'Public title': 'Favipiravir for Adults With Moderate COVID-19',
    'Scientific title': 'A Randomized, Double-blind, Placebo-controlled Phase 2/3 Study of Favipiravir in Adults With Moderate COVID-19                                                ',
    Acronym: 'FAVOUR',
    'Primary sponsor': 'Riverside University Hospital',
    'Date registration': '02/03/2021',
    'Date registration3': '20210302',
    'Export date': EXPORTED,
    'Source Register': 'ClinicalTrials.gov',
    'web address': 'https://clinicaltrials.gov/show/NCT05512345',
    'Recruitment Status': 'Recruiting',
    'other records': 'No',
    'Inclusion agemin': '18 Years',
    'Inclusion agemax': '80 Years',
    'Inclusion gender': 'All',
    'Date enrollement': 'March 15, 2021',
    'Target size': '320',
    'Study type': 'Interventional',
    'Study design': 'Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: Double (Participant, Investigator). ',
    Phase: 'Phase 2/Phase 3',
    Countries: 'United States;Canada;United States',
    'Contact Firstname': 'Maria;Maria',
    'Contact Lastname': 'Okafor;Okafor',
    'Contact Email': 'm.okafor@riverside-hospital.example;m.okafor@riverside-hospital.example',
    'Contact Tel': '+1 555 0142;+1 555 0142',
    'Contact Affiliation': 'Riverside University Hospital;Riverside University Hospital',
    'Inclusion Criteria': '<br>        Inclusion Criteria:<br><br>          -  Adults 18 to 80 years of age<br><br>          -  SARS-CoV-2 infection confirmed by RT-PCR<br><br>'
      + '        Exclusion Criteria:<br><br>          -  Requiring mechanical ventilation<br><br>          -  Known allergy to favipiravir<br>      ',
    Condition: 'COVID-19;SARS-CoV-2 Infection',
    Intervention: 'Drug: Favipiravir;Drug: Placebo',
    'Primary outcome': 'Time to clinical recovery [Time Frame: Day 28];Viral clearance [Time Frame: Day 7]',
    'Retrospective flag': 'No',
    'Bridging flag truefalse': 'False',
    'Bridged type': '          ',
    'results yes no': 'No',
  },
  {
    TrialID: 'ChiCTR2100045678',
    'Last Refreshed on': '1 November 2021',
    'Public title': 'Human umbilical cord mesenchymal stem cells for severe COVID-19 pneumonia',
    'Scientific title': 'A randomized, placebo-controlled trial of intravenous human umbilical cord mesenchymal stem cells (hUC-MSCs) for severe COVID-19 pneumonia',
    'Primary sponsor': 'Eastlake Hospital of Jinhua Medical University',
    'Date registration': '2021-04-12',
    'Date registration3': '20210412',
    'Export date': EXPORTED,
    'Source Register': 'ChiCTR',
    'web address': 'http://www.chictr.org.cn/showproj.aspx?proj=123456',
    'Recruitment Status': 'Not Recruiting',
    'other records': 'No',
    'Inclusion agemin': '18',
    'Inclusion agemax': '75',
    'Inclusion gender': 'Both',
    'Date enrollement': '2021-05-01',
    'Target size': 'Experimental group:30;Control group:30;',
    'Study type': 'Interventional study',
    'Study design': 'Parallel',
    Phase: '1-2',
    Countries: 'China',
    'Contact Firstname': 'Wei Zhang',
    'Contact Address': '88 Lakeside Road, Jinhua, Zhejiang, China',
    'Contact Email': 'zhangwei@eastlake-hospital.example',
    'Contact Tel': '+86 579 8555 0101',
    'Contact Affiliation': 'Department of Respiratory and Critical Care Medicine, Eastlake Hospital',
    'Inclusion Criteria': 'Inclusion criteria: 1. Aged 18 to 75 years;<br>2. Severe COVID-19 pneumonia confirmed by RT-PCR and chest CT;<br>3. Informed consent signed.',
    'Exclusion Criteria': 'Exclusion criteria: 1. Malignant tumour;<br>2. Pregnancy or lactation;<br>3. Participation in another clinical trial within 3 months.',
    Condition: 'COVID-19 pneumonia',
    Intervention: 'Experimental group:Intravenous infusion of hUC-MSCs 1×10^6 cells/kg on days 1, 3 and 5;Control group:Intravenous infusion of normal saline on days 1, 3 and 5;',
    'Primary outcome': 'PaO2/FiO2 ratio;28-day mortality;',
    'Retrospective flag': 'No',
    'Bridging flag truefalse': 'False',
    'Bridged type': '          ',
  },
  { ...EU_COMMON, TrialID: 'EUCTR2021-004321-17-DE', 'Last Refreshed on': '25 October 2021', 'Date registration': '14/09/2021', 'Date registration3': '20210914', 'Date enrollement': '01/10/2021', Countries: 'Germany', 'Retrospective flag': 'No' },
  { ...EU_COMMON, TrialID: 'EUCTR2021-004321-17-FR', 'Last Refreshed on': '1 November 2021', 'Date registration': '28/09/2021', 'Date registration3': '20210928', 'Date enrollement': '15/10/2021', Countries: 'Germany;France', 'Retrospective flag': 'No', 'Primary sponsor': 'Nordwind Pharma France SAS' },
  {
    TrialID: 'IRCT20210615051234N2',
    'Last Refreshed on': '18 October 2021',
    'Public title': 'Effect of zinc supplementation on recovery from COVID-19',
    'Scientific title': 'Effect of oral zinc sulfate on the recovery of outpatients with COVID-19: a randomized clinical trial',
    'Primary sponsor': 'Shiraz University of Medical Sciences',
    'Date registration': '20/06/2021',
    'Date registration3': '20210620',
    'Export date': EXPORTED,
    'Source Register': 'IRCT',
    'web address': 'http://en.irct.ir/trial/98765',
    'Recruitment Status': 'Recruiting',
    'other records': 'No',
    'Inclusion agemin': '18 years',
    'Inclusion agemax': '65 years',
    'Inclusion gender': 'Both',
    'Date enrollement': '01/07/2021',
    'Target size': '120',
    'Study type': 'interventional',
    'Study design': 'Randomization: Randomized, Blinding: Double blinded, Placebo: Used, Assignment: Parallel, Purpose: Treatment.',
    Phase: '3',
    Countries: 'Iran (Islamic Republic of)',
    'Contact Firstname': 'Reza Karimi',
    'Contact Address': 'Zand Street, Shiraz, Iran',
    'Contact Email': 'karimi.r@sums.example',
    'Contact Tel': '+98 71 5555 2040',
    'Contact Affiliation': 'Shiraz University of Medical Sciences',
    'Inclusion Criteria': 'Inclusion criteria: Positive SARS-CoV-2 PCR<br>Symptom onset within 5 days',
    'Exclusion Criteria': 'Exclusion criteria: Chronic kidney disease<br>Zinc supplement use in the last month',
    Condition: 'COVID-19. ;U07.1',
    Intervention: 'Intervention 1: Intervention group: zinc sulfate 50 mg orally twice daily for 10 days. Intervention 2: Control group: placebo capsules twice daily for 10 days.',
    'Primary outcome': 'Time to symptom resolution. Timepoint: Daily for 14 days. Method of measurement: Patient diary.',
    'Retrospective flag': 'No',
    'Bridging flag truefalse': 'False',
    'Bridged type': '          ',
  },
  {
    TrialID: 'CTRI/2021/07/034567',
    'Last Refreshed on': '30 September 2021',
    'Public title': 'Yoga breathing exercises after COVID-19',
    'Scientific title': 'Effect of a six-week yoga breathing programme on lung function after COVID-19 pneumonia - a randomised controlled trial',
    'Primary sponsor': 'Institute of Respiratory Rehabilitation Pune',
    'Date registration': '08/07/2021',
    'Date registration3': '20210708',
    'Export date': EXPORTED,
    'Source Register': 'CTRI',
    'web address': 'http://www.ctri.nic.in/Clinicaltrials/pmaindet2.php?trialid=60123',
    'Recruitment Status': 'Not Recruiting',
    'other records': 'No',
    'Inclusion agemin': '30.00 Year(s)',
    'Inclusion agemax': '70.00 Year(s)',
    'Inclusion gender': 'Both',
    'Date enrollement': '20/07/2021',
    'Target size': '80',
    'Study type': 'Interventional',
    'Study design': 'Randomized, Parallel Group Trial<br>  Method of generating randomization sequence:Computer generated randomization  Method of allocation concealment:Sequentially numbered, sealed, opaque envelopes  Blinding and masking:Outcome Assessor Blinded',
    Phase: 'N/A',
    Countries: 'India',
    'Contact Firstname': 'Dr Anjali Deshpande',
    'Contact Address': 'Department of Physiotherapy<br>Pune<br>MAHARASHTRA<br>411001<br>India',
    'Contact Email': 'anjali.d@irr-pune.example',
    'Contact Tel': '9820000000',
    'Contact Affiliation': 'Institute of Respiratory Rehabilitation',
    'Inclusion Criteria': 'Inclusion criteria: 1. Recovered from COVID-19 pneumonia within the past 3 months <br/ ><br>2. Able to walk unaided',
    'Exclusion Criteria': 'Exclusion criteria: 1. Unstable angina <br/ ><br>2. Oxygen dependency at rest',
    Condition: 'Health Condition 1: U099- Post COVID-19 condition, unspecified',
    Intervention: 'Intervention1: Yoga breathing programme: Pranayama sessions of 30 minutes, five days a week for six weeks<br>Control Intervention1: Standard care: Usual post-discharge advice<br>',
    'Primary outcome': 'Forced vital capacity (FVC)Timepoint: Baseline and 6 weeks',
    'Retrospective flag': 'No',
    'Bridging flag truefalse': 'False',
    'Bridged type': '          ',
  },
];

// ---- the three spellings ----

function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toXml(rows) {
  const trials = rows.map((r) => '  <Trial>\n' + COLUMNS.map((c) => {
    const tag = c.replace(/ /g, '_');
    const v = r[c] ?? '';
    return v === '' ? `    <${tag} />` : `    <${tag}>${xmlEscape(v)}</${tag}>`;
  }).join('\n') + '\n  </Trial>\n').join('');
  return `<?xml version='1.0' encoding='UTF-8' ?><Trials_downloaded_from_ICTRP>\n${trials}</Trials_downloaded_from_ICTRP>\n`;
}

function toCsv(rows) {
  const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => q(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** `02/03/2021` (day-first) or `8 November 2021` → Excel day number, as the COVID19-web XLSX holds dates. */
function excelDay(text) {
  let d;
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (dmy) d = Date.UTC(+dmy[3], +dmy[2] - 1, +dmy[1]);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) d = Date.parse(`${text}T00:00:00Z`);
  else d = Date.parse(`${text} UTC`);
  return Number.isNaN(d) ? text : d / 86400000 + 25569;
}

const DATE_COLUMNS = new Set(['Last Refreshed on', 'Date registration', 'Date enrollement']);

async function toXlsx(rows, file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('COVID19-web');
  ws.addRow(COLUMNS);
  for (const r of rows) {
    ws.addRow(COLUMNS.map((c) => {
      const v = r[c] ?? '';
      if (DATE_COLUMNS.has(c) && v && !/^[A-Za-z]+ \d/.test(v)) return excelDay(v);
      if (c === 'Export date') return 44503.3854398148; // 2021-11-03 09:15:02
      return typeof v === 'string' ? v.replace(/<br>/g, '_x000D_<br>') : v;
    }));
  }
  await wb.xlsx.writeFile(file);
}

writeFileSync(join(HERE, 'ictrp-export.xml'), toXml(ROWS));
writeFileSync(join(HERE, 'ictrp-export.csv'), toCsv(ROWS));
await toXlsx(ROWS, join(HERE, 'ictrp-export.xlsx'));
console.log('wrote examples/ictrp-export.{xml,csv,xlsx}:', ROWS.length, 'rows each');
