/**
 * Design characteristics from text: allocation, model, masking + masked roles, purpose.
 *
 * Reads, in order, the registry's design string (`design.raw`: ICTRP `Study design` of every registry, CT.gov design
 * line), then titles, then descriptions. In each text, labelled pairs (`Allocation: Randomized`, `Masking: Single
 * (Participant)`, EUCTR `Double blind: yes`, IRCT `Blinding: Double blinded`, KCT `Blinding Target : Subject`) win
 * over free wording (`a randomised, double-blind, placebo-controlled…`). Pure functions over TextField lists;
 * `extractDesign` fills only what is null, except masking `blinded` → a precise level the text states (a refinement).
 */
import { normalisePhase } from '../normalise/phase.js';
import type { Allocation, DesignModel, MaskedRole, Masking, Purpose, Registration } from '../model/registration.js';
import {
  type Found, type Rule, type TextField, conditionTexts, descriptionTexts, designTexts, firstInFields, firstRule, labelled, quote,
  record, titleTexts,
} from './text.js';

// ── allocation ──────────────────────────────────────────────────────────────────────────────────────────────────

const ALLOCATION_LABEL = /allocation|randomi[sz]ation|randomi[sz]ed|randomised/;

function allocationValue(v: string): Allocation | null {
  if (/^(?:unknown|unclear|not\s+(?:stated|specified|known|reported))/i.test(v)) return null;
  if (/^(?:non|not\b|no\b|quasi|unrandom)|non[-\s]?random/i.test(v)) return 'non_randomized';
  if (/^(?:n\/a|na\b|not\s+applicable|none)|single[-\s]?(?:arm|group)/i.test(v)) return 'not_applicable';
  if (/random|\brct\b|^yes\b/i.test(v)) return 'randomized';
  return null;
}

const ALLOCATION_WORDS: Rule<Allocation>[] = [
  { re: /\b(?:non|not|un)[-\s]?randomi[sz]|\bnonrandomi|\bquasi[-\s]?randomi/i, value: 'non_randomized' },
  { re: /\brandomi[sz]|\brandomly\b|\brandom\s+(?:allocation|assignment)|\bRCT\b/i, value: 'randomized' },
  { re: /\bsingle[-\s]?arm|\bone[-\s]arm|\bsingle[-\s]group|\buncontrolled\b|\bnon[-\s]?controlled\b/i, value: 'not_applicable' },
];

function labelledFound<T>(f: TextField, label: RegExp, map: (v: string) => T | null): Found<T> | null {
  const l = labelled(f.text, label);
  if (!l) return null;
  const value = map(l.value);
  return value == null ? null : { value, from: f.from, text: quote(f.text, l.index, l.length, 0) };
}

export function findAllocation(fields: TextField[]): Found<Allocation> | null {
  for (const f of fields) {
    // CTRI/IRCT method lines ("Method of generating randomization sequence: Not Applicable") are not statements
    const words = f.text.replace(/\bmethod\s+of\s+generating\s+randomi[sz]ation\s+sequence\s*:\s*not\s+applicable|\brandomi[sz]ation\s+description\s*:/gi, ' ');
    const hit = labelledFound(f, ALLOCATION_LABEL, allocationValue) ?? firstRule({ from: f.from, text: words }, ALLOCATION_WORDS);
    if (hit) return hit;
  }
  return null;
}

// ── model ───────────────────────────────────────────────────────────────────────────────────────────────────────

const MODEL_WORDS: Rule<DesignModel>[] = [
  { re: /cross[-\s]?over\s*(?:group|design|study|trial|assignment)?\s*:\s*yes|\bcross[-\s]?over\b(?!\s*(?:group\s*)?:\s*no)/i, value: 'crossover' },
  { re: /\bfactorial\b(?!\s*:\s*no)/i, value: 'factorial' },
  { re: /\bsingle[-\s]?(?:arm|group)\b|\bone[-\s]arm\b|\bsingle\s+assignment|\buncontrolled\b|\bnon[-\s]?controlled\b/i, value: 'single_group' },
  { re: /\bparallel(?:[-\s]group)?\b(?!\s*(?:group\s*)?:\s*no)/i, value: 'parallel' },
  { re: /\bsequential\b|\bdose[-\s]escalat/i, value: 'sequential' },
];

