/**
 * The hostile HTTP suite: a real server on loopback, attacked the way the Reliability issue did — bad records,
 * oversized bodies and fields, query and parameter attacks, malformed HTTP, anonymous and wrong-token writes, XSS
 * payloads stored through the API and opened in Chromium — and never a 5xx. Every error is `{error, status, reason}`
 * and names its request (x-request-id). Also: load shedding answers 503 + Retry-After; a 500 quotes the request id
 * that the structured log carries.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SqliteStore } from '../store/sqlite/store.js';
import { loadFixtures } from '../search/__fixtures__/registrations.js';
import { buildApp, startServer, type RunningServer } from './server.js';
import type { Store } from '../store/types.js';

const TOKEN = 'hostile-token-123';
const CHROMIUM = '/usr/bin/chromium';
let dir: string;
let store: SqliteStore;
let server: RunningServer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ta-hostile-'));
  store = new SqliteStore(path.join(dir, 't.db'));
  await loadFixtures(store);
  server = await startServer({ store, host: '127.0.0.1', port: 0, adminToken: TOKEN, ingestLimits: { maxRecords: 50, maxBytes: 4 * 1024 * 1024, maxRecordChars: 1024 * 1024 } });
});

after(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Res { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One request over a real socket (no inject: the HTTP parser is part of what is attacked). */
function http(method: string, pathAndQuery: string, opts: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const u = new URL(server.url);
    const req = httpRequest({ host: u.hostname, port: u.port, method, path: pathAndQuery, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body); else req.end();
  });
}

const post = (body: string, type = 'application/json', token: string | null = TOKEN) =>
  http('POST', '/api/v1/ingest', { body, headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

/** No 5xx; an error is the API's JSON shape with a reason (HTML pages: any body). */
function sane(r: Res, what: string): void {
  assert.ok(r.status < 500, `${what}: ${r.status} ${r.body.slice(0, 300)}`);
  assert.ok(r.headers['x-request-id'] || r.status === 431 || r.status === 400, `${what}: x-request-id`);
  if (r.status >= 400 && String(r.headers['content-type']).startsWith('application/json')) {
    const b = JSON.parse(r.body) as { error?: unknown; status?: unknown; reason?: unknown };
    assert.equal(b.status, r.status, what);
    assert.equal(typeof b.error, 'string', what);
    assert.equal(typeof b.reason, 'string', what);
  }
}

const rec = (id: string, extra: Record<string, unknown> = {}) => ({ id, registry: 'ClinicalTrials.gov', titles: { public: `Quokka trial ${id}` }, conditions: ['Quokka syndrome'], ...extra });

test('a record whose title is a number is refused with 400 and the field; nothing is stored; later posts and searches work', async () => {
  const bad = await post(JSON.stringify([rec('NCT09990001', { titles: { public: 42 } })]));
  sane(bad, 'bad');
  assert.equal(bad.status, 400, bad.body);
  const b = JSON.parse(bad.body);
  assert.equal(b.rejected[0].field, 'titles.public');
  assert.match(b.reason, /titles\.public is 42 but must be a string or null/);
  assert.equal((await http('GET', '/api/v1/registrations/NCT09990001')).status, 404, 'not stored');
  const ok = await post(JSON.stringify([rec('NCT09990002')]));
  assert.equal(ok.status, 200, ok.body);
  assert.equal(JSON.parse(ok.body).new, 1);
  const found = JSON.parse((await http('GET', '/api/v1/studies?query.term=quokka')).body);
  assert.ok(found.studies.some((s: { primaryId: string }) => s.primaryId === 'NCT09990002'));
});

test('ids the readers reject are refused; implausible values are stored with a warning', async () => {
  for (const id of ['../../<b>x</b>', 'x'.repeat(100_000)]) {
    const r = await post(JSON.stringify([rec(id)]));
    sane(r, 'id');
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.body).rejected[0].field, 'id');
  }
  const odd = await post(JSON.stringify([rec('NCT09990003', { enrollment: { target: 1e23 }, dates: { registration: '2099-01-01' } })]));
  assert.equal(odd.status, 200, odd.body);
  const w = JSON.parse(odd.body).warnings.join('\n');
  assert.match(w, /enrollment\.target is 1e\+23/);
  assert.match(w, /dates\.registration is 2099-01-01, after the record was read/);
});

