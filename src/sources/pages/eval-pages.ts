/**
 * Per-field accuracy of the page reader over the page fixtures (src/sources/__fixtures__/pages):
 * `node dist/sources/pages/eval-pages.js [dir]` prints, for each top-level field, correct/total over every value the
 * fixtures' expected records state, then the overall figure and the misses.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixture, fixtureNames, type FieldCheck } from './fixture-check.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = process.argv[2] ?? path.join(ROOT, 'src/sources/__fixtures__/pages');

const byField = new Map<string, { ok: number; total: number }>();
const misses: { fixture: string; check: FieldCheck }[] = [];
const names = fixtureNames(dir);
for (const name of names) {
  for (const check of checkFixture(dir, name).checks) {
    const field = check.path.split(/[.[]/)[0]!;
    const s = byField.get(field) ?? { ok: 0, total: 0 };
    s.total++;
    if (check.ok) s.ok++;
    else misses.push({ fixture: name, check });
    byField.set(field, s);
  }
}
let ok = 0;
let total = 0;
console.log(`page fixtures: ${names.length} in ${dir}`);
for (const [field, s] of [...byField].sort()) {
  ok += s.ok;
  total += s.total;
  console.log(`${field.padEnd(14)} ${String(s.ok).padStart(4)}/${String(s.total).padEnd(4)} ${((100 * s.ok) / s.total).toFixed(1)}%`);
}
console.log(`${'ALL'.padEnd(14)} ${String(ok).padStart(4)}/${String(total).padEnd(4)} ${total ? ((100 * ok) / total).toFixed(1) : '0'}%`);
for (const m of misses) {
  console.log(`miss ${m.fixture} ${m.check.path}: expected ${JSON.stringify(m.check.expected)} got ${JSON.stringify(m.check.actual)?.slice(0, 200)}`);
}
