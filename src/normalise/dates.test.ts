import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excelSerialToDate, excelSerialToTimestamp, normaliseDate, parseDate, parseTimestamp } from './dates.js';

test('normaliseDate reads every spelling in the ICTRP exports', () => {
  assert.equal(normaliseDate('17 February 2020'), '2020-02-17'); // Last Refreshed on
  assert.equal(normaliseDate('2020-02-17'), '2020-02-17'); // ChiCTR Date registration / enrolment
  assert.equal(normaliseDate('27/01/2020', 'dmy'), '2020-01-27'); // ICTRP Date registration
  assert.equal(normaliseDate('27/01/2020'), '2020-01-27'); // unambiguous without order
  assert.equal(normaliseDate('January 25, 2020'), '2020-01-25'); // ClinicalTrials.gov Date enrollement
  assert.equal(normaliseDate('January 2020'), '2020-01');
  assert.equal(normaliseDate('20200127'), '2020-01-27'); // Date registration3
  assert.equal(normaliseDate('4/7/2020 10:40:56 AM', 'mdy'), '2020-04-07'); // Export date is month-first
  assert.equal(normaliseDate('2020-03-18T18:53:35.000Z'), '2020-03-18');
  assert.equal(normaliseDate('17-Feb-2020'), '2020-02-17');
  assert.equal(normaliseDate('Sept. 3, 2020'), '2020-09-03');
  assert.equal(normaliseDate('2020/4/1'), '2020-04-01');
  assert.equal(normaliseDate('01.04.2020', 'dmy'), '2020-04-01');
});

test('ambiguous or impossible dates give null and a warning', () => {
  const amb = parseDate('4/7/2020');
  assert.equal(amb.date, null);
  assert.match(amb.warning ?? '', /ambiguous/);
  assert.match(parseDate('31/02/2020', 'dmy').warning ?? '', /does not exist/);
  assert.match(parseDate('2020-13-01').warning ?? '', /does not exist/);
  assert.match(parseDate('next spring').warning ?? '', /not a date/);
  assert.deepEqual(parseDate(''), { date: null, warning: null });
  assert.deepEqual(parseDate('N/A'), { date: null, warning: null });
});

test('Excel serial numbers (XLSX date cells)', () => {
  assert.equal(excelSerialToDate(43941), '2020-04-20');
  assert.equal(excelSerialToDate(43862), '2020-02-01');
  assert.equal(excelSerialToTimestamp(43989.745729166665), '2020-06-07T17:53:51');
  assert.equal(excelSerialToDate(-3), null);
});

test('parseTimestamp keeps the time of day when written', () => {
  assert.equal(parseTimestamp('4/7/2020 10:40:56 AM', 'mdy').date, '2020-04-07T10:40:56');
  assert.equal(parseTimestamp('3/18/2020 6:53:35 PM', 'mdy').date, '2020-03-18T18:53:35');
  assert.equal(parseTimestamp('4/15/2020 12:11:24 AM', 'mdy').date, '2020-04-15T00:11:24');
  assert.equal(parseTimestamp('2020-02-17').date, '2020-02-17');
  assert.equal(parseTimestamp('soon').date, null);
});

test('dates with month names of other languages, and Chinese 年月日', () => {
  const cases: [string, string | null][] = [
    ['17. Juni 2024', '2024-06-17'], ['3. März 2025', '2025-03-03'], ['1. Dezember 2023', '2023-12-01'], ['Oktober 2024', '2024-10'],
    ['18 de octubre de 2023', '2023-10-18'], ['30 de junio de 2027', '2027-06-30'], ['octubre de 2023', '2023-10'],
    ['1er janvier 2024', '2024-01-01'], ['15 février 2024', '2024-02-15'], ['12 août 2023', '2023-08-12'],
    ['5 de março de 2024', '2024-03-05'], ['20 de dezembro de 2022', '2022-12-20'], ['2024年5月1日', '2024-05-01'],
    ['2024年5月', '2024-05'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseDate(raw), want, raw);
});
