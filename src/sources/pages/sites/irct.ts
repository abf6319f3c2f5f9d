/** Site profile: IRCT trial pages. */
import type { SiteProfile } from './profile.js';
import { BLOCK_END } from '../blocks.js';

/**
 * IRCT trial pages: the number stands alone under the title; lists are numbered groups of `Description` /
 * `Timepoint` / `Category` sub-fields under `Primary outcomes`, `Intervention groups`…; "empty" marks a blank field;
 * `Placebo` / `Used`; contacts under `Person responsible for general|scientific inquiries`.
 */
const IRCT_LISTS: Record<string, string> = {
  'primary outcomes': 'Primary outcome', 'secondary outcomes': 'Secondary outcome', 'intervention groups': 'Intervention',
  'control groups': 'Intervention', 'health conditions studied': 'Condition',
};
export const irct: SiteProfile = {
  id: 'irct',
  registry: 'IRCT',
  marker: /Iranian Registry of Clinical Trials|\birct\.ir\b/i,
  prepare(lines) {
    // the `Protocol summary` at the top repeats, in short, fields given in full below (criteria, design, outcomes)
    const summary = lines.findIndex((l) => /^Protocol summary$/i.test(l));
    const summaryEnd = summary < 0 ? -1 : lines.findIndex((l, i) => i > summary && /^General information$/i.test(l));
    const ls = lines.filter((l, i) => l !== '' && !/^empty$/i.test(l) && !(summaryEnd > 0 && i >= summary && i <= summaryEnd));
    const idHint = ls.slice(0, 10).find((l) => /^IRCT\d{9,14}N\d{1,3}$/.test(l)) ?? null;
    const out: string[] = [];
    let list: string | null = null;
    let section = '';
    let sponsorDone = false;
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i]!;
      const next = ls[i + 1] ?? '';
      const key = l.toLowerCase();
      if (key in IRCT_LISTS) { list = IRCT_LISTS[key]!; section = key; continue; }
      if (/^(Recruitment centers|Sponsors \/ Funding sources|Person responsible for .*|Ethics committees)$/i.test(l)) { list = null; section = key; out.push(l); continue; }
      // item numbers of a list; a bare number right under a field's label is its value (`Phase` / `2`)
      if (/^\d{1,2}$/.test(l) && !(/^Phase$/i.test(ls[i - 1] ?? ''))) continue;
      if (list && /^Description$/i.test(l)) { out.push(`${list}: ${next}`); i++; continue; }
      if (list && /^Timepoint$/i.test(l)) { out.push(`Timepoint: ${next}`); i++; continue; }
      if (list && /^(Category|Method of measurement|ICD-10 code|ICD-10 code description)$/i.test(l)) { i++; out.push(BLOCK_END); continue; }
      if (/^Placebo$/i.test(l) && /^(Not )?used$/i.test(next)) { out.push(`Placebo: ${/^not/i.test(next) ? 'No' : 'Yes'}`); i++; continue; }
      if (section.startsWith('sponsors') && !sponsorDone && /^Name of organization \/ entity$/i.test(l)) {
        out.push(`Primary sponsor: ${next}`); i++; sponsorDone = true; continue;
      }
      if (section.startsWith('person responsible') && /^Contact$/i.test(l)) continue;
      if (list === null && /^Description$/i.test(l)) { i++; out.push(BLOCK_END); continue; }
      out.push(l);
    }
    return { lines: out, idHint, finish: () => {} };
  },
};
