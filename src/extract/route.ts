/**
 * Route of administration from intervention wording: IV infusion/drip, nebulisation/atomisation/aerosol inhalation,
 * intratracheal/bronchoscopic, intramuscular, subcutaneous, intradermal, local (intra-articular, intrathecal,
 * intramyocardial, topical, injected into a lesion). The earliest mention in the text wins.
 */
import type { Route } from '../model/registration.js';

const ROUTE_WORDS: [RegExp, Route][] = [
  [/\bnebuli[sz]|\binhal|\baerosol|\batomi[sz]|\bnebuliz/i, 'inhalation'],
  [/\bintra[-\s]?trache|\bendo[-\s]?trache|\bbronchoscop|\bintra[-\s]?bronch/i, 'intratracheal'],
  [/\bintra[-\s]?venous|\bintravenously\b|\bi\.v\.|\bIV\b|\bi\.v\b|\biv\s+(?:injection|infusion|drip)|\binfus(?:ion|ed)|\bdrip\b|\bvenous\b/i, 'intravenous'],
  [/\bintra[-\s]?muscular|\bi\.m\./i, 'intramuscular'],
  [/\bsub[-\s]?cutaneous|\bs\.c\./i, 'subcutaneous'],
  [/\bintra[-\s]?dermal/i, 'intradermal'],
  [/\bintra[-\s]?(?:articular|thecal|myocardial|coronary|lesional|discal|vitreal|cavernous|uterine|ovarian|tympanic|pleural|peritoneal)|\btopical|\blocal(?:ly)?\s+(?:injection|injected|administ|application)|\binjected\s+into|\btransplant(?:ed|ation)\s+into|\bperiodontal/i, 'local'],
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
