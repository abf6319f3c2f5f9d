/**
 * Semantic invariants over every registration read from ../shared/data (data/ictrp, data/ctgov-tsv, data/native),
 * each file parsed once with the project's own readers (readRecords: detection, the source formats, extraction),
 * no database. Each invariant says what a value must mean, checked against the rest of the record:
 *
 *  - prospective agrees with the dates wherever both are known (registered on or before the start; a month-only
 *    start is the first of its month); without both dates it is set only from the registry's flag, and says so;
 *  - ICTRP's `Retrospective flag` column means "registered on or before the start": `No` never on a registration
 *    made on or before its start, in every ICTRP file;
 *  - multicentre is true/false only with site or centre evidence in the record (several countries, a site list,
 *    site wording, distinct places of care), named in its provenance;
 *  - every distinct raw status of the files is one whose registry meaning is pinned
 *    (../normalise/__fixtures__/shared-statuses.ts), maps to it, and lands in `other` only when it has no single
 *    SPEC meaning; ICTRP's `Not recruiting` is shown to be such a union on the same day's ClinicalTrials.gov data;
 *    `withdrawn` only from the registry's status or its own withdrawal marker; FHIR never says `in-review`;
 *  - dates are real calendar dates (YYYY-MM-DD or YYYY-MM); registration not after the last update;
 *  - enrolment counts are non-negative integers; ages non-negative with min ≤ max;
 *  - every enum field holds a SPEC value; unknown is null, never "" (SPEC);
 *  - countries de-duplicated; the record's own id is not among its secondary ids.
 * A failure lists the first offending records (file, id, values) so a curator can look them up.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as M from '../model/registration.js';
import type { Registration } from '../model/registration.js';
import { readRecords } from '../sources/index.js';
import { normaliseRecruitment } from '../normalise/status.js';
import { NO_SPEC_MEANING, SHARED_STATUSES } from '../normalise/__fixtures__/shared-statuses.js';
import { toResearchStudy } from '../api/fhir.js';
import { isProspective } from './prospective.js';
import { REAL_ICTRP, goldRows, prospectiveAgreement } from './eval-design.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(ROOT, '../shared/data');
const DIRS = ['ictrp', 'ctgov-tsv', 'native'].map((d) => path.join(DATA, d));
const skip = !DIRS.every(existsSync) && `needs ../shared/data (${DIRS.join(', ')})`;

interface Read { file: string; reg: Registration }
const all: Read[] = [];
const files = new Map<string, string>(); // file → format

before(async () => {
  if (skip) return;
  for await (const item of readRecords(DIRS)) {
    if (item.kind === 'record') all.push({ file: path.basename(item.file), reg: item.record });
    else if (item.kind === 'file') files.set(path.basename(item.file), item.format);
  }
});

/** Up to `n` offenders as lines, and how many there were. */
function offenders(bad: string[], n = 12): string {
  return `${bad.length} offending: \n  ${bad.slice(0, n).join('\n  ')}`;
}
const who = (r: Read) => `${r.file} ${r.reg.id}`;

test('the data was read: every ICTRP and ClinicalTrials.gov file, thousands of registrations', { skip }, () => {
  for (const f of ['COVID19-1135-trials_15Apr2020.csv', 'COVID19-web_7Jul2020.xlsx', 'ICTRP-Results_18Mar2020.xml', 'ctgov-covid-20201012.tsv']) {
    assert.ok(files.has(f), `${f} not read (read: ${[...files.keys()].join(', ')})`);
  }
  assert.ok(all.length > 19000, `registrations read: ${all.length}`);
});

test('prospective agrees with the dates wherever both exist; otherwise only a registry flag sets it, and says so', { skip }, () => {
  const bad: string[] = [];
  let compared = 0;
  for (const r of all) {
    const { registration, start } = r.reg.dates;
    const want = isProspective(registration, start);
    const prov = (r.reg.extracted ?? []).filter((p) => p.path === 'prospective');
    if (want != null) {
      compared++;
      if (r.reg.prospective !== want) bad.push(`${who(r)}: registered ${registration}, started ${start}, prospective ${r.reg.prospective}`);
      else if (prov[0]?.from !== 'dates') bad.push(`${who(r)}: provenance ${JSON.stringify(prov)}`);
    } else if (r.reg.prospective != null && prov[0]?.from !== 'registry flag') {
      bad.push(`${who(r)}: prospective ${r.reg.prospective} without both dates, provenance ${JSON.stringify(prov)}`);
    }
  }
  assert.ok(compared > 18000, `registrations with both dates: ${compared}`);
  assert.deepEqual(bad, [], offenders(bad));
});

