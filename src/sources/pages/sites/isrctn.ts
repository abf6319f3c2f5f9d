/** Site profile: ISRCTN study pages. */
import { rewriting } from './profile.js';
import { fieldOfLabel } from '../vocabulary.js';

/** ISRCTN's header table flattens to `ISRCTN ISRCTN17263504`, `Secondary identifying numbers CPMS 45511, NCT04399876`. */
/** The page title above it is the public title; contact blocks say `Type` / `Scientific` before the name. */
export const isrctn = rewriting('isrctn', 'ISRCTN', /\bISRCTN\s?\d{8}|isrctn\.com/i, (lines) => {
  const out = lines.map((l) => {
    const m = /^(ISRCTN|DOI|IRAS number|Secondary identifying numbers|ClinicalTrials\.gov number|EudraCT number|Protocol\/serial number) (\S.*)$/.exec(l);
    return m ? `${m[1]}: ${m[2]}` : l;
  });
  // a copy that starts at the record's id line (`ISRCTN72904581 https://doi.org/…`) has the title right below it
  const firstAt = out.findIndex((l) => l !== '');
  const own = firstAt >= 0 ? /^(ISRCTN\d{8})(?:\s+https?:\/\/\S+)?$/.exec(out[firstAt]!) : null;
  if (own) out[firstAt] = `ISRCTN: ${own[1]}`;
  const idAt = out.findIndex((l) => /^ISRCTN: /.test(l));
  const titleAt = idAt === firstAt ? out.findIndex((l, i) => i > idAt && l !== '') : firstAt;
  const titleLine = out[titleAt] ?? '';
  if (idAt >= 0 && titleAt >= 0 && titleAt !== idAt && (titleAt < idAt || idAt === firstAt) && !titleLine.includes(':') && !fieldOfLabel(titleLine)) out[titleAt] = `Public title: ${titleLine}`;
  const res: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (/^Type$/.test(out[i]!) && /^(Scientific|Public|Principal investigator|Primary contact)$/i.test(out[i + 1] ?? '')) { res.push(`Role: ${out[i + 1]}`); i++; continue; }
    if (/^(Primary|Additional) contact$/i.test(out[i]!)) continue;
    res.push(out[i]!);
  }
  return res;
});