export function findModel(fields: TextField[]): Found<DesignModel> | null {
  for (const f of fields) {
    const hit = firstRule(f, MODEL_WORDS);
    if (hit) return hit;
  }
  return null;
}

// ── masking and masked roles ────────────────────────────────────────────────────────────────────────────────────

const ROLE_WORDS: [RegExp, MaskedRole][] = [
  [/participant|subject|patient/i, 'participant'],
  [/care[-\s]?provider|care[-\s]?giver|clinician|physician|nurse/i, 'care_provider'],
  [/investigator/i, 'investigator'],
  [/outcome|assessor|observer|evaluator|rater|examiner|adjudicat/i, 'outcomes_assessor'],
  [/analy[sz]|statistic/i, 'analyst'],
];

export function rolesIn(text: string): MaskedRole[] {
  return ROLE_WORDS.filter(([re]) => re.test(text)).map(([, role]) => role);
}

const LEVELS: Masking[] = ['single', 'double', 'triple', 'quadruple'];

export interface MaskingFound extends Found<Masking> {
  roles: MaskedRole[];
}

const MASKING_WORDS: Rule<Masking>[] = [
  { re: /\bquadruple[-\s]?(?:blind|mask)/i, value: 'quadruple' },
  { re: /\btriple[-\s]?(?:blind|mask)/i, value: 'triple' },
  { re: /\bdouble[-\s]?(?:blind|mask|dummy|bind)/i, value: 'double' },
  { re: /\bsingle[-\s]?(?:blind|mask)/i, value: 'single' },
  { re: /\b(?:observer|assessor|evaluator|rater|examiner)s?[-\s]?(?:blind|mask)/i, value: 'single' },
  // a positive "blinded" anywhere beats an "unblinded" elsewhere (partly blinded designs count as blinded)
  { re: /(?<!\b(?:non-?|not\s+|no\s+|without\s+))\bblind(?:ed|ing)?\b|(?<!\b(?:un|non-?|not\s+))\bmasked\b/i, value: 'blinded' },
  { re: /\b(?:un|non[-\s]?|not\s+)(?:blind|mask)(?:ed)?\b|\bno\s+(?:blinding|masking)\b|\bwithout\s+(?:blinding|masking)|masking\s+not\s+used/i, value: 'none' },
  { re: /\bopen[-\s]?label(?:l?ed)?\b|\bopen\s*\(|\bopen\s+(?:study|trial|design|clinical|controlled|randomi[sz]ed|multi)|(?:^|[,;]\s*)open\s*(?:[,;]|$)|,\s*open\s+and\b|\ban?\s+open\s*(?:,|\band\b)|\bopen\s*,\s*(?:multi|single|controlled|randomi[sz]ed|parallel|prospective|non[-\s]?randomi[sz]ed)/i, value: 'none' },
];

/** A masking label's value: `Single (Participant)`, `Double Blind (Subject, Investigator)`, `Open`, `Participant and Investigator Blinded`. */
function maskingValue(v: string): { masking: Masking; roles: MaskedRole[] } | null {
  const roles = rolesIn(v.replace(/masking used|masking not used/i, ''));
  if (/^(?:unknown|unclear|not\s+(?:stated|specified|known|reported))/i.test(v)) return null;
  // "Not applicable" (CTRI, IRCT) is how these registries record that nobody was masked
  if (/^(?:none|open|no\b|not\b|n\/a|unblind|unmask|non[-\s]?blind|non[-\s]?mask)|masking not used/i.test(v)) return { masking: 'none', roles: [] };
  const level = /quadruple/i.test(v) ? 'quadruple' : /triple/i.test(v) ? 'triple' : /double/i.test(v) ? 'double' : /single/i.test(v) ? 'single' : null;
  if (level) return { masking: level, roles };
  if (/blind|mask|^yes/i.test(v) || roles.length > 0) {
    const byCount = roles.length > 0 ? LEVELS[Math.min(roles.length, 4) - 1]! : 'blinded';
    return { masking: byCount, roles };
  }
  return null;
}

const MASKING_LABEL = /masking|blinding(?:\s*(?:\/|and)\s*masking)?/;

/** EUCTR flags: `Open: yes Single blind: no Double blind: yes`. */
function euctrMasking(f: TextField): MaskingFound | null {
  const dbl = /double\s+blind\s*:\s*(yes|no)/i.exec(f.text);
  const sgl = /single\s+blind\s*:\s*(yes|no)/i.exec(f.text);
  const open = /open\s*:\s*(yes|no)/i.exec(f.text);
  const yes = [dbl, sgl, open].find((m) => m && m[1]!.toLowerCase() === 'yes');
  if (!yes) return null;
  const masking: Masking = yes === dbl ? 'double' : yes === sgl ? 'single' : 'none';
  return { value: masking, roles: [], from: f.from, text: yes[0] };
}

export function findMasking(fields: TextField[]): MaskingFound | null {
  for (const f of fields) {
    const eu = euctrMasking(f);
    if (eu) return eu;
    const l = labelled(f.text, MASKING_LABEL);
    const v = l ? maskingValue(l.value) : null;
    if (l && v) {
      const target = labelled(f.text, /blinding\s+target|masked\s+roles?|who\s+is\s+masked/);
      const roles = v.roles.length > 0 || !target ? v.roles : rolesIn(target.value);
      return { value: v.masking, roles, from: f.from, text: quote(f.text, l.index, l.length, 0) };
    }
    // EUCTR's unticked boxes ("Single blind: no") are not blinding words
    // and a label ("Blinding description:") is not a statement that anyone was blinded
    const words = f.text.replace(/(?:single|double)\s+blind\s*:\s*no\b/gi, ' ').replace(/\b(?:blinding|masking)(?:\s*(?:\/|and)\s*masking)?(?:\s+(?:description|target))?\s*:/gi, ' ');
    const hit = firstRule({ from: f.from, text: words }, MASKING_WORDS);
    if (hit) {
      const listed = /(?:blind(?:ed)?|mask(?:ed|ing)?)\s*\(([^)]{1,80})\)/i.exec(words);
      const roles = listed && hit.value !== 'none' ? rolesIn(listed[1]!)
        : /observer|assessor|evaluator|rater|examiner/i.test(hit.text) && hit.value === 'single' ? ['outcomes_assessor' as const] : [];
      return { ...hit, roles };
    }
  }
  return null;
}

