import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { emptyRegistration, type Registration } from '../model/registration.js';
import { openStore } from '../store/index.js';
import { changeRow, registrationRow } from './columns.js';
import { writeCsv, writeJsonArray } from './text-formats.js';
import { writeXlsx } from './xlsx.js';
import { risRecord } from './ris.js';
import { exportData, STUDY_CHARACTERISTICS_COLUMNS } from './index.js';
import { linkIncremental } from '../link/index.js';
import type { Store } from '../store/types.js';
import type { Study } from '../model/study.js';
import { readRecords } from '../sources/index.js';
import { ingest } from '../pipeline/ingest.js';
import { valueAt } from '../link/study.js';
import { characteristicsRow, type Cell, type CharacteristicsColumn } from '../extract/characteristics.js';
import { reported } from './study-row.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ICTRP_CSV = path.resolve(ROOT, '../shared/data/ictrp/COVID19-927-trials_7Apr2020.csv');

async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await run(out);
  out.end();
  return Buffer.concat(chunks);
}

async function* from<T>(items: T[]): AsyncIterable<T> { yield* items; }

function hostile(): Registration {
  const r = emptyRegistration('IRCT20200101000001N1', 'IRCT', { url: 'https://en.irct.ir/trial/1' });
  r.titles.public = 'Quote " comma , and\nnew line <script>alert(1)</script>';
  r.countries = ['Iran', 'Iraq'];
  r.conditions = ['COVID-19', 'ARDS'];
  r.dates.registration = '2020-04-05';
  return r;
}

test('CSV: RFC 4180 quoting of hostile text, countries joined with "; "', async () => {
  const text = (await collect((out) => writeCsv(['id', 'public_title', 'countries'], from([registrationRow(hostile())]), out))).toString();
  assert.equal(text, '\ufeffid,public_title,countries\r\nIRCT20200101000001N1,"Quote "" comma , and\nnew line <script>alert(1)</script>",Iran; Iraq\r\n');
});

test('CSV: a cell with a bare line break and no comma or quote is still quoted (one record per row)', async () => {
  const r = hostile();
  r.titles.public = 'first line\nsecond line';
  r.conditions = ['COVID-19\rARDS'];
  const text = (await collect((out) => writeCsv(['id', 'public_title', 'conditions'], from([registrationRow(r)]), out))).toString();
  assert.equal(text, '\ufeffid,public_title,conditions\r\nIRCT20200101000001N1,"first line\nsecond line","COVID-19\rARDS"\r\n');
});

test('JSON array is valid when empty and when full', async () => {
  assert.deepEqual(JSON.parse((await collect((out) => writeJsonArray(from([]), out))).toString()), []);
  assert.deepEqual(JSON.parse((await collect((out) => writeJsonArray(from([1, { a: 2 }]), out))).toString()), [1, { a: 2 }]);
});

test('RIS: one TY…ER block, single-line values, the registry URL', () => {
  const ris = risRecord(hostile());
  const lines = ris.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'TY  - DBASE');
  assert.equal(lines[lines.length - 1], 'ER  - ');
  assert.ok(lines.includes('UR  - https://en.irct.ir/trial/1'));
  assert.ok(lines.includes('AN  - IRCT20200101000001N1'));
  assert.ok(lines.includes('PY  - 2020'));
  assert.ok(lines.every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l)), 'every line is a tag line');
});

