/**
 * Browser tests with the system Chromium (/usr/bin/chromium, never a downloaded browser) against `serve` on
 * loopback: search, filter by a facet, open a study with two linked registrations side by side, export CSV,
 * dashboard charts, keyboard and phone layout; injected <script>/<img onerror> in registry fields never run.
 * Then a new user's walk-through on real registry data (../shared) at desktop (1280 px) and phone (390 px) widths:
 * skip link to the results, filters ticked from the keyboard keeping the focus, filter chips, previous page, every
 * export the UI offers downloaded and opened, the study page read on a phone. The server's own security headers
 * (CSP) stay on and no policy violation may occur.
 * Screenshots go to test-output/screenshots/, downloads to test-output/exports/ (paths printed).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SqliteStore } from '../store/sqlite/store.js';
import { LINKED, loadFixtures, XSS_TITLE } from '../search/__fixtures__/registrations.js';
import { startServer, type RunningServer } from '../api/server.js';
import { ingest } from '../pipeline/ingest.js';
import ExcelJS from 'exceljs';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const skip = !existsSync(CHROMIUM) && `needs Chromium at ${CHROMIUM} (apt-get install chromium; CI installs it)`;

let dir: string;
let store: SqliteStore;
let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function shot(name: string, p: Page = page, fullPage = true): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await p.screenshot({ path: file, fullPage });
  console.log(`screenshot: ${file}`);
  return file;
}

async function pwned(p: Page = page): Promise<unknown> {
  return p.evaluate('window.__pwned');
}

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'ta-browser-'));
  store = new SqliteStore(path.join(dir, 't.db'));
  await loadFixtures(store);
  server = await startServer({ store, host: '127.0.0.1', port: 0 });
  ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  if (skip) return;
  await ctx?.close();
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('search, filter by a facet, open a study with two registrations side by side', { skip }, async () => {
  await page.goto(`${server.url}/`);
  await page.fill('#q', 'mesenchymal');
  await Promise.all([page.waitForURL(/query\.term=mesenchymal/), page.press('#q', 'Enter')]);
  assert.equal((await page.textContent('h2.count'))?.trim(), '2 studies');
  await shot('search');

  // facet: registry ChiCTR (the checkbox submits the form by itself)
  const box = page.locator('input[name="filter.registry"][value="ChiCTR"]');
  await Promise.all([page.waitForURL(/filter\.registry=ChiCTR/), box.check()]);
  assert.equal((await page.textContent('h2.count'))?.trim(), '1 study');
  assert.ok(await page.locator('input[name="filter.registry"][value="ChiCTR"]').isChecked());
  await shot('search-facet');

  await Promise.all([page.waitForURL(/\/study\//), page.locator('ol.hits li h3 a').first().click()]);
  const cols = await page.locator('table.sbs thead th.regcol').allTextContents();
  assert.equal(cols.length, 2, 'two registrations in two columns');
  for (const id of LINKED) assert.ok(cols.some((c) => c.includes(id)), id);
  const differing = await page.locator('table.sbs tr.differs th').allTextContents();
  assert.ok(differing.some((t) => t.startsWith('Phase')), `phase differs (${differing.join(', ')})`);
  assert.ok(await page.locator('a[href^="https://clinicaltrials.gov/study/NCT04252118"]').count() >= 1, 'link back to the registry');
  assert.ok(await page.locator('ol.similar li').count() >= 1, 'similar trials listed');
  assert.ok(await page.locator('table.hist').count() === 2, 'a history table per registration');
  await shot('study');
});

test('export the result set as CSV', { skip }, async () => {
  await page.goto(`${server.url}/?query.term=covid&filter.overallStatus=completed`);
  await page.click('details.exports summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-what="registrations"][data-format="csv"]')]);
  const file = path.join(dir, 'export.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  assert.ok(lines.length === 3, `header + 2 registrations (got ${lines.length})`);
  assert.ok(lines.slice(1).some((l) => l.includes('IRCT20200405046953N1')));
  console.log(`export: ${lines.length - 1} rows, suggested name ${download.suggestedFilename()}`);
});

test('an injected <script> in a registry field never runs', { skip }, async () => {
  for (const url of ['/?query.term=vitamin', '/study/ISRCTN83971151', '/dashboard?query.term=vitamin']) {
    await page.goto(`${server.url}${url}`);
    await page.waitForLoadState('load');
    assert.equal(await pwned(), undefined, url);
  }
  await page.goto(`${server.url}/study/ISRCTN83971151`);
  assert.equal((await page.textContent('h1'))?.trim(), XSS_TITLE, 'shown as text, exactly');
  assert.equal(await page.locator('main img').count(), 0, 'no injected element');
  await shot('study-injection');
  assert.deepEqual(dialogs, [], 'no alert() ran');
});

test('dashboard draws its charts from the stored data', { skip }, async () => {
  await page.goto(`${server.url}/dashboard`);
  // the page's own chart.js (served from node_modules) has drawn on the canvas
  await page.waitForFunction("!!(window.Chart && window.Chart.getChart(document.getElementById('c1')))");
  assert.equal(await page.locator('figure.chart').count(), 6);
  const months = await page.locator('figure.chart').first().locator('tbody tr').count();
  assert.ok(months >= 5, 'registrations per month rows');
  await shot('dashboard');
});

test('keyboard and phone', { skip }, async () => {
  await page.goto(`${server.url}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to results');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate('document.activeElement.id'), 'q', '"/" focuses the search box');

  const phone = await ctx.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  for (const [url, name] of [['/?query.term=covid', 'phone-search'], [`/study/${LINKED[1]}`, 'phone-study']] as const) {
    await phone.goto(`${server.url}${url}`);
    const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 1, `${url}: no sideways scrolling of the page (overflow ${overflow}px)`);
    await shot(name, phone);
  }
  await phone.close();
  assert.deepEqual(pageErrors, [], 'no script errors');
});

// ---------------------------------------------------------------------------------------------------------------
// A new user's walk-through on real registry data, at desktop and phone widths.

const SHARED_FILES = [
  path.resolve(ROOT, '../shared/data/ictrp/COVID19-927-trials_7Apr2020.csv'),
  path.resolve(ROOT, '../shared/data/ctgov-tsv/ctgov-covid-20200406.tsv'),
];
const skipReal = skip || (!SHARED_FILES.every((f) => existsSync(f)) && 'needs ../shared (an ICTRP CSV export and a ClinicalTrials.gov download)');
const EXPORTS_DIR = path.join(ROOT, 'test-output', 'exports');

let realStore: SqliteStore;
let realServer: RunningServer;
let realDir: string;

/** Content-Security-Policy violations the page reports (the server's own headers are on). */
const CSP_WATCH = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`;

async function newWalkPage(width: number, height: number): Promise<Page> {
  const p = await ctx.newPage();
  await p.setViewportSize({ width, height });
  await p.addInitScript(CSP_WATCH);
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  return p;
}

async function cspViolations(p: Page): Promise<string[]> {
  return (await p.evaluate('window.__csp || []')) as string[];
}

async function activeId(p: Page): Promise<string> {
  return String(await p.evaluate('document.activeElement && document.activeElement.id'));
}

/** Load a page and wait until app.js has run (the focus it restores is in place). */
async function visit(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await p.waitForLoadState('load');
}

before(async () => {
  if (skipReal) return;
  mkdirSync(EXPORTS_DIR, { recursive: true });
  realDir = mkdtempSync(path.join(tmpdir(), 'ta-walk-'));
  realStore = new SqliteStore(path.join(realDir, 'real.db'));
  for (const f of SHARED_FILES) await ingest(realStore, [f]);
  realServer = await startServer({ store: realStore, host: '127.0.0.1', port: 0 });
});

after(async () => {
  if (skipReal) return;
  await realServer?.close();
  await realStore?.close();
  rmSync(realDir, { recursive: true, force: true });
});

/** A quoted trial number, as CSS generated content shows it. */
const LINKED_IDS_RE = /^"[A-Za-z0-9][A-Za-z0-9/-]{4,}"$/;

/** A study of the real data with two or more registrations (its primary id). */
async function linkedStudyId(): Promise<string> {
  for await (const s of realStore.studies()) if (s.registrationIds.length >= 2) return s.primaryId;
  throw new Error('no linked study in the real data');
}

test('walk-through at 1280 px: skip link, keyboard filters keep the focus, chips, previous page', { skip: skipReal }, async () => {
  const p = await newWalkPage(1280, 900);
  try {
    await visit(p, `${realServer.url}/`);
    await shot('walk-1280-1-home', p);
    // the first Tab reaches the skip link, which lands on the results
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate('document.activeElement.textContent'), 'Skip to results');

    await p.fill('#q', 'covid');
    await Promise.all([p.waitForURL(/query\.term=covid/), p.press('#q', 'Enter')]);
    await p.waitForLoadState('load');
    assert.equal(await activeId(p), 'results-h', 'after a search the focus is on the results heading');
    const total = Number((await p.textContent('#results-h'))!.replace(/\D/g, ''));
    assert.ok(total > 40, `real results (${total})`);
    await shot('walk-1280-2-results', p);

    // tick a filter with the keyboard: the page reloads filtered, and the focus is back on that checkbox
    const box = p.locator('input[name="filter.registry"][value="ChiCTR"]');
    const boxId = await box.getAttribute('id');
    await box.focus();
    await Promise.all([p.waitForURL(/filter\.registry=ChiCTR/), p.keyboard.press('Space')]);
    await p.waitForLoadState('load');
    assert.equal(await activeId(p), boxId, 'focus stays on the filter just ticked');
    assert.ok(await p.locator(`#${boxId}`).isChecked());
    // and one more from another facet, still from the keyboard
    const status = p.locator('input[name="filter.overallStatus"]').first();
    const statusId = await status.getAttribute('id');
    await status.focus();
    await Promise.all([p.waitForURL(/filter\.overallStatus=/), p.keyboard.press('Space')]);
    await p.waitForLoadState('load');
    assert.equal(await activeId(p), statusId);

    // above the results: which filters are on, each removable
    const chips = await p.locator('#filters-on a.chip').allTextContents();
    assert.equal(chips.length, 2, `two chips (${chips.join(' | ')})`);
    assert.ok(chips.some((c) => c.startsWith('Registry: ChiCTR')), chips.join(' | '));
    const chipsBox = await p.locator('#filters-on').boundingBox();
    const firstHit = await p.locator('ol.hits li').first().boundingBox();
    assert.ok(chipsBox && firstHit && chipsBox.y < firstHit.y, 'chips are above the results');
    await shot('walk-1280-3-filtered', p);

    // from a fresh load: skip link → results → the first result in a few Tab presses (was 70)
    await visit(p, p.url());
    await p.evaluate('document.activeElement && document.activeElement.blur()');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    let presses = 2;
    const firstResult = await p.locator('ol.hits li h3 a').first().getAttribute('href');
    while (presses < 40) {
      await p.keyboard.press('Tab');
      presses++;
      if ((await p.evaluate('document.activeElement.getAttribute("href")')) === firstResult) break;
    }
    assert.ok(presses <= 8, `first result reached in ${presses} key presses`);
    console.log(`keyboard: first result after ${presses} key presses (skip link, then Tab)`);

    // remove a chip from the keyboard: the filter goes, the focus stays with the chips
    await p.locator('#filters-on a.chip', { hasText: 'Registry: ChiCTR' }).focus();
    await Promise.all([p.waitForURL((u) => !/filter\.registry=ChiCTR/.test(u.search)), p.keyboard.press('Enter')]);
    await p.waitForLoadState('load');
    assert.equal(await p.locator('#filters-on a.chip').count(), 1);
    assert.equal(await activeId(p), 'filters-on');

    // paging: next, then previous brings back the first page
    await visit(p, `${realServer.url}/?query.term=covid`);
    const firstTitle = await p.locator('ol.hits li h3 a').first().textContent();
    await Promise.all([p.waitForURL(/pageToken=/), p.click('a[rel="next"]')]);
    await p.waitForLoadState('load');
    assert.equal(await activeId(p), 'results-h', 'a new page starts at its results');
    assert.match((await p.textContent('.pager .where'))!, /^Studies 21–40 of /);
    await shot('walk-1280-4-page2', p);
    await Promise.all([p.waitForURL((u) => !u.searchParams.has('pageToken')), p.click('a[rel="prev"]')]);
    assert.equal(await p.locator('ol.hits li h3 a').first().textContent(), firstTitle);
    assert.deepEqual(await cspViolations(p), [], 'no CSP violation');
  } finally { await p.close(); }
});

