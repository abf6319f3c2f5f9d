import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
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
  assert.equal(text, 'id,public_title,countries\r\nIRCT20200101000001N1,"Quote "" comma , and\nnew line <script>alert(1)</script>",Iran; Iraq\r\n');
});

test('CSV: a cell with a bare line break and no comma or quote is still quoted (one record per row)', async () => {
  const r = hostile();
  r.titles.public = 'first line\nsecond line';
  r.conditions = ['COVID-19\rARDS'];
  const text = (await collect((out) => writeCsv(['id', 'public_title', 'conditions'], from([registrationRow(r)]), out))).toString();
  assert.equal(text, 'id,public_title,conditions\r\nIRCT20200101000001N1,"first line\nsecond line","COVID-19\rARDS"\r\n');
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
    assert.deepEqual(JSON.parse(ndjson[0]!), { registrationId: 'IRCT20200101000001N1', field: 'enrollment.target', label: 'Target enrolment',
      before: null, after: 40, fromSnapshot: 'w1', toSnapshot: 'w2', source: 't', fromVersion: 1, toVersion: 2 });
    const studies = (await collect((out) => exportData(store, { what: 'studies', format: 'ndjson' }, out))).toString().trim().split('\n');
    assert.equal(JSON.parse(studies[0]!).primaryId, 'IRCT20200101000001N1');
    const chars = (await collect((out) => exportData(store, { what: 'characteristics', format: 'csv' }, out))).toString().split('\r\n');
    assert.match(chars[0]!, /^id,/);
    assert.match(chars[1]!, /^IRCT20200101000001N1,/);
    const fhir = JSON.parse((await collect((out) => exportData(store, { what: 'registrations', format: 'fhir' }, out))).toString());
    assert.equal(fhir.resourceType, 'Bundle');
    assert.equal(fhir.entry.length, 1);
    assert.equal(fhir.entry[0].resource.resourceType, 'ResearchStudy');
    await assert.rejects(exportData(store, { what: 'changes', format: 'ris' }, new PassThrough()), /not available for --what changes/);
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});

test('characteristics --per study: one row per linked trial, gaps filled from the other registration, discrepancies named', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-export-'));
  const store = await openStore(path.join(dir, 'x.db'));
  try {
    const nct = emptyRegistration('NCT04341038', 'ClinicalTrials.gov', { format: 't' });
    nct.titles.public = 'Tacrolimus in COVID-19';
    nct.enrollment.target = 84;
    nct.dates.registration = '2020-04-10';
    nct.secondaryIds = ['EUCTR2020-001445-39'];
    const eu = emptyRegistration('EUCTR2020-001445-39', 'EUCTR', { format: 't' });
    eu.titles.public = 'Tacrolimus trial';
    eu.enrollment.target = 80;
    eu.dates.registration = '2020-04-02';
    eu.design.masking = 'none';
    eu.sponsor.primary = 'Fundació Assistencial Mútua Terrassa';
    await store.putBatch([nct, eu], { file: 'w1', format: 't', exportedAt: null, ingestedAt: '1' });
    await linkIncremental(store, [nct.id, eu.id]);
    const rows = JSON.parse((await collect((out) => exportData(store, { what: 'characteristics', format: 'json', per: 'study' }, out))).toString()) as Record<string, unknown>[];
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.study_id, 'NCT04341038');
    assert.equal(row.registration_ids, 'NCT04341038; EUCTR2020-001445-39');
    assert.equal(row.target_size, 84, 'the primary registration leads');
    assert.equal(row.sponsor, 'Fundació Assistencial Mútua Terrassa', 'a gap is filled from the linked registration');
    assert.equal(row.blinded, 'No');
    assert.equal(row.registration_date, '2020-04-02', 'the first registration of the trial');
    assert.match(String(row.discrepancies), /^enrollment\.target: NCT04341038 84 \/ EUCTR2020-001445-39 80/);
    const csv = (await collect((out) => exportData(store, { what: 'characteristics', format: 'csv', per: 'study' }, out))).toString().split('\r\n');
    assert.equal(csv[0], STUDY_CHARACTERISTICS_COLUMNS.join(','));
    assert.equal(csv.filter(Boolean).length, 2);
    const perReg = (await collect((out) => exportData(store, { what: 'characteristics', format: 'csv' }, out))).toString().split('\r\n');
    assert.equal(perReg.filter(Boolean).length, 3, 'the default stays a row per registration');
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});
