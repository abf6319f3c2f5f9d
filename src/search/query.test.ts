/** The query language parser: precedence, implicit AND, quotes, fields, negation, errors with positions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, formatQuery, QueryError } from './query.js';
import { buildPlan, normaliseFilter } from './plan.js';

const fmt = (q: string) => {
  const n = parseQuery(q);
  return n ? formatQuery(n) : null;
};

test('implicit AND binds tighter than OR; parentheses group', () => {
  assert.equal(fmt('a b OR c'), 'a AND b OR c');
  assert.equal(fmt('a (b OR c)'), 'a AND (b OR c)');
  assert.equal(fmt('a AND NOT b'), 'a AND NOT b');
  assert.equal(fmt('-b a'), 'NOT b AND a');
  assert.equal(fmt('covid-19'), 'covid-19', 'a hyphen inside a word is not NOT');
});

test('quotes, prefixes and fields', () => {
  assert.equal(fmt('cond:"covid-19" intr:mesenchymal phase:2 status:recruiting registry:ChiCTR country:China'),
    'cond:"covid-19" AND intr:mesenchymal AND phase:2 AND status:recruiting AND registry:ChiCTR AND country:China');
  assert.equal(fmt('Condition:(fever OR cough)'), 'cond:fever OR cond:cough');
  assert.equal(fmt('mesench*'), 'mesench*');
  assert.equal(fmt('“smart quotes”'), '"smart quotes"');
  assert.equal(fmt('country:"United States"'), 'country:"United States"');
  assert.equal(fmt(''), null);
  assert.equal(fmt('  !!  '), null, 'punctuation alone searches nothing');
});

test('errors carry the position', () => {
  assert.throws(() => parseQuery('a "b'), (e: unknown) => e instanceof QueryError && e.position === 2);
  assert.throws(() => parseQuery('(a OR b'), /missing closing parenthesis/);
  assert.throws(() => parseQuery('a) b'), /unbalanced/);
  assert.throws(() => parseQuery('foo:bar'), /unknown field "foo"/);
  assert.throws(() => parseQuery('cond:'), /no value after "cond:"/);
  assert.throws(() => parseQuery('NOT'), /a term was expected/);
});

test('filter values: ClinicalTrials.gov spellings and ours', () => {
  assert.deepEqual(normaliseFilter('status', 'NOT_YET_RECRUITING'), { field: 'status', value: 'not_yet_recruiting' });
  assert.deepEqual(normaliseFilter('status', 'active not recruiting'), { field: 'status', value: 'active_not_recruiting' });
  assert.deepEqual(normaliseFilter('phase', 'PHASE2'), { field: 'phase', value: '2' });
  assert.deepEqual(normaliseFilter('phase', '2'), { field: 'phase', value: '2' });
  assert.deepEqual(normaliseFilter('phase', '1_2'), { field: 'phase', value: '1_2' });
  assert.deepEqual(normaliseFilter('registry', 'ctgov'), { field: 'registry', value: 'ClinicalTrials.gov' });
  assert.deepEqual(normaliseFilter('year', '2019-2021'), { field: 'year', from: 2019, to: 2021 });
  assert.deepEqual(normaliseFilter('age', '72'), { field: 'age', years: 72 });
  assert.deepEqual(normaliseFilter('sex', 'women'), { field: 'sex', value: 'female' });
  assert.throws(() => normaliseFilter('status', 'sleeping'), /status: "sleeping" is not one of/);
  assert.throws(() => normaliseFilter('age', '-3'), /age/);
});

test('the API parameters combine into one plan', () => {
  const p = buildPlan({ q: 'stem cells', cond: 'covid-19', intr: 'msc', filters: { status: ['RECRUITING', 'COMPLETED'] }, sort: 'LastUpdatePostDate:desc' });
  assert.equal(p.sort, 'updated');
  assert.equal(p.where?.kind, 'and');
  const kids = p.where?.kind === 'and' ? p.where.children : [];
  assert.deepEqual(kids.map((k) => (k.kind === 'text' ? k.column : k.kind)), [null, null, 'or', 'or', 'or'], 'covid-19 and msc widened by their synonyms');
  assert.deepEqual(p.expansions?.map((e) => [e.term, e.field]), [['covid-19', 'conditions'], ['msc', 'interventions']]);
  const plain = buildPlan({ q: 'stem cells', cond: 'covid-19', intr: 'msc', filters: { status: ['RECRUITING', 'COMPLETED'] }, expand: false });
  const plainKids = plain.where?.kind === 'and' ? plain.where.children : [];
  assert.deepEqual(plainKids.map((k) => (k.kind === 'text' ? k.column : k.kind)), [null, null, 'conditions', 'interventions', 'or']);
  assert.equal(plain.expansions, undefined);
});

test('ClinicalTrials.gov Essie areas: AREA[Field]value is field:value, SEARCH[…] only groups', () => {
  assert.equal(fmt('AREA[Phase]PHASE2'), 'phase:PHASE2');
  assert.equal(fmt('AREA[InterventionName]aspirin AND AREA[OverallStatus]RECRUITING'), 'intr:aspirin AND status:RECRUITING');
  assert.equal(fmt('AREA[BriefTitle](heart OR lung)'), 'title:heart OR title:lung');
  assert.equal(fmt('SEARCH[Location](AREA[LocationCountry]France)'), 'country:France');
  assert.equal(fmt('AREA[NCTId]NCT04280705'), 'id:NCT04280705');
  assert.throws(() => parseQuery('AREA[Colour]red'), /unknown field "Colour"/);
});
