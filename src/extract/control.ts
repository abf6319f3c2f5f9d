/**
 * Control type: what the experimental arm is compared against (placebo/sham/vehicle, standard of care, active
 * comparator, no treatment, dose comparison, historical) or `none` for single-arm trials.
 *
 * Evidence, strongest first: structured arm types (CT.gov `PLACEBO_COMPARATOR`, `NO_INTERVENTION`…), a single
 * experimental arm, intervention names (`Placebo`), then the words of the design string (NTR/DRKS `Control: …`,
 * RPCEC `Control group: Uncontrolled`, IRCT `Placebo: Used`, EUCTR `Controlled: no`, JPRN `placebo control`,
 * CTRI `Active Controlled Trial`), titles, arm and intervention texts, descriptions.
 * `isControlled` answers the reviewer's yes/no even when the kind of control is not stated (a randomised trial
 * compares arms).
 */
import type { ControlType, Registration } from '../model/registration.js';
import {
  type Found, type Rule, type TextField, armAndInterventionTexts, descriptionTexts, designTexts, firstRule, record,
  titleTexts,
} from './text.js';

const SOC = /\bstandard(?:\s+of)?[-\s]+care\b|\busual\s+care\b|\bstandard\s+(?:medical\s+)?(?:treatment|therapy|management|regimen)|\bconventional\s+(?:treatment|therapy|care)|\bbest\s+(?:supportive\s+care|available\s+therap|practice)|\broutine\s+(?:care|treatment)\b|\bSOC\b|\busual\s+best\s+practice/i;

const CONTROL_WORDS: Rule<ControlType>[] = [
  // EUCTR's comparator box ticked "Placebo: yes" is a placebo arm even where "Controlled: no" was ticked above it
  { re: /\bplacebo\s*:\s*yes\b/i, value: 'placebo' },
  { re: /\bcontrol\s+group\s*:\s*(?:none|no|nothing|blank)\b/i, value: 'no_treatment' },
  { re: /\bcontrol(?:led)?\s*:\s*no\b|\bsingle[-\s]?arm\b|\bone[-\s]arm\b|\bsingle[-\s]group\b|\buncontrolled\b|\bnon[-\s]?controlled\b|\bno\s+control\s+group|\bwithout\s+(?:a\s+)?control\b|\bcontrol\s+group\s*:\s*(?:none|no\b)/i, value: 'none' },
  { re: /\bplacebo|\bsham\b|\bvehicle[-\s]control|\bsaline\s+(?:placebo|control)|\bdummy\b/i, value: 'placebo' },
  { re: /\bno[-\s](?:treatment|intervention)\b|\bblank\s+control|receives?\s+no\s+treatment|\bwait(?:ing)?[-\s]?list\b|\bobservation\s+(?:only|arm|group)/i, value: 'no_treatment' },
  { re: SOC, value: 'standard_of_care' },
  { re: /\bdose[-\s]comparison|\bdose[-\s]ranging|\bdose[-\s]finding|\bdifferent\s+doses/i, value: 'dose_comparison' },
  { re: /\bhistor(?:ic|ical)\s+control/i, value: 'historical' },
  { re: /\bactive[-\s]?control|\bactive\s+comparator|\bpositive[-\s]control|\bother\s+medicinial\s+product\s*:\s*yes|\bversus\b|\bvs\.?\s|\bcompared\s+(?:with|to)\b|\bcomparison\s+(?:of|between)\b|\bcomparative\b|\bhead[-\s]to[-\s]head/i, value: 'active' },
];

/** Registry phrases that name the control question but answer "no" — removed before reading words. */
function withoutNegatedMentions(text: string): string {
  return text
    .replace(/\bplacebo\s*:\s*(?:not\s+used|no)\b/gi, ' ')
    .replace(/\bif\s+controlled,\s*specify\s+comparator/gi, ' ')
    .replace(/\bother\s+specify\s+the\s+comparator\s*:/gi, 'comparator:')
    .replace(/\bcontrol\s*:\s*not\s+applicable/gi, ' ');
}

