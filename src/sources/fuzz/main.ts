/**
 * `npm run fuzz`: the reader fuzzing of ./fuzz-readers.ts for FUZZ_SECONDS (default 600), seed FUZZ_SEED (default
 * random, printed so that a failure can be replayed). Exit 1 on a failure, with fast-check's shrunk counterexample.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeeds, runFuzz } from './fuzz-readers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seconds = Number(process.env['FUZZ_SECONDS'] ?? 600);
const seed = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : Math.floor(Math.random() * 2 ** 31);

const seeds = await loadSeeds(ROOT);
process.stdout.write(`fuzzing ${seeds.length} seed files for ${seconds} s (FUZZ_SEED=${seed})\n`);
const stats = await runFuzz(seeds, { seconds, perInputMs: 20_000, maxHeap: 1.5e9, seed });
process.stdout.write(`${stats.executions} executions, ${stats.records} records read, ${stats.rejections} rejections; slowest input ${stats.slowest.ms} ms (${stats.slowest.seed})\n`);
if (stats.failure) {
  process.stdout.write(`FAILURE\n${stats.failure}\n`);
  process.exitCode = 1;
} else process.stdout.write('no failure\n');
