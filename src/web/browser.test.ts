/**
 * Browser tests with the system Chromium (/usr/bin/chromium, never a downloaded browser) against `serve` on
 * loopback: search, filter by a facet, open a study with two linked registrations side by side, export CSV,
 * dashboard charts, keyboard and phone layout; injected <script>/<img onerror> in registry fields never run.
 * Screenshots go to test-output/screenshots/ (paths printed).
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

async function shot(name: string, p: Page = page): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await p.screenshot({ path: file, fullPage: true });
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-format="csv"]')]);
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
  assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
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