/** Save one download under test-output/exports/ and return its path. */
async function download(p: Page, selector: string, name: string): Promise<string> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  const file = path.join(EXPORTS_DIR, name);
  await d.saveAs(file);
  console.log(`export: ${file} (${d.suggestedFilename()})`);
  return file;
}

test('walk-through: every export the UI offers, downloaded and opened', { skip: skipReal }, async () => {
  const p = await newWalkPage(1280, 900);
  try {
    await visit(p, `${realServer.url}/?query.term=mesenchymal`);
    const n = Number((await p.textContent('#results-h'))!.replace(/\D/g, ''));
    assert.ok(n >= 2, `mesenchymal studies (${n})`);
    await p.click('details.exports summary');
    await shot('walk-1280-5-exports', p);
    const links = await p.locator('details.exports a[data-format]').evaluateAll((as) => as.map((a) => `${a.getAttribute('data-what')}/${a.getAttribute('data-per')}/${a.getAttribute('data-format')}`));
    for (const want of ['characteristics/study/csv', 'characteristics/study/xlsx', 'characteristics/registration/csv', 'characteristics/registration/xlsx',
      'registrations/registration/csv', 'registrations/registration/xlsx', 'registrations/registration/ris', 'registrations/registration/json', 'registrations/registration/fhir']) {
      assert.ok(links.includes(want), `the UI offers ${want}`);
    }
    const sel = (what: string, per: string, f: string) => `details.exports a[data-what="${what}"][data-per="${per}"][data-format="${f}"]`;

    // a row per trial, each value naming its registration; opens in Excel as UTF-8
    const perStudy = readFileSync(await download(p, sel('characteristics', 'study', 'csv'), 'characteristics-per-study.csv'));
    assert.deepEqual([...perStudy.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const head = perStudy.toString('utf8').slice(1).split('\r\n')[0]!.split(',');
    for (const c of ['study_id', 'registration_ids', 'title', 'title_from', 'sponsor', 'sponsor_from']) assert.ok(head.includes(c), c);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download(p, sel('characteristics', 'study', 'xlsx'), 'characteristics-per-study.xlsx')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.ok(ws.autoFilter);
    const regCol = ((ws.getRow(1).values as unknown[]).slice(1) as string[]).indexOf('registration_date') + 1;
    let dates = 0;
    ws.eachRow((r, i) => { if (i > 1 && r.getCell(regCol).value instanceof Date) dates++; });
    assert.ok(dates >= 1, `registration dates are dates (${dates})`);

    const perReg = readFileSync(await download(p, sel('characteristics', 'registration', 'csv'), 'characteristics-per-registration.csv'), 'utf8');
    assert.match(perReg, /^\ufeffid,study_id,/);
    await download(p, sel('characteristics', 'registration', 'xlsx'), 'characteristics-per-registration.xlsx');

    const regsCsv = readFileSync(await download(p, sel('registrations', 'registration', 'csv'), 'registrations.csv'), 'utf8');
    assert.match(regsCsv, /^\ufeffid,study_id,/);
    await download(p, sel('registrations', 'registration', 'xlsx'), 'registrations.xlsx');
    const ris = readFileSync(await download(p, sel('registrations', 'registration', 'ris'), 'registrations.ris'), 'utf8');
    const blocks = ris.split(/^ER {2}- \r?$/m).filter((b) => b.trim());
    assert.ok(blocks.length >= 2 && blocks.every((b) => /^N1 {2}- TrialAtlas study: /m.test(b)), 'every RIS record names its study');
    assert.ok(ris.split('\r\n').filter((l) => l.startsWith('AU  - ')).every((l) => !/,(?!$)/.test(l.slice(6))), 'no AU a reference manager splits');
    const json = JSON.parse(readFileSync(await download(p, sel('registrations', 'registration', 'json'), 'registrations.json'), 'utf8')) as { id: string; studyId: string }[];
    assert.ok(json.length >= 2 && json.every((r) => typeof r.studyId === 'string' && r.studyId.length > 0));
    const fhir = JSON.parse(readFileSync(await download(p, sel('registrations', 'registration', 'fhir'), 'registrations.fhir.json'), 'utf8')) as { resourceType: string; entry: unknown[] };
    assert.equal(fhir.resourceType, 'Bundle');
    assert.equal(fhir.entry.length, json.length);

    // the study page offers its own characteristics row
    const id = await linkedStudyId();
    await visit(p, `${realServer.url}/study/${encodeURIComponent(id)}`);
    const row = readFileSync(await download(p, 'a[data-what="characteristics"][data-format="csv"]', 'study-characteristics.csv'), 'utf8').slice(1).trim().split('\r\n');
    assert.equal(row.length, 2, 'header and the one study');
    assert.ok(row[1]!.startsWith(`${id},`), row[1]);
    await download(p, 'a[data-what="registrations"][data-format="ris"]', 'study.ris');
    await shot('walk-1280-6-study', p);
    assert.deepEqual(await cspViolations(p), [], 'no CSP violation');
  } finally { await p.close(); }
});

test('walk-through at 390 px: filters reachable from the top, chips, a study page readable on a phone', { skip: skipReal }, async () => {
  const p = await newWalkPage(390, 844);
  try {
    await visit(p, `${realServer.url}/?query.term=covid&filter.registry=ChiCTR`);
    const overflow = async () => Number(await p.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(await overflow() <= 1, 'no sideways scrolling');
    // the filters come after the results on a phone: a link at the top says how many are on and goes there
    const toFilters = p.locator('a.to-filters');
    assert.ok(await toFilters.isVisible(), 'a link to the filters above the results');
    assert.match((await toFilters.textContent())!, /Filters \(1 on\)/);
    const chips = p.locator('#filters-on a.chip');
    assert.equal(await chips.count(), 1);
    assert.ok(await chips.first().isVisible());
    const toBox = await toFilters.boundingBox();
    assert.ok(toBox && toBox.y < 844, 'the link to the filters is on the first screen');
    await shot('walk-390-1-results', p);
    await toFilters.click();
    await p.waitForFunction("location.hash === '#filters'");
    const facetsTop = await p.locator('#filters').boundingBox();
    assert.ok(facetsTop && facetsTop.y < 200 && facetsTop.y > -50, `the filters are in view after the jump (y=${facetsTop?.y})`);
    await shot('walk-390-2-filters', p, false);

    // a linked study: every field label readable (not one letter per line), each value labelled with its registration
    const id = await linkedStudyId();
    await visit(p, `${realServer.url}/study/${encodeURIComponent(id)}`);
    assert.ok(await overflow() <= 1, 'no sideways scrolling of the study page');
    const labels = p.locator('table.sbs tbody th[scope=row]');
    const nLabels = await labels.count();
    assert.ok(nLabels >= 5);
    for (let i = 0; i < nLabels; i++) {
      const b = (await labels.nth(i).boundingBox())!;
      assert.ok(b.width >= 250, `label ${i} is ${b.width}px wide (was about 20px: one letter per line)`);
    }
    const cells = p.locator('table.sbs tbody tr').first().locator('td');
    assert.ok(await cells.count() >= 2);
    type Styles = { getComputedStyle: (e: unknown, pseudo: string) => { content: string } };
    const before = String(await cells.first().evaluate((td) => (globalThis as unknown as Styles).getComputedStyle(td, '::before').content));
    assert.ok(LINKED_IDS_RE.test(before), `each value names its registration on a phone (${before})`);
    const cellBox = (await cells.first().boundingBox())!;
    assert.ok(cellBox.width >= 250, `a value gets the width of the screen (${cellBox.width}px)`);
    await shot('walk-390-3-study', p);
    await visit(p, `${realServer.url}/dashboard?query.term=covid`);
    await p.waitForFunction("!!(window.Chart && window.Chart.getChart(document.getElementById('c1')))");
    assert.ok(await overflow() <= 1, 'dashboard: no sideways scrolling');
    await shot('walk-390-4-dashboard', p);
    assert.deepEqual(await cspViolations(p), [], 'no CSP violation');
    assert.deepEqual(pageErrors, [], 'no script errors');
  } finally { await p.close(); }
});
