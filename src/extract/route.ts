/**
 * Route of administration from intervention wording: IV infusion/drip, nebulisation/atomisation/aerosol inhalation,
 * intratracheal/bronchoscopic, intramuscular, subcutaneous, intradermal, local (intra-articular, intrathecal,
 * intramyocardial, topical, injected into a lesion). The earliest mention in the text wins.
 */
import type { Route } from '../model/registration.js';

const ROUTE_WORDS: [RegExp, Route][] = [
  [/\bnebuli[sz]|\binhal|\baerosol|\batomi[sz]|\bnebuliz|雾化|吸入/i, 'inhalation'],
  [/\bintra[-\s]?trache|\bendo[-\s]?trache|\bbronchoscop|\bintra[-\s]?bronch|气管内|支气管镜/i, 'intratracheal'],
  [/\bintra[-\s]?venous|\bintravenously\b|\bi\.v\.|\bIV\b|\bi\.v\b|\biv\s+(?:injection|infusion|drip)|\binfus(?:ion|ed)|\bdrip\b|\bvenous\b|\bveins?\b|静脉|静滴/i, 'intravenous'],
  [/\bintra[-\s]?muscular|\bi\.m\.|肌肉注射|肌注/i, 'intramuscular'],
  [/\bsub[-\s]?cutaneous|\bs\.c\.|皮下/i, 'subcutaneous'],
  [/\bintra[-\s]?dermal|皮内/i, 'intradermal'],
  [/\bintra[-\s]?(?:articular|thecal|myocardial|coronary|lesional|discal|vitreal|cavernous|uterine|ovarian|tympanic|pleural|peritoneal)|\btopical|\blocal(?:ly)?\s+(?:injection|injected|administ|application)|\binjected\s+into(?!\s+(?:the\s+|this\s+|each\s+|all\s+)?(?:treatment|patients?|groups?|cohorts?|participants?|subjects?|arms?|volunteers?))|\btransplant(?:ed|ation)\s+into|\bperiodontal|局部|鞘内|关节腔/i, 'local'],
  [/\bintra[-\s]?nasal|\bnasal\s+(?:spray|drops?)|\bintra[-\s]?arterial|\boral(?:ly)?\b/i, 'other'],
];

export interface RouteFound {
  value: Route;
  index: number;
  length: number;
}

export function parseRoute(text: string): RouteFound | null {
  let best: RouteFound | null = null;
  for (const [re, value] of ROUTE_WORDS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { value, index: m.index, length: m[0].length };
  }
  return best;
}