test('oversized: records per request, characters per record and bytes per request are limited (413 with what was stored); fields are cut', async () => {
  const many = Array.from({ length: 60 }, (_, i) => JSON.stringify(rec(`NCT0998${String(i).padStart(4, '0')}`))).join('\n');
  const r1 = await post(many, 'application/x-ndjson');
  sane(r1, 'records');
  assert.equal(r1.status, 413);
  const b1 = JSON.parse(r1.body);
  assert.match(b1.reason, /more than 50 records in one request: the first 50 were ingested/);
  assert.equal(b1.new, 50);
  const huge = await post(JSON.stringify(rec('NCT09990004', { description: { brief: 'd'.repeat(2 * 1024 * 1024) } })), 'application/x-ndjson');
  sane(huge, 'record size');
  assert.equal(huge.status, 413);
  assert.match(JSON.parse(huge.body).reason, /record 1 \(line 1\) is longer than 1048576 characters/);
  const declared = await http('POST', '/api/v1/ingest', { body: 'x'.repeat(5 * 1024 * 1024), headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}` } });
  sane(declared, 'bytes');
  assert.equal(declared.status, 413);
  // a 30 MB title through the API used to be stored whole (its page took 43 s); now it is cut like a file's
  const longTitle = await post(JSON.stringify([rec('NCT09990005', { titles: { public: 't'.repeat(500_000) } })]));
  assert.equal(longTitle.status, 200, longTitle.body);
  assert.match(JSON.parse(longTitle.body).warnings[0], /titles\.public was 500000 characters long; truncated to 10000/);
  const stored = JSON.parse((await http('GET', '/api/v1/registrations/NCT09990005')).body);
  assert.equal(stored.titles.public.length, 10_000);
  for (const body of ['{not json', '[1,2,3]', '"just a string"', '{"registrations": 5}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', '', 'null']) {
    const r = await post(body);
    sane(r, `body ${body.slice(0, 20)}`);
    assert.equal(r.status, 400, `${body}: ${r.body}`);
  }
  const deep = await post(JSON.stringify([rec('NCT09990006')]).replace('"registry"', `"extra":${'['.repeat(5000)}${']'.repeat(5000)},"registry"`));
  sane(deep, 'deep');
});

test('anonymous and wrong-token writes are refused before the body is read; a read-only server refuses all writes', async () => {
  const anon = await post(JSON.stringify([rec('NCT09990007')]), 'application/json', null);
  assert.equal(anon.status, 401);
  sane(anon, 'anon');
  const wrong = await post(JSON.stringify([rec('NCT09990007')]), 'application/json', 'nope');
  assert.equal(wrong.status, 401);
  const huge = await http('POST', '/api/v1/ingest', { body: 'x'.repeat(5 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
  assert.equal(huge.status, 401, 'the token is checked before the size');
  for (const m of ['PUT', 'DELETE', 'PATCH']) {
    const r = await http(m, '/api/v1/ingest', { body: '[]', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
    sane(r, m);
    assert.ok(r.status >= 400 && r.status < 500, `${m}: ${r.status}`);
  }
  assert.equal((await http('GET', '/api/v1/registrations/NCT09990007')).status, 404);
  const ro = await buildApp({ store });
  try {
    const r = await ro.inject({ method: 'POST', url: '/api/v1/ingest', payload: [rec('NCT09990008')], headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.statusCode, 403);
  } finally { await ro.close(); }
});

test('query and parameter attacks: never a 5xx, errors in the API shape', async () => {
  const paths = [
    `/api/v1/studies?query.term=${'('.repeat(3000)}x${')'.repeat(3000)}`,
    `/api/v1/studies?query.term=${encodeURIComponent('"unterminated')}`,
    `/api/v1/studies?query.term=${'a OR '.repeat(500)}b`,
    '/api/v1/studies?query.term=%00%01%02', '/api/v1/studies?query.term=*', '/api/v1/studies?query.term=-', '/api/v1/studies?query.term=NOT',
    '/api/v1/studies?query.term=a*b*c*d*e*f*g*', '/api/v1/studies?query.term=' + encodeURIComponent('title:"" AND cond:'),
    '/api/v1/studies?pageSize=1e9', '/api/v1/studies?pageSize=-1', '/api/v1/studies?pageSize=abc', '/api/v1/studies?pageToken=%7B%7D',
    '/api/v1/studies?pageToken=' + 'A'.repeat(5000), '/api/v1/studies?__proto__[x]=1', '/api/v1/studies?constructor.prototype.x=1',
    '/api/v1/studies?filter.phase=%3Cscript%3E', '/api/v1/studies?filter.overallStatus=' + ',' .repeat(2000), '/api/v1/studies?fields=__proto__',
    '/api/v1/studies?query.term=a&query.term=b', '/api/v1/studies?format=xml', '/api/v1/studies?sort=' + encodeURIComponent('1;DROP TABLE x'),
    '/api/v1/studies?filter.year=99999999999-1', '/api/v1/studies?filter.age=1e400', '/api/v1/studies?filter.advanced=AREA%5BPhase%5D',
    '/api/v1/studies/' + encodeURIComponent('../../etc/passwd'), '/api/v1/studies/%2e%2e%2f%2e%2e', '/api/v1/registrations/x?version=99999999999',
    '/api/v1/registrations/x?version=-1', '/api/v1/stats?by=__proto__', '/api/v1/export?format=csv&query.term=(', '/api/v1/export?what=../../x',
    '/api/v1/studies/%E0%A4%A', '/api/v1/%', '/fhir/ResearchStudy?_count=-5', '/fhir/ResearchStudy/%00',
    '/?query.term=' + encodeURIComponent('<script>alert(1)</script>'), '/study/' + encodeURIComponent('<img src=x onerror=alert(1)>'),
  ];
  for (const p of paths) {
    const r = await http('GET', p.replace(/ /g, '%20').replace(/"/g, '%22'));
    sane(r, p.slice(0, 80));
  }
  const bad = await http('GET', '/api/v1/studies/%E0%A4%A');
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).reason, /URL is not valid/);
});

test('malformed HTTP: oversized headers (431) and a broken request line answer in the API error shape', async () => {
  const big = await http('GET', `/api/v1/studies?query.term=${'a'.repeat(20_000)}`);
  assert.equal(big.status, 431);
  assert.deepEqual(Object.keys(JSON.parse(big.body)).sort(), ['error', 'reason', 'status']);
  const raw = await new Promise<string>((resolve, reject) => {
    const u = new URL(server.url);
    const s = connect(Number(u.port), u.hostname, () => s.end('GARBAGE / HTTP/9.9\r\n\r\n'));
    let out = '';
    s.on('data', (d) => { out += String(d); });
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
  assert.match(raw, /^HTTP\/1\.1 400 /);
  assert.match(raw, /"status":400/);
});

test('security headers on every kind of response: CSP, nosniff, frame and referrer policies', async () => {
  for (const p of ['/', '/api/v1/studies?pageSize=1', '/api/v1/nope', '/study/NCT04280705', '/api/v1/openapi.json']) {
    const r = await http('GET', p);
    assert.ok(String(r.headers['content-security-policy']).includes("frame-ancestors 'none'"), p);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
    assert.equal(r.headers['x-frame-options'], 'DENY', p);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', p);
  }
  assert.match(String((await http('GET', '/')).headers['content-security-policy']), /script-src 'self'/);
});

test('a 500 names its request id, and the structured log has the error under that id', async () => {
  const lines: string[] = [];
  const log = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  const broken = new Proxy(store as Store, {
    get(target, prop, receiver) {
      if (prop === 'getRegistration') return async () => { throw new Error('disk on fire'); };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const app = await buildApp({ store: broken, logger: { stream: log } });
  try {
    const r = await app.inject({ method: 'GET', url: '/api/v1/registrations/NCT04280705' });
    assert.equal(r.statusCode, 500);
    const id = String(r.headers['x-request-id']);
    assert.ok(id.length > 3);
    assert.match(JSON.parse(r.body).reason, new RegExp(`request id ${id}`));
    assert.doesNotMatch(r.body, /disk on fire/, 'no internals in the response');
    const entries = lines.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as { reqId?: string; level: number; err?: { message?: string } });
    assert.ok(entries.some((e) => e.reqId === id && e.level >= 50 && /disk on fire/.test(e.err?.message ?? '')), lines.join(''));
    assert.ok(entries.some((e) => e.reqId === id && (e as { msg?: string }).msg === 'incoming request'), 'requests are logged');
  } finally { await app.close(); }
});

test('load shedding: past the bound on requests in progress, 503 with Retry-After at once, in the API shape', async () => {
  const s = await startServer({ store, host: '127.0.0.1', port: 0, adminToken: TOKEN, shed: { maxInFlight: 1, maxEventLoopDelayMs: 60_000 } });
  try {
    const u = new URL(s.url);
    // one request in progress: a POST whose body has not ended
    const slow = httpRequest({ host: u.hostname, port: u.port, method: 'POST', path: '/api/v1/ingest', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}` } });
    const slowDone = new Promise<number>((resolve) => slow.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); }));
    slow.write(JSON.stringify(rec('NCT09990009')) + '\n');
    await new Promise((r) => setTimeout(r, 200));
    const shed = await new Promise<Res>((resolve, reject) => {
      httpRequest({ host: u.hostname, port: u.port, path: '/api/v1/studies?pageSize=1' }, (res) => {
        let body = '';
        res.on('data', (d) => { body += String(d); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      }).on('error', reject).end();
    });
    assert.equal(shed.status, 503);
    assert.equal(shed.headers['retry-after'], '1');
    assert.match(JSON.parse(shed.body).reason, /busy/);
    slow.end();
    assert.equal(await slowDone, 200);
  } finally { await s.close(); }
});

