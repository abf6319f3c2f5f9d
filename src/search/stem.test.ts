/**
 * The Porter stemmer both backends index with: Porter's own examples, and word for word the same stems as SQLite
 * FTS5's built-in `porter` tokenizer over every plain word of a real ClinicalTrials.gov export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { porterStem } from './stem.js';
import { indexWords, queryWords, stemmedText } from './terms.js';
import { synonymsOf } from './synonyms.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSV = path.resolve(ROOT, '../shared/data/ctgov-tsv/ctgov-covid-20200707.tsv');
const skip = !existsSync(TSV) && 'needs ../shared (data/ctgov-tsv/ctgov-covid-20200707.tsv)';

test("Porter's examples", () => {
  const cases: Record<string, string> = {
    caresses: 'caress', ponies: 'poni', cats: 'cat', feed: 'feed', agreed: 'agre', plastered: 'plaster', motoring: 'motor',
    conflated: 'conflat', hopping: 'hop', falling: 'fall', filing: 'file', happy: 'happi', relational: 'relat',
    conditional: 'condit', generalization: 'gener', electrical: 'electr', adjustment: 'adjust', controlling: 'control',
    cells: 'cell', mesenchymal: 'mesenchym', stromal: 'stromal', vaccination: 'vaccin', vaccines: 'vaccin', studies: 'studi',
    mscs: 'msc', sars: 'sar', covid: 'covid', '19': '19', 'ncov': 'ncov', 'é': 'é',
  };
  for (const [w, s] of Object.entries(cases)) assert.equal(porterStem(w), s, w);
});

test('the same stems as SQLite FTS5 porter over a real export', { skip }, () => {
  const words = [...new Set(indexWords(readFileSync(TSV, 'utf8')))].filter((w) => /^[a-z]+$/.test(w));
  assert.ok(words.length > 10_000, `${words.length} distinct words`);
  const db = new Database(':memory:');
  try {
    db.exec("CREATE VIRTUAL TABLE p USING fts5(w, tokenize = 'porter ascii')");
    const ins = db.prepare('INSERT INTO p (rowid, w) VALUES (?, ?)');
    db.transaction(() => words.forEach((w, i) => ins.run(i + 1, w)))();
    db.exec("CREATE VIRTUAL TABLE temp.pv USING fts5vocab(main, p, 'instance')");
    const fts = new Map((db.prepare('SELECT doc, term FROM temp.pv').all() as { doc: number; term: string }[]).map((r) => [r.doc, r.term]));
    const differ = words.filter((w, i) => fts.get(i + 1) !== porterStem(w)).map((w) => `${w}: fts5 ${fts.get(words.indexOf(w) + 1)}, ours ${porterStem(w)}`);
    assert.deepEqual(differ, []);
  } finally {
    db.close();
  }
});

test('query words: truncation anywhere in a phrase, folded as the index folds', () => {
  assert.deepEqual(queryWords('stem cell*'), [{ word: 'stem', prefix: false }, { word: 'cell', prefix: true }]);
  assert.deepEqual(queryWords('Mésenchym* stem', false), [{ word: 'mesenchym', prefix: true }, { word: 'stem', prefix: false }]);
  assert.deepEqual(queryWords('hydroxychloro', true), [{ word: 'hydroxychloro', prefix: true }]);
  assert.equal(stemmedText('Mesenchymal Stem-Cells (MSCs)'), 'mesenchym stem cell msc');
});

test('synonym groups: any member, in any inflection, names its group', () => {
  assert.deepEqual(synonymsOf('MSCs'), ['mesenchymal stem cell', 'mesenchymal stromal cell', 'mesenchymal stem/stromal cell', 'mesenchymal stromal/stem cell']);
  assert.ok(synonymsOf('Mesenchymal Stem Cells').includes('MSC'));
  assert.ok(synonymsOf('SARS-CoV-2').includes('COVID-19'));
  assert.ok(synonymsOf('COVID-19').includes('novel coronavirus pneumonia'));
  assert.deepEqual(synonymsOf('covid19'), ['COVID-19', 'SARS-CoV-2', '2019-nCoV', 'novel coronavirus pneumonia', 'coronavirus disease 2019', '2019 novel coronavirus']);
  assert.deepEqual(synonymsOf('stem cells'), []);
});
