/**
 * Cell therapy extraction: dose (every spelling of 10^n, flattened superscripts, per-kg), route, schedule, cell type,
 * tissue and product; on the seed pages and on every cell-therapy intervention of a real ICTRP export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDose } from './dose.js';
import { parseRoute } from './route.js';
import { parseSchedule } from './schedule.js';
import { cellTherapyFromFields, namesCellKind, namesCellProduct } from './cell-therapy.js';
import { extracted } from './__fixtures__/registrations.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
const SEEDS = path.join(SHARED, 'seeds');
const ICTRP_CSV = path.join(SHARED, 'data/ictrp/COVID19-1135-trials_15Apr2020.csv');

const ct = (text: string) => cellTherapyFromFields([{ from: 'test', text }]).cellTherapy;

test('dose: every spelling of a count, its unit and the per-kg flag', () => {
  const cases: [string, number, string | null, boolean][] = [
    ['1×10^6/kg', 1e6, null, true],
    ['10^6 / Kg', 1e6, null, true],
    ['1 x 10E6 cells/kg', 1e6, 'cells', true],
    ['100x10^6 cells', 1e8, 'cells', false],
    ['106 / Kg body weight', 1e6, null, true],
    ['5 × 107 cells / time', 5e7, 'cells', false],
    ['5 × 10E7 cells / time', 5e7, 'cells', false],
    ['3.0 × 10^7 at days 0, 3, 6', 3e7, null, false],
    ['2.0 × 10^8 nanovesicles', 2e8, 'particles', false],
    ['1.6×10E8/kg', 1.6e8, null, true],
    ['4 10^7 pieces /kg body weight', 4e7, 'cells', true],
    ['1*107—1*108/kg body weight', 1e7, null, true],
    ['3*10^6 cells / kg', 3e6, 'cells', true],
    ['2 million cells per kg', 2e6, 'cells', true],
    ['1 × 10⁶ cells/kg', 1e6, 'cells', true],
    ['180mg / time', 180, 'mg', false],
  ];
  for (const [text, value, unit, perKg] of cases) {
    const d = parseDose(text);
    assert.ok(d, text);
    assert.equal(d.value, value, `value of ${text}`);
    assert.equal(d.unit, unit, `unit of ${text}`);
    assert.equal(d.perKg, perKg, `perKg of ${text}`);
  }
  assert.equal(parseDose('1×10^6/kg', 'cells')?.unit, 'cells');
  assert.equal(parseDose('no numbers here'), null);
  assert.equal(parseDose('aged 18-65 years, 100 patients'), null);
});

test('route: infusion, nebulisation and the rest', () => {
  const cases: [string, string | null][] = [
    ['Peripheral intravenous infusion', 'intravenous'], ['Iv injection of MSC', 'intravenous'], ['intravenous drip', 'intravenous'],
    ['Aerosol inhalation of exosomes', 'inhalation'], ['nebulization of MSC-derived exosomes', 'inhalation'], ['exosomes atomization', 'inhalation'],
    ['intratracheal administration', 'intratracheal'], ['intramuscular injection', 'intramuscular'], ['subcutaneous injection', 'subcutaneous'],
    ['intradermal', 'intradermal'], ['intra-articular injection', 'local'], ['intrathecal', 'local'], ['MSC', null],
  ];
  for (const [text, want] of cases) assert.equal(parseRoute(text)?.value ?? null, want, text);
});

test('schedule: doses, interval and days', () => {
  const cases: [string, { doses: number | null; intervalDays: number | null; days: number[] }][] = [
    ['once every 4 days for a total of 4 times', { doses: 4, intervalDays: 4, days: [] }],
    ['once at day 1 after joining', { doses: 1, intervalDays: null, days: [1] }],
    ['3 doses at days 0, 3, 6', { doses: 3, intervalDays: null, days: [0, 3, 6] }],
    ['on days 1, 3, 5, 7', { doses: 4, intervalDays: null, days: [1, 3, 5, 7] }],
    ['on day 1, day 2, day 3, day 4, and day 5', { doses: 5, intervalDays: null, days: [1, 2, 3, 4, 5] }],
    ['days 1-5', { doses: 5, intervalDays: null, days: [1, 2, 3, 4, 5] }],
    ['were injected twice every other day', { doses: 2, intervalDays: 2, days: [] }],
    ['once every two days for a total of five times', { doses: 5, intervalDays: 2, days: [] }],
    ['once / week, twice / course', { doses: 2, intervalDays: 7, days: [] }],
    ['infused twice in a row, and the interval between each infusion was 1 week', { doses: 2, intervalDays: 7, days: [] }],
    ['on day 0,3 and 6 , 1*107—1*108/kg', { doses: 3, intervalDays: null, days: [0, 3, 6] }],
    ['a single infusion', { doses: 1, intervalDays: null, days: [] }],
    ['daily for 7 days', { doses: 7, intervalDays: 1, days: [] }],
    ['twice daily for 5 days', { doses: 10, intervalDays: 0.5, days: [] }],
  ];
  for (const [text, want] of cases) {
    const s = parseSchedule(text);
    assert.ok(s, text);
    assert.deepEqual({ doses: s.doses, intervalDays: s.intervalDays, days: s.days }, want, text);
  }
  assert.equal(parseSchedule('respiratory rate >30 times/min'), null);
});

test('cell type, source tissue and product', () => {
  const cases: [string, string | null, string | null, string][] = [
    ['human umbilical cord mesenchymal stem cells (UC-MSC)', 'msc', 'umbilical_cord', 'cells'],
    ["Wharton's Jelly mesenchymal stem cells", 'msc', 'wharton_jelly', 'cells'],
    ['Umbilical cord blood NK cells', 'nk', 'cord_blood', 'cells'],
    ['Umbilical cord blood CIK cells', 't_cell', 'cord_blood', 'cells'],
    ['BCMA/CD19 CAR-T cell injection', 'car_t', null, 'cells'],
    ['placenta-derived MSC', 'msc', 'placenta', 'cells'],
    ['bone marrow derived mononuclear cells', 'mononuclear', 'bone_marrow', 'cells'],
    ['adipose MSC-exosomes', 'msc', 'adipose', 'exosomes'],
    ['human dental pulp stem cells', 'msc', 'dental_pulp', 'cells'],
    ['Human Menstrual Blood-derived Stem Cells preparations', 'msc', 'menstrual_blood', 'cells'],
    ['Allogeneic human menstrual blood stem cells secretome', 'msc', 'menstrual_blood', 'secretome'],
    ['umbilical cord mesenchymal stem cell conditioned medium', 'msc', 'umbilical_cord', 'conditioned_medium'],
    ['MSC-derived extracellular vesicles', 'msc', null, 'exosomes'],
    ['autologous hematopoietic stem cell transplantation', 'hsc', null, 'cells'],
    ['amniotic epithelial cells', null, 'amniotic', 'cells'],
  ];
  for (const [text, type, source, product] of cases) {
    const c = ct(text);
    if (type) assert.equal(c.cellType, type, `type of ${text}`);
    assert.equal(c.source, source, `source of ${text}`);
    assert.equal(c.product, product, `product of ${text}`);
  }
  assert.equal(ct('Allogenic UC-MSC').origin, 'allogeneic');
  assert.equal(ct('autologous bone marrow MSC').origin, 'autologous');
  assert.ok(!namesCellProduct('Hydroxychloroquine 400 mg twice daily'));
  assert.ok(!namesCellProduct('Convalescent plasma'));
});

test('the issue examples read back as a reviewer would write them', () => {
  const a = ct('Allogeneic UC-MSC, 3 doses of 3.0 × 10^7 at days 0, 3, 6, IV');
  assert.deepEqual(a, {
    cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: { value: 3e7, unit: 'cells', perKg: false, raw: a.dose!.raw },
    route: 'intravenous', schedule: { doses: 3, intervalDays: null, days: [0, 3, 6] }, origin: 'allogeneic',
  });
  const b = ct('adipose MSC-exosomes, 5 doses of 2.0 × 10^8 nanovesicles, aerosol inhalation');
  assert.equal(b.product, 'exosomes');
  assert.equal(b.dose?.unit, 'particles');
  assert.equal(b.route, 'inhalation');
  assert.equal(b.schedule?.doses, 5);
});

test('the stage fills only cell products, reading dosing from arms and descriptions, with provenance', () => {
  const r = extracted({
    interventions: [{ name: 'Biological: UC-MSCs' }, { name: 'Other: Placebo' }, { name: 'Drug: Oseltamivir' }],
    arms: [{ label: 'MSC arm', type: 'experimental', description: '1×10^6 cells/kg intravenous infusion on days 1, 3 and 5', interventions: ['Biological: UC-MSCs'] }],
  });
  const c = r.interventions[0]!.cellTherapy!;
  assert.equal(c.cellType, 'msc');
  assert.equal(c.dose?.value, 1e6);
  assert.equal(c.dose?.perKg, true);
  assert.equal(c.route, 'intravenous');
  assert.deepEqual(c.schedule?.days, [1, 3, 5]);
  assert.equal(r.interventions[1]!.cellTherapy, null);
  assert.equal(r.interventions[2]!.cellTherapy, null);
  const dose = r.extracted!.find((p) => p.path === 'interventions[0].cellTherapy.dose');
  assert.equal(dose?.from, 'arms[0].description');
  assert.match(dose!.text, /1x10\^6 cells\/kg/);
});

const seed = (prefix: string) => {
  const f = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  assert.ok(f, `seed ${prefix}`);
  return cellTherapyFromFields([{ from: 'page', text: readFileSync(path.join(SEEDS, f), 'utf8') }]).cellTherapy;
};

test('seed pages: whole page text in, the trial\'s cell therapy out', { skip: !existsSync(SEEDS) && 'needs ../shared (seeds/)' }, () => {
  const s0 = seed('000_');
  assert.deepEqual([s0.cellType, s0.source, s0.product, s0.route], ['msc', 'umbilical_cord', 'cells', 'intravenous']);
  assert.deepEqual([s0.dose?.value, s0.dose?.perKg], [1e6, true]); // "106 / Kg": the superscript was lost
  assert.deepEqual(s0.schedule, { doses: 4, intervalDays: 4, days: [] });
  const s1 = seed('001_');
  assert.deepEqual([s1.cellType, s1.source, s1.route], ['msc', 'umbilical_cord', 'intravenous']);
  assert.deepEqual([s1.dose?.value, s1.dose?.unit, s1.dose?.perKg], [1e6, 'cells', true]);
  assert.deepEqual(s1.schedule, { doses: 1, intervalDays: null, days: [1] });
  const s3 = seed('003_');
  assert.deepEqual([s3.product, s3.route, s3.source], ['exosomes', 'inhalation', 'umbilical_cord']);
  const s4 = seed('004_');
  assert.deepEqual([s4.product, s4.source, s4.route, s4.origin], ['secretome', 'menstrual_blood', 'intravenous', 'allogeneic']);
  assert.deepEqual(s4.schedule?.days, [1, 2, 3, 4, 5]);
});

test('real ICTRP intervention texts: every cell product gets a type; named tissues, doses and routes are read',
  { skip: !existsSync(ICTRP_CSV) && 'needs ../shared (data/ictrp)' }, async () => {
    const { parse } = await import('csv-parse');
    let cells = 0;
    let doses = 0;
    const parser = parse({ columns: true, bom: true, relax_quotes: true });
    const rows = (async function* () {
      const { createReadStream } = await import('node:fs');
      yield* createReadStream(ICTRP_CSV).pipe(parser) as AsyncIterable<Record<string, string>>;
    })();
    for await (const row of rows) {
      const text = row.Intervention ?? '';
      for (const part of text.split(/;(?=[^;]*:)/)) {
        if (!namesCellProduct(part)) continue;
        cells++;
        const c = ct(part);
        // a bare count ("The cell dose was 3*10^6 cells / kg") is a cell therapy of an unstated kind: no type to read
        if (namesCellKind(part)) assert.ok(c.cellType, `cell type of ${row.TrialID}: ${part}`);
        if (/mesenchymal/i.test(part) && !/\bNK\b|CIK|T[-\s]cell|killer/i.test(part)) assert.equal(c.cellType, 'msc', part);
        if (/umbilical\s+cord\s+mesenchymal/i.test(part)) assert.equal(c.source, 'umbilical_cord', part);
        if (/exosom/i.test(part)) assert.equal(c.product, 'exosomes', part);
        if (/\b(?:intravenous|iv)\b/i.test(part) && !/inhal|aerosol|nebuli/i.test(part)) assert.equal(c.route, 'intravenous', part);
        if (/\d\s*[x×*]\s*10\s*(?:\^|E)\s*\d/i.test(part)) {
          doses++;
          assert.ok((c.dose?.value ?? 0) >= 1e5, `dose of ${part}`);
        }
      }
    }
    assert.ok(cells >= 30, `cell-therapy interventions found: ${cells}`);
    assert.ok(doses >= 5, `doses read: ${doses}`);
  });