// ── purpose ─────────────────────────────────────────────────────────────────────────────────────────────────────

function purposeValue(v: string): Purpose | null {
  if (/^\s*$/.test(v)) return null;
  if (/treat|therap/i.test(v)) return 'treatment';
  if (/prevent|prophyla/i.test(v)) return 'prevention';
  if (/diagnos/i.test(v)) return 'diagnostic';
  if (/supportive/i.test(v)) return 'supportive_care';
  if (/screen/i.test(v)) return 'screening';
  if (/health\s+services?/i.test(v)) return 'health_services_research';
  if (/basic\s+science/i.test(v)) return 'basic_science';
  if (/n\/a|not\s+(?:applicable|specified|stated)|^none/i.test(v)) return null;
  return 'other';
}

const PURPOSE_LABEL = /primary\s+purpose|study\s+design\s+purpose|purpose/;
const PURPOSE_SUFFIX = /\b(treatment|prevention|diagnostic|screening|supportive care|basic science|health services research)\s+purpose\b/i;
const PURPOSE_TRAILER = /\(\s*(treatment|prevention|diagnostic|screening|supportive care|other|quality of life|health services research|basic science)\s*\)\s*$/i;

/** Purpose the registry states: `Primary purpose: Treatment`, `Purpose: Diagnosis`, ISRCTN `… trial (Treatment)`. */
export function findStatedPurpose(fields: TextField[]): Found<Purpose> | null {
  for (const f of fields) {
    const hit = labelledFound(f, PURPOSE_LABEL, purposeValue);
    if (hit) return hit;
    const m = PURPOSE_TRAILER.exec(f.text) ?? PURPOSE_SUFFIX.exec(f.text);
    if (m) return { value: purposeValue(m[1]!) ?? 'other', from: f.from, text: m[0].trim() };
  }
  return null;
}