/** Control type from structured arms and intervention names. */
export function controlFromArms(reg: Registration): Found<ControlType> | null {
  // an arm with neither description nor interventions is an empty form field ("Control intervention name : null")
  const arms = reg.arms.filter((a) => (a.description ?? '').trim() !== '' || a.interventions.length > 0);
  const at = (i: number, v: ControlType): Found<ControlType> =>
    ({ value: v, from: `arms[${reg.arms.indexOf(arms[i]!)}].type`, text: `${arms[i]!.label}: ${arms[i]!.type}` });
  const placebo = arms.findIndex((a) => a.type === 'placebo_comparator' || a.type === 'sham_comparator');
  if (placebo >= 0) return at(placebo, 'placebo');
  const active = arms.findIndex((a) => a.type === 'active_comparator');
  if (active >= 0) return at(active, SOC.test(`${arms[active]!.label} ${arms[active]!.description ?? ''}`) ? 'standard_of_care' : 'active');
  const none = arms.findIndex((a) => a.type === 'no_intervention');
  if (none >= 0) return at(none, SOC.test(`${arms[none]!.label} ${arms[none]!.description ?? ''}`) ? 'standard_of_care' : 'no_treatment');
  const pl = reg.interventions.findIndex((iv) => /\bplacebo\b|\bsham\b/i.test(iv.name));
  if (pl >= 0) return { value: 'placebo', from: `interventions[${pl}].name`, text: reg.interventions[pl]!.name };
  return null;
}

/** Control type from free text, fields in the order given (design string first). */
export function controlFromText(fields: TextField[]): Found<ControlType> | null {
  for (const f of fields) {
    const hit = firstRule({ from: f.from, text: withoutNegatedMentions(f.text) }, CONTROL_WORDS);
    if (hit) return hit;
  }
  return null;
}

/** Ascending-dose cohorts (`Single-Ascending Dose`, `Dose-Ranging`, `dose escalation`) enrolled one after another. */
const ESCALATION = /\bascending[-\s]+doses?\b|\bdose[-\s]+escalat|\bescalating[-\s]+doses?\b|\bdose[-\s]+ranging\b/i;

/**
 * A non-randomised trial whose only comparison is between dose cohorts enrolled in sequence (CT.gov `Sequential
 * Assignment` with `Open-Label, Dose-Ranging` or `Single-Ascending Dose` titles) has no concurrent control arm:
 * each cohort is the next step of one escalation, so reviewers code it as single-arm. A named placebo or active
 * comparator still counts.
 */
function escalationOnly(reg: Registration, found: Found<ControlType> | null): Found<ControlType> | null {
  const d = reg.design;
  if (d.allocation === 'randomized' || (found != null && found.value !== 'dose_comparison')) return null;
  if (d.model != null && d.model !== 'sequential') return null;
  for (const f of [...designTexts(reg), ...titleTexts(reg)]) {
    const m = ESCALATION.exec(f.text);
    if (m) return { value: 'none', from: f.from, text: `${m[0]} (sequential dose cohorts, no concurrent control)` };
  }
  return null;
}

/** A lone experimental arm, when the registry lists arms and nothing says the trial is randomised. */
function singleArm(reg: Registration): Found<ControlType> | null {
  const arms = reg.arms;
  if (arms.length !== 1 || arms[0]!.type !== 'experimental' || reg.design.allocation === 'randomized') return null;
  return { value: 'none', from: 'arms[0].type', text: `only arm: ${arms[0]!.label}` };
}

export function findControl(reg: Registration): Found<ControlType> | null {
  const arms = controlFromArms(reg);
  if (arms) return arms;
  const text = controlFromText([...designTexts(reg), ...titleTexts(reg), ...armAndInterventionTexts(reg), ...descriptionTexts(reg)]);
  return escalationOnly(reg, text) ?? text ?? singleArm(reg);
}

/**
 * Is there a concurrent control arm? true/false/null (unreported). A historical control counts only in a randomised
 * design; an unnamed control counts when the allocation is randomised or non-randomised across several arms.
 */
export function isControlled(reg: Registration): boolean | null {
  const { controlType: c, allocation: a, model: m } = reg.design;
  if (c === 'none') return false;
  if (c === 'historical') return a === 'randomized';
  if (c != null) return true;
  if (m === 'single_group' || a === 'not_applicable') return false;
  // sequential cohorts with no allocation stated (CT.gov leaves it out for one-arm escalation) compare no arms
  if (m === 'sequential' && a == null) return false;
  if (a === 'randomized' || a === 'non_randomized') return true;
  if (m === 'parallel' || m === 'crossover' || m === 'factorial') return true;
  return null;
}

export function extractControl(reg: Registration): void {
  if (reg.design.controlType == null) {
    const c = findControl(reg);
    if (c) { reg.design.controlType = c.value; record(reg, 'design.controlType', c); }
  }
  // a placebo exists to be indistinguishable: with masking unstated, a placebo-controlled trial counts as blinded
  if (reg.design.masking == null && reg.design.controlType === 'placebo') {
    reg.design.masking = 'blinded';
    record(reg, 'design.masking', { from: 'design.controlType', text: 'placebo control, masking not stated: blinded assumed' });
  }
}
