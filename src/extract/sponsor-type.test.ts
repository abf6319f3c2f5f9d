/** Sponsor type: registry class, company names and legal forms, institutions, government, persons, one-word names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from './eval-design.js';
import { registration } from './__fixtures__/registrations.js';
import { extractSponsorType, looksLikePerson, sponsorTypeFromName } from './sponsor-type.js';

function each(cases: [string, string | null][], registry: Parameters<typeof sponsorTypeFromName>[1] = null): void {
  for (const [name, want] of cases) assert.equal(sponsorTypeFromName(name, registry), want, name);
}

test('large pharmaceutical companies by name, even with no legal form', () => {
  each([
    ['Pfizer', 'industry'], ['Sanofi Pasteur, a Sanofi Company', 'industry'], ['GlaxoSmithKline', 'industry'],
    ['Hoffmann-La Roche', 'industry'], ['Merck Sharp & Dohme LLC', 'industry'], ['Boehringer Ingelheim Norway KS', 'industry'],
    ['CSL Behring', 'industry'], ['AstraZeneca', 'industry'], ['Takeda', 'industry'],
  ]);
});

test('legal-form suffixes and company words → industry', () => {
  each([
    ['Vaccitech Limited', 'industry'], ['ModernaTX, Inc.', 'industry'], ['PHARMENTERPRISES LLC', 'industry'],
    ['Merck KGaA', 'industry'], ['Laboratorios Sophia S.A de C.V.', 'industry'], ['Guangdong Raynovent Biotech Co., Ltd', 'industry'],
    ['Verrica Pharmaceuticals Inc.', 'industry'], ['Arcus Biosciences, Inc.', 'industry'], ['Emergo Therapeutics, Inc.', 'industry'],
    ['Infan Industria Quimica Farmaceutica Nacional', 'industry'], ['Cadila Pharmaceuticals Limited', 'industry'],
  ]);
});

test('a legal form closing the name outranks Institute/Center, but not a hospital or a research corporation', () => {
  each([
    ['EMD Serono Research & Development Institute, Inc.', 'industry'], ['Perseverance Research Center, LLC', 'industry'],
    ['Almaa Siddha Multispeciality Hospital Pvt Ltd', 'non_industry'], ['Ottawa Heart Institute Research Corporation', 'non_industry'],
    ['ISTITUTO SCIENTIFICO ROMAGNOLO PER LO STUDIO E LA CURA DEI TUMORI (IRST) S.R.L. IRCCS', 'non_industry'],
  ]);
});

test('universities, hospitals, institutes, health services, regions and research groups → non_industry', () => {
  each([
    ['Tehran University of Medical Sciences', 'non_industry'], ['University Hospital, Lille', 'non_industry'],
    ['UZ Leuven', 'non_industry'], ['Radboudumc', 'non_industry'], ['AIIMS Rishikesh', 'non_industry'],
    ['Coordinación de Investigación en Salud, Mexico', 'non_industry'], ['Region Jönköping County', 'non_industry'],
    ['Grupo Español de Investigación en Cáncer de Ovario (GEICO)', 'non_industry'],
    ['Consorci Mar Parc de Salut de Barcelona (Parc de Salut MAR)', 'non_industry'],
    ['Section for Transfusion Medicine, Capitol Region Blood Bank', 'non_industry'],
  ]);
});

test('ministries, national agencies and defence bodies → government', () => {
  each([
    ['Ministry of Health, Brazil', 'government'], ['National Institute of Allergy and Infectious Diseases (NIAID)', 'government'],
    ['Defence Science Technology Laboratory (Dstl)', 'government'], ['Indian Council of Medical Research', 'government'],
  ]);
});

test('titled and bare personal names → investigator', () => {
  each([
    ['Dr Kashmira Rajesh Mutha', 'investigator'], ['Richard Zimmerman MD', 'investigator'], ['Jiaolin Ning,MD', 'investigator'],
    ['Theresa Winhusen, PhD', 'investigator'], ['Prof. Dr. Jörg Leuppi', 'investigator'],
    ['Vivek Chauhan', 'investigator'], ['David H. Canaday', 'investigator'], ["Jessica M D'Amico", 'investigator'],
    ["Max R. O'Donnell", 'investigator'], ['Shao-Ping Nie', 'investigator'], ['vrajesh kumar kodali', 'investigator'],
    ['Rahul SS', 'investigator'], ['NGR Vishnu Sri', 'investigator'], ['Nourhan Hassan Osama Thuraya Mohamed', 'investigator'],
    ['Paulo Roberto Slud Brofman - Curitiba, PR, Brazil', 'investigator'], ['Maria Joyera Rodr‚àö‚â†guez', 'investigator'],
  ]);
});

test('organisation-shaped names are not persons', () => {
  for (const n of [
    'Organic India', 'Azidus Brasil', 'St George Street Capital', 'Metro Infectious Disease Consultants', 'UZ Leuven',
    'NPO Petrovax', 'Neurological Associates of West Los Angeles', 'TASK Applied Science', 'Pfizer', 'AIIMS New Delhi',
  ]) assert.equal(looksLikePerson(n), false, n);
});

test('JPRN names its responsible investigator as sponsor: reviewers leave those unreported', () => {
  each([['Kimura Tadashi', null], ['YOSHIDA Kazuhiro', null], ['Osaka University', 'non_industry']], 'JPRN');
  assert.equal(sponsorTypeFromName('Kimura Tadashi'), 'investigator');
});

test('one-word sponsors: acronyms are institutions, coined brand words companies', () => {
  each([
    ['Novavax', 'industry'], ['Celltrion', 'industry'], ['AvroBio', 'industry'], ['NeoImmuneTech', 'industry'], ['Yuria-Pharm', 'industry'],
    ['JIPMER', 'non_industry'], ['UNICEF', 'non_industry'], ['DNDi', 'non_industry'], ['ISGlobal', 'non_industry'], ['FISABIO', 'non_industry'],
  ]);
});

test('empty and placeholder sponsors stay unknown', () => {
  each([['Nil', null], ['NA', null], ['None', null], ['no', null], ['-', null], ['', null], ['NULL', null]]);
});

test('the registry class wins and provenance names the field and words', () => {
  const reg = registration({ sponsor: 'Duke University', sponsorClass: 'INDUSTRY' });
  extractSponsorType(reg);
  assert.equal(reg.sponsor.type, 'industry');
  assert.deepEqual(reg.extracted?.[0], { path: 'sponsor.type', from: 'sponsor.class', text: 'INDUSTRY' });
  const named = registration({ sponsor: 'Vaxart' });
  extractSponsorType(named);
  assert.equal(named.sponsor.type, 'industry');
  assert.deepEqual(named.extracted?.[0], { path: 'sponsor.type', from: 'sponsor.primary', text: 'Vaxart' });
});

test('business words keep a two-word name from passing for a person', () => {
  for (const n of ['Stem Cells Arabia', 'Bassett Healthcare', 'Interactive Studios', 'Máxima MC']) assert.equal(looksLikePerson(n), false, n);
  each([['Fondation Ophtalmologique Adolphe de Rothschild', 'non_industry'], ['Hospices Civils de Lyon', 'non_industry'],
    ["Societa Italiana dell'Ipertensione Arteriosa", 'non_industry'], ['Cancelled', null]]);
});

const GOLD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '../shared/gold/design-dev.csv');

test('sponsor type agrees with the human labels through the real pipeline (≥95%, ≥93% on each half)',
  { skip: !existsSync(GOLD) && 'needs ../shared (gold/design-dev.csv)' }, async () => {
    const f = (await evaluate())?.fields.find((x) => x.field === 'sponsor_type');
    assert.ok(f);
    assert.ok(f.agree / f.n >= 0.95, `sponsor_type ${f.agree}/${f.n}`);
    for (const h of f.halves) assert.ok(h.agree / h.n >= 0.93, `sponsor_type half ${h.agree}/${h.n}`);
  });

test('armed forces are government (PER-060-20 "Marina de Guerra del Peru,")', () => {
  each([['Marina de Guerra del Peru,', 'government'], ['Walter Reed Army Institute of Research', 'government'], ['Ejército del Perú', 'government']]);
});

test('Finnish and Scandinavian institution words (EUCTR-FI "Terveyden ja hyvinvoinnin laitos (THL)")', () => {
  each([
    ['Terveyden ja hyvinvoinnin laitos (THL)', 'non_industry'], ['Helsingin yliopisto', 'non_industry'],
    ['Tampereen yliopistollinen sairaala', 'non_industry'], ['Karolinska Universitetssjukhuset', 'non_industry'], ['Oslo universitetssykehus', 'non_industry'],
  ]);
});

test("physicians' practices named by their specialty are non-industry (CT.gov sponsors)", () => {
  each([
    ['Neurological Associates of West Los Angeles', 'non_industry'], ['Metro Infectious Disease Consultants', 'non_industry'],
    ['Texas Oncology Specialists', 'non_industry'],
  ]);
  // a consulting firm without a medical specialty is not a practice
  assert.notEqual(sponsorTypeFromName('St George Street Capital'), 'non_industry');
});