const PURPOSE_WORDS: Rule<Purpose>[] = [
  // keeping people free of a disease: vaccines and prophylaxis, but also treating the contacts of cases
  // ("on close contacts of COVID-19", "household contacts"), cutting transmission, lowering an incidence
  {
    re: /\bvaccin|\bimmuni[sz]ation|\bprevent|\bprophyla|\bpre-?exposure|\bpost-?exposure|\b(?:close|household)\s+contacts?\b|\breduc\w*\s+(?:of\s+)?(?:the\s+)?(?:direct\s+|onward\s+)?transmission\b|\b(?:on|reduc\w*|lower\w*|decreas\w*)\s+(?:the\s+)?incidence\s+of\b/i,
    value: 'prevention',
  },
  // anaesthesia and analgesia (procedural, perioperative) care for the patient around a procedure, not the disease
  { re: /\ban(?:a)?esthesia\b|\ban(?:a)?esthetic\s+(?:agents?|regimen|technique)|\bnerve\s+block|\bplane\s+block|\bepidural\b|\bintubation\b|\blaryngoscop|\banalgesi(?:a|c)\b/i, value: 'supportive_care' },
  // how a medicine is taken, not what it treats
  { re: /\b(?:medication|treatment|drug)\s+adherence\b/i, value: 'health_services_research' },
  // product testing on healthy people: bioequivalence, skin irritation / patch tests
  { re: /\bbioequivalen|\bbioavailab|\bhealthy\s+(?:human\s+)?(?:volunteers?|subjects?|adults?|participants?|men|women)|\bfood[-\s]effect|\bdrug[-\s]drug\s+interaction|\b(?:skin\s+)?irritation\s+(?:potential|test)|\bskin\s+irritation\b|\bpatch\s+test/i, value: 'other' },
  { re: /\bdiagnos(?:is|tic)\s+(?:accuracy|performance|test|value)|\bdetection\b|\bimaging\b/i, value: 'diagnostic' },
  { re: /\btreat|\btherap|\befficacy|\bpatients?\b|\bmanagement\b|\bcure\b|\beffect(?:s|iveness)?\b|\bclinical\s+(?:study|trial|evaluation)/i, value: 'treatment' },
  { re: /\bpharmacokinetic|\bpharmacodynamic/i, value: 'other' },
];

/** Purpose implied by the title's words when the registry states none (vaccine/prevention → prevention, …). */
export function findImpliedPurpose(fields: TextField[]): Found<Purpose> | null {
  for (const rule of PURPOSE_WORDS) {
    for (const f of fields) {
      const hit = firstRule(f, [rule]);
      if (hit) return hit;
    }
  }
  return null;
}

/** A condition that is itself a prevention aim (`Prevention of influenza`, `Influenza Prevention`, `Prophylaxis for
 * influenza virus infection`): registries without a purpose field put the aim there, and it outranks title words such
 * as "in healthy adults" (a vaccine trial names its product, not the word vaccine). */
const PREVENTION_CONDITION: Rule<Purpose>[] = [{ re: /\bprevention\b|\bprophyla(?:xis|ctic)\b/i, value: 'prevention' }];

