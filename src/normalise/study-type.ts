/**
 * Study type in every registry's wording → `interventional` | `observational` | `expanded_access` | `other`.
 *
 * ChiCTR's own categories: `Treatment study`, `Prevention`, `New Treatment Measure…` are interventional;
 * `Epidemilogical research` (sic), `Prognosis study`, `Cause`/`Etiology`, `Relative factors research` and registries'
 * `Patient Registry` / `PMS` (post-marketing surveillance) are observational; `Diagnostic test`, `Basic Science`,
 * `Health services reaserch` (sic), `Screening` and `Others,meta-analysis etc` are `other`.
 */
import type { StudyType } from '../model/registration.js';

const RULES: [RegExp, StudyType][] = [
  // other languages: ChiCTR `干预性研究` / `观察性研究`, DRKS `Interventionell` / `Beobachtungsstudie`, `Intervencional`,
  // `Observacional`, `Interventionnelle` / `Observationnelle`, `Acesso expandido`
  [/扩大使用|同情用药|acceso expandido|acesso expandido|uso compasivo|härtefall/, 'expanded_access'],
  [/^nicht[\s-]*interventionell|^no[\s-]*intervencional|^non[\s-]*interventionnel|^n[aã]o[\s-]*intervencional/, 'observational'],
  [/干预性研究|干预研究|^interventionell|^intervencional|^interventionnel|^estudio de intervenci[oó]n|^ensayo cl[ií]nico/, 'interventional'],
  [/观察性研究|观察研究|^beobachtungsstudie|^beobachtend|^observacional|^observationnel|^estudio observacional/, 'observational'],
  [/expanded[\s_-]*access|compassionate use/, 'expanded_access'],
  [/^observational|epidemi?o?logi?cal|prognosis|etiology|aetiology|^cause|relative factors|registry|^pms\b|post[\s-]*marketing|cohort|case[\s-]*control|cross[\s-]*sectional|natural history/, 'observational'],
  [/^interventional|^intervention\b|clinical trial|treatment study|^treatment$|^prevention|new treatment measure|^therapeutic/, 'interventional'],
  [/diagnostic|basic science|health services|screening|^others?\b|meta[\s-]*analysis|supportive care/, 'other'],
];

export function normaliseStudyType(value: string | null | undefined): StudyType | null {
  if (value == null) return null;
  const s = value.replace(/_x000D_|<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  if (s === '' || /^(?:unknown|n\/?a|-|none|not specified)$/.test(s)) return null;
  for (const [re, t] of RULES) if (re.test(s)) return t;
  return null;
}
