/**
 * The canonical-schema check every record passes before it is stored (./validate.ts): checked against the real
 * records of ../shared/data (none rejected, none changed), and against the hostile values the API used to store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyRegistration } from './registration.js';
import { MAX_NAME_CHARS, REGISTRATION_SCHEMA, validateRegistration } from './validate.js';
import { readRecords } from '../sources/index.js';
import { contentHash } from '../store/hash.js';
import { openApi } from '../api/openapi.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(ROOT, '../shared/data');
const noData = !existsSync(DATA) && `needs ../shared/data (${DATA})`;

test('every real record of ../shared/data passes unchanged: no error, no warning, same content hash', { skip: noData }, async () => {
  // one file of each source family: ClinicalTrials.gov TSV, ICTRP XML and CSV, CTIS NDJSON, EU CTR text
  const files = ['ctgov-tsv/ctgov-covid-20200406.tsv', 'ictrp/ICTRP-Results_18Mar2020.xml', 'ictrp/COVID19-927-trials_7Apr2020.csv', 'native'].map((f) => path.join(DATA, f));
  let n = 0;
  const problems: string[] = [];
  for await (const item of readRecords(files)) {
    if (item.kind !== 'record') continue;
    n++;
    const before = JSON.stringify(item.record);
    const v = validateRegistration(item.record, { now: new Date('2026-01-01') });
    if (!v.record) problems.push(`${item.file} ${item.position}: ${JSON.stringify(v.errors)}`);
    else if (v.warnings.length) problems.push(`${item.file} ${item.position}: ${v.warnings.join('; ')}`);
    else if (JSON.stringify(v.record) !== before || contentHash(v.record) !== contentHash(JSON.parse(before))) problems.push(`${item.file} ${item.position}: changed`);
  }
  assert.ok(n > 1800, `read ${n} records`);
  assert.deepEqual(problems.slice(0, 10), []);
});

const base = () => ({ id: 'NCT09999999', registry: 'ClinicalTrials.gov' });

test('a field of the wrong kind rejects the record, naming the field', () => {
  for (const [rec, field] of [
    [{ ...base(), titles: { public: 42 } }, 'titles.public'],
    [{ ...base(), conditions: 'covid' }, 'conditions'],
    [{ ...base(), conditions: [{ x: 1 }] }, 'conditions[0]'],
    [{ ...base(), phase: 'PHASE9' }, 'phase'],
    [{ ...base(), enrollment: { target: 12.5 } }, 'enrollment.target'],
    [{ ...base(), enrollment: { target: -3 } }, 'enrollment.target'],
    [{ ...base(), dates: { registration: '17 February 2020' } }, 'dates.registration'],
    [{ ...base(), interventions: [{ type: 'drug' }] }, 'interventions[0].name'],
    [{ ...base(), registry: 'Nowhere' }, 'registry'],
    [{ ...base(), raw: { x: { y: 1 } } }, 'raw.x'],
  ] as const) {
    const v = validateRegistration(rec);
    assert.equal(v.record, null, field);
    assert.equal(v.errors[0]?.field, field, JSON.stringify(v.errors));
  }
  assert.match(validateRegistration({ ...base(), titles: { public: 42 } }).errors[0]!.reason, /is 42 but must be a string or null/);
});

test('ids the file readers would never give are rejected: path tricks, markup, 100,000 characters, blank', () => {
  for (const id of ['../../<b>x</b>', 'NCT0 1', 'a/../b', '<script>', 'x'.repeat(100_000), '', '   ', '/NCT1']) {
    const v = validateRegistration({ ...base(), id });
    assert.equal(v.record, null, id.slice(0, 20));
    assert.equal(v.errors[0]!.field, 'id');
  }
  for (const id of ['NCT04252118', 'CTRI/2020/04/024773', 'EUCTR2020-001162-12', 'JPRN-UMIN000039686', 'ChiCTR2000030261']) {
    assert.equal(validateRegistration({ ...base(), id }).record?.id, id);
  }
  assert.equal(validateRegistration({ ...base(), id: '  NCT09999995\n' }).record?.id, 'NCT09999995', 'padding trimmed');
  assert.equal(validateRegistration({ ...base(), secondaryIds: ['<img src=x>'] }).errors[0]?.field, 'secondaryIds[0]');
});

test('over-long text is cut with a warning naming the field; missing fields are filled as unknown', () => {
  const v = validateRegistration({ ...base(), titles: { public: 't'.repeat(30 * 1024 * 1024) } });
  assert.equal(v.record!.titles.public!.length, MAX_NAME_CHARS);
  assert.deepEqual(v.warnings, [`field titles.public was ${30 * 1024 * 1024} characters long; truncated to ${MAX_NAME_CHARS}`]);
  assert.deepEqual(v.record!.warnings, v.warnings);
  assert.deepEqual({ ...v.record!, titles: undefined, warnings: undefined }, { ...emptyRegistration('NCT09999999', 'ClinicalTrials.gov'), titles: undefined, warnings: undefined });
});

test('implausible values are kept with a warning: enrolment 1e23, registered in 2099, aged 400', () => {
  const v = validateRegistration({ ...base(), enrollment: { target: 1e23 }, dates: { registration: '2099-01-01', completion: '2099-12-31' }, eligibility: { maxAgeYears: 400 } }, { now: new Date('2026-12-08') });
  assert.ok(v.record);
  assert.equal(v.record.enrollment.target, 1e23);
  assert.deepEqual(v.warnings, [
    'implausible value: enrollment.target is 1e+23, more than 100,000,000 participants',
    'implausible value: eligibility.maxAgeYears is 400 years',
    'implausible value: dates.registration is 2099-01-01, after the record was read (2026-12-08)',
  ]);
  // planned dates may lie ahead (real records plan completions for 2099)
  assert.deepEqual(validateRegistration({ ...base(), dates: { completion: '2099-12-31' } }).warnings, []);
});

test('repair mode reads a stored field of the wrong kind as unknown, with a warning (ids are never repaired)', () => {
  const v = validateRegistration({ ...base(), titles: { public: 42, scientific: 'ok' }, conditions: 'x' }, { repair: true });
  assert.equal(v.record!.titles.public, null);
  assert.equal(v.record!.titles.scientific, 'ok');
  assert.deepEqual(v.record!.conditions, []);
  assert.equal(v.warnings.length, 2);
  assert.match(v.warnings[0]!, /titles\.public is 42 .*; read as unknown/);
  assert.equal(validateRegistration({ ...base(), id: '../x' }, { repair: true }).record, null);
});

test('the OpenAPI document publishes the schema that is enforced', () => {
  const doc = openApi() as { components: { schemas: Record<string, unknown> }; paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: unknown }> } } }> };
  assert.deepEqual(doc.components.schemas.Registration, JSON.parse(JSON.stringify(REGISTRATION_SCHEMA)));
  const body = doc.paths['/api/v1/ingest']!.post!.requestBody.content['application/json']!.schema as { oneOf: unknown[] };
  assert.ok(JSON.stringify(body).includes('#/components/schemas/Registration'));
});
