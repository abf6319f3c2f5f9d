/**
 * Site profiles: what labels alone cannot read. The first profile whose marker matches a page reads it; each lives
 * in its own file under ./sites (see ./sites/profile.ts). Sites whose pages are plain `Label: value` records need no
 * more than a marker here: the vocabulary does the work.
 */
import type { Registry } from '../../model/registration.js';
import type { SiteProfile } from './sites/profile.js';
import { anzctr } from './sites/anzctr.js';
import { chictr } from './sites/chictr.js';
import { cochrane } from './sites/cochrane.js';
import { ctgovClassic, ctgovCurrent, ctgovTabular } from './sites/ctgov.js';
import { ctgovPortal } from './sites/ctgov-portal.js';
import { ctis } from './sites/ctis.js';
import { ctri } from './sites/ctri.js';
import { drks } from './sites/drks.js';
import { euctr } from './sites/euctr.js';
import { irct } from './sites/irct.js';
import { isrctn } from './sites/isrctn.js';
import { pactr } from './sites/pactr.js';
import { pubmed } from './sites/pubmed.js';
import { repec } from './sites/repec.js';

export type { Prepared, SiteProfile } from './sites/profile.js';

/** Markers of the sites whose pages the vocabulary reads as they are. */
const plain = (id: string, registry: Registry | null, marker: RegExp): SiteProfile => ({ id, registry, marker });

/** Most specific first: the first profile whose marker matches is the page's site. */
export const SITES: SiteProfile[] = [
  cochrane,
  pubmed,
  ctgovPortal,
  plain('ictrp', null, /World Health Organization|WHO Trial Registration Data Set|International Clinical Trials Registry Platform/i),
  ctis,
  pactr,
  euctr,
  anzctr,
  isrctn,
  chictr,
  ctri,
  drks,
  irct,
  repec,
  ctgovCurrent, // before the tabular view: the current page links to its `Tabular View` tab
  ctgovTabular,
  ctgovClassic,
];

/**
 * The site a page comes from, or null. A page names its own site (header, layout) before it cites other registries
 * (a `ChiCTR…` among secondary ids, a footnote on the WHO ICTRP), so of the profiles whose marker matches, the one
 * matching earliest wins; ties go to the more specific (earlier) profile. The bare ClinicalTrials.gov fallback, whose
 * marker is any mention of the site or an NCT number, counts only when no other profile matches.
 */
export function siteOf(text: string): SiteProfile | null {
  const fallback = SITES[SITES.length - 1]!;
  let best: SiteProfile | null = null;
  let bestAt = Infinity;
  for (const s of SITES) {
    if (s === fallback) continue;
    const at = s.marker.exec(text)?.index;
    if (at !== undefined && at < bestAt) { best = s; bestAt = at; }
  }
  return best ?? (fallback.marker.test(text) ? fallback : null);
}