export function findConditionPurpose(fields: TextField[]): Found<Purpose> | null {
  return firstInFields(fields, PREVENTION_CONDITION);
}

// ── phase named in text ──────────────────────────────────────────────────────────────────────────────────────────

const PHASE_IN_TEXT = /\bphase[-\s]*(?:[0-4]|iv|i{1,3})[ab]?\b(?:\s*(?:\/|-|–|and|to)\s*(?:phase[-\s]*)?(?:[0-4]|iv|i{1,3})[ab]?\b)?/i;

/** `a Phase III, randomised…` in a title or design string → phase, when the registry's phase field is empty. */
export function findPhaseInText(fields: TextField[]): Found<NonNullable<ReturnType<typeof normalisePhase>>> | null {
  for (const f of fields) {
    const m = PHASE_IN_TEXT.exec(f.text);
    const value = m ? normalisePhase(m[0]) : null;
    if (m && value) return { value, from: f.from, text: quote(f.text, m.index, m[0].length) };
  }
  return null;
}

// ── the stage ───────────────────────────────────────────────────────────────────────────────────────────────────

const MULTI_ARM: DesignModel[] = ['parallel', 'crossover', 'factorial'];

/** Fill design.allocation/model/masking/maskedRoles/purpose from text where the source left them null. */
export function extractDesign(reg: Registration): void {
  const d = reg.design;
  const texts = [...designTexts(reg), ...titleTexts(reg), ...descriptionTexts(reg)];

  if (d.model == null) {
    const m = findModel(texts);
    if (m) { d.model = m.value; record(reg, 'design.model', m); }
  }
  if (d.allocation == null) {
    const a = findAllocation(texts);
    if (a) { d.allocation = a.value; record(reg, 'design.allocation', a); }
    else if (d.model && MULTI_ARM.includes(d.model) && designTexts(reg).length > 0) {
      // registries that list only the model (ChiCTR "Parallel", "Cross-over") mean a randomised comparison
      d.allocation = 'randomized';
      record(reg, 'design.allocation', { from: 'design.raw', text: `${designTexts(reg)[0]!.text.slice(0, 60)} (multi-arm design, allocation not stated: randomised assumed)` });
    }
  }
  if (d.allocation == null && d.model === 'single_group') {
    d.allocation = 'not_applicable';
    record(reg, 'design.allocation', { from: 'design.model', text: 'single group' });
  }
  if (d.masking == null || d.masking === 'blinded') {
    const mk = findMasking(texts);
    if (mk && (d.masking == null || (mk.value !== 'blinded' && mk.value !== 'none'))) {
      d.masking = mk.value;
      record(reg, 'design.masking', mk);
    }
    if (mk && d.maskedRoles.length === 0 && mk.roles.length > 0 && d.masking !== 'none') {
      d.maskedRoles = mk.roles;
      record(reg, 'design.maskedRoles', mk);
    }
  }
  if (reg.phase == null && !/not\s+applicable|^\s*n\/a\s*$/i.test(reg.phaseRaw ?? '')) {
    const ph = findPhaseInText([...designTexts(reg), ...titleTexts(reg)]);
    if (ph) { reg.phase = ph.value; record(reg, 'phase', ph); }
  }
  if (d.purpose == null) {
    const p = findStatedPurpose(designTexts(reg)) ?? findConditionPurpose(conditionTexts(reg)) ?? findImpliedPurpose(titleTexts(reg));
    if (p) { d.purpose = p.value; record(reg, 'design.purpose', p); }
    else if (reg.studyType !== 'observational' && (reg.interventions.length > 0 || designTexts(reg).length > 0)) {
      // an interventional trial that names no purpose and no prevention/diagnostic words: reviewers code treatment
      d.purpose = 'treatment';
      record(reg, 'design.purpose', { from: 'titles', text: 'no purpose stated: treatment assumed' });
    }
  }
}
