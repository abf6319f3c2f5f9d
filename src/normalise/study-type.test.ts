import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseStudyType } from './study-type.js';

test('study type wording of every registry in the ICTRP exports', () => {
  const cases: [string, string | null][] = [
    ['Interventional', 'interventional'], ['interventional', 'interventional'], ['INTERVENTIONAL', 'interventional'],
    ['Interventional study', 'interventional'], ['Interventional Study', 'interventional'], ['Intervention', 'interventional'],
    ['Interventional clinical trial of medicinal product', 'interventional'], ['Treatment study', 'interventional'],
    ['Prevention', 'interventional'], ['New Treatment Measure Clinical Study', 'interventional'],
    ['Observational', 'observational'], ['observational', 'observational'], ['Observational study', 'observational'],
    ['Observational [Patient Registry]', 'observational'], ['Epidemilogical research', 'observational'],
    ['Prognosis study', 'observational'], ['PMS', 'observational'],
    ['Expanded Access', 'expanded_access'], ['Diagnostic test', 'other'], ['Basic Science', 'other'],
    ['Health services reaserch', 'other'], ['Health Services Research', 'other'], ['Screening', 'other'],
    ['Others,meta-analysis etc', 'other'], ['Others', 'other'], ['Unknown', null], ['', null],
  ];
  for (const [s, want] of cases) assert.equal(normaliseStudyType(s), want, s);
});

test('study types in other languages: 干预性研究, Interventionell, Intervencional, Observacional, Beobachtungsstudie', () => {
  const cases: [string, string | null][] = [
    ['干预性研究', 'interventional'], ['观察性研究', 'observational'], ['Interventionell', 'interventional'],
    ['Nicht-interventionell', 'observational'], ['Beobachtungsstudie', 'observational'], ['Intervencional', 'interventional'],
    ['Observacional', 'observational'], ['Interventionnelle', 'interventional'], ['Observationnelle', 'observational'],
    ['Acceso expandido', 'expanded_access'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseStudyType(raw), want, raw);
});