test("ICTRP's `Retrospective flag` means registered on or before the start: `No` is never such a registration", { skip }, () => {
  const full = /^\d{4}-\d{2}-\d{2}$/;
  const bad: string[] = [];
  let no = 0;
  let yesOnOrBefore = 0;
  for (const r of all) {
    const flag = r.reg.raw?.['Retrospective flag']?.toLowerCase();
    const { registration: reg, start } = r.reg.dates;
    if (!flag || !full.test(reg ?? '') || !full.test(start ?? '')) continue;
    if (flag === 'no') { no++; if (reg! <= start!) bad.push(`${who(r)}: flag No, registered ${reg}, started ${start}`); }
    if (flag === 'yes' && reg! <= start!) yesOnOrBefore++;
  }
  assert.ok(no > 1000 && yesOnOrBefore > 3000, `flag No ${no}, flag Yes on or before the start ${yesOnOrBefore}`);
  assert.deepEqual(bad, [], offenders(bad));
});

test('prospective on the real ICTRP export agrees with the gold labels of its trials (≥95%, every trial answered)',
  { skip: skip || (!existsSync(path.resolve(ROOT, '../shared/gold/design-dev.csv')) && 'needs ../shared/gold') }, () => {
    const regs = all.filter((r) => r.file === path.basename(REAL_ICTRP)).map((r) => r.reg);
    const p = prospectiveAgreement(regs, goldRows()!);
    assert.ok(p.n > 150, `gold trials in the export: ${p.n}`);
    assert.equal(p.stated, p.n, 'every gold trial has a prospective answer');
    assert.ok(p.agree / p.n >= 0.95, `agree ${p.agree}/${p.n} (the flag read by its name: ${p.flagByName}/${p.flagged})`);
  });

const SITE_EVIDENCE = /^(?:countries|raw\.Locations|raw\.Countries|contacts\.affiliation|design\.raw|titles\.\w+|description\.\w+|.*\.description)$/;

test('multicentre is true/false only with site or centre evidence in the record, named in its provenance', { skip }, () => {
  const bad: string[] = [];
  let stated = 0;
  for (const r of all) {
    const m = r.reg.design.multicentre;
    if (m == null) continue;
    stated++;
    const why = (r.reg.extracted ?? []).find((p) => p.path === 'design.multicentre');
    // a value without provenance was read by the source from the registry's own site field (a page's "Multicentre
    // trial: yes", EU CTR's "The trial involves multiple sites"); the ICTRP and ClinicalTrials.gov readers have none
    if (!why && !/^(?:ictrp-|ctgov-tsv)/.test(files.get(r.file) ?? '')) continue;
    if (!why || !SITE_EVIDENCE.test(why.from)) { bad.push(`${who(r)}: ${m} from ${JSON.stringify(why ?? null)}`); continue; }
    if (why.from === 'countries' && !(m === true && r.reg.countries.length > 1)) bad.push(`${who(r)}: ${m} from countries ${r.reg.countries.join('; ')}`);
  }
  assert.ok(stated > 3000, `registrations with a multicentre answer: ${stated}`);
  assert.deepEqual(bad, [], offenders(bad));
});

test('statuses: every raw value is pinned to its registry meaning; `other` only for values with no single SPEC meaning', { skip }, () => {
  const pinned = new Map(SHARED_STATUSES.map(([raw, want]) => [raw, want]));
  const distinct = new Map<string, number>();
  const bad: string[] = [];
  for (const r of all) {
    const { raw, recruitment } = r.reg.status;
    if (raw != null) distinct.set(raw, (distinct.get(raw) ?? 0) + 1);
    const marker = (r.reg.extracted ?? []).some((p) => p.path === 'status.recruitment');
    if (recruitment === 'other' && !NO_SPEC_MEANING.has((raw ?? '').toLowerCase())) bad.push(`${who(r)}: "${raw}" → other`);
    if (recruitment === 'withdrawn' && !marker && normaliseRecruitment(raw) !== 'withdrawn') bad.push(`${who(r)}: "${raw}" → withdrawn without a marker`);
    if (!marker && raw != null && recruitment !== normaliseRecruitment(raw)) bad.push(`${who(r)}: "${raw}" → ${recruitment}`);
    if (raw != null && recruitment == null) bad.push(`${who(r)}: "${raw}" not mapped`);
    if (toResearchStudy(r.reg).status === 'in-review') bad.push(`${who(r)}: "${raw}" → FHIR in-review`);
  }
  const unpinned = [...distinct].filter(([raw]) => !pinned.has(raw)).map(([raw, n]) => `"${raw}" (${n} registrations)`);
  assert.deepEqual(unpinned, [], 'raw statuses whose registry meaning is not pinned in shared-statuses.ts');
  assert.deepEqual(bad, [], offenders(bad));
});

