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
  prepare(input) {
    const lines = tabulate(input);
    const out: string[] = [];
    const interventions: [string, string | null][] = [];
    let table: 'primary' | 'secondary' | 'condition' | 'intervention' | 'ids' | 'skip' | null = null;
    let criteria: 'Inclusion' | 'Exclusion' = 'Inclusion'; // whose `Details` row comes next
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!.replace(/Year\(s\)/g, 'Years').replace(/Month\(s\)/g, 'Months');
      const cells = l.split('\t').map((c) => c.trim());
      const head = cells[0]!;
      // the site's own layout puts a sub-table's header row on the line under its label (`Primary Outcome` /
      // `Outcome<TAB>TimePoints`): the header is not a row
      if (table && SUB_HEADER.test(l)) continue;
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
      if (/^Secondary IDs if Any$/i.test(head)) { table = 'ids'; continue; }
      if (/^(Details of Secondary Sponsor|Sites of Study|Regulatory Clearance Status from DCGI|Details of Ethics Committee)$/i.test(head)) {
        table = 'skip'; out.push(head); continue;
      }
      if (table && cells.length >= 2 && !fieldLike(head)) {
        if (table === 'primary' || table === 'secondary') out.push(`${table === 'primary' ? 'Primary' : 'Secondary'} outcome: ${head}`, `Time frame: ${cells[1]}`);
        else if (table === 'condition') {
          out.push(`Condition: ${(cells[1] ?? '').replace(/^.*\|\|/, '').trim()}`);
          if (/^healthy human volunteers$/i.test(head)) out.push('Healthy volunteers: Yes'); // the row's Health Type
        }
        else if (table === 'intervention') interventions.push([cells[1] ?? head, cells[2] || null]);
        else if (table === 'ids') out.push(`Secondary ID: ${head}`); // a registry number is kept, a protocol number is not
        continue;
      }
      table = null;
      if (/^Primary Sponsor$/i.test(head) && /^Name$/i.test(cells[1] ?? '')) { out.push(`Primary Sponsor: ${cells[2] ?? ''}`); continue; }
      // …or the `Name<TAB>…` row under the label
      const nameRow = /^Name\t+(.+)$/.exec(lines[i + 1] ?? '');
      if (/^Primary Sponsor$/i.test(l) && nameRow) { out.push(`Primary Sponsor: ${nameRow[1]!.trim()}`); i++; continue; }
      if (/^Inclusion Criteria$/i.test(head) && /^Age From$/i.test(cells[1] ?? '')) { out.push(`Minimum age: ${cells[2] ?? ''}`, 'Inclusion Criteria'); criteria = 'Inclusion'; continue; }
      if (/^Inclusion Criteria$/i.test(l)) { criteria = 'Inclusion'; out.push(l); continue; }
      if (/^Age From$/i.test(head)) { out.push(`Minimum age: ${cells[1] ?? ''}`); continue; }
      if (/^Age To$/i.test(head)) { out.push(`Maximum age: ${cells[1] ?? ''}`); continue; }
      if (/^Details$/i.test(head)) { out.push(`${criteria} Criteria: ${cells.slice(1).join(' ')}`); continue; }
      if (/^Exclusion ?Criteria$/i.test(head)) {
        criteria = 'Exclusion';
        out.push(`Exclusion Criteria: ${cells.slice(/^Details$/i.test(cells[1] ?? '') ? 2 : 1).join(' ')}`.trim());
        continue;
      }
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

/** Sub-table header rows CTRI prints on their own line under the table's label. */
const SUB_HEADER = /^(?:Outcome\tTimePoints?|Health Type\tCondition|Type\tName\tDetails|Secondary ID\tIdentifier|Name\tAddress|Name of Committee\tApproval Status|Name of Principal Investigator\tName of Site\t.*)$/i;

/** Is this cell a label CTRI prints in its main column (so the sub-table above has ended)? */
function fieldLike(cell: string): boolean {
  return /^(Inclusion Criteria|ExclusionCriteria|Exclusion Criteria|Method of .*|Blinding\/Masking|Target Sample Size|Phase of Trial|Date of .*|Estimated Duration of Trial|Recruitment Status.*|Publication Details|Brief Summary|Countries of Recruitment|Primary Sponsor|Source of Monetary.*|Details .*|Type of .*|Secondary Outcome|Primary Outcome|Health Condition.*|Intervention \/ Comparator Agent|Name of Principal Investigator)$/i.test(cell);
}

/**
 * CTRI copied with every table cell on its own line: rebuild the tab-separated rows the profile reads —
 * `CTRI Number` / number cell, `Primary Sponsor` / `Name` / name, `Age From` / value, and the sub-tables
 * (outcomes: `Outcome` / `TimePoints` then pairs; conditions: `Health Type` / `Condition` then pairs;
 * interventions: `Type` / `Name` / `Details` then triples), ending at the next main-column label.
 */
function tabulate(lines: string[]): string[] {
  if (lines.some((l) => l.includes('\t'))) return lines; // already a flattened table
  const ls = lines.filter((l) => l !== '');
  const out: string[] = [];
  const is = (k: number, re: RegExp): boolean => re.test(ls[k] ?? '');
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!;
    if (/^CTRI Number$/i.test(l) && is(i + 1, /^CTRI\//i)) { out.push(`${l}\t${ls[++i]}`); continue; }
    if (/^Primary Sponsor$/i.test(l) && is(i + 1, /^Name$/i)) { out.push(`${l}\tName\t${ls[i + 2] ?? ''}`); i += 2; continue; }
    if (/^Inclusion Criteria$/i.test(l) && is(i + 1, /^Age From$/i)) { out.push(`${l}\tAge From\t${ls[i + 2] ?? ''}`); i += 2; continue; }
    if (/^Age To$/i.test(l)) { out.push(`${l}\t${ls[++i] ?? ''}`); continue; }
    if (/^Exclusion ?Criteria$/i.test(l)) { out.push('Exclusion Criteria'); if (is(i + 1, /^Details$/i)) i++; continue; }
    if (/^Details$/i.test(l)) { out.push('Inclusion Criteria'); continue; }
    const header = /^(?:Primary|Secondary) Outcome$/i.test(l) && is(i + 1, /^Outcome$/i) && is(i + 2, /^TimePoints?$/i) ? 2
      : /^Health Condition \/ Problems Studied$/i.test(l) && is(i + 1, /^Health Type$/i) && is(i + 2, /^Condition$/i) ? 2
        : /^Intervention \/ Comparator Agent$/i.test(l) && is(i + 1, /^Type$/i) && is(i + 2, /^Name$/i) && is(i + 3, /^Details$/i) ? 3 : 0;
    if (!header) { out.push(l); continue; }
    out.push(l);
    i += header;
    // rows: as many cells as the header has, while the row does not start with a main-column label
    const rowStart = header === 3 ? /^(Intervention|Comparator Agent)$/i : /^/;
    while (i + header <= ls.length - 1 && !fieldLike(ls[i + 1]!) && rowStart.test(ls[i + 1]!)) {
      out.push(ls.slice(i + 1, i + 1 + header).join('\t'));
      i += header;
    }
  }
  return out;
}
