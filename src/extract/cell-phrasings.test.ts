/**
 * The blind phrasing table (__fixtures__/cell-phrasings.ts) through the real extraction stage (`extract`, as the
 * pipeline applies it): every intervention's `cellTherapy` and every time frame's `timepointsDays`, with every
 * mismatch reported at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from './index.js';
import { emptyRegistration, type CellTherapy, type Registration, type Registry } from '../model/registration.js';
import { INTERVENTIONS, TIME_FRAMES, type ExpectedCell, type InterventionCase } from './__fixtures__/cell-phrasings.js';

const REGISTRY: Record<string, Registry> = {
  ctgov: 'ClinicalTrials.gov', chictr: 'ChiCTR', irct: 'IRCT', ctri: 'CTRI', euctr: 'EUCTR', anzctr: 'ANZCTR',
  jrct: 'JPRN', isrctn: 'ISRCTN', review: 'other',
};

function regFor(c: InterventionCase, i: number): Registration {
  const reg = emptyRegistration(`PHRASE-${i}`, REGISTRY[c.registry] ?? 'other');
  reg.interventions.push({ type: c.type ?? null, name: c.name, description: c.description ?? null, cellTherapy: null });
  return reg;
}

const emptySchedule = (s: CellTherapy['schedule']) =>
  s == null || (s.doses == null && s.intervalDays == null && (s.days ?? []).length === 0);

/** The mismatching fields of one case, as `field: got … expected …`. */
export function mismatches(got: CellTherapy | null, want: ExpectedCell | null): string[] {
  if (want === null) return got === null ? [] : [`cellTherapy: got ${JSON.stringify(got)} expected null`];
  if (got === null) return ['cellTherapy: got null'];
  const out: string[] = [];
  const cmp = (field: string, g: unknown, w: unknown) => {
    if (JSON.stringify(g) !== JSON.stringify(w)) out.push(`${field}: got ${JSON.stringify(g)} expected ${JSON.stringify(w)}`);
  };
  cmp('cellType', got.cellType, want.cellType);
  cmp('source', got.source, want.source);
  cmp('product', got.product, want.product);
  cmp('route', got.route, want.route);
  if (want.dose === null) cmp('dose', got.dose === null ? null : { value: got.dose.value, unit: got.dose.unit, perKg: got.dose.perKg }, null);
  else if (got.dose === null) out.push(`dose: got null expected ${JSON.stringify(want.dose)}`);
  else {
    cmp('dose.value', got.dose.value, want.dose.value);
    cmp('dose.unit', got.dose.unit, want.dose.unit);
    cmp('dose.perKg', got.dose.perKg, want.dose.perKg);
  }
  if (want.schedule === null) {
    if (!emptySchedule(got.schedule)) out.push(`schedule: got ${JSON.stringify(got.schedule)} expected null`);
  } else if (emptySchedule(got.schedule)) out.push(`schedule: got ${JSON.stringify(got.schedule)} expected ${JSON.stringify(want.schedule)}`);
  else {
    for (const k of ['doses', 'intervalDays', 'days'] as const) {
      if (want.schedule[k] !== undefined) cmp(`schedule.${k}`, got.schedule![k], want.schedule[k]);
    }
  }
  return out;
}

test('phrasing table: cellTherapy of every intervention text', () => {
  const failures: string[] = [];
  let fieldsChecked = 0;
  let fieldsWrong = 0;
  INTERVENTIONS.forEach((c, i) => {
    const reg = extract(regFor(c, i));
    const got = reg.interventions[0]!.cellTherapy;
    const bad = mismatches(got, c.expect);
    fieldsChecked += c.expect === null ? 1 : 6;
    fieldsWrong += new Set(bad.map((b) => b.split(/[.:]/)[0])).size;
    if (bad.length) failures.push(`#${i} [${c.registry}] ${c.name}${c.description ? ' | ' + c.description : ''}\n    ${bad.join('\n    ')}`);
  });
  const passed = INTERVENTIONS.length - failures.length;
  console.log(`cell phrasings: ${passed}/${INTERVENTIONS.length} cases exact, ${fieldsChecked - fieldsWrong}/${fieldsChecked} fields`);
  assert.equal(failures.length, 0, `${failures.length} mismatching cases:\n${failures.join('\n')}`);
});

test('phrasing table: timepointsDays of every time frame', () => {
  const failures: string[] = [];
  TIME_FRAMES.forEach((c, i) => {
    const reg = emptyRegistration(`TF-${i}`, 'ClinicalTrials.gov');
    reg.outcomes.primary.push({ measure: 'Outcome', description: null, timeFrame: c.timeFrame, timepointsDays: [] });
    const got = extract(reg).outcomes.primary[0]!.timepointsDays;
    if (JSON.stringify(got) !== JSON.stringify(c.expect)) failures.push(`"${c.timeFrame}": got ${JSON.stringify(got)} expected ${JSON.stringify(c.expect)}`);
  });
  console.log(`time frames: ${TIME_FRAMES.length - failures.length}/${TIME_FRAMES.length} exact`);
  assert.equal(failures.length, 0, `${failures.length} mismatching time frames:\n${failures.join('\n')}`);
});
