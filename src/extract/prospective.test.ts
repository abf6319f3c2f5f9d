/**
 * Prospective registration: the dates decide (registered on or before the start of enrolment; a month-only start is
 * its month's first day), a registry's flag only where a date is missing and only with the meaning its data shows.
 * Pinned on the real ICTRP CSV of 15 April 2020, whose `Retrospective flag` column is `Yes` for registrations made
 * on or before the start of enrolment (the finding: it was read by its name, inverting every ICTRP-read trial).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import type { Registration } from '../model/registration.js';
import { readRecords } from '../sources/index.js';
import { columnKey, mapIctrpRow } from '../sources/ictrp-row.js';
import { extract } from './index.js';
import { type Given, extracted, registration } from './__fixtures__/registrations.js';
import { isProspective } from './prospective.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = path.resolve(ROOT, '../shared/data/ictrp/COVID19-1135-trials_15Apr2020.csv');
const skip = !existsSync(CSV) && 'needs ../shared (data/ictrp/COVID19-1135-trials_15Apr2020.csv)';

test('registered on or before the start is prospective; a month-only start is the first of its month', () => {
  assert.equal(isProspective('2020-02-01', '2020-02-01'), true, 'the same day counts as prospective');
  assert.equal(isProspective('2020-02-02', '2020-02-01'), false);
  assert.equal(isProspective('2020-01-31', '2020-02'), true);
  assert.equal(isProspective('2020-02-01', '2020-02'), true);
  assert.equal(isProspective('2020-02-20', '2020-02'), false, 'registered later in the start month: retrospective');
  assert.equal(isProspective('2020-02', '2020-03-05'), true);
  assert.equal(isProspective('2020-02', '2020-02-05'), null, 'registration day unknown within the start month');
  assert.equal(isProspective(null, '2020-02-05'), null);
  assert.equal(isProspective('2020-02-05', 'not a date'), null);
});

test('the dates outrank a flag that disagrees, with a warning; a flag stands alone only without dates', () => {
  const flaggedProspective = (g: Given): Registration => { const r = registration(g); r.prospective = true; return extract(r); };
  const late = flaggedProspective({ registration: '2020-03-10', start: '2020-03-01' });
  assert.equal(late.prospective, false);
  assert.match(late.warnings.join('\n'), /^prospective: the source's flag \(source\) says prospective but it was registered 2020-03-10, after the start of enrolment 2020-03-01; the dates decide$/m);
  assert.deepEqual(late.extracted?.filter((p) => p.path === 'prospective').map((p) => p.from), ['dates']);
  const alone = flaggedProspective({ registration: '2020-03-10' });
  assert.equal(alone.prospective, true);
  assert.deepEqual(alone.extracted?.filter((p) => p.path === 'prospective').map((p) => p.from), ['registry flag']);
  assert.deepEqual(alone.warnings, []);
  assert.equal(extracted({ registration: '2020-03-10' }).prospective, null, 'no flag and one date: null');
  // idempotent: a second run adds no provenance and no warning
  extract(late);
  assert.equal(late.warnings.length, 1);
  assert.equal(late.extracted?.filter((p) => p.path === 'prospective').length, 1);
});

async function records(file: string): Promise<Registration[]> {
  const out: Registration[] = [];
  for await (const item of readRecords([file])) if (item.kind === 'record') out.push(item.record);
  return out;
}

const fullDays = (r: Registration) => /^\d{4}-\d{2}-\d{2}$/.test(r.dates.registration ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(r.dates.start ?? '');

test('real ICTRP CSV: the `Retrospective flag` column means "registered on or before the start" (checked on the data)', { skip }, async () => {
  const regs = (await records(CSV)).filter((r) => fullDays(r) && /^(?:yes|no)$/i.test(r.raw?.['Retrospective flag'] ?? ''));
  const onOrBefore = (r: Registration) => r.dates.registration! <= r.dates.start!;
  const yes = regs.filter((r) => /^yes$/i.test(r.raw!['Retrospective flag']!));
  const no = regs.filter((r) => /^no$/i.test(r.raw!['Retrospective flag']!));
  assert.ok(yes.length > 300 && no.length > 300, `rows with both dates and a flag: Yes ${yes.length}, No ${no.length}`);
  // `No` is always a registration after the start; `Yes` nearly always one on or before it (ICTRP misjudges some
  // ClinicalTrials.gov rows, whose enrolment date it reads from "January 25, 2020")
  assert.equal(no.filter(onOrBefore).length, 0, 'flag No with a registration on or before the start');
  const agree = yes.filter(onOrBefore).length + no.length;
  assert.ok(agree / regs.length > 0.85, `the flag read as "Yes = prospective" agrees with the dates on ${agree}/${regs.length}`);
  const nonCtgov = yes.filter((r) => r.registry !== 'ClinicalTrials.gov');
  assert.equal(nonCtgov.filter((r) => !onOrBefore(r)).length, 0, 'flag Yes after the start outside ClinicalTrials.gov rows');
});

test('real ICTRP CSV: every registration with both dates gets `prospective` from the dates', { skip }, async () => {
  const regs = await records(CSV);
  const wrong: string[] = [];
  let n = 0;
  for (const r of regs) {
    const want = isProspective(r.dates.registration, r.dates.start);
    if (want == null) continue;
    n++;
    if (r.prospective !== want) wrong.push(`${r.id}: registered ${r.dates.registration}, started ${r.dates.start}, prospective ${r.prospective}`);
    else if (!r.extracted?.some((p) => p.path === 'prospective' && p.from === 'dates')) wrong.push(`${r.id}: no provenance from the dates`);
  }
  assert.ok(n > 1000, `registrations with both dates: ${n}`);
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${n} disagree with their dates`);
  // where the flag disagreed with the dates, the record says so
  const warned = regs.filter((r) => r.warnings.some((w) => w.startsWith('prospective:')));
  assert.ok(warned.length > 50 && warned.every((r) => /^yes$/i.test(r.raw?.['Retrospective flag'] ?? '')), `warned: ${warned.length}`);
});

test('real ICTRP rows without a start date: the flag decides, with its data meaning, and provenance says so', { skip }, async () => {
  let seen = { yes: 0, no: 0 };
  let n = 0;
  for await (const row of createReadStream(CSV).pipe(parse({ columns: true, bom: true, relax_quotes: true })) as AsyncIterable<Record<string, string>>) {
    const keyed = Object.fromEntries(Object.entries(row).map(([k, v]) => [columnKey(k), v]));
    const flag = (keyed.retrospective_flag ?? '').trim().toLowerCase();
    if ((flag !== 'yes' && flag !== 'no') || (flag === 'yes' ? seen.yes : seen.no) >= 20) continue;
    keyed.date_enrollement = ''; // the start date missing, as on some real rows of the XLSX exports
    const res = mapIctrpRow(keyed, { format: 'ictrp-csv', file: CSV, position: `row ${++n}` });
    assert.ok('record' in res);
    const reg = extract(res.record);
    assert.equal(reg.prospective, flag === 'yes', `${reg.id}: flag ${flag}`);
    assert.ok(reg.extracted?.some((p) => p.path === 'prospective' && p.from === 'registry flag'), `${reg.id}: provenance`);
    seen = { ...seen, [flag]: seen[flag as 'yes' | 'no'] + 1 };
  }
  assert.deepEqual(seen, { yes: 20, no: 20 });
});
