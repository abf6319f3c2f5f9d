/** Tests for normalisePhase: one case per registry spelling family, plus every Phase value in the shared data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalisePhase } from './phase.js';
import { PHASES } from '../model/registration.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');

const CASES: [string | null, string | null][] = [
  ['Phase 1/Phase 2', '1_2'], ['PHASE1|PHASE2', '1_2'], ['PHASE2, PHASE3', '2_3'], ['Phase II/III', '2_3'],
  ['Phase I/II', '1_2'], ['2-3', '2_3'], ['1-2', '1_2'], ['Phase 2 / Phase 3', '2_3'], ['Phase 3/ Phase 4', '4'],
  ['Early Phase 1', 'early_1'], ['EARLY_PHASE1', 'early_1'], ['Phase 0', 'early_1'], ['0', 'early_1'],
  ['0 (exploratory trials)', 'early_1'], ['Not Applicable', 'not_applicable'], ['N/A', 'not_applicable'],
  ['NOT_APPLICABLE', 'not_applicable'], ['NA', null], ['Not selected', null], ['', null], [null, null],
  ['New Treatment Measure Clinical Study', 'not_applicable'], ['Retrospective study', 'not_applicable'],
  ['Basic Science', 'not_applicable'], ['Other', 'not_applicable'], ['Bioequivalence', 'not_applicable'],
  ['Post-market', '4'], ['Post Marketing Surveillance', '4'], ['Phase II', '2'], ['III', '3'], ['IIIb', '3'],
  ['III (Phase III study)', '3'], ['IV (Phase IV study)', '4'], ['Phase-3', '3'], ['Phase4', '4'], ['PHASE3', '3'],
  ['4', '4'], ['Phase 2a', '2'],
  ['Human pharmacology (Phase I): no\nTherapeutic exploratory (Phase II): yes\nTherapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): no', '2_3'],
  ['Human pharmacology (Phase I): noTherapeutic exploratory (Phase II): noTherapeutic confirmatory - (Phase III): noTherapeutic use (Phase IV): yes', '4'],
  ['Human pharmacology (Phase I): yes                Therapeutic exploratory (Phase II): yes                Therapeutic confirmatory - (Phase III): no                Therapeutic use (Phase IV): no', '1_2'],
  ['Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): no Therapeutic confirmatory - (Phase III): no Therapeutic use (Phase IV): no', null],
  // an IRCT "2-3" that a spreadsheet turned into the day serial of 2 March
  ['44257', '2_3'], ['44228', '1_2'], ['12345', null],
];

test('normalisePhase: every registry spelling family', () => {
  for (const [raw, want] of CASES) assert.equal(normalisePhase(raw), want, JSON.stringify(raw));
});

test('normalisePhase agrees with the gold phase_clean on design-dev.csv',
  { skip: !existsSync(path.join(SHARED, 'gold/design-dev.csv')) && 'needs ../shared (gold/design-dev.csv)' }, async () => {
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync(path.join(SHARED, 'gold/design-dev.csv')), { columns: true }) as Record<string, string>[];
    const toGold = (p: string | null) => p == null ? 'Unreported' : p === 'not_applicable' ? 'Undefined'
      : `Phase ${({ early_1: 1, '1': 1, '1_2': 2, '2': 2, '2_3': 3, '3': 3, '4': 4 } as Record<string, number>)[p]}`;
    let agree = 0;
    for (const r of rows) {
      const ours = normalisePhase(r.Phase ?? null);
      assert.ok(ours === null || (PHASES as readonly string[]).includes(ours));
      if (toGold(ours) === r.phase_clean) agree++;
    }
    // "NA" rows whose phase the labellers read from elsewhere cannot be got from the phase text alone
    assert.ok(agree / rows.length >= 0.97, `phase text agreement ${agree}/${rows.length}`);
  });

test('phase words of other languages: ChiCTR Ⅱ期临床试验, Fase III, Phase-II-Studie', () => {
  const cases: [string, string | null][] = [
    ['Ⅱ期临床试验', '2'], ['Ⅰ期临床试验', '1'], ['Ⅲ期', '3'], ['Ⅰ+Ⅱ期临床试验', '1_2'], ['Ⅳ期临床试验', '4'],
    ['不适用', 'not_applicable'], ['Fase III', '3'], ['Fase II/III', '2_3'], ['Phase-II-Studie', '2'],
  ];
  for (const [raw, want] of cases) assert.equal(normalisePhase(raw), want, raw);
});
