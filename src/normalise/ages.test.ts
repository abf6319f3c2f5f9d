import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageToYears, parseAge } from './ages.js';

test('ageToYears: spellings found in the ICTRP exports', () => {
  const cases: [string, number | null][] = [
    ['18Y', 18], ['18 Years', 18], ['18 years', 18], ['18', 18], ['65 years old', 65], ['20years-old', 20],
    ['>= 20age old', 20], ['1 Year', 1], ['6 Months', 0.5], ['2 Weeks', 0.038], ['28 Days', 0.077], ['0', 0],
    ['N/A', null], ['no limit', null], ['No limit', null], ['no minimum age', null], ['no maximum age', null],
    ['Not applicable', null], ['??', null], ['-', null], ['', null], ['18 years and older', 18], ['18岁', 18],
    ['18(Year)', 18], ['19 Year(s)', 19], ['2??', 2], ['Years', null], ['Days', null], ['0 N/A (No limit)', null], ['15 Minutes', 0],
  ];
  for (const [s, want] of cases) assert.equal(ageToYears(s), want, s);
});

test('unreadable ages give a warning', () => {
  assert.match(parseAge('adults').warning ?? '', /not an age/);
  assert.match(parseAge('3 fortnights').warning ?? '', /unit/);
  assert.match(parseAge('400').warning ?? '', /implausible/);
  assert.equal(parseAge('no limit').warning, null);
});

test('age units of other languages: 岁, Jahre, años, ans, anos, Monate, meses', () => {
  const cases: [string, number | null][] = [
    ['40 岁', 40], ['40岁', 40], ['75 周岁', 75], ['6 个月', 0.5], ['40 Jahre', 40], ['18 Monate', 1.5], ['4 Años', 4],
    ['16 años', 16], ['6 meses', 0.5], ['18 ans', 18], ['3 mois', 0.25], ['65 anos', 65], ['2 Wochen', 0.038],
  ];
  for (const [raw, want] of cases) assert.equal(ageToYears(raw), want, raw);
});
