/** Control type from arms, intervention names and every registry's control wording; isControlled for the review table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extracted } from './__fixtures__/registrations.js';
import { isControlled } from './control.js';

test('structured arm types decide first', () => {
  const arm = (label: string, type: 'experimental' | 'placebo_comparator' | 'active_comparator' | 'no_intervention' | 'sham_comparator', description: string | null = null) =>
    ({ label, type, description, interventions: [label] });
  assert.equal(extracted({ arms: [arm('MSC', 'experimental'), arm('Saline', 'placebo_comparator')] }).design.controlType, 'placebo');
  assert.equal(extracted({ arms: [arm('MSC', 'experimental'), arm('Sham', 'sham_comparator')] }).design.controlType, 'placebo');
  assert.equal(extracted({ arms: [arm('A', 'experimental'), arm('Standard of care', 'active_comparator', 'Standard of care per hospital protocol')] }).design.controlType, 'standard_of_care');
  assert.equal(extracted({ arms: [arm('A', 'experimental'), arm('Oseltamivir', 'active_comparator')] }).design.controlType, 'active');
  assert.equal(extracted({ arms: [arm('A', 'experimental'), arm('Observation', 'no_intervention')] }).design.controlType, 'no_treatment');
  const single = extracted({ arms: [arm('UC-MSC', 'experimental')] });
  assert.equal(single.design.controlType, 'none');
  assert.equal(isControlled(single), false);
  assert.equal(extracted({ interventions: [{ name: 'Drug: X' }, { name: 'Other: Placebo' }] }).design.controlType, 'placebo');
  // an empty form field turned into an arm is not a control arm
  const empty = { label: 'Control intervention name', type: 'no_intervention' as const, description: null, interventions: [] };
  assert.equal(extracted({ design: 'Open-label, non-controlled', arms: [arm('CS-8958', 'experimental'), empty] }).design.controlType, 'none');
});

test('registry design strings name the control', () => {
  const cases: [string, string | null][] = [
    ['Randomized: No, Masking: Double, Control: Placebo, Group: undefined', 'placebo'],
    ['Allocation: Randomized controlled trial;. Masking: Open (masking not used). Control: Active control (effective treament of control group). Assignment: Parallel.', 'active'],
    ['Allocation: Randomized controlled trial;. Masking: Blinded (assessor). Control: Control group receives no treatment. Assignment: Crossover.', 'no_treatment'],
    ['Allocation: N/A: single arm study. Masking: Open. Control group: Uncontrolled. Assignment: Single group. Purpose: Treatment', 'none'],
    ['Randomization: Randomized, Blinding: Double blinded, Placebo: Used, Assignment: Parallel', 'placebo'],
    ['Randomization: Randomized, Blinding: Not blinded, Placebo: Not used, Assignment: Parallel', null],
    ['Controlled: no<br>Randomised: no<br>Open: yes<br>Single blind: no<br>Double blind: no', 'none'],
    ['Controlled: yes<br>Randomised: yes<br>If controlled, specify comparator, Other Medicinial Product: no<br>Placebo: yes<br>Other: no', 'placebo'],
    ['Controlled: yes<br>Randomised: yes<br>If controlled, specify comparator, Other Medicinial Product: no<br>Placebo: no<br>Other: yes<br>Other specify the comparator: Usual Best Practice', 'standard_of_care'],
    ['Controlled: yes<br>Randomised: yes<br>If controlled, specify comparator, Other Medicinial Product: yes<br>Placebo: no<br>Other: no', 'active'],
    ['randomized controlled trial, open(masking not used), historical control, parallel assignment', 'historical'],
    ['single arm study, open(masking not used), no treatment control, single assignment', 'none'],
    ['Randomized, Parallel Group, Placebo Controlled Trial', 'placebo'],
    ['Randomized, Parallel Group, Active Controlled Trial', 'active'],
    ['Dose comparison', 'dose_comparison'],
    ['Single arm', 'none'],
  ];
  for (const [design, want] of cases) assert.equal(extracted({ design }).design.controlType, want, design);
});

test('titles and intervention texts: placebo / saline vehicle, standard of care, blank control', () => {
  assert.equal(extracted({ design: 'Parallel', title: 'A randomized, double-blind, placebo-controlled trial of X' }).design.controlType, 'placebo');
  assert.equal(extracted({ design: 'Parallel', interventions: [{ name: 'Experimental group:MSC;Control group:saline control;' }] }).design.controlType, 'placebo');
  assert.equal(extracted({ design: 'Parallel', interventions: [{ name: 'Experimental group:X;Control group:standard of care' }] }).design.controlType, 'standard_of_care');
  assert.equal(extracted({ design: 'Parallel', interventions: [{ name: 'control group:none;Group 1:Methylprednisolone' }] }).design.controlType, 'no_treatment');
  assert.equal(extracted({ design: 'Parallel', title: 'Randomized, open, blank controlled trial of interferon' }).design.controlType, 'no_treatment');
  assert.equal(extracted({ title: 'Drug A versus drug B in hypertension' }).design.controlType, 'active');
});

test('a placebo-controlled trial with masking unstated counts as blinded; a stated masking is kept', () => {
  const r = extracted({ design: 'Randomized parallel controlled trial', interventions: [{ name: 'Experimental group:X;Control group:placebo' }] });
  assert.equal(r.design.masking, 'blinded');
  assert.ok(r.extracted!.some((p) => p.path === 'design.masking' && /assumed/.test(p.text)));
  assert.equal(extracted({ design: 'Masking: None (Open Label)', interventions: [{ name: 'Other: Placebo' }] }).design.masking, 'none');
});

test('isControlled: a randomised trial compares arms even when the control is unnamed', () => {
  const r = extracted({ design: 'Randomized controlled trial' });
  assert.equal(r.design.controlType, null);
  assert.equal(isControlled(r), true);
  assert.equal(isControlled(extracted({ design: 'Intervention model: Single Group Assignment. Masking: None (Open Label).' })), false);
  assert.equal(isControlled(extracted({ design: 'single arm study, open(masking not used), historical control, single assignment' })), false);
  assert.equal(isControlled(extracted({ design: 'randomized controlled trial, open(masking not used), historical control, parallel assignment' })), true);
  assert.equal(isControlled(extracted({})), null);
});
