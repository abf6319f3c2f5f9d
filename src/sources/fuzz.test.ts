/**
 * Every source reader fuzzed with mutated real files (./fuzz/fuzz-readers.ts): a time-boxed pass in CI
 * (FUZZ_RUNS inputs, default 1,500, about 16 s here; at most FUZZ_SECONDS, default 40), `npm run fuzz` for longer. Fails with the failing seed file and mutations, which
 * replay with FUZZ_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeeds, mutate, runFuzz } from './fuzz/fuzz-readers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECONDS = Number(process.env['FUZZ_SECONDS'] ?? 40);
// CI replays a fixed sequence (FUZZ_SEED, default 20261208) of at most FUZZ_RUNS inputs, so that a pass is reproducible;
// `npm run fuzz` explores with a random seed for longer
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261208);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1500);

test('the mutations are byte-, line- and field-level and deterministic', () => {
  const b = Buffer.from('a\tb\tc\n"x","y"\n<r><t>1</t></r>\n');
  assert.equal(mutate(b, [{ kind: 'deleteLine', line: 1 }]).toString(), 'a\tb\tc\n<r><t>1</t></r>\n');
  assert.equal(mutate(b, [{ kind: 'field', at: 0, op: 'dropDelimiter' }]).toString(), 'ab\tc\n"x","y"\n<r><t>1</t></r>\n');
  assert.equal(mutate(b, [{ kind: 'field', at: 0, op: 'dropClose' }]).toString(), 'a\tb\tc\n"x","y"\n<r><t>1</r>\n');
  assert.equal(mutate(b, [{ kind: 'truncate', at: 3 }]).toString(), 'a\tb');
  assert.deepEqual(mutate(b, [{ kind: 'flip', at: 1, value: 0 }])[1], 0);
});

test(`fuzz every reader (${RUNS} inputs, at most ${SECONDS} s, seed ${SEED}): no exception, no hang, bounded memory, reasons for rejections, no invented text`, { timeout: (SECONDS + 120) * 1000 }, async (t) => {
  const seeds = await loadSeeds(ROOT);
  assert.ok(seeds.length >= 30, `${seeds.length} seed files`);
  const formats = new Set(seeds.map((s) => s.format));
  for (const f of ['ctgov-tsv', 'ctgov-json', 'ctgov-xml', 'ictrp-csv', 'ictrp-xml', 'ictrp-xlsx', 'irct-xml', 'page-text', 'page-html']) {
    assert.ok(formats.has(f), `a seed file for ${f}`);
  }
  const stats = await runFuzz(seeds, { seconds: SECONDS, perInputMs: 20_000, maxHeap: 1.5e9, seed: SEED, runs: RUNS });
  t.diagnostic(`${stats.executions} executions, ${stats.records} records read, ${stats.rejections} rejections; slowest input ${stats.slowest.ms} ms (${stats.slowest.seed})`);
  assert.equal(stats.failure, null);
  assert.ok(stats.executions > 0);
});
