/**
 * What is not a trial page is not read as one: the bundled example scripts (which hold every ICTRP label and real-
 * looking ids), the README, a note that names a few fields but no registration number of its own. Each is rejected
 * with its reason, and nothing from it becomes a version of a trial. The real pages, the seeds and a publication
 * page still read (fixtures.test.ts pins every page fixture).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormat, readRecords, type ReadItem } from '../index.js';
import { inputFromBuffer } from '../input.js';
import { notAPage } from './read-page.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');

async function all(paths: string[], format?: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const i of readRecords(paths, format ? { format } : {})) out.push(i);
  return out;
}

test('a folder ingest of examples/: the scripts are rejected as program code, no record comes from them', async () => {
  const items = await all([path.join(ROOT, 'examples')]);
  const fromScripts = items.filter((i) => i.kind === 'record' && /\.mjs$/.test(i.file));
  assert.deepEqual(fromScripts.map((i) => (i.kind === 'record' ? `${i.file}: ${i.record.id}` : '')), []);
  const rejected = items.flatMap((i) => (i.kind === 'error' && /\.mjs$/.test(i.issue.file) ? [i.issue] : []));
  assert.deepEqual(rejected.map((i) => path.basename(i.file)), ['ictrp-make-examples.mjs', 'make-archives.mjs']);
  for (const i of rejected) assert.match(i.reason, /^not a trial export: .* \(looked like program code \(\d+% of its lines\)\)$/);
  // the real inputs of the folder are all still read
  assert.ok(items.some((i) => i.kind === 'record' && i.file.endsWith('page-ictrp-example.txt')));
  assert.ok(items.some((i) => i.kind === 'record' && i.file.endsWith('page-ctgov-example.html')));
});

test('README.md is rejected as Markdown; forcing --format page-text on a script gives an error, not a trial', async () => {
  const readme = await all([path.join(ROOT, 'README.md')]);
  assert.equal(readme.filter((i) => i.kind === 'record').length, 0);
  assert.ok(readme.some((i) => i.kind === 'error' && /looked like Markdown text/.test(i.issue.reason)));
  const forced = await all([path.join(ROOT, 'examples/ictrp-make-examples.mjs')], 'page-text');
  assert.deepEqual(forced.filter((i) => i.kind === 'record'), []);
  assert.ok(forced.some((i) => i.kind === 'error' && /^not a trial page: the text is program code/.test(i.issue.reason)));
});

test('a note naming a few trial fields and a register, but no registration number of its own, is not a page; the Cochrane seed (same few fields, its own number) is', { skip: !existsSync(SEEDS) && 'needs ../shared/seeds (absent)' }, async () => {
  const note = 'Meeting notes about the Cochrane COVID-19 Study Register import\n\nTitle: what to read next\nStatus: ongoing\n'
    + 'Sponsor: the data team\nCountries: everywhere\nWe still have to check the phase of each record.\n';
  const input = await inputFromBuffer('notes.txt', Buffer.from(note));
  assert.equal(detectFormat(input), null);
  const seed = readdirSync(SEEDS).sort().find((f) => f.startsWith('003_'))!;
  const cochrane = await inputFromBuffer(seed, readFileSync(path.join(SEEDS, seed)));
  assert.equal(detectFormat(cochrane)?.id, 'page-text');
  for (const f of readdirSync(SEEDS).sort().filter((f) => f.endsWith('.txt'))) {
    assert.equal(detectFormat(await inputFromBuffer(f, readFileSync(path.join(SEEDS, f))))?.id, 'page-text', f);
  }
});

test('notAPage: binary, code and Markdown are named; a page copied as text is not', () => {
  assert.equal(notAPage('\u0000\u0001\u0002\ufffd\ufffdabc\u0003\u0004'), 'binary data');
  assert.match(notAPage('import x from "y";\nconst a = {\n  b: 1,\n};\nexport default a;\n') ?? '', /^program code/);
  assert.match(notAPage('# Title\n\nSome text\n\n## Usage\n\n| a | b |\n|---|---|\n') ?? '', /^Markdown text/);
  assert.equal(notAPage(readFileSync(path.join(ROOT, 'examples/page-ictrp-example.txt'), 'utf8')), null);
});

