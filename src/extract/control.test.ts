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

test('EUCTR: a ticked "Placebo: yes" comparator box is a placebo arm even under "Controlled: no"', () => {
  // EUCTR2016-003433-20-FR (ARAMIS, anakinra versus placebo), ICTRP Study design as exported
  const design = 'Controlled: no                Randomised: yes                Open: no                Single blind: no                Double blind: yes                Parallel group: yes                Cross over: no                Other: no                If controlled, specify comparator, Other Medicinial Product: no                Placebo: yes                Other: no                Number of treatment arms in the trial: 2';
  const r = extracted({ design });
  assert.equal(r.design.controlType, 'placebo');
  assert.equal(isControlled(r), true);
  // and "Controlled: no" with every comparator box unticked stays uncontrolled
  assert.equal(extracted({ design: 'Controlled: no<br>Randomised: yes<br>Open: yes<br>If controlled, specify comparator, Other Medicinial Product: no<br>Placebo: no<br>Other: no<br>Number of treatment arms in the trial: 4' }).design.controlType, 'none');
});

test('CT.gov non-randomised sequential dose cohorts (ascending / escalating / dose-ranging) have no concurrent control', () => {
  // NCT04638634, NCT04106817, NCT04563702: Sequential Assignment, Non-Randomized, open-label escalation
  const seq = 'Allocation: Non-Randomized. Intervention model: Sequential Assignment. Primary purpose: Other. Masking: None (Open Label).';
  for (const title of [
    'A Single Center, Phase 1, Single-Ascending Dose, Open-Label Study to Evaluate the Pharmacokinetics, Safety, and Tolerability of CSL760',
    'A Phase I, Open-label, Ascending Dose Study to Determine the Safety and Reactogenicity of a Wild Type Seasonal A/California/ H1N1 2009 Influenza Challenge Virus',
    'A Phase 1 Open-Label, Dose-Ranging Trial to Determine the Safety and Immunogenicity of an Adenoviral-Vector Based Vaccine (VXA-CoV2-1)',
  ]) {
    const r = extracted({ design: seq, title });
    assert.equal(r.design.controlType, 'none', title);
    assert.equal(isControlled(r), false, title);
  }
  // randomised or placebo-controlled escalation keeps its control (NCT04644120, NCT04501796)
  assert.equal(extracted({ design: 'Allocation: Randomized. Intervention model: Sequential Assignment. Masking: Double (Participant, Investigator).', title: 'A Phase 1, Single Ascending Dose Study' }).design.controlType, null);
  assert.equal(extracted({ design: seq, title: 'A Double-blind, Placebo-controlled, Phase 1, Single-dose, Dose-escalating Trial' }).design.controlType, 'placebo');
  // a parallel non-randomised comparison is not an escalation (JPRN-JapicCTI-184176 style)
  assert.equal(isControlled(extracted({ design: 'Allocation: Non-Randomized. Intervention model: Parallel Assignment.', title: 'A dose-escalation study of X' })), true);
});
