/** Site profile: ANZCTR trial pages. */
import { rewriting } from './profile.js';

/**
 * ANZCTR: every label and list value carries the database's numbers (`Secondary ID [1] 301122 0`,
 * `COVID-19 pneumonia 317655 0`); the sponsor's name sits under `Primary sponsor type` as `Name` (a secondary
 * sponsor's under `Secondary sponsor category`); recruitment in
 * Australia / New Zealand is a heading, not a country list.
 */
export const anzctr = rewriting('anzctr', 'ANZCTR', /Australian New Zealand Clinical Trials Registry|Trial registered on ANZCTR|\bACTRN\d{14}/i, (lines) => {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/(?:\s+\d{5,7}){1,2}(?:\s+\d){1,2}$/, '');
    if (/^Primary sponsor type(?:$|\t| - )/i.test(l)) {
      // (saved HTML puts blank lines between the cells: skip them; a one-line copy has `Name - X` / `Name<TAB>X`)
      const at = lines.slice(i + 1, i + 10).findIndex((x) => /^Name(?:$|\t| - )/i.test(x));
      const inline = at >= 0 ? /^Name(?:\t+| - )(.+)$/i.exec(lines[i + 1 + at]!)?.[1]?.trim() : undefined;
      const name = inline ?? (at >= 0 ? lines.slice(i + 2 + at, i + 6 + at).find((x) => x !== '') : undefined);
      if (name) out.push(`Primary sponsor: ${name}`);
      out.push(l);
      continue;
    }
    // each secondary sponsor: `Secondary sponsor category [1]` / `Hospital` / `Name [1]` / the name
    if (/^Secondary sponsor category(?: \[\d+\])?$/i.test(l)) {
      const at = lines.slice(i + 1, i + 10).findIndex((x) => /^Name(?: \[\d+\])?$/i.test(x));
      const name = at >= 0 ? lines.slice(i + 2 + at, i + 6 + at).find((x) => x !== '') : undefined;
      if (name && !/^(?:none|nil|n\/?a)$/i.test(name)) out.push(`Secondary sponsor: ${name}`);
      out.push(l); // (a heading: the category, name and address rows under it are not the sponsor's value)
      continue;
    }
    const rec = /^Recruitment in (Australia|New Zealand)$/i.exec(l);
    if (rec) { out.push(`Countries: ${rec[1]}`); continue; }
    out.push(l);
  }
  return out;
});
