/** Block cutting rules that the fixtures exercise only in passing: one-space labels, tabbed rows, bilingual values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishOnly, segment, spacedLabel, unflattenTables } from './blocks.js';

test('spacedLabel: a date, id or count label followed by exactly such a value; prose stays prose', () => {
  assert.deepEqual(spacedLabel('Last Update Posted 2024-05-02'), { field: 'lastUpdate', label: 'Last Update Posted', value: '2024-05-02' });
  assert.deepEqual(spacedLabel('Trial ID NCT01234567'), { field: 'id', label: 'Trial ID', value: 'NCT01234567' });
  assert.deepEqual(spacedLabel('Target sample size 120'), { field: 'enrollmentTarget', label: 'Target sample size', value: '120' });
  assert.equal(spacedLabel('Start date of the study was delayed'), null);
  assert.equal(spacedLabel('Phase 2'), null);
});

test('segment: an unknown tabbed row after a one-value field opens its own block; label cells inside a row split it', () => {
  const blocks = segment(['Masking\tDouble Blind', 'Masking Role X\tParticipant', 'Primary Outcome\tMortality\tTime Point\tDay 28']);
  assert.deepEqual(blocks.filter((b) => b.field !== 'section').map((b) => [b.field, b.lines]), [
    ['masking', ['Double Blind']], ['primaryOutcome', ['Mortality']], ['timeFrame', ['Day 28']],
  ]);
});

test('englishOnly: values after another language tag are dropped until the next label', () => {
  assert.deepEqual(englishOnly(['Public title:', 'en', 'Exercise after COVID-19', 'pt-br', 'Exercício após COVID-19', 'Scientific title:', 'en', 'X']),
    ['Public title:', 'Exercise after COVID-19', 'Scientific title:', 'X']);
});

test('unflattenTables: rows led by a label keep their time frame; name tables give their names; a locations table its countries', () => {
  assert.deepEqual(unflattenTables(['Type of outcome\tOutcome\tTimepoints', 'Primary Outcome\tParasitaemia\tDay 28']),
    ['Primary Outcome: Parasitaemia', 'Timepoints: Day 28']);
  assert.deepEqual(unflattenTables(['Name of recruitment centre\tStreet address\tCity\tCountry', 'School A\tMain road\tKati\tMali']),
    ['Name of recruitment centre', 'School A', 'Country: Mali']);
});