test("ICTRP's `Not recruiting` is a union of ClinicalTrials.gov statuses on the same day (why it has no single SPEC meaning)", { skip }, () => {
  const ctgov = new Map(all.filter((r) => r.file === 'ctgov-covid-20200707.tsv').map((r) => [r.reg.id, r.reg.status.recruitment]));
  const seen = new Map<string, number>();
  for (const r of all) {
    if (r.file !== 'COVID19-web_7Jul2020.xlsx' || r.reg.status.raw?.toLowerCase() !== 'not recruiting') continue;
    const s = ctgov.get(r.reg.id);
    if (s) seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const big = [...seen].filter(([, n]) => n >= 50).map(([s]) => s).sort();
  assert.deepEqual(big, ['active_not_recruiting', 'completed', 'not_yet_recruiting'], JSON.stringify(Object.fromEntries(seen)));
});

const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
function realDate(d: string): boolean {
  const m = DAY.exec(d);
  if (!m) return false;
  const [y, mo, da] = [+m[1]!, +m[2]!, m[3] ? +m[3] : 1];
  const t = new Date(Date.UTC(y, mo - 1, da));
  return y >= 1900 && y <= 2100 && t.getUTCMonth() === mo - 1 && t.getUTCDate() === da;
}

test('dates are real calendar dates, and registration is not after the last update', { skip }, () => {
  const bad: string[] = [];
  for (const r of all) {
    const d = r.reg.dates;
    for (const [k, v] of Object.entries(d)) if (v != null && !realDate(v)) bad.push(`${who(r)}: dates.${k} "${v}"`);
    if (d.registration && d.lastUpdate && d.registration.slice(0, d.lastUpdate.length) > d.lastUpdate) bad.push(`${who(r)}: registered ${d.registration}, last updated ${d.lastUpdate}`);
    if (r.reg.results.firstPosted && !realDate(r.reg.results.firstPosted)) bad.push(`${who(r)}: results.firstPosted ${r.reg.results.firstPosted}`);
  }
  assert.deepEqual(bad, [], offenders(bad));
});

test('enrolment counts are non-negative integers; ages are non-negative and min ≤ max', { skip }, () => {
  const bad: string[] = [];
  for (const r of all) {
    for (const k of ['target', 'actual'] as const) {
      const v = r.reg.enrollment[k];
      if (v != null && !(Number.isInteger(v) && v >= 0)) bad.push(`${who(r)}: enrollment.${k} ${v}`);
    }
    const { minAgeYears: lo, maxAgeYears: hi } = r.reg.eligibility;
    if ((lo != null && !(lo >= 0)) || (hi != null && !(hi >= 0))) bad.push(`${who(r)}: ages ${lo}–${hi}`);
    if (lo != null && hi != null && lo > hi) bad.push(`${who(r)}: min age ${lo} > max age ${hi} (raw ${JSON.stringify([r.reg.raw?.['Inclusion agemin'], r.reg.raw?.['Inclusion agemax']])})`);
  }
  assert.deepEqual(bad, [], offenders(bad));
});

test('every enum field holds a SPEC value, and unknown is null, never ""', { skip }, () => {
  const enums: [string, (r: Registration) => unknown, readonly unknown[]][] = [
    ['registry', (r) => r.registry, [...M.REGISTRIES, 'other']], ['status.recruitment', (r) => r.status.recruitment, M.RECRUITMENT_STATUSES],
    ['studyType', (r) => r.studyType, M.STUDY_TYPES], ['phase', (r) => r.phase, M.PHASES],
    ['design.allocation', (r) => r.design.allocation, M.ALLOCATIONS], ['design.model', (r) => r.design.model, M.MODELS],
    ['design.masking', (r) => r.design.masking, M.MASKINGS], ['design.purpose', (r) => r.design.purpose, M.PURPOSES],
    ['design.controlType', (r) => r.design.controlType, M.CONTROL_TYPES], ['sponsor.type', (r) => r.sponsor.type, M.SPONSOR_TYPES],
    ['eligibility.sex', (r) => r.eligibility.sex, M.SEXES],
  ];
  const bad: string[] = [];
  const empties = (v: unknown, at: string): string[] => (v === '' ? [at]
    : Array.isArray(v) ? v.flatMap((x, i) => empties(x, `${at}[${i}]`))
      : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => empties(x, `${at}.${k}`)) : []);
  for (const r of all) {
    for (const [name, get, allowed] of enums) {
      const v = get(r.reg);
      if (v != null && !allowed.includes(v)) bad.push(`${who(r)}: ${name} "${String(v)}"`);
    }
    for (const role of r.reg.design.maskedRoles) if (!M.MASKED_ROLES.includes(role)) bad.push(`${who(r)}: maskedRole ${role}`);
    for (const i of r.reg.interventions) if (i.type != null && !M.INTERVENTION_TYPES.includes(i.type)) bad.push(`${who(r)}: intervention type ${i.type}`);
    for (const at of empties(r.reg, '')) bad.push(`${who(r)}: "" at ${at}`);
  }
  assert.deepEqual(bad, [], offenders(bad));
});

test('countries are de-duplicated; a registration is not its own secondary id', { skip }, () => {
  const bad: string[] = [];
  for (const r of all) {
    if (new Set(r.reg.countries).size !== r.reg.countries.length) bad.push(`${who(r)}: countries ${r.reg.countries.join('; ')}`);
    if (r.reg.secondaryIds.includes(r.reg.id)) bad.push(`${who(r)}: own id among secondary ids`);
    if (new Set(r.reg.secondaryIds).size !== r.reg.secondaryIds.length) bad.push(`${who(r)}: repeated secondary ids`);
  }
  assert.deepEqual(bad, [], offenders(bad));
});
