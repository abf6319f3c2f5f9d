/** The acceptance bar as a test: ≥95% agreement with the gold design labels on the key fields, on both halves. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_FIELDS, evaluate, halfOf } from './eval-design.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOLD = path.resolve(ROOT, '../shared/gold/design-dev.csv');

test('halves are deterministic and roughly even', () => {
  assert.equal(halfOf('NCT04252118'), halfOf('nct04252118'));
  const ids = Array.from({ length: 400 }, (_, i) => `NCT0${4000000 + i * 7919}`);
  const ones = ids.filter((id) => halfOf(id) === 1).length;
  assert.ok(ones > 150 && ones < 250, `split ${ones}/400`);
});

test('design extraction agrees with the human labels (≥95% on the key fields, ≥93% on each half)',
  { skip: !existsSync(GOLD) && 'needs ../shared (gold/design-dev.csv)' }, async () => {
    const result = await evaluate();
    assert.ok(result);
    assert.ok(result.pairs.length >= 0.95 * result.gold, `joined ${result.pairs.length} of ${result.gold}`);
    for (const f of result.fields.filter((x) => KEY_FIELDS.includes(x.field))) {
      assert.ok(f.agree / f.n >= 0.95, `${f.field}: ${f.agree}/${f.n}`);
      for (const h of f.halves) assert.ok(h.agree / h.n >= 0.93, `${f.field} half: ${h.agree}/${h.n}`);
    }
  });
