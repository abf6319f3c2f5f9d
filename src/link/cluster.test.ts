import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link } from '../model/study.js';
import { clusterRegistrations } from './cluster.js';

const REGISTRY: Record<string, string> = {
  NCT1: 'ClinicalTrials.gov', NCT2: 'ClinicalTrials.gov', NCT3: 'ClinicalTrials.gov',
  CHI1: 'ChiCTR', CHI2: 'ChiCTR', EU1: 'EUCTR', EU2: 'EUCTR', IRCT1: 'IRCT',
};
const reg = (id: string): string | undefined => REGISTRY[id];
const ids = Object.keys(REGISTRY);
const link = (a: string, b: string, method: Link['method'], score = 1): Link => ({ a, b, method, score, evidence: 'test' });

test('one similarity link does not merge two studies of two registrations each', () => {
  const links = [link('NCT1', 'CHI1', 'secondary_id'), link('NCT2', 'EU1', 'secondary_id'), link('CHI1', 'EU1', 'similarity', 0.95)];
  const c = clusterRegistrations(ids, reg, links, []);
  assert.deepEqual(c.clusters, [['CHI1', 'NCT1'], ['EU1', 'NCT2']]);
  const refused = c.decisions.filter((d) => !d.accepted);
  assert.equal(refused.length, 1);
  assert.match(refused[0]!.reason, /one registry|two studies/);
});

test('similarity never joins two numbers of one registry; the stronger link wins', () => {
  const links = [link('NCT1', 'CHI1', 'similarity', 0.9), link('NCT2', 'CHI1', 'similarity', 0.7)];
  const c = clusterRegistrations(ids, reg, links, []);
  assert.deepEqual(c.clusters, [['CHI1', 'NCT1']]);
  assert.match(c.decisions.find((d) => !d.accepted)!.reason, /NCT1\/NCT2|NCT2\/NCT1/);
});

test('a one-way mention between two numbers of one registry is a related trial, a mutual one is a duplicate', () => {
  const oneWay = clusterRegistrations(ids, reg, [link('NCT1', 'NCT2', 'text_mention')], []);
  assert.deepEqual(oneWay.clusters, []);
  const mutual = clusterRegistrations(ids, reg, [link('NCT1', 'NCT2', 'secondary_id'), link('NCT2', 'NCT1', 'secondary_id')], []);
  assert.deepEqual(mutual.clusters, [['NCT1', 'NCT2']]);
});

test('curators: --different forbids even certain evidence, --same asserts, the later override wins', () => {
  const links = [link('NCT1', 'EU1', 'secondary_id')];
  const forbid = clusterRegistrations(ids, reg, links, [{ a: 'EU1', b: 'NCT1', same: false }]);
  assert.deepEqual(forbid.clusters, []);
  assert.match(forbid.decisions[0]!.reason, /curator said different/);
  const assertSame = clusterRegistrations(ids, reg, [], [{ a: 'NCT3', b: 'IRCT1', same: true }]);
  assert.deepEqual(assertSame.clusters, [['IRCT1', 'NCT3']]);
  const changedMind = clusterRegistrations(ids, reg, links, [{ a: 'EU1', b: 'NCT1', same: false }, { a: 'NCT1', b: 'EU1', same: true }]);
  assert.deepEqual(changedMind.clusters, [['EU1', 'NCT1']]);
});

test('similarity clusters stay small', () => {
  const many: Record<string, string> = {};
  const simLinks: Link[] = [];
  for (let i = 0; i < 8; i++) many[`R${i}`] = `Reg${i}`;
  for (let i = 1; i < 8; i++) simLinks.push(link('R0', `R${i}`, 'similarity', 0.9 - i / 100));
  const c = clusterRegistrations(Object.keys(many), (x) => many[x], simLinks, [], { maxCertainSize: 12, maxSimilarSize: 4 });
  assert.equal(c.clusters[0]!.length, 4);
});
