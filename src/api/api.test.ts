/**
 * REST API and FHIR over a real SQLite store (fastify inject): every search parameter, paging to the end,
 * CSV, errors with reasons, CORS for reads, read-only without a token, writes with it, OpenAPI, FHIR R4.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { SqliteStore } from '../store/sqlite/store.js';
import { emptyRegistration } from '../model/registration.js';
import { LINKED, loadFixtures } from '../search/__fixtures__/registrations.js';
import { buildApp } from './server.js';
import { classify, errorBody } from './errors.js';
import { SearchTimeoutError } from '../search/query.js';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let admin: FastifyInstance;
const TOKEN = 'test-token-123';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ta-api-'));
  store = new SqliteStore(path.join(dir, 't.db'));
  await loadFixtures(store);
  app = await buildApp({ store });
  admin = await buildApp({ store, adminToken: TOKEN });
});
after(async () => {
  await app.close();
  await admin.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(url: string) {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, headers: r.headers, body: r.body, json: () => JSON.parse(r.body) };
}
const studyIds = async (qs: string) => (await get(`/api/v1/studies?${qs}&pageSize=100`)).json().studies.map((s: { primaryId: string }) => s.primaryId).sort();

test('studies: ClinicalTrials.gov v2 shape', async () => {
  const r = await get('/api/v1/studies?query.term=covid&pageSize=3');
  assert.equal(r.status, 200);
  const body = r.json();
  assert.equal(body.studies.length, 3);
  assert.equal(body.totalCount, 6);
  assert.equal(typeof body.nextPageToken, 'string');
  assert.equal(r.headers['x-next-page-token'], body.nextPageToken);
  assert.ok(body.studies.every((s: { studyId: string; registrationIds: string[] }) => s.studyId && s.registrationIds.length >= 1));
});

test('studies: query.term, query.cond, query.intr, query.titles', async () => {
  assert.deepEqual(await studyIds('query.term=tocilizumab OR favipiravir'), ['EUCTR2020-001162-12', 'JPRN-UMIN000039686']);
  assert.deepEqual(await studyIds('query.cond=respiratory'), ['DRKS00021238']);
  assert.deepEqual(await studyIds('query.intr=mesenchymal'), [LINKED[0]], 'DRKS has mesenchymal only in its title');
  assert.deepEqual(await studyIds('query.intr=exosomes'), ['DRKS00021238']);
  assert.deepEqual(await studyIds('query.cond=covid-19&query.intr=mesenchymal'), [LINKED[0]]);
  assert.deepEqual(await studyIds('query.titles=BCG'), ['ACTRN12620000421932']);
  assert.deepEqual(await studyIds('query.cond=tocilizumab'), [], 'query.cond does not search interventions');
});

test('studies: a query past the work bound is a 400 with the reason; expansions are reported and expand=false turns them off', async () => {
  const r = await get(`/api/v1/studies?query.term=${encodeURIComponent(Array(200).fill('a*').join(' '))}`);
  assert.equal(r.status, 400);
  const body = r.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'reason', 'status']);
  assert.match(body.reason, /truncation "a\*" is too short/);
  const msc = (await get('/api/v1/studies?query.intr=MSC')).json();
  assert.deepEqual(msc.expansions?.[0]?.term, 'MSC');
  assert.ok(msc.expansions[0].added.includes('mesenchymal stem cell'));
  const off = (await get('/api/v1/studies?query.intr=MSC&expand=false')).json();
  assert.equal(off.expansions, undefined);
  assert.equal((await get('/api/v1/studies?query.term=x&expand=maybe')).status, 400);
});

test('errors: a search stopped by its time bound is a 503 with the reason', () => {
  assert.deepEqual(classify(new SearchTimeoutError(15)), { status: 503, reason: new SearchTimeoutError(15).message });
  assert.equal(errorBody(503, 'x').error, 'Service Unavailable');
});

test('studies: filters in both spellings, comma lists and repeats', async () => {
  assert.deepEqual(await studyIds('filter.overallStatus=COMPLETED'), ['IRCT20200405046953N1', 'ISRCTN83971151']);
  assert.deepEqual(await studyIds('filter.overallStatus=completed,NOT_YET_RECRUITING'), ['IRCT20200405046953N1', 'ISRCTN83971151']);
  assert.deepEqual(await studyIds('filter.phase=PHASE3&filter.overallStatus=RECRUITING'), ['ACTRN12620000421932']);
  assert.deepEqual(await studyIds('filter.phase=PHASE2'), ['DRKS00021238', 'EUCTR2020-001162-12', LINKED[0]].sort(), 'Phase 1/2 is in the PHASE2 filter, as on ClinicalTrials.gov');
  assert.deepEqual(await studyIds('filter.advanced=AREA[Phase]PHASE2'), ['DRKS00021238', 'EUCTR2020-001162-12', LINKED[0]].sort());
  assert.deepEqual(await studyIds('filter.registry=ChiCTR'), [LINKED[0]]);
  assert.deepEqual(await studyIds('filter.registry=DRKS&filter.registry=IRCT'), ['DRKS00021238', 'IRCT20200405046953N1']);
  assert.deepEqual(await studyIds('filter.country=Japan'), ['JPRN-UMIN000039686']);
  assert.deepEqual(await studyIds('filter.studyType=OBSERVATIONAL'), ['JPRN-UMIN000039686']);
  assert.deepEqual(await studyIds('filter.cellSource=umbilical_cord&filter.masking=double'), ['DRKS00021238']);
  assert.deepEqual(await studyIds('filter.age=72&filter.sex=female&filter.country=France'), ['EUCTR2020-001162-12']);
  assert.deepEqual(await studyIds('filter.year=2019'), ['ISRCTN83971151']);
});

test('studies: paging with pageToken reaches the end exactly once per study', async () => {
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await get(`/api/v1/studies?pageSize=3${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    assert.equal(r.status, 200);
    const b = r.json();
    seen.push(...b.studies.map((s: { studyId: string }) => s.studyId));
    token = b.nextPageToken;
    pages++;
  } while (token && pages < 20);
  assert.equal(pages, 3);
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7);
});

test('studies: sort by date', async () => {
  const b = (await get('/api/v1/studies?sort=date&pageSize=2')).json();
  assert.deepEqual(b.studies.map((s: { primaryId: string }) => s.primaryId), ['DRKS00021238', 'IRCT20200405046953N1']);
});

test('studies: format=csv', async () => {
  const r = await get('/api/v1/studies?query.term=mesenchymal&format=csv');
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /^text\/csv/);
  const rows = parse(r.body, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((x) => x.primaryId).sort(), ['DRKS00021238', LINKED[0]].sort());
  assert.equal(rows.find((x) => x.primaryId === LINKED[0])!.registrationIds, LINKED.join('; '));
});

test('studies: facets count studies', async () => {
  const b = (await get('/api/v1/studies?query.term=mesenchymal&facets=country,registry')).json();
  assert.deepEqual(b.facets.country, [{ value: 'China', count: 1 }, { value: 'Germany', count: 1 }]);
});

test('errors are JSON with a reason', async () => {
  const cases: [string, number, RegExp][] = [
    ['/api/v1/studies?query.term=%22open', 400, /unclosed quote/],
    ['/api/v1/studies?filter.overallStatus=SLEEPING', 400, /status: "SLEEPING"/],
    ['/api/v1/studies?pageSize=-1', 400, /pageSize/],
    ['/api/v1/studies?pageSize=ten', 400, /pageSize/],
    ['/api/v1/studies?pageToken=bogus', 400, /pageToken/],
    ['/api/v1/studies?format=xml', 400, /format/],
    ['/api/v1/studies?query.trem=x', 400, /unknown parameter "query.trem"/],
    ['/api/v1/studies?sort=price', 400, /sort/],
    ['/api/v1/studies/NCT99999999', 404, /no registration/],
    ['/api/v1/registrations/NCT99999999', 404, /no registration/],
    ['/api/v1/registrations/NCT04252118?version=9', 404, /no version 9/],
    ['/api/v1/registrations/NCT04252118?version=x', 400, /version/],
    ['/api/v1/stats?by=colour', 400, /by: must be one of/],
    ['/api/v1/nothing', 404, /no such endpoint/],
    ['/api/v1/export?format=pdf', 400, /format/],
  ];
  for (const [url, status, reason] of cases) {
    const r = await get(url);
    assert.equal(r.status, status, url);
    const b = r.json();
    assert.equal(b.status, status, url);
    assert.match(b.reason, reason, url);
    assert.equal(typeof b.error, 'string');
  }
});

test('one study by any of its registration ids, with both registrations', async () => {
  for (const id of LINKED) {
    const b = (await get(`/api/v1/studies/${id}`)).json();
    assert.equal(b.primaryId, LINKED[0]);
    assert.deepEqual(b.registrations.map((r: { id: string }) => r.id), [...LINKED]);
  }
});

test('a study by an id typed in lower case, and a path id with a slash', async () => {
  assert.equal((await get('/api/v1/studies/nct04252118')).json().primaryId, LINKED[0]);
  const r = await get(`/api/v1/studies/${encodeURIComponent('CTRI/2099/01/000001')}`);
  assert.equal(r.status, 404);
  assert.match(r.json().reason, /CTRI\/2099\/01\/000001/);
});

test('similar trials with reasons', async () => {
  const b = (await get('/api/v1/studies/ChiCTR2000029990/similar?limit=3')).json();
  assert.equal(b.similar[0].id, 'DRKS00021238');
  assert.ok(b.similar[0].reasons.length >= 1);
  assert.ok(b.similar.length <= 3);
});

test('registrations: latest and ?version=N', async () => {
  const latest = await get('/api/v1/registrations/IRCT20200405046953N1');
  assert.equal(latest.headers['x-version'], '2');
  assert.equal(latest.json().status.recruitment, 'completed');
  const v1 = (await get('/api/v1/registrations/IRCT20200405046953N1?version=1')).json();
  assert.equal(v1.status.recruitment, 'recruiting');
  const vs = (await get('/api/v1/registrations/IRCT20200405046953N1/versions')).json();
  assert.deepEqual(vs.versions.map((v: { version: number }) => v.version), [1, 2]);
});

test('stats by each dimension', async () => {
  for (const by of ['phase', 'registry', 'status', 'country', 'cellSource', 'month']) {
    const b = (await get(`/api/v1/stats?by=${by}`)).json();
    assert.equal(b.by, by);
    assert.ok(Array.isArray(b.counts) && b.counts.length > 0, by);
  }
  const reg = (await get('/api/v1/stats?by=registry')).json();
  assert.equal(reg.counts.reduce((n: number, c: { count: number }) => n + c.count, 0), 8);
  const scoped = (await get('/api/v1/stats?by=country&query.intr=mesenchymal')).json();
  assert.deepEqual(scoped.counts, [{ value: 'China', count: 2 }], 'two registrations of the linked study');
});

test('export of a result set in every format', async () => {
  const csv = await get('/api/v1/export?format=csv&query.term=mesenchymal');
  assert.equal(csv.status, 200);
  assert.match(String(csv.headers['content-disposition']), /attachment/);
  const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 3, 'the three registrations of the two studies');
  for (const f of ['xlsx', 'ris', 'json', 'ndjson', 'fhir']) {
    const r = await get(`/api/v1/export?format=${f}&filter.registry=IRCT`);
    assert.equal(r.status, 200, f);
    assert.ok(r.body.length > 0, f);
  }
  assert.equal(JSON.parse((await get('/api/v1/export?format=json&filter.registry=IRCT')).body).length, 1);
  assert.equal(JSON.parse((await get('/api/v1/export?format=fhir&filter.registry=IRCT')).body).resourceType, 'Bundle');
  assert.equal((await get('/api/v1/export?format=csv&query.term=(')).status, 400);
});

test('CORS for reads, not for writes', async () => {
  const r = await get('/api/v1/studies?pageSize=1');
  assert.equal(r.headers['access-control-allow-origin'], '*');
  const pre = await app.inject({ method: 'OPTIONS', url: '/api/v1/ingest', headers: { origin: 'https://x.example', 'access-control-request-method': 'POST' } });
  assert.equal(pre.statusCode, 204);
  assert.doesNotMatch(String(pre.headers['access-control-allow-methods']), /POST/);
  const post = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: [] , headers: { authorization: 'Bearer nope' } });
  assert.equal(post.headers['access-control-allow-origin'], undefined);
});

test('writes: read-only without a token; 401 with a wrong one; stored and searchable with the right one', async () => {
  const reg = emptyRegistration('NCT09999991', 'ClinicalTrials.gov');
  reg.titles.public = 'Zebrafish-derived quokka therapy';
  reg.conditions = ['Quokka syndrome'];
  const ro = await app.inject({ method: 'POST', url: '/api/v1/ingest', payload: [reg] });
  assert.equal(ro.statusCode, 403);
  assert.match(JSON.parse(ro.body).reason, /read-only/);
  const bad = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: [reg], headers: { authorization: 'Bearer wrong-token-12' } });
  assert.equal(bad.statusCode, 401);
  const none = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: [reg] });
  assert.equal(none.statusCode, 401);
  const ok = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: [reg, { id: '', registry: 'nowhere' }], headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(ok.statusCode, 200);
  const b = JSON.parse(ok.body);
  assert.equal(b.new, 1);
  assert.equal(b.rejected.length, 1);
  assert.match(b.rejected[0].position, /record 2/);
  assert.deepEqual(await studyIds('query.term=quokka'), ['NCT09999991']);
  const nd = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: `${JSON.stringify(reg)}\n`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' } });
  assert.equal(JSON.parse(nd.body).unchanged, 1);
  // a record as the export writes it (with the study it is linked into) posts back unchanged: studyId is not content
  const exported = (await get('/api/v1/export?format=ndjson&query.term=quokka')).body;
  assert.match(exported, /"studyId":"NCT09999991"/);
  const back = await admin.inject({ method: 'POST', url: '/api/v1/ingest', payload: exported, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' } });
  assert.equal(JSON.parse(back.body).unchanged, 1);
});

test('OpenAPI description lists every endpoint and parameter', async () => {
  const doc = (await get('/api/v1/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/v1/studies', '/api/v1/studies/{id}', '/api/v1/studies/{id}/similar', '/api/v1/registrations/{id}', '/api/v1/stats', '/fhir/ResearchStudy', '/fhir/ResearchStudy/{id}', '/api/v1/ingest']) {
    assert.ok(doc.paths[p], p);
  }
  const names = doc.paths['/api/v1/studies'].get.parameters.map((x: { name: string }) => x.name);
  for (const n of ['query.term', 'query.cond', 'query.intr', 'filter.overallStatus', 'filter.phase', 'filter.registry', 'pageSize', 'pageToken', 'format']) assert.ok(names.includes(n), n);
});

test('FHIR CapabilityStatement keeps the R4 invariants (cpb-1, cpb-2, cpb-9, cpb-12, cpb-14)', async () => {
  const r = await get('/fhir/metadata');
  assert.equal(r.status, 200);
  const cs = r.json();
  assert.equal(cs.resourceType, 'CapabilityStatement');
  assert.ok(cs.rest?.length || cs.messaging?.length || cs.document?.length, 'cpb-1: rest, messaging or document');
  assert.ok(cs.description || cs.software || cs.implementation, 'cpb-2: description, software or implementation');
  assert.ok(cs.kind !== 'instance' || cs.implementation, 'cpb-14: an instance has implementation');
  assert.equal(typeof cs.implementation?.description, 'string', 'implementation.description is required (1..1)');
  assert.match(cs.implementation?.url ?? '', /^https?:\/\/[^/]+\/fhir$/);
  assert.ok(!cs.software || typeof cs.software.name === 'string', 'software.name is required (1..1)');
  for (const rest of cs.rest) {
    const types = rest.resource.map((x: { type: string }) => x.type);
    assert.equal(new Set(types).size, types.length, 'cpb-9: a resource once per mode');
    for (const res of rest.resource) {
      const names = (res.searchParam ?? []).map((p: { name: string }) => p.name);
      assert.equal(new Set(names).size, names.length, 'cpb-12: search parameter names unique');
    }
  }
  assert.ok(cs.date && cs.status && cs.fhirVersion === '4.0.1' && cs.format?.length);
});

test('FHIR R4 ResearchStudy read and search', async () => {
  const r = await get('/fhir/ResearchStudy/ChiCTR2000029990');
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /application\/fhir\+json/);
  const rs = r.json();
  assert.equal(rs.resourceType, 'ResearchStudy');
  assert.equal(rs.id, 'ChiCTR2000029990');
  assert.equal(rs.status, 'active');
  assert.equal(rs.phase.coding[0].code, 'phase-1-phase-2');
  assert.ok(rs.identifier.some((i: { value: string; use: string }) => i.value === 'NCT04252118' && i.use === 'secondary'));
  assert.deepEqual(rs.condition, [{ text: 'Novel Coronavirus Pneumonia (COVID-19)' }]);
  const s = (await get('/fhir/ResearchStudy?condition=COVID-19&status=completed&_count=1')).json();
  assert.equal(s.resourceType, 'Bundle');
  assert.equal(s.type, 'searchset');
  assert.equal(s.total, 2);
  assert.equal(s.entry.length, 1);
  const next = s.link.find((l: { relation: string }) => l.relation === 'next');
  assert.ok(next, 'a next link');
  const page2 = (await get(new URL(next.url).pathname + new URL(next.url).search)).json();
  assert.equal(page2.entry.length, 1);
  assert.equal(page2.link.find((l: { relation: string }) => l.relation === 'next'), undefined);
  assert.notEqual(page2.entry[0].resource.id, s.entry[0].resource.id);
  const missing = await get('/fhir/ResearchStudy/NCT00000001');
  assert.equal(missing.status, 404);
  assert.equal(missing.json().resourceType, 'OperationOutcome');
  assert.equal((await get('/fhir/ResearchStudy?colour=red')).json().resourceType, 'OperationOutcome');
  assert.equal((await get('/fhir/ResearchStudy?_id=NCT04252118')).json().total, 1);
  assert.equal((await get('/fhir/ResearchStudy?phase=phase-2')).json().total, 3, 'phase-2 finds the Phase 1/2 study too');
  assert.equal((await get('/fhir/ResearchStudy?phase=http://terminology.hl7.org/CodeSystem/research-study-phase|phase-1-phase-2')).json().total, 1);
  assert.equal((await get('/fhir/ResearchStudy?phase=phase-9')).status, 400);
});

test('HTML pages escape registry text and send a strict CSP', async () => {
  for (const url of ['/?query.term=vitamin', '/study/ISRCTN83971151', '/dashboard']) {
    const r = await get(url);
    assert.equal(r.status, 200, url);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(r.body, /<script>window\.__pwned/, url);
    assert.doesNotMatch(r.body, /<img src=x/, url);
  }
  const study = await get('/study/ISRCTN83971151');
  assert.match(study.body, /&lt;script&gt;window\.__pwned=1;alert\(1\)&lt;\/script&gt;/);
  assert.equal((await get('/study/NOPE123')).status, 404);
  assert.equal((await get('/?query.term=%22x')).status, 400);
});

test('study page: discrepancies in the words of the side-by-side table, not enum codes', async () => {
  const r = await get(`/study/${LINKED[0]}`);
  assert.equal(r.status, 200);
  const disc = r.body.slice(r.body.indexOf('class="disc"'));
  assert.match(disc, /<span class="field" title="phase">Phase<\/span>: <b>Phase 1<\/b> \(NCT04252118\) vs <b>Phase 1\/2<\/b> \(ChiCTR2000029990\)/);
  assert.match(disc, />Allocation<\/span>: /, 'the field named in words, not as design.allocation');
  assert.match(disc, /<b>Non randomized<\/b> \(NCT04252118\) vs <b>Randomized<\/b>/);
});
