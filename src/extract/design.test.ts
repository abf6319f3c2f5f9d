/** Design extraction on every registry's phrasing of allocation, model, masking, masked roles and purpose. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extracted, registration } from './__fixtures__/registrations.js';
import { extract } from './index.js';
import type { Design } from '../model/registration.js';

type Want = Partial<Pick<Design, 'allocation' | 'model' | 'masking' | 'maskedRoles' | 'purpose'>>;

function check(design: string, want: Want, title?: string): void {
  const reg = extracted({ design, title });
  for (const [k, v] of Object.entries(want)) {
    assert.deepEqual(reg.design[k as keyof Design], v, `${k} of ${JSON.stringify(design.slice(0, 80))}`);
  }
  for (const k of Object.keys(want)) {
    const path = k === 'maskedRoles' ? 'design.maskedRoles' : `design.${k}`;
    if ((want as Record<string, unknown>)[k] != null && !(Array.isArray((want as Record<string, unknown>)[k]) && ((want as Record<string, unknown[]>)[k]!).length === 0)) {
      assert.ok(reg.extracted?.some((p) => p.path === path && p.text.length > 0), `provenance for ${path}`);
    }
  }
}

test('ClinicalTrials.gov design lines (current and legacy)', () => {
  check('Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: Single (Participant).',
    { allocation: 'randomized', model: 'parallel', masking: 'single', maskedRoles: ['participant'], purpose: 'treatment' });
  check('Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Prevention. Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor).',
    { masking: 'quadruple', maskedRoles: ['participant', 'care_provider', 'investigator', 'outcomes_assessor'], purpose: 'prevention' });
  check('Intervention model: Single Group Assignment. Primary purpose: Treatment. Masking: None (Open Label).',
    { allocation: 'not_applicable', model: 'single_group', masking: 'none', purpose: 'treatment' });
  check('Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study, Intervention Model: Parallel Assignment, Masking: Double Blind (Subject, Investigator), Primary Purpose: Prevention',
    { allocation: 'randomized', masking: 'double', maskedRoles: ['participant', 'investigator'], purpose: 'prevention' });
  check('Allocation: Non-Randomized. Intervention model: Sequential Assignment. Primary purpose: Basic Science. Masking: None (Open Label).',
    { allocation: 'non_randomized', model: 'sequential', purpose: 'basic_science' });
  check('Allocation: Randomized. Intervention model: Crossover Assignment. Primary purpose: Supportive Care. Masking: Double (Participant, Outcomes Assessor).',
    { model: 'crossover', masking: 'double', purpose: 'supportive_care' });
});

test('ChiCTR design types', () => {
  check('Randomized parallel controlled trial', { allocation: 'randomized', model: 'parallel' });
  check('Parallel', { allocation: 'randomized', model: 'parallel' });
  check('Single arm', { allocation: 'not_applicable', model: 'single_group' });
  check('Non randomized control', { allocation: 'non_randomized' });
  check('Quasi-randomized controlled', { allocation: 'non_randomized' });
  check('Cross-over', { model: 'crossover', allocation: 'randomized' });
  check('Factorial', { model: 'factorial' });
  // ChiCTR states no masking: the title does
  check('Randomized parallel controlled trial', { masking: 'double' }, 'A randomized, double-blind, placebo-controlled trial for X in influenza');
  check('Parallel', { masking: 'none' }, 'A randomized, open, controlled trial of X in COVID-19');
});

test('ChiCTR titles that open with "An open, …" / "An open and …" (ChiCTR2000030000, ChiCTR2000030472, ChiCTR2000030944)', () => {
  check('Parallel', { masking: 'none' }, 'An open, controlled clinical trial for evaluation of ganovo combined with ritonavir and integrated traditional Chinese and Western medicine in the treatment of novel coronavirus infection (COVID-19)');
  check('Parallel', { masking: 'none' }, 'An open and controlled clinical study to evaluate HIV protease inhibitors in the treatment of novel coronavirus pneumonia (COVID-19)');
  check('Parallel', { masking: 'none' }, 'An open, multi-center, control, exploratory clinical study of X in COVID-19');
  // an open question or an open wound is not a design
  check('Parallel', { masking: null }, 'Treatment of open fractures with X: a randomized controlled trial');
  check('Parallel', { masking: null }, 'Open surgery versus laparoscopy, randomised');
});

test('EUCTR yes/no boxes, with and without separators', () => {
  const eu = 'Controlled: yes<br>Randomised: yes<br>Open: no<br>Single blind: no<br>Double blind: yes<br>Parallel group: yes<br>Cross over: no<br>Other: no<br>If controlled, specify comparator, Other Medicinial Product: no<br>Placebo: yes<br>Other: no<br>Number of treatment arms in the trial: 2';
  check(eu, { allocation: 'randomized', model: 'parallel', masking: 'double' });
  check('Controlled: yesRandomised: yesOpen: yesSingle blind: noDouble blind: noParallel group: noCross over: noOther: no',
    { allocation: 'randomized', masking: 'none' });
  check('Controlled: no                Randomised: no                Open: yes                Single blind: no                Double blind: no',
    { allocation: 'non_randomized', masking: 'none' });
  check('Controlled: yes Randomised: yes Open: no Single blind: yes Double blind: no Parallel group: no Cross over: yes',
    { masking: 'single', model: 'crossover' });
});

test('IRCT labelled pairs', () => {
  check('Randomization: Randomized, Blinding: Double blinded, Placebo: Used, Assignment: Parallel, Purpose: Treatment, Randomization description: Random permuted block, Blinding description: The participants, clinicians and outcome raters will be blind regarding grouping.',
    { allocation: 'randomized', masking: 'double', model: 'parallel', purpose: 'treatment' });
  check('Randomization: Randomized, Blinding: Not blinded, Placebo: Not used, Assignment: Parallel, Purpose: Prevention',
    { allocation: 'randomized', masking: 'none', purpose: 'prevention' });
  check('Randomization: N/A, Blinding: Not blinded, Placebo: Not used, Assignment: Single, Purpose: Treatment.',
    { allocation: 'not_applicable', masking: 'none' });
  check('Randomization: Randomized, Blinding: Triple blinded, Placebo: Not used, Assignment: Parallel, Purpose: Treatment',
    { masking: 'triple' });
});

test('CTRI design with method lines', () => {
  check('Randomized, Parallel Group, Placebo Controlled Trial<br>  Method of generating randomization sequence:Computer generated randomization  Method of allocation concealment:Sequentially numbered, sealed, opaque envelopes  Blinding and masking:Participant and Investigator Blinded',
    { allocation: 'randomized', model: 'parallel', masking: 'double', maskedRoles: ['participant', 'investigator'] });
  check('Randomized, Parallel Group Trial<br>  Method of generating randomization sequence:Computer generated randomization  Method of allocation concealment:Sequentially numbered, sealed, opaque envelopes  Blinding and masking:Open Label',
    { allocation: 'randomized', masking: 'none' });
  check('Single Arm Trial<br>  Method of generating randomization sequence:Not Applicable  Method of allocation concealment:Not Applicable  Blinding and masking:Not Applicable',
    { allocation: 'not_applicable', model: 'single_group', masking: 'none' });
  check('Non-randomized, Active Controlled Trial<br>  Method of generating randomization sequence:Not Applicable  Blinding and masking:Outcome Assessor Blinded',
    { allocation: 'non_randomized', masking: 'single', maskedRoles: ['outcomes_assessor'] });
});

test('JPRN phrasings (UMIN, jRCT, JapicCTI)', () => {
  check('Parallel, Randomized, Double blind (Participant, Investigator), Placebo, …', { allocation: 'randomized', masking: 'double', maskedRoles: ['participant', 'investigator'] });
  check('randomized controlled trial, open(masking not used), active control, parallel assignment, treatment purpose',
    { allocation: 'randomized', masking: 'none', model: 'parallel', purpose: 'treatment' });
  check('single arm study, open(masking not used), uncontrolled control, single assignment, treatment purpose',
    { allocation: 'not_applicable', masking: 'none', model: 'single_group' });
  check('Parallel Non-randomized', { allocation: 'non_randomized', model: 'parallel' });
  check('observer-blind', { masking: 'single', maskedRoles: ['outcomes_assessor'] });
  check('A multi-center, randomized, double-blind, placebo-controlled, parallel-group, study', { allocation: 'randomized', masking: 'double' });
});

test('DRKS, ANZCTR, NTR, KCT, RPCEC, PACTR, ISRCTN, ReBEC, TCTR', () => {
  check('Allocation: Randomized controlled trial;. Masking: Blinded (patient/subject). Control: Active control (effective treament of control group). Assignment: Parallel. Study design purpose: Treatment;',
    { allocation: 'randomized', masking: 'single', maskedRoles: ['participant'], model: 'parallel', purpose: 'treatment' });
  check('Allocation: Randomized controlled trial;. Masking: Blinded (assessor). Control: Control group receives no treatment. Assignment: Crossover. Study design purpose: Prevention;',
    { masking: 'single', maskedRoles: ['outcomes_assessor'], model: 'crossover', purpose: 'prevention' });
  check('Purpose: Treatment; Allocation: Randomised controlled trial; Masking: Blinded (masking used);Assignment: Parallel;Type of endpoint: Safety/efficacy;',
    { allocation: 'randomized', masking: 'blinded', maskedRoles: [], model: 'parallel', purpose: 'treatment' });
  check('Purpose: Diagnosis; Allocation: Non-randomised trial; Masking: Open (masking not used);Assignment: Single group;Type of endpoint: Pharmacokinetics;',
    { allocation: 'non_randomized', masking: 'none', model: 'single_group', purpose: 'diagnostic' });
  check('Randomized: No,                         Masking: Double,                         Control: Placebo,                         Group: undefined,                         Type: 2 or more arms, randomized',
    { allocation: 'non_randomized', masking: 'double' });
  check('<br>                        Randomized: No, <br>                        Masking: Unknown, <br>                        Control: Not applicable',
    { allocation: 'non_randomized', masking: null });
  check('Primary Purpose : Treatment, Intervention Model : Parallel, Blinding/Masking : Double, Blinding Target : Subject, Investigator, Allocation : RCT',
    { allocation: 'randomized', masking: 'double', maskedRoles: ['participant', 'investigator'], purpose: 'treatment' });
  check('Allocation: N/A: single arm study. Masking: Open. Control group: Uncontrolled. Assignment: Single group. Purpose: Treatment',
    { allocation: 'not_applicable', masking: 'none', model: 'single_group' });
  check('Parallel: different groups receive different interventions at same time during study,Randomised,Permuted block randomization,Sealed opaque envelopes',
    { allocation: 'randomized', model: 'parallel' });
  check('Single-center randomized double-blind parallel-group controlled two arm non-inferiority trial (Treatment)',
    { allocation: 'randomized', masking: 'double', purpose: 'treatment', model: 'parallel' });
  check('Prospective interventional non-randomised pre and post implementation study (Diagnostic)', { allocation: 'non_randomized', purpose: 'diagnostic' });
  check('Clinical trial of treatment, randomised- controlled, parallel, double blinded, with two arms', { allocation: 'randomized', masking: 'double' });
  check('Prevention clinical trial, phase 4, controlled-randomized, double-bind, parallel with 2 arms', { masking: 'double' });
  check('Randomized controlled trial', { allocation: 'randomized' });
});

test('titles carry design words when the design string is silent', () => {
  check('', { allocation: 'randomized', masking: 'double', purpose: 'treatment' }, 'A randomised, double-blind, placebo-controlled trial of X for the treatment of Y');
  check('', { allocation: 'non_randomized', masking: 'none' }, 'An open-label, non-randomised study of X');
  check('', { purpose: 'prevention' }, 'Immunogenicity and safety of an inactivated vaccine in healthy adults');
});

test('purpose from title words: contacts of cases, transmission and incidence are prevention', () => {
  for (const title of [
    'A study for the intervention of Xiangxue antiviral oral solution on close contacts of novel coronavirus pneumonia (COVID-19)',
    'Efficacy study of Baloxavir Marboxil for the reduction of direct transmission of Influenza from otherwise healthy patients to household contacts',
    'Effectiveness of oral hygiene with Chlorhexidine mouth wash with different concentration on incidence of VAP',
    'A randomized controlled trial for the effect of preoperative Vitamin D supplementation on the incidence of Post Operative Cognitive Dysfunction',
  ]) check('Randomized, Parallel Group Trial', { purpose: 'prevention' }, title);
  // the incidence a trial merely reports is no prevention aim
  check('Randomized, Parallel Group Trial', { purpose: 'treatment' }, 'Incidence and treatment of pneumonia in ventilated patients: a trial of ceftriaxone');
});

test('purpose from title words: analgesia is supportive care, medication adherence is health services research', () => {
  check('Parallel Randomized', { purpose: 'supportive_care' }, 'A Comparison of Analgesic Effect between Loxoprofen and Celecoxib Following Tonsillectomy');
  check('Parallel Randomized', { purpose: 'supportive_care' }, 'Salbutamol for analgesia in renal colic: a randomised, placebo controlled phase II trial');
  check('Parallel Randomized', { purpose: 'health_services_research' },
    'Impact of switching to single dosing regimen of antipsychotics on medication adherence in schizophrenia: A randomized controlled trial');
});

test('purpose from title words: skin irritation and patch tests on healthy people are "other", not treatment', () => {
  check('Other', { purpose: 'other' }, 'Evaluation of Irritation Potential of Skin care Formulation on Healthy Human Subjects');
  check('Other', { purpose: 'other' }, 'Skin Irritation Test (Patch Test in Humans)(IS 4011:2018)');
  check('Other', { purpose: 'other' }, 'A bioequivalence study of two tablet formulations in healthy human volunteers');
  // a trial treating irritation is still treatment
  check('Other', { purpose: 'treatment' }, 'Topical tacrolimus for the treatment of chronic hand eczema');
});

test('purpose from a condition that names a prevention aim, ahead of "healthy adults" title words', () => {
  const withConditions = (title: string, conditions: string[], design = 'observer-blind') => {
    const reg = registration({ registry: 'JPRN', design, title });
    reg.conditions = conditions;
    return extract(reg);
  };
  const r = withConditions('Phase III study of BK1304 in healthy adults and adolescents', ['Prevention of influenza']);
  assert.equal(r.design.purpose, 'prevention');
  assert.deepEqual(r.extracted?.find((p) => p.path === 'design.purpose')?.from, 'conditions[0]');
  assert.equal(withConditions('Study of X', ['Influenza Prevention']).design.purpose, 'prevention');
  assert.equal(withConditions('Study of X', ['Prophylaxis for influenza virus infection']).design.purpose, 'prevention');
  // a condition without a prevention aim leaves the title words in charge
  assert.equal(withConditions('Phase I study of KHK4323 in healthy volunteers', ['Atopic dermatitis']).design.purpose, 'other');
  // a stated purpose outranks the condition
  assert.equal(withConditions('Study of X', ['Prevention of influenza'], 'Purpose: Treatment; Allocation: Randomised controlled trial').design.purpose, 'treatment');
});

test('a source value is kept; "blinded" is refined when the text names the level', () => {
  const reg = extracted({ design: 'Masking: Double Blind (Subject, Investigator)' });
  assert.equal(reg.design.masking, 'double');
  const kept = extracted({ design: 'Allocation: Randomized' });
  kept.design.allocation = 'non_randomized';
  assert.equal(kept.design.allocation, 'non_randomized');
});
