/** Site profile: REPEC (Registro Peruano de Ensayos Clínicos, INS Peru), a bilingual Spanish / English page. */
import { rewriting } from './profile.js';
import { fieldOfLabel } from '../vocabulary.js';

const TITLES = new Set(['publicTitle', 'scientificTitle']);

/**
 * REPEC labels every item `Spanish / English:` and gives a title as a Spanish line then its English line: the English
 * one is the record's (the other values, `Ambos / Both`, read by either side).
 */
export const repec = rewriting('repec', 'REPEC', /Registro Peruano de Ensayos Cl[ií]nicos|\bREPEC\b/, (lines) => {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    out.push(l);
    if (!/ \/ .+[:：]$/.test(l) || !TITLES.has(fieldOfLabel(l, true) ?? '')) continue;
    const values: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '' && !/[:：]/.test(lines[j]!) && !fieldOfLabel(lines[j]!, true); j++) values.push(lines[j]!);
    if (values.length === 2) { out.push(values[1]!); i = j - 1; }
  }
  return out;
});
