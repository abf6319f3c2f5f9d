/**
 * Small readers for labelled page values that no shared normaliser covers: counts, age ranges, yes/no flags,
 * results flags, and the labelled design words (allocation, model, masking with roles, purpose, control).
 * Only whole labelled values are read here; free-text design inference is the extraction stage's job.
 */
import type { Allocation, ControlType, DesignModel, Masking, MaskedRole, Purpose } from '../../model/registration.js';
import { ageToYears } from '../../normalise/ages.js';

/** Undo Markdown escapes ClinicalTrials.gov puts in criteria (`\>30`, `\<15`) and tidy spaces. */
export function unescapeText(s: string): string {
  return s.replace(/\\([<>*_#[\]()~`=+-])/g, '$1').replace(/\s+/g, ' ').trim();
}

/** `20`, `29 participants`, `1,200 (Estimated)`, `Actual: 45` → the count; no digits → null. */
export function readCount(s: string | null): number | null {
  if (!s) return null;
  // per-country counts and a total (REPEC `Perú: 1200 | Total (internacional / worldwide): 4800`): the total
  const total = /(?:^|[|;,]\s*)(?:total|gesamt|全部|总计)(?![a-z])[^|;\d]{0,40}?[:：]\s*(\d{1,3}(?:[,\s]\d{3})+|\d+)/i.exec(s);
  const m = total && /\d/.test(s.slice(0, total.index)) ? total : /(\d{1,3}(?:[,\s]\d{3})+|\d+)/.exec(s);
  if (!m) return null;
  const n = parseInt(m[1]!.replace(/[,\s]/g, ''), 10);
  return Number.isFinite(n) ? n : null;
}

/** `Yes`/`No`/`true`/`Accepts Healthy Volunteers` → boolean, else null. */
export function readYesNo(s: string | null): boolean | null {
  if (!s) return null;
  const lead = /^(yes|no)\b(?!\s*[a-z])/i.exec(s.trim()) ?? /^(yes|no)\s+(?=[A-Z])/.exec(s.trim()); // `yes Other: no …` run on
  if (lead) return lead[1]!.toLowerCase() === 'yes';
  const t = s.trim().toLowerCase().replace(/[.!]$/, '');
  if (/^(yes|y|true|accepts healthy volunteers|accepted)$/.test(t)) return true;
  if (/^(no|n|false|not accepted|does not accept healthy volunteers)$/.test(t)) return false;
  // other languages: German `Ja`/`Nein`, Spanish `Sí`, French `Oui`/`Non`, Portuguese `Sim`/`Não`, Chinese `是`/`否`
  if (/^(ja|s[ií]|oui|sim|是|有)$/.test(t)) return true;
  if (/^(nein|non|n[aã]o|否|无)$/.test(t)) return false;
  return null;
}

/** `Between 18 years and 70 years`, `18 Years to 70 Years`, `18 Years and older`, `up to 65 years`, `18-65 years`. */
export function readAgeRange(s: string | null): { min: number | null; max: number | null } | null {
  if (!s || s.length > 200) return null;
  const t = s.replace(/\(.*?\)/g, '').replace(/\s+/g, ' ').trim().replace(/^from\s+/i, '');
  let m = /^(?:between\s+)?(.+?)\s+(?:and|to|-|–)\s+(.+?)(?:\s+old)?$/i.exec(t);
  if (m && !/older|over|above|younger|under|below/i.test(m[2]!)) {
    const unit = /([a-z]+)\s*$/i.exec(m[2]!)?.[1] ?? '';
    const lo = /^\d+(?:\.\d+)?$/.test(m[1]!.trim()) && unit ? `${m[1]} ${unit}` : m[1]!;
    const min = ageToYears(lo);
    const max = ageToYears(m[2]!);
    if (min !== null || max !== null) return { min, max };
  }
  m = /^(?:from\s+)?(.+?)\s+(?:and|or)\s+(?:older|over|above)$|^(.+?)\+$/i.exec(t);
  if (m) return { min: ageToYears(m[1] ?? m[2]!), max: null };
  m = /^(?:up to|under|below|less than)\s+(.+)$/i.exec(t);
  if (m) return { min: null, max: ageToYears(m[1]!) };
  m = /^(\d+)\s*-\s*(\d+)\s*([a-z]+)?$/i.exec(t);
  if (m) return { min: ageToYears(`${m[1]} ${m[3] ?? 'years'}`), max: ageToYears(`${m[2]} ${m[3] ?? 'years'}`) };
  return null;
}

/** Does the results line say results are posted? `No Results Available`, `Has Results`, the portal's "not published yet". */
export function readResultsPosted(s: string | null): boolean | null {
  if (!s) return null;
  if (/\bno results\b|not (?:yet )?(?:been )?(?:published|posted|available)|has not published|^no$/i.test(s)) return false;
  if (/\bhas results\b|^yes$|results (?:are )?available|view results|results posted/i.test(s)) return true;
  return null;
}

/** A token of a labelled design value: lower case, words joined by `_` (`Parallel Assignment` → `parallel_assignment`). */
function tok(s: string): string {
  return s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[.;,]+$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const ALLOCATION: Record<string, Allocation> = {
  randomized: 'randomized', randomised: 'randomized', randomized_controlled_trial: 'randomized',
  randomised_controlled_trial: 'randomized', rct: 'randomized', yes: 'randomized',
  randomized_controlled: 'randomized', randomised_controlled: 'randomized', randomized_trial: 'randomized',
  non_randomized: 'non_randomized', non_randomised: 'non_randomized', nonrandomized: 'non_randomized',
  nonrandomised: 'non_randomized', non_randomized_controlled_trial: 'non_randomized', no: 'non_randomized',
  non_randomised_controlled_trial: 'non_randomized',
  aleatorizado: 'randomized', aleatorio: 'randomized', aleatoria: 'randomized', randomizado: 'randomized', randomise: 'randomized',
  randomisiert: 'randomized', no_aleatorizado: 'non_randomized', nao_randomizado: 'non_randomized', non_randomise: 'non_randomized',
  nicht_randomisiert: 'non_randomized', ja: 'randomized', nein: 'non_randomized', si: 'randomized', non_randomised_trial: 'non_randomized',
  not_randomized: 'non_randomized', not_randomised: 'non_randomized', na: 'not_applicable', n_a: 'not_applicable',
  not_applicable: 'not_applicable', non_randomized_trial: 'non_randomized',
};
export function readAllocation(s: string): Allocation | null {
  // Chinese design words (ChiCTR `随机平行对照` randomised parallel controlled, `非随机对照` non-randomised controlled)
  if (/^\s*非随机/.test(s)) return 'non_randomized';
  if (/^\s*随机/.test(s)) return 'randomized';
  const t = tok(s);
  if (ALLOCATION[t]) return ALLOCATION[t]!;
  // `Randomized controlled study`, `Non-randomised parallel trial`: a labelled value that starts with the word
  if (/^(?:non|not)_?randomi[sz]ed/.test(t)) return 'non_randomized';
  if (/^(?:cluster_|individually_)?randomi[sz]ed(?:_|$)/.test(t)) return 'randomized';
  return null;
}

const MODEL: Record<string, DesignModel> = {
  // other languages (accents folded by tok): Spanish/Portuguese `Paralelo`, `Cruzado`, German `Parallel`, French `Parallèle`
  paralelo: 'parallel', grupos_paralelos: 'parallel', paralela: 'parallel', cruzado: 'crossover', cruzada: 'crossover',
  croise: 'crossover', cross_over_studie: 'crossover', grupo_unico: 'single_group', brazo_unico: 'single_group',
  einarmig: 'single_group', faktoriell: 'factorial', parallele: 'parallel',
  parallel: 'parallel', parallel_assignment: 'parallel', parallel_group: 'parallel', parallel_groups: 'parallel',
  crossover: 'crossover', cross_over: 'crossover', crossover_assignment: 'crossover',
  single_group: 'single_group', single_group_assignment: 'single_group', single_arm: 'single_group', single_arm_trial: 'single_group',
  factorial: 'factorial', factorial_assignment: 'factorial', sequential: 'sequential', sequential_assignment: 'sequential',
  other: 'other', single: 'single_group',
};
export function readModel(s: string): DesignModel | null {
  return MODEL[tok(s)] ?? null;
}

const MASKING: Record<string, Masking> = {
  none: 'none', none_open_label: 'none', open_label: 'none', open: 'none', no_masking: 'none', not_blinded: 'none',
  open_masking_not_used: 'none', single: 'single', single_blind: 'single', single_blinded: 'single', double: 'double',
  double_blind: 'double', double_blinded: 'double', triple: 'triple', triple_blind: 'triple', triple_blinded: 'triple',
  quadruple: 'quadruple', quadruple_blind: 'quadruple', blinded: 'blinded', blinded_masking_used: 'blinded',
  blinded_masking_not_used: 'none', masked: 'blinded',
  // other languages (accents folded by tok): Spanish, Portuguese, French, German
  abierto: 'none', abierta: 'none', aberto: 'none', ouvert: 'none', offen: 'none', simple_ciego: 'single', ciego_simple: 'single',
  simple: 'single', doble_ciego: 'double', doble: 'double', triple_ciego: 'triple', triple_cego: 'triple', cuadruple: 'quadruple',
  cuadruple_ciego: 'quadruple', quadruplo: 'quadruple', simples_cego: 'single', duplo_cego: 'double', duplo: 'double',
  simple_aveugle: 'single', double_aveugle: 'double', triple_aveugle: 'triple', einfach_blind: 'single', einfachblind: 'single',
  doppelblind: 'double', doppelt_blind: 'double', dreifach_blind: 'triple', dreifachblind: 'triple',
};
/** ChiCTR's Chinese masking words: `双盲` double, `单盲` single, `三盲` triple, `四盲` quadruple, `开放`/`不设盲` open. */
const MASKING_ZH: [RegExp, Masking][] = [
  [/^(?:开放|非盲|不设盲|无盲|未设盲)/, 'none'], [/^单盲/, 'single'], [/^双盲/, 'double'], [/^三盲/, 'triple'], [/^四盲/, 'quadruple'],
];
const ROLE: [RegExp, MaskedRole][] = [
  [/participant|subject|patient|receiving|proband|受试者|患者|participante|sujeto|paciente/i, 'participant'],
  [/care\s*provider|caregiver|clinician|physician|administering|behandelnde|arzt|ärztin|proveedor|prestador|cuidador|médico|medecin|médecin|医生|实施者/i, 'care_provider'],
  [/investigator|investigador|prüfer|pesquisador|investigateur|研究者/i, 'investigator'],
  [/outcome|assessor|assessing|auswerter|evaluador|avaliador|évaluateur|评价者|评估者/i, 'outcomes_assessor'],
  [/analyst|analys(?:ing|er)|analyz(?:ing|er)|analista|statistiker|统计/i, 'analyst'], // IRCT `Data analyser`
];
/** Roles named in a list (`Participant, Care Provider`, `The people receiving the treatment/s`…). */
export function readRoles(s: string): MaskedRole[] {
  const out: MaskedRole[] = [];
  for (const part of s.split(/[,;/、，]|\band\b|\bund\b|\by\b|\be\b|\bet\b|及|和|与/)) {
    for (const [re, role] of ROLE) if (re.test(part) && !out.includes(role)) out.push(role);
  }
  return out;
}
/** `Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)`, `None (Open Label)`, `Double blind`. */
export function readMasking(s: string): { masking: Masking | null; roles: MaskedRole[] } {
  // UMIN-CTR `Single blind -participants are blinded`, `Open -no one is blinded`: the level, then who
  // …and PACTR `Double blinded: Participants and outcome assessors.`
  s = s.replace(/（/g, '(').replace(/）/g, ')'); // full-width brackets (ChiCTR `双盲（受试者及结局评价者设盲）`)
  const zh = MASKING_ZH.find(([re]) => re.test(s.trim()));
  if (zh) return { masking: zh[1], roles: zh[1] === 'none' ? [] : readRoles(/\((.*)\)/.exec(s)?.[1] ?? '') };
  const dash = /^([^-(]+?)\s+-\s*(.+)$/.exec(s.trim()) ?? /^([^:(]{2,40}?)\s*:\s*(.+)$/.exec(s.trim());
  const m = dash ? [s, dash[1], dash[2]] : /^([^(]*)(?:\((.*)\))?/.exec(s.trim());
  const head = m?.[1] ?? '';
  const inner = m?.[2] ?? '';
  const masking = MASKING[tok(head)] ?? MASKING[tok(s)] ?? (/open label/i.test(s) ? 'none' : null);
  return { masking, roles: masking && masking !== 'none' ? readRoles(inner) : [] };
}

const PURPOSE: Record<string, Purpose> = {
  treatment: 'treatment', treatment_and_management: 'treatment', therapy: 'treatment', prevention: 'prevention',
  preventive: 'prevention', prophylaxis: 'prevention', diagnostic: 'diagnostic', diagnosis: 'diagnostic',
  supportive_care: 'supportive_care', screening: 'screening', health_services_research: 'health_services_research',
  basic_science: 'basic_science', other: 'other', device_feasibility: 'other', educational_counseling_training: 'other',
  prevention_and_control: 'prevention', treatment_study: 'treatment', prevention_study: 'prevention',
  health_care_system: 'health_services_research', // DRKS `Purpose: Health care system`
  // other languages (accents folded by tok): German, Spanish, French, Portuguese
  behandlung: 'treatment', therapie: 'treatment', pravention: 'prevention', vorbeugung: 'prevention', diagnose: 'diagnostic',
  diagnostik: 'diagnostic', grundlagenforschung: 'basic_science', versorgungsforschung: 'health_services_research',
  supportivtherapie: 'supportive_care', tratamiento: 'treatment', prevencion: 'prevention', diagnostico: 'diagnostic',
  cuidados_de_soporte: 'supportive_care', ciencia_basica: 'basic_science', tamizaje: 'screening', cribado: 'screening',
  traitement: 'treatment', depistage: 'screening', soins_de_support: 'supportive_care',
  tratamento: 'treatment', prevencao: 'prevention', rastreamento: 'screening', cuidados_de_suporte: 'supportive_care',
  otro: 'other', otros: 'other', sonstige: 'other', andere: 'other', autre: 'other', outro: 'other',
};
export function readPurpose(s: string): Purpose | null {
  // (jRCT's design lines: `treatment purpose`, `basic science purpose`)
  return PURPOSE[tok(s)] ?? PURPOSE[tok(s).replace(/_purpose$/, '')] ?? null;
}

const CONTROL: Record<string, ControlType> = {
  placebo: 'placebo', active: 'active', active_comparator: 'active', uncontrolled: 'none', none: 'none',
  historical: 'historical', dose_comparison: 'dose_comparison', standard_of_care: 'standard_of_care',
  usual_care: 'standard_of_care', no_treatment: 'no_treatment', no_intervention: 'no_treatment',
  active_control: 'active', placebo_control: 'placebo', placebo_controlled: 'placebo', active_controlled: 'active',
};
export function readControl(s: string): ControlType | null {
  // `Active Controlled Trial` (CTRI study design) ~ `active controlled`
  return CONTROL[tok(s)] ?? CONTROL[tok(s).replace(/_(?:trial|study)$/, '')] ?? null;
}

/** `Multicenter trial` / `Monocenter trial` / `Single centre` → multicentre flag. */
export function readCentres(s: string): boolean | null {
  if (/multi[\s-]*cent(?:er|re)|multiple (?:sites|centres|centers)/i.test(s)) return true;
  if (/(?:mono|single|one)[\s-]*(?:cent(?:er|re)|site)/i.test(s)) return false;
  return null;
}

/** EU CTR age groups as ICTRP and the EU register print them (`Are the trial subjects under 18? no`, `F.1.2 Adults (18-64 years) yes`). */
export const EU_AGE_LINE = /^(?:F\.[\d.]+\s+)?(?:Are the trial subjects under 18\?|Trial has subjects under 18|Number of subjects for this age range|Adults \(18-64 years\)|Elderly \(>=65 years\)|In utero|Preterm newborn infants|Newborns|Infants and toddlers|Children|Adolescents)(?=[\s:?]|$)/i;

/** An EU age-group line on its own (`F.1.1.4 Children (2-11years) yes`), not a criterion that starts with the word (`Children aged 5 to 15 years …`). */
export function isEuAgeLine(line: string): boolean {
  const m = EU_AGE_LINE.exec(line);
  return m !== null && /^[\s:?]*(?:\([^)]*\))?[\s:?]*(?:yes|no|\d+)?\s*$/i.test(line.slice(m[0].length));
}

/** Age limits the EU groups imply: no subjects under 18 but adults → minimum 18; adults but no elderly → maximum 64. */
export function euAgeLimits(lines: string[]): { min: number | null; max: number | null } | null {
  const flag = (re: RegExp): boolean | null => {
    const l = lines.find((x) => re.test(x));
    const m = l ? /\b(yes|no)\s*$/i.exec(l) : null;
    return m ? m[1]!.toLowerCase() === 'yes' : null;
  };
  const under18 = flag(/under 18/i);
  const adults = flag(/Adults \(18-64 years\)/i);
  const elderly = flag(/Elderly \(>=65 years\)/i);
  if (under18 === null && adults === null && elderly === null) return null;
  return { min: under18 === false && adults ? 18 : null, max: adults && elderly === false ? 64 : null };
}