test('load shedding: while the event loop runs late (synchronous work queued), new requests get 503 at once', async () => {
  const app = await buildApp({ store, shed: { maxInFlight: 1000, maxEventLoopDelayMs: 100 } });
  try {
    await app.ready();
    assert.equal((await app.inject({ url: '/api/v1/studies?pageSize=1' })).statusCode, 200);
    const t = Date.now();
    while (Date.now() - t < 400) { /* the loop is busy: requests queue behind this */ }
    const r = await app.inject({ url: '/api/v1/studies?pageSize=1' });
    assert.equal(r.statusCode, 503, r.body);
    assert.match(JSON.parse(r.body).reason, /ms late/);
  } finally { await app.close(); }
});

test('XSS payloads posted through the API never run in the browser', { skip: !existsSync(CHROMIUM) && `needs Chromium at ${CHROMIUM}` }, async () => {
  const payloads = {
    titles: { public: '<script>window.__pwned=11;alert(11)</script><img src=x onerror="window.__pwned=12;alert(12)"> Wombat trial', scientific: '"><svg onload="window.__pwned=13">' },
    conditions: ['<iframe src="javascript:window.top.__pwned=14"></iframe>Wombat fever'],
    sponsor: { primary: '</title><script>window.__pwned=15</script>' },
    source: { url: 'javascript:window.__pwned=16' },
    description: { brief: '<a href="javascript:window.__pwned=17">click</a>{{constructor.constructor("window.__pwned=18")()}}' },
    interventions: [{ name: '<details open ontoggle="window.__pwned=19">x', type: 'drug' }],
  };
  const r = await post(JSON.stringify([rec('NCT09990010', payloads)]));
  assert.equal(r.status, 200, r.body);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    for (const p of ['/study/NCT09990010', '/?query.term=wombat', '/api/v1/registrations/NCT09990010', '/api/v1/studies?query.term=wombat']) {
      const res = await page.goto(server.url + p);
      assert.ok(res && res.status() < 500, p);
      if (p === '/study/NCT09990010') {
        for (const a of await page.$$('a')) {
          const href = (await a.getAttribute('href')) ?? '';
          assert.doesNotMatch(href, /^\s*javascript:/i, 'no javascript: link');
        }
        await page.click('details', { trial: true }).catch(() => undefined);
      }
      assert.equal(await page.evaluate('window.__pwned'), undefined, p);
    }
    assert.deepEqual(dialogs, []);
  } finally { await browser.close(); }
});