test('changes: values in words in tables — lists one item per "; ", outcomes by measure and time frame, enums spelled out, no JSON', () => {
  const row = changeRow({ registrationId: 'X', field: 'countries', before: ['China'], after: ['China', 'Iran'], fromSnapshot: 'a', toSnapshot: 'b' });
  assert.equal(row.label, 'Countries');
  assert.equal(row.before, 'China');
  assert.equal(row.after, 'China; Iran');
  assert.equal(row.from_version, null);
  const outcomes = changeRow({ registrationId: 'X', field: 'outcomes.primary', before: [],
    after: [{ measure: 'Mortality', description: 'all-cause', timeFrame: 'Day 28', timepointsDays: [28] }, { measure: 'Time to recovery', description: null, timeFrame: null, timepointsDays: [] }],
    fromSnapshot: 'a', toSnapshot: 'b' });
  assert.deepEqual([outcomes.label, outcomes.before, outcomes.after], ['Primary outcomes', 'not reported', 'Mortality (Day 28); Time to recovery']);
  const status = changeRow({ registrationId: 'X', field: 'status.recruitment', before: 'not_yet_recruiting', after: 'recruiting', fromSnapshot: 'a', toSnapshot: 'b' });
  assert.deepEqual([status.label, status.before, status.after], ['Recruitment status', 'Not yet recruiting', 'Recruiting']);
  const contacts = changeRow({ registrationId: 'X', field: 'contacts', before: [{ name: 'Li Wei', role: 'principal investigator', affiliation: null, email: 'li@example.cn', phone: null }], after: [], fromSnapshot: 'a', toSnapshot: 'b' });
  assert.equal(contacts.before, 'Li Wei, principal investigator, li@example.cn');
  for (const r of [row, outcomes, status, contacts]) for (const v of Object.values(r)) assert.doesNotMatch(String(v), /[{[]"/, 'no JSON in a cell');
});

test('XLSX: streamed workbook readable back, header then rows', async () => {
  const buf = await collect((out) => writeXlsx(['id', 'public_title'], from([registrationRow(hostile())]), out));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.getCell('A1').value, 'id');
  assert.equal(ws.getCell('A2').value, 'IRCT20200101000001N1');
  assert.match(String(ws.getCell('B2').value), /^Quote " comma/);
});

test('exportData: registrations, changes, studies, characteristics and FHIR from a real store', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-export-'));
  const store = await openStore(path.join(dir, 'x.db'));
  try {
    const v1 = hostile();
    const v2 = hostile();
    v2.enrollment.target = 40;
    await store.putBatch([v1], { file: 'w1', format: 't', exportedAt: null, ingestedAt: '1' });
    await store.putBatch([v2], { file: 'w2', format: 't', exportedAt: null, ingestedAt: '2' });
    const ndjson = (await collect((out) => exportData(store, { what: 'changes', format: 'ndjson' }, out))).toString().trim().split('\n');
    assert.deepEqual(JSON.parse(ndjson[0]!), { registrationId: 'IRCT20200101000001N1', studyId: 'IRCT20200101000001N1', field: 'enrollment.target', label: 'Target enrolment',
      before: null, after: 40, fromSnapshot: 'w1', toSnapshot: 'w2', source: 't', fromVersion: 1, toVersion: 2 });
    const studies = (await collect((out) => exportData(store, { what: 'studies', format: 'ndjson' }, out))).toString().trim().split('\n');
    assert.equal(JSON.parse(studies[0]!).primaryId, 'IRCT20200101000001N1');
    const chars = (await collect((out) => exportData(store, { what: 'characteristics', format: 'csv' }, out))).toString().split('\r\n');
    assert.match(chars[0]!, /^\ufeffid,study_id,/);
    assert.match(chars[1]!, /^IRCT20200101000001N1,/);
    const fhir = JSON.parse((await collect((out) => exportData(store, { what: 'registrations', format: 'fhir' }, out))).toString());
    assert.equal(fhir.resourceType, 'Bundle');
    assert.equal(fhir.entry.length, 1);
    assert.equal(fhir.entry[0].resource.resourceType, 'ResearchStudy');
    await assert.rejects(exportData(store, { what: 'changes', format: 'ris' }, new PassThrough()), /not available for --what changes/);
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});

/** Two registrations of one trial (linked through the secondary id), plus a trial registered once. */
async function linkedStore(run: (store: Store) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-export-'));
  const store = await openStore(path.join(dir, 'x.db'));
  try {
    const nct = emptyRegistration('NCT04341038', 'ClinicalTrials.gov', { format: 't', url: 'https://clinicaltrials.gov/study/NCT04341038' });
    nct.titles.public = 'Tacrolimus in COVID-19';
    nct.enrollment.target = 84;
    nct.dates.registration = '2020-04-10';
    nct.dates.start = '2020-04';
    nct.secondaryIds = ['EUCTR2020-001445-39'];
    const eu = emptyRegistration('EUCTR2020-001445-39', 'EUCTR', { format: 't' });
    eu.titles.public = 'Tacrolimus trial';
    eu.enrollment.target = 80;
    eu.dates.registration = '2020-04-02';
    eu.design.masking = 'none';
    eu.sponsor.primary = 'Fundació Assistencial Mútua Terrassa';
    const lone = hostile();
    lone.sponsor.primary = 'University of California, San Francisco';
    await store.putBatch([nct, eu, lone], { file: 'w1', format: 't', exportedAt: null, ingestedAt: '1' });
    await linkIncremental(store, [nct.id, eu.id, lone.id]);
    await run(store);
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
}

const exported = async (store: Store, opts: Parameters<typeof exportData>[1]): Promise<Buffer> => collect((out) => exportData(store, opts, out));

test('characteristics --per study: one row per linked trial, gaps filled from the other registration, each value naming its registration', async () => {
  await linkedStore(async (store) => {
    const rows = JSON.parse((await exported(store, { what: 'characteristics', format: 'json', per: 'study' })).toString()) as Record<string, unknown>[];
    assert.equal(rows.length, 2);
    const row = rows.find((r) => r.study_id === 'NCT04341038')!;
    assert.equal(row.registration_ids, 'NCT04341038; EUCTR2020-001445-39');
    assert.equal(row.target_size, 84, 'the primary registration leads');
    assert.equal(row.target_size_from, 'NCT04341038');
    assert.equal(row.title, 'Tacrolimus in COVID-19');
    assert.equal(row.title_from, 'NCT04341038');
    assert.equal(row.sponsor, 'Fundació Assistencial Mútua Terrassa', 'a gap is filled from the linked registration');
    assert.equal(row.sponsor_from, 'EUCTR2020-001445-39', '… and says so');
    assert.equal(row.blinded, 'No');
    assert.equal(row.blinded_from, 'EUCTR2020-001445-39');
    assert.equal(row.registration_date, '2020-04-02', 'the first registration of the trial');
    assert.equal(row.registration_date_from, 'EUCTR2020-001445-39');
    assert.equal(row.phase, null);
    assert.equal(row.phase_from, null, 'nobody reports it: no source named');
    assert.match(String(row.discrepancies), /^enrollment\.target: NCT04341038 84 \/ EUCTR2020-001445-39 80/);
    const csv = (await exported(store, { what: 'characteristics', format: 'csv', per: 'study' })).toString().split('\r\n');
    assert.equal(csv[0], '\ufeff' + STUDY_CHARACTERISTICS_COLUMNS.join(','));
    assert.equal(csv.filter(Boolean).length, 3);
    const perReg = (await exported(store, { what: 'characteristics', format: 'csv' })).toString().split('\r\n');
    assert.equal(perReg.filter(Boolean).length, 4, 'the default stays a row per registration');
  });
});

test('every export names the study of each registration: linked registrations share it', async () => {
  await linkedStore(async (store) => {
    const study = 'NCT04341038';
    const linked = ['NCT04341038', 'EUCTR2020-001445-39'];
    const ndjson = (await exported(store, { what: 'registrations', format: 'ndjson' })).toString().trim().split('\n').map((l) => JSON.parse(l) as { id: string; studyId: string });
    for (const id of linked) assert.equal(ndjson.find((r) => r.id === id)?.studyId, study, `ndjson ${id}`);
    assert.equal(ndjson.find((r) => r.id === 'IRCT20200101000001N1')?.studyId, 'IRCT20200101000001N1', 'a trial registered once is its own study');
    const json = JSON.parse((await exported(store, { what: 'registrations', format: 'json' })).toString()) as { id: string; studyId: string }[];
    for (const id of linked) assert.equal(json.find((r) => r.id === id)?.studyId, study, `json ${id}`);

    const csv = (await exported(store, { what: 'registrations', format: 'csv' })).toString().replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    const col = csv[0]!.indexOf('study_id');
    assert.ok(col > 0, 'a study_id column');
    for (const id of linked) assert.equal(csv.find((r) => r[0] === id)?.[col], study, `csv ${id}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported(store, { what: 'registrations', format: 'xlsx' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const xcol = header.indexOf('study_id') + 1;
    assert.ok(xcol > 0);
    ws.eachRow((r, n) => { if (n > 1 && linked.includes(String(r.getCell(1).value))) assert.equal(r.getCell(xcol).value, study); });

    const ris = (await exported(store, { what: 'registrations', format: 'ris' })).toString().split('ER  - \r\n').filter((b) => b.trim());
    for (const id of linked) {
      const block = ris.find((b) => b.includes(`AN  - ${id}\r\n`));
      assert.match(block ?? '', new RegExp(`^N1  - TrialAtlas study: ${study}\\. Same trial as: `, 'm'), `ris ${id}`);
    }

    const fhir = JSON.parse((await exported(store, { what: 'registrations', format: 'fhir' })).toString()) as { entry: { resource: { identifier: { value: string }[] } }[] };
    const eu = fhir.entry.find((e) => e.resource.identifier[0]!.value === 'EUCTR2020-001445-39')!;
    assert.ok(eu.resource.identifier.some((i) => i.value === study), 'FHIR: the study\'s other registrations are identifiers of each');

    const chars = JSON.parse((await exported(store, { what: 'characteristics', format: 'json' })).toString()) as { id: string; study_id: string }[];
    for (const id of linked) assert.equal(chars.find((r) => r.id === id)?.study_id, study, `characteristics ${id}`);
    // a later version of the EU record: its change names the study
    const eu2 = (await store.getRegistration('EUCTR2020-001445-39'))!.registration;
    await store.putBatch([{ ...eu2, enrollment: { ...eu2.enrollment, target: 90 } }], { file: 'w2', format: 't', exportedAt: null, ingestedAt: '2' });
    const changes = (await exported(store, { what: 'changes', format: 'csv' })).toString().split('\r\n');
    assert.match(changes[0]!, /^\ufeffregistration_id,study_id,field,/);
    assert.match(changes[1]!, /^EUCTR2020-001445-39,NCT04341038,enrollment\.target,Target enrolment,80,90,/);
    const changesJson = JSON.parse((await exported(store, { what: 'changes', format: 'json' })).toString()) as { registrationId: string; studyId: string }[];
    assert.deepEqual(changesJson.map((c) => [c.registrationId, c.studyId]), [['EUCTR2020-001445-39', study]]);
  });
});

test('studies: a trial registered once still has its characteristics, each naming its registration', async () => {
  await linkedStore(async (store) => {
    const studies = (await exported(store, { what: 'studies', format: 'ndjson' })).toString().trim().split('\n').map((l) => JSON.parse(l) as Study);
    assert.equal(studies.length, 2);
    for (const s of studies) {
      const entries = Object.entries(s.characteristics);
      assert.ok(entries.length > 3, `${s.studyId}: characteristics present`);
      for (const [field, v] of entries) assert.ok(s.registrationIds.includes(v.registrationId), `${s.studyId} ${field} names one of its registrations`);
    }
    const linked = studies.find((s) => s.studyId === 'NCT04341038')!;
    assert.deepEqual(linked.characteristics['sponsor.primary'], { value: 'Fundació Assistencial Mútua Terrassa', registrationId: 'EUCTR2020-001445-39' });
  });
});

test('CSV opens in Excel as UTF-8: it starts with a byte-order mark', async () => {
  await linkedStore(async (store) => {
    for (const what of ['registrations', 'studies', 'characteristics', 'changes'] as const) {
      const buf = await exported(store, { what, format: 'csv' });
      assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], what);
    }
    const text = (await exported(store, { what: 'characteristics', format: 'csv', per: 'study' })).toString('utf8');
    assert.ok(text.includes('Fundació Assistencial Mútua Terrassa'), 'accents survive as UTF-8');
  });
});

test('XLSX: real dates (a month-only date shown as a month), a frozen header row, filters on every column', async () => {
  await linkedStore(async (store) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported(store, { what: 'registrations', format: 'xlsx' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const at = (name: string) => header.indexOf(name) + 1;
    let row = 0;
    ws.eachRow((r, n) => { if (r.getCell(1).value === 'NCT04341038') row = n; });
    const reg = ws.getRow(row).getCell(at('registration_date'));
    assert.ok(reg.value instanceof Date, `registration_date is a date (got ${typeof reg.value})`);
    assert.equal((reg.value as Date).toISOString().slice(0, 10), '2020-04-10');
    assert.equal(reg.numFmt, 'yyyy-mm-dd');
    const start = ws.getRow(row).getCell(at('start_date'));
    assert.ok(start.value instanceof Date);
    assert.equal(start.numFmt, 'yyyy-mm', 'April 2020 stays April 2020, not 1 April');
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
    assert.ok(ws.autoFilter, 'filters on the header row');
    assert.equal(ws.getRow(1).font?.bold, true);
  });
});

test('RIS: an organisation with commas is never read as "Last, First"', () => {
  // how Zotero's RIS import reads an AU line (translators/RIS.js): up to the first comma is the last name,
  // the rest the first name; an empty first name makes it one institutional name
  const zotero = (au: string) => {
    const last = au.split(/\s*,\s*/)[0]!;
    return { last, first: au.slice(last.length).replace(/^\s*,\s*/, '') };
  };
  const tags = (ris: string, tag: string) => ris.split('\r\n').filter((l) => l.startsWith(`${tag}  - `)).map((l) => l.slice(6));
  for (const sponsor of ['University of California, San Francisco', 'Assistance Publique - Hôpitaux de Paris', 'Sanofi, Inc.,', 'World Health Organization']) {
    const r = hostile();
    r.sponsor.primary = sponsor;
    const ris = risRecord(r);
    for (const au of tags(ris, 'AU')) assert.equal(zotero(au).first, '', `${sponsor}: AU "${au}" read as one name`);
    assert.deepEqual(tags(ris, 'PB'), [sponsor.replace(/\s+/g, ' ')], `${sponsor}: whole in PB`);
  }
  const who = hostile();
  who.sponsor.primary = 'World Health Organization';
  assert.deepEqual(tags(risRecord(who), 'AU'), ['World Health Organization,'], 'a comma-free organisation is an institutional author');
});

test('RIS: no real sponsor of ../shared ICTRP data becomes "Last, First" in AU',
  { skip: !existsSync(ICTRP_CSV) && 'needs ../shared (ICTRP CSV export)' }, async () => {
  let withComma = 0;
  let n = 0;
  for await (const item of readRecords([ICTRP_CSV])) {
    if (item.kind !== 'record') continue;
    const r = item.record;
    n++;
    if (r.sponsor.primary?.includes(',')) withComma++;
    for (const line of risRecord(r).split('\r\n').filter((l) => l.startsWith('AU  - '))) {
      assert.doesNotMatch(line.slice(6), /,(?!$)/, `${r.id}: "${line}" would be split at a comma`);
    }
  }
  assert.ok(n > 900, `read the ICTRP CSV (${n})`);
  assert.ok(withComma > 10, `the data has sponsors with commas (${withComma}): the check is not empty`);
});

const REAL = [
  path.resolve(ROOT, '../shared/data/ictrp/COVID19-927-trials_7Apr2020.csv'),
  path.resolve(ROOT, '../shared/data/ctgov-tsv/ctgov-covid-20200406.tsv'),
  path.resolve(ROOT, '../shared/data/ictrp/COVID19-1135-trials_15Apr2020.csv'), // a later snapshot: registrations change after linking
];

test('invariant on real registry data: every merged per-study value names a registration of the study that states exactly that value',
  { skip: !REAL.every((f) => existsSync(f)) && 'needs ../shared (ICTRP CSV exports and a ClinicalTrials.gov download)' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-export-'));
  const store = await openStore(path.join(dir, 'real.db'));
  try {
    for (const f of REAL) await ingest(store, [f]);
    const latest = new Map<string, Registration>();
    for await (const r of store.latest()) latest.set(r.id, r);

    // export --what studies: characteristics are {value, registrationId} and the value is that registration's own
    const studies = (await exported(store, { what: 'studies', format: 'ndjson' })).toString().trim().split('\n').map((l) => JSON.parse(l) as Study);
    let multi = 0;
    let fromOther = 0;
    for (const s of studies) {
      if (s.registrationIds.length > 1) multi++;
      const entries = Object.entries(s.characteristics);
      assert.ok(entries.length > 0, `${s.studyId}: has characteristics`);
      for (const [field, { value, registrationId }] of entries) {
        assert.ok(s.registrationIds.includes(registrationId), `${s.studyId} ${field}: ${registrationId} is one of its registrations`);
        assert.deepEqual(valueAt(latest.get(registrationId)!, field), value, `${s.studyId} ${field}: the value ${registrationId} states now`);
        if (registrationId !== s.primaryId) fromOther++;
      }
    }
    assert.ok(multi >= 20, `real linked trials in the data (${multi})`);
    assert.ok(fromOther >= 20, `values filled from a registration other than the primary (${fromOther}): the check is not vacuous`);

    // export --what characteristics --per study: each reported cell has <column>_from, and that registration's own row says the same
    const rows = JSON.parse((await exported(store, { what: 'characteristics', format: 'json', per: 'study' })).toString()) as Record<string, unknown>[];
    assert.equal(rows.length, studies.length);
    const sourced = STUDY_CHARACTERISTICS_COLUMNS.filter((c) => STUDY_CHARACTERISTICS_COLUMNS.includes(`${c}_from`));
    assert.ok(sourced.includes('title') && sourced.includes('sponsor') && sourced.includes('target_size'));
    let cells = 0;
    let crossed = 0;
    for (const row of rows) {
      const ids = String(row.registration_ids).split('; ');
      for (const c of sourced) {
        const v = row[c] as Cell;
        const from = row[`${c}_from`] as string | null;
        if (!reported(v)) { assert.equal(from, null, `${row.study_id} ${c}: nothing reported, no source named`); continue; }
        cells++;
        assert.ok(from && ids.includes(from), `${row.study_id} ${c}: names one of its registrations (got ${from})`);
        assert.deepEqual(characteristicsRow(latest.get(from)!)[c as CharacteristicsColumn], v, `${row.study_id} ${c}: ${from} states exactly this`);
        if (from !== row.id) crossed++;
      }
      if (row.title_from && row.sponsor_from && row.title_from !== row.sponsor_from) crossed++;
    }
    assert.ok(cells > 10_000, `cells checked (${cells})`);
    assert.ok(crossed >= 20, `cells taken from a linked registration (${crossed})`);
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});
