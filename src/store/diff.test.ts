import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegistration } from '../model/registration.js';
import { diffRegistrations } from './diff.js';
import { contentHash, canonicalJson } from './hash.js';

test('canonicalJson sorts keys at every depth and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: null } }),
    '{"a":{"c":null,"d":[2,{"x":0,"z":1}]},"b":1}');
});

test('contentHash ignores source but sees every content field', () => {
  const a = emptyRegistration('NCT04252118', 'ClinicalTrials.gov', { file: 'a.xlsx', exportedAt: '2020-06-29' });
  const b = emptyRegistration('NCT04252118', 'ClinicalTrials.gov', { file: 'b.xlsx', exportedAt: '2020-07-07' });
  assert.equal(contentHash(a), contentHash(b));
  b.enrollment.target = 20;
  assert.notEqual(contentHash(a), contentHash(b));
});

test('diffRegistrations reports leaves and whole arrays, never source', () => {
  const a = emptyRegistration('X1', 'ChiCTR', { file: 'a' });
  const b = emptyRegistration('X1', 'ChiCTR', { file: 'b' });
  b.status.recruitment = 'recruiting';
  b.countries = ['China'];
  b.outcomes.primary = [{ measure: 'Mortality', description: null, timeFrame: 'Day 28', timepointsDays: [28] }];
  b.raw = { Phase: 'II' };
  const changes = diffRegistrations(a, b);
  assert.deepEqual(changes.map((c) => c.field), ['countries', 'outcomes.primary', 'raw', 'status.recruitment']);
  assert.deepEqual(changes.find((c) => c.field === 'countries'), { field: 'countries', before: [], after: ['China'] });
  assert.deepEqual(changes.find((c) => c.field === 'raw'), { field: 'raw', before: null, after: { Phase: 'II' } });
  assert.deepEqual(diffRegistrations(a, structuredClone(a)), []);
});
