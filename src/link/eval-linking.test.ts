import { test } from 'node:test';
import assert from 'node:assert/strict';
import { half, pairwise, readGold } from './eval-linking.js';

const GOLD = 'trial,trn\nt1,NCT04282902\nt1,ChiCTR2000030333\nt2,NCT04341038\nt2,EUCTR2020-001445-39\nt2,ISRCTN00000000\nt3,NCT04999999\n';

test('pairwise P/R counts only gold registrations present in the store', () => {
  const gold = readGold(GOLD);
  assert.deepEqual(gold.get('t1'), ['NCT04282902', 'CHICTR2000030333']);
  // t2's ISRCTN is absent; NCT04999999 wrongly joined to t1; an unjudged id joined too
  const groups = new Map([
    ['NCT04282902', 's1'], ['CHICTR2000030333', 's1'], ['NCT04999999', 's1'], ['NCT00000001', 's1'],
    ['NCT04341038', 's2'], ['EUCTR202000144539', 's3'],
  ]);
  const r = pairwise(gold, groups);
  assert.equal(r.tp, 1);
  assert.equal(r.fp, 2);
  assert.equal(r.fn, 1);
  assert.deepEqual(r.misses, [['EUCTR202000144539', 'NCT04341038']]);
  assert.equal(r.precision, 1 / 3);
  assert.equal(r.recall, 1 / 2);
});

test('the half split is deterministic and covers every trial once', () => {
  const gold = readGold(GOLD);
  const a = half(gold, 0);
  const b = half(gold, 1);
  assert.equal(a.size + b.size, gold.size);
  assert.ok([...a].every((t) => !b.has(t)));
  assert.deepEqual([...half(gold, 0)], [...a]);
});
