/**
 * page-html and page-text as formats: detection (pages claimed, structured exports left to their own formats),
 * parsing through the format, bad input, and the HTML → text step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputFromBuffer } from './input.js';
import { detectFormat } from './index.js';
import { pageHtml } from './page-html.js';
import { pageText } from './page-text.js';
import { htmlToText } from './pages/html-to-text.js';
import type { ParseItem, SourceFormat } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__/pages');
const SHARED = path.resolve(ROOT, '../shared');

async function items(format: SourceFormat, name: string, buf: Buffer): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of format.parse(await inputFromBuffer(name, buf))) out.push(it);
  return out;
}

test('htmlToText: th/td and td/td rows become label: value lines, dt/dd pairs become a label line with its colon then value, scripts dropped', () => {
  const text = htmlToText(`<html><head><script>var x = "Phase: 3";</script><style>p{}</style></head><body>
    <table><tr><th>Recruitment status</th><td>Recruiting &amp; open</td></tr><tr><td>Phase:</td><td>Phase 2</td></tr></table>
    <dl><dt>Gender</dt><dd>All</dd></dl><ul><li>Age &ge; 18</li><li>Consent</li></ul><p>10<sup>6</sup> cells</p></body></html>`);
  assert.deepEqual(text.split('\n').filter((l) => l !== ''), [
    'Recruitment status: Recruiting & open', 'Phase: Phase 2', 'Gender:', 'All', '* Age ≥ 18', '* Consent', '10^6 cells',
  ]);
});

test('htmlToText: an inline label element (span.label, <label>, a bold vocabulary label) is tab-separated from its value', () => {
  const text = htmlToText(
    '<div><span class="label">Recruitment Status</span><span class="value">Recruiting</span></div>'
    + '<div><b>Phase</b> Phase 2</div><div><label>Study type</label><span>Interventional</span></div>'
    + '<p>We <b>strongly</b> advise it</p><p><strong>Target sample size:</strong> 40</p>',
  );
  assert.deepEqual(text.split('\n').filter((l) => l !== ''), [
    'Recruitment Status\tRecruiting', 'Phase\tPhase 2', 'Study type\tInterventional', 'We strongly advise it', 'Target sample size: 40',
  ]);
});

test('HTML fixtures are detected as page-html and parse through the format', async () => {
  for (const f of readdirSync(FIX).filter((x) => x.endsWith('.html'))) {
    const buf = readFileSync(path.join(FIX, f));
    const input = await inputFromBuffer(f, buf);
    assert.equal(detectFormat(input)?.id, 'page-html', f);
    assert.equal(pageText.detect(input), 0, `${f}: markup is not page-text's`);
    const got = await items(pageHtml, f, buf);
    assert.equal(got.length, 1);
    assert.equal(got[0]!.kind, 'record', f);
    if (got[0]!.kind === 'record') {
      assert.equal(got[0]!.record.source.format, 'page-html');
      assert.equal(got[0]!.record.source.file, f);
    }
  }
});

test('text fixtures are detected as page-text', async () => {
  for (const f of readdirSync(FIX).filter((x) => x.endsWith('.txt'))) {
    const input = await inputFromBuffer(f, readFileSync(path.join(FIX, f)));
    assert.equal(detectFormat(input)?.id, 'page-text', f);
  }
});

test('page formats do not claim structured exports, JSON or prose', async () => {
  const json = Buffer.from(JSON.stringify({ protocolSection: { identificationModule: { nctId: 'NCT04252118' }, statusModule: { overallStatus: 'RECRUITING' }, designModule: { phases: ['PHASE1'], studyType: 'INTERVENTIONAL' } } }, null, 2));
  const tsv = Buffer.from('Rank\tNCT Number\tTitle\tAcronym\tStatus\tStudy Results\tConditions\n1\tNCT04333550\tDesferal\t\tRecruiting\tNo Results Available\tCOVID-19\n');
  const prose = Buffer.from('Dear colleague,\nthe meeting on stem cells is on Monday.\nPhase: one of many.\nBest wishes\n');
  for (const [name, buf] of [['a.json', json], ['a.tsv', tsv], ['a.txt', prose]] as const) {
    const input = await inputFromBuffer(name, buf);
    assert.equal(pageText.detect(input), 0, name);
    assert.equal(pageHtml.detect(input), 0, name);
  }
});

test('page scores stay below certain structured formats (≤ 0.6)', async () => {
  for (const f of readdirSync(FIX).filter((x) => /\.(txt|html)$/.test(x))) {
    const input = await inputFromBuffer(f, readFileSync(path.join(FIX, f)));
    assert.ok(Math.max(pageText.detect(input), pageHtml.detect(input)) <= 0.6, f);
  }
});

test('the real ICTRP and ClinicalTrials.gov exports are not taken for pages', { skip: !existsSync(SHARED) && 'needs ../shared (real exports)' }, async () => {
  for (const rel of ['data/ictrp/COVID19-927-trials_7Apr2020.csv', 'data/ctgov-tsv/ctgov-covid-20200406.tsv', 'data/ictrp/ICTRP-Results_18Mar2020.xml']) {
    const input = await inputFromBuffer(rel, readFileSync(path.join(SHARED, rel)).subarray(0, 64 * 1024));
    assert.equal(pageText.detect(input), 0, rel);
    assert.equal(pageHtml.detect(input), 0, rel);
  }
});

test('a page that states no registration number of its own is a record under a provisional id, with a warning', async () => {
  const page = 'Brief Summary\nA study.\nRecruitment Status: Recruiting\nPhase: Phase 2\nConditions\nCOVID-19\nRelated Clinical Trials\nNCT04554992\n';
  const got = await items(pageText, 'no-id.txt', Buffer.from(page));
  assert.equal(got.length, 1);
  assert.equal(got[0]!.kind, 'record');
  if (got[0]!.kind !== 'record') return;
  const r = got[0]!.record;
  assert.match(r.id, /^PAGE-[0-9a-f]{12}$/);
  assert.equal(r.registry, 'other');
  assert.equal(r.phase, '2');
  assert.deepEqual(r.secondaryIds, []);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!, new RegExp(`provisional id ${r.id}; the trials it lists as related \\(NCT04554992\\) are other trials`));
  // the same page as HTML: read the same way, also filed under a provisional id
  const html = `<html><body>${page.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`;
  const fromHtml = await items(pageHtml, 'no-id.html', Buffer.from(html));
  assert.equal(fromHtml[0]!.kind === 'record' && /^PAGE-[0-9a-f]{12}$/.test(fromHtml[0]!.record.id), true);
  // a page naming no trial number at all: the warning says so without a related-trials clause
  const bare = await items(pageText, 'bare.txt', Buffer.from(page.replace('NCT04554992', 'none listed')));
  assert.equal(bare[0]!.kind, 'record');
  if (bare[0]!.kind === 'record') assert.doesNotMatch(bare[0]!.record.warnings[0]!, /related/);
});

test('a partial page (half a copy) keeps what it states and leaves the rest null', async () => {
  const page = 'NCT #\nNCT04371601\nPhase\nPhase 2\nDesign\nAllocation: RandomizedIntervention Model: Parallel Assign';
  const got = await items(pageText, 'half.txt', Buffer.from(page));
  assert.equal(got[0]!.kind, 'record');
  if (got[0]!.kind !== 'record') return;
  const r = got[0]!.record;
  assert.equal(r.id, 'NCT04371601');
  assert.equal(r.phase, '2');
  assert.equal(r.design.allocation, 'randomized');
  assert.equal(r.design.model, null); // "Parallel Assign" is cut off: not read as a model
  assert.equal(r.status.recruitment, null);
  assert.equal(r.studyType, null);
  assert.deepEqual(r.eligibility.inclusion, []);
});

test('a page naming another registry\'s number before its own keeps its own as id and the other as secondary id', async () => {
  const page = 'German Clinical Trials Register\nEudraCT-Number: 2020-001678-40\nDRKS-ID: DRKS00021681\nTitle: A trial\nStudy Type: Interventional\nPhase: II\n';
  const got = await items(pageText, 'drks.txt', Buffer.from(page));
  assert.equal(got[0]!.kind, 'record');
  if (got[0]!.kind !== 'record') return;
  assert.equal(got[0]!.record.id, 'DRKS00021681');
  assert.equal(got[0]!.record.registry, 'DRKS');
  assert.deepEqual(got[0]!.record.secondaryIds, ['EUCTR2020-001678-40']);
});
