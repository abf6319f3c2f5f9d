/** Site profile: ISRCTN study pages. */
import { rewriting } from './profile.js';
import { fieldOfLabel } from '../vocabulary.js';

/** ISRCTN's header table flattens to `ISRCTN ISRCTN17263504`, `Secondary identifying numbers CPMS 45511, NCT04399876`. */
/** The page title above it is the public title; contact blocks say `Type` / `Scientific` before the name. */
export const isrctn = rewriting('isrctn', 'ISRCTN', /\bISRCTN\s?\d{8}|isrctn\.com/i, (lines) => {
  const out = lines.map((l) => {
    const m = /^(ISRCTN|DOI|IRAS number|Secondary identifying numbers|ClinicalTrials\.gov number|EudraCT number|Protocol\/serial number) (\S.*)$/.exec(l);
    return m && (m[1] !== 'ISRCTN' || /\d{8}/.test(m[2]!)) ? `${m[1]}: ${m[2]}` : l; // not the banner `ISRCTN registry`
  });
  // the record's id line (`ISRCTN72904581 https://doi.org/…`, or the id and its DOI link on two lines) has the title
  // right below it, whether the copy starts there or with the site's navigation above it
  const firstAt = out.findIndex((l) => l !== '');
  const labelledAt = out.findIndex((l) => /^ISRCTN: /.test(l));
  const bareAt = out.findIndex((l, i) => (labelledAt < 0 || i < labelledAt) && /^ISRCTN\d{8}(?:\s+https?:\/\/\S+)?$/.test(l));
  if (bareAt >= 0) out[bareAt] = `ISRCTN: ${out[bareAt]!.slice(0, 14)}`;
  const idAt = out.findIndex((l) => /^ISRCTN: /.test(l));
  const titleAt = bareAt >= 0 ? out.findIndex((l, i) => i > idAt && l !== '' && !/^https?:\/\/\S+$/.test(l)) : firstAt;
  const titleLine = out[titleAt] ?? '';
  if (idAt >= 0 && titleAt >= 0 && titleAt !== idAt && (titleAt < idAt || bareAt >= 0) && !titleLine.includes(':') && !fieldOfLabel(titleLine)) out[titleAt] = `Public title: ${titleLine}`;
  const res: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (/^Type$/.test(out[i]!) && /^(Scientific|Public|Principal investigator|Primary contact)$/i.test(out[i + 1] ?? '')) { res.push(`Role: ${out[i + 1]}`); i++; continue; }
    if (/^(Primary|Additional) contact$/i.test(out[i]!)) continue;
    // ISRCTN's `Study type(s)` (Treatment, Prevention, Quality of life…) is the purpose; `Primary study design` the type
    if (/^Study type(?:\(s\))?$/i.test(out[i]!) && out.some((l) => /^Primary study design\b/i.test(l))) { res.push('Primary Purpose'); continue; }
    res.push(out[i]!);
  }
  return res;
});
