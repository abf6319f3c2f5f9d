/**
 * Every distinct spelling in the real ICTRP CSV exports (../shared) of the columns the normalisers read must be
 * understood — or be one of the few values listed below as unreadable on purpose, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { parseAge } from './ages.js';
import { normaliseCountries } from './countries.js';
import { parseDate, parseTimestamp } from './dates.js';
import { normaliseSex } from './sex.js';
import { normaliseRecruitment } from './status.js';
import { normaliseStudyType } from './study-type.js';
import { isNullish } from './text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
const FILES = ['data/ictrp/COVID19-927-trials_7Apr2020.csv', 'data/ictrp/COVID19-1135-trials_15Apr2020.csv', 'gold/design-dev-ictrp.csv'];
const skip = !FILES.every((f) => existsSync(path.join(SHARED, f))) && 'needs ../shared (ICTRP CSV exports)';

/** Distinct trimmed non-empty values per column over all files. */
async function distinct(columns: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map(columns.map((c) => [c, new Set<string>()]));
  for (const f of FILES) {
    const rows = createReadStream(path.join(SHARED, f)).pipe(parse({ columns: true, bom: true, relax_quotes: true }));
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      for (const c of columns) {
        const v = (row[c] ?? '').trim();
        if (v && !isNullish(v)) out.get(c)!.add(v);
      }
    }
  }
  return out;
}

const COLUMNS = [
  'Recruitment Status', 'Study type', 'Inclusion gender', 'Countries', 'Inclusion agemin', 'Inclusion agemax',
  'Date registration', 'Date registration3', 'Date enrollement', 'Last Refreshed on', 'Export date',
];
/** Read once, when the first test asks (never when the files are absent). */
let read: Promise<Map<string, Set<string>>> | null = null;
const columns = (): Promise<Map<string, Set<string>>> => (read ??= distinct(COLUMNS));

function unread(values: Set<string>, ok: (v: string) => boolean): string[] {
  return [...values].filter((v) => !ok(v)).sort();
}

test('every recruitment status, study type and sex spelling is understood', { skip }, async () => {
  const c = await columns();
  assert.deepEqual(unread(c.get('Recruitment Status')!, (v) => normaliseRecruitment(v) != null), []);
  assert.deepEqual(unread(c.get('Study type')!, (v) => normaliseStudyType(v) != null), []);
  assert.deepEqual(unread(c.get('Inclusion gender')!, (v) => normaliseSex(v) != null), []);
});

test('every country spelling is understood', { skip }, async () => {
  const unknown = [...(await columns()).get('Countries')!].flatMap((v) => normaliseCountries(v).unknown);
  assert.deepEqual([...new Set(unknown)].sort(), []);
});

test('every age limit spelling is read', { skip }, async () => {
  const c = await columns();
  for (const col of ['Inclusion agemin', 'Inclusion agemax']) {
    assert.deepEqual(unread(c.get(col)!, (v) => parseAge(v).warning == null), [], col);
  }
});

test('every date is read: registration day-first, export month-first', { skip }, async () => {
  const c = await columns();
  assert.deepEqual(unread(c.get('Date registration')!, (v) => parseDate(v, 'dmy').date != null), []);
  assert.deepEqual(unread(c.get('Date registration3')!, (v) => parseDate(v).date != null), []);
  assert.deepEqual(unread(c.get('Last Refreshed on')!, (v) => parseDate(v).date != null), []);
  assert.deepEqual(unread(c.get('Export date')!, (v) => /T\d\d:\d\d:\d\d$/.test(parseTimestamp(v, 'mdy').date ?? '')), []);
  assert.deepEqual(unread(c.get('Date enrollement')!, (v) => parseDate(v, 'dmy').date != null), []);
});
