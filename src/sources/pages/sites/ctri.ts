/** Site profile: CTRI trial pages (a two-column table with flattened sub-tables). */
import type { SiteProfile } from './profile.js';

/**
 * CTRI: a two-column table with sub-tables flattened into tab-separated rows — header rows (`Outcome<TAB>TimePoints`)
 * followed by data rows; the number cell also carries `[Registered on: 18/05/2020] Trial Registered Prospectively`;
 * ages as `Age From<TAB>18.00 Year(s)`; interventions as `Intervention|Comparator Agent<TAB>name<TAB>details` rows.
 */
export const ctri: SiteProfile = {
  id: 'ctri',
  registry: 'CTRI',
  marker: /Clinical Trials Registry\s*-\s*India|\bCTRI\/\d{4}\//i,
  prepare(lines) {
    const out: string[] = [];
    const interventions: [string, string | null][] = [];
    let table: 'primary' | 'secondary' | 'condition' | 'intervention' | 'skip' | null = null;
    for (const raw of lines) {
      const l = raw.replace(/Year\(s\)/g, 'Years').replace(/Month\(s\)/g, 'Months');
      const cells = l.split('\t').map((c) => c.trim());
      const head = cells[0]!;
      const num = /^CTRI Number$/i.test(head) ? /\[Registered on:\s*([^\]]+)\]\s*(.*)$/i.exec(cells[1] ?? '') : null;
      if (num) {
        out.push(`CTRI Number: ${cells[1]!.replace(/\s*\[.*$/, '')}`, `Date of registration: ${num[1]}`);
        if (num[2]) out.push(`Type of registration: ${num[2]}`);
        continue;
      }
      if (/^Primary Outcome$/i.test(head)) { table = 'primary'; continue; }
      if (/^Secondary Outcome$/i.test(head)) { table = 'secondary'; continue; }
      if (/^Health Condition \/ Problems Studied$/i.test(head)) { table = 'condition'; continue; }
      if (/^Intervention \/ Comparator Agent$/i.test(head)) { table = 'intervention'; continue; }
      if (/^(Secondary IDs if Any|Details of Secondary Sponsor|Sites of Study|Regulatory Clearance Status from DCGI|Details of Ethics Committee)$/i.test(head)) {
        table = 'skip'; out.push(head); continue;
      }
      if (table && cells.length >= 2 && !fieldLike(head)) {
        if (table === 'primary' || table === 'secondary') out.push(`${table === 'primary' ? 'Primary' : 'Secondary'} outcome: ${head}`, `Time frame: ${cells[1]}`);
        else if (table === 'condition') out.push(`Condition: ${(cells[1] ?? '').replace(/^.*\|\|/, '').trim()}`);
        else if (table === 'intervention') interventions.push([cells[1] ?? head, cells[2] || null]);
        continue;
      }
      table = null;
      if (/^Primary Sponsor$/i.test(head) && /^Name$/i.test(cells[1] ?? '')) { out.push(`Primary Sponsor: ${cells[2] ?? ''}`); continue; }
      if (/^Inclusion Criteria$/i.test(head) && /^Age From$/i.test(cells[1] ?? '')) { out.push(`Minimum age: ${cells[2] ?? ''}`, 'Inclusion Criteria'); continue; }
      if (/^Age To$/i.test(head)) { out.push(`Maximum age: ${cells[1] ?? ''}`); continue; }
      if (/^Details$/i.test(head)) { out.push(`Inclusion Criteria: ${cells.slice(1).join(' ')}`); continue; }
      if (/^Exclusion ?Criteria$/i.test(head)) { out.push(`Exclusion Criteria: ${cells.slice(/^Details$/i.test(cells[1] ?? '') ? 2 : 1).join(' ')}`); continue; }
      out.push(l);
    }
    return {
      lines: out,
      idHint: null,
      finish(reg) {
        if (interventions.length) reg.interventions = interventions.map(([name, description]) => ({ type: null, name, description, cellTherapy: null }));
      },
    };
  },
};

/** Is this cell a label CTRI prints in its main column (so the sub-table above has ended)? */
function fieldLike(cell: string): boolean {
  return /^(Inclusion Criteria|ExclusionCriteria|Exclusion Criteria|Method of .*|Blinding\/Masking|Target Sample Size|Phase of Trial|Date of .*|Estimated Duration of Trial|Recruitment Status.*|Publication Details|Brief Summary|Countries of Recruitment|Primary Sponsor|Source of Monetary.*|Details .*|Type of .*|Secondary Outcome|Primary Outcome|Health Condition.*|Intervention \/ Comparator Agent|Name of Principal Investigator)$/i.test(cell);
}
