/**
 * The inferred cell-product intervention (./inferred-intervention.ts) and the comparator filter
 * (./comparator-text.ts): on the real seed pages read by the real reader (readRecords runs extraction), and on
 * small registrations for the rules — background mentions, listed interventions and observational studies infer
 * nothing; the placebo arm's dose is never the product's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readRecords } from '../sources/index.js';
import { extract } from './index.js';
import { registration, extracted } from './__fixtures__/registrations.js';
import { segments } from './segments.js';
import { productWords, MAX_STATEMENT } from './inferred-intervention.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const skip = !existsSync(SEEDS) && 'needs ../shared/seeds (the five real trial pages)';

async function seedRecord(prefix: string): Promise<Registration> {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix}`);
  for await (const it of readRecords([path.join(SEEDS, name)])) {
    if (it.kind === 'record') return it.record;
    if (it.kind === 'error') assert.fail(`${prefix}: ${it.issue.reason}`);
  }
  throw new Error(`no record in ${name}`);
}

const inferred = (r: Registration) => r.extracted?.find((p) => p.path === 'interventions[0]');

test('seed 000: UC-MSCs inferred from the design text (106 / Kg = 10^6/kg, once every 4 days × 4, intravenous)', { skip }, async () => {
  const r = await seedRecord('000_');
  assert.equal(r.interventions.length, 1);
  const iv = r.interventions[0]!;
  assert.equal(iv.type, 'biological');
  assert.equal(iv.name, 'umbilical cord mesenchymal stem cells');
  assert.match(iv.description!, /^Experimental group: .*umbilical cord mesenchymal stem cells were given at 106 \/ Kg body weight \/ time, once every 4 days for a total of 4 times\.$/);
  assert.deepEqual(iv.cellTherapy, {
    cellType: 'msc', source: 'umbilical_cord', product: 'cells',
    dose: { value: 1e6, unit: 'cells', perKg: true, raw: '106 / Kg body weight / time,' },
    route: 'intravenous', schedule: { doses: 4, intervalDays: 4, days: [] }, origin: null,
  });
  assert.equal(inferred(r)?.from, 'design.raw');
  assert.equal(inferred(r)?.text, iv.description);
  assert.equal(r.extracted!.find((p) => p.path === 'interventions[0].cellTherapy.route')?.from, 'design.raw');
  assert.ok(!r.warnings.some((w) => /interven/i.test(w)), 'an inference is provenance, not a warning');
});

test('seed 001: HUC-MSCs inferred from the description (1×10^6 cells/kg, once at day 1, intravenous)', { skip }, async () => {
  const r = await seedRecord('001_');
  assert.equal(r.interventions.length, 1);
  const iv = r.interventions[0]!;
  assert.equal(iv.type, 'biological');
  assert.equal(iv.name, 'HUC-MSCs');
  assert.match(iv.description!, /will receive intravenous infusion of definitive HUC-MSCs \(1×10\^6 cells\/Kg/);
  assert.ok(iv.description!.length <= MAX_STATEMENT + 1);
  const c = iv.cellTherapy!;
  assert.deepEqual([c.cellType, c.source, c.product, c.route], ['msc', 'umbilical_cord', 'cells', 'intravenous']);
  assert.deepEqual([c.dose?.value, c.dose?.unit, c.dose?.perKg], [1e6, 'cells', true]);
  assert.deepEqual(c.schedule, { doses: 1, intervalDays: null, days: [1] });
  assert.match(inferred(r)!.from, /^description\./);
});

test('seed 003: nebulised UC-MSC exosomes inferred from the title; the tissue from the trial\'s own publication', { skip }, async () => {
  const r = await seedRecord('003_');
  assert.equal(r.interventions.length, 1);
  const iv = r.interventions[0]!;
  assert.equal(iv.type, 'biological');
  assert.equal(iv.name, 'mesenchymal stem cells exosomes');
  assert.equal(iv.description, r.titles.public);
  const c = iv.cellTherapy!;
  assert.deepEqual([c.cellType, c.source, c.product, c.route, c.dose], ['msc', 'umbilical_cord', 'exosomes', 'inhalation', null]);
  assert.equal(inferred(r)?.from, 'titles.public');
  assert.equal(r.extracted!.find((p) => p.path === 'interventions[0].cellTherapy.source')?.from, 'references[0].title');
});

test('seeds 002 and 004 list their interventions: nothing inferred; 004\'s 5 ml and days 1–5 are the placebo\'s', { skip }, async () => {
  const r2 = await seedRecord('002_');
  assert.deepEqual(r2.interventions.map((i) => i.name), ['MSCs']);
  assert.equal(inferred(r2), undefined);
  const c2 = r2.interventions[0]!.cellTherapy!;
  assert.deepEqual([c2.cellType, c2.product, c2.source, c2.dose, c2.route, c2.schedule], ['msc', 'cells', null, null, null, null]);
  const r4 = await seedRecord('004_');
  assert.equal(r4.interventions.length, 2);
  assert.equal(inferred(r4), undefined);
  const c4 = r4.interventions[0]!.cellTherapy!;
  assert.deepEqual([c4.cellType, c4.source, c4.product, c4.route, c4.origin], ['msc', 'menstrual_blood', 'secretome', 'intravenous', 'allogeneic']);
  assert.equal(c4.dose, null, 'the 5 ml is the saline placebo\'s');
  assert.equal(c4.schedule, null, 'days 1–5 are stated for the saline placebo only');
  assert.equal(r4.interventions[1]!.cellTherapy, null);
});

test('a background mention of cells infers nothing; a dosing statement does', () => {
  const background = 'Animal models and preclinical studies have shown that mesenchymal stem cells (MSCs) were implanted into inflammatory lung tissues after infusion, once every 3 days.';
  assert.deepEqual(extracted({ description: background }).interventions, []);
  assert.deepEqual(extracted({ description: 'Mesenchymal stem cells are a promising therapy. MSCs home to the lung.' }).interventions, []);
  const r = extracted({ description: `${background} Patients in the treatment group will receive 2×10^6 cells/kg of allogeneic adipose-derived MSCs intravenously on days 1, 3 and 5.` });
  assert.equal(r.interventions.length, 1);
  assert.equal(r.interventions[0]!.name, 'allogeneic adipose-derived MSCs');
  const c = r.interventions[0]!.cellTherapy!;
  assert.deepEqual([c.cellType, c.source, c.origin, c.dose?.value, c.dose?.perKg, c.route], ['msc', 'adipose', 'allogeneic', 2e6, true, 'intravenous']);
  assert.deepEqual(c.schedule?.days, [1, 3, 5]);
});

test('never inferred when the registration lists any intervention, for an observational study, or a second time', () => {
  const dosing = 'The experimental group will receive umbilical cord MSCs at 1×10^6 cells/kg, once every 4 days for a total of 4 times.';
  const listed = extracted({ description: dosing, interventions: [{ name: 'Standard care' }] });
  assert.deepEqual(listed.interventions.map((i) => [i.name, i.cellTherapy]), [['Standard care', null]]);
  const obs = registration({ description: dosing });
  obs.studyType = 'observational';
  assert.deepEqual(extract(obs).interventions, []);
  const once = extracted({ description: dosing });
  const before = JSON.stringify(once);
  extract(once);
  assert.equal(JSON.stringify(once), before, 'idempotent');
  assert.equal(once.interventions.length, 1);
});

test('titles: the product as the treatment infers it; a product merely measured does not', () => {
  const t = extracted({ title: 'Efficacy and safety of human umbilical cord MSCs for severe COVID-19' });
  assert.equal(t.interventions[0]?.name, 'human umbilical cord MSCs');
  assert.equal(t.interventions[0]?.cellTherapy?.source, 'umbilical_cord');
  assert.deepEqual(extracted({ title: 'Levels of circulating stem cells in patients with COVID-19' }).interventions, []);
  assert.deepEqual(extracted({ title: 'Plasma exchange in severe COVID-19' }).interventions, []);
});

test('a control arm\'s dose and schedule in the design text are not the cell product\'s', () => {
  const r = extracted({
    design: 'Control group: 5 ml normal saline on days 1 to 5; Experimental group: MSC secretome given intravenously.',
    interventions: [{ name: 'MSC secretome' }],
  });
  const c = r.interventions[0]!.cellTherapy!;
  assert.deepEqual([c.product, c.route, c.dose, c.schedule], ['secretome', 'intravenous', null, null]);
  const both = extracted({ design: 'Patients receive 1×10^6 MSCs/kg or placebo on day 1.', interventions: [{ name: 'MSCs' }] });
  assert.equal(both.interventions[0]!.cellTherapy!.dose?.value, 1e6, 'a statement naming the product too is kept');
});

test('segments and product words', () => {
  assert.deepEqual(segments('Given at 1.5 x 10^6/kg; saline 0.9%.Masking: none\nNext line').map((s) => s.text),
    ['Given at 1.5 x 10^6/kg;', 'saline 0.9%.', 'Masking: none', 'Next line']);
  const text = 'nebulisation of Umbilical Cord Mesenchymal Stem Cell-Derived Exosomes for pneumonia';
  const at = text.indexOf('Mesenchymal');
  assert.equal(productWords(text, at, 'Mesenchymal'.length).words, 'Umbilical Cord Mesenchymal Stem Cell-Derived Exosomes');
});
