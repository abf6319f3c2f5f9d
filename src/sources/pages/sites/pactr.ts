/** Site profile: the Pan African Clinical Trials Registry's TrialDisplay page, copied as tab-separated text. */
import { rewriting } from './profile.js';

const CONTACT_HEAD = /^Role\tName\t/;
const CONTACT_MORE = /^City\tPostal code\tCountry\t/;

/**
 * PACTR's page:
 * - the header line `Trial no.:<TAB>PACTR…<TAB>Date of Approval:<TAB>12/06/2023` (or the same on two lines) gives the
 *   registry's approval of the record — its registration date; ethics tables further down reuse `Date of Approval`;
 * - contacts come as 2-row blocks (`Role<TAB>Name<TAB>Email…` over a person row, `City<TAB>Postal code…` over an
 *   address row): each person row → `Role: name` with its e-mail and phone; the address rows are not contact fields;
 * - the `Changes to trial information` table at the end is the record's history, not its values.
 */
/** `Principal Investigator<TAB>Name<TAB>email<TAB>phone<TAB>address` under the contact header → role, e-mail and phone lines. */
function personRow(head: string[], cells: string[]): string[] {
  const out = [`${cells[0]}: ${cells[1] ?? ''}`];
  head.forEach((h, k) => { if (k > 1 && cells[k] && /^(?:e-?mail|phone|telephone)$/i.test(h)) out.push(`${h}: ${cells[k]}`); });
  return out;
}

function pactrLines(lines: string[]): string[] {
  const out: string[] = [];
  let head: string[] | null = null;
  let beforeSections = true;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^Changes to trial information$/i.test(l)) break;
    if (/^[A-Z][A-Z ]{5,}$/.test(l)) beforeSections = false; // TRIAL DESCRIPTION, STUDY DESIGN…
    const cells = l.split('\t').map((c) => c.trim());
    if (beforeSections && /^Trial no\.?:?$/i.test(cells[0]!)) {
      out.push(`Trial no.: ${cells[1] ?? ''}`.trim());
      if (/^Date of Approval:?$/i.test(cells[2] ?? '') && cells[3]) out.push(`Date of registration: ${cells[3]}`);
      continue;
    }
    if (beforeSections && /^Date of Approval:?$/i.test(cells[0]!) && cells[1]) { out.push(`Date of registration: ${cells[1]}`); continue; }
    if (CONTACT_HEAD.test(l)) { head = cells; continue; }
    if (CONTACT_MORE.test(l)) { i++; continue; }
    if (head && cells.length > 2) { out.push(...personRow(head, cells)); continue; }
    head = null;
    out.push(l);
  }
  return out;
}

export const pactr = rewriting('pactr', 'PACTR', /Pan African Clinical Trials Registry|pactr\.samrc\.ac\.za|\bpactr\.org\b/i, pactrLines);
