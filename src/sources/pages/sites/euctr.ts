/** Site profile: EU Clinical Trials Register protocol pages. */
import { EU_AGE_LINE, euAgeLimits } from '../values.js';
import { fieldOfLabel } from '../vocabulary.js';
import { rewriting } from './profile.js';
import { BLOCK_END } from '../blocks.js';

const AGE_GROUP = /^(Trial has subjects under 18|Adults \(18-64 years\)|Elderly \(>=65 years\))\s+(Yes|No)$/i;

const ITEM = /^[A-Z](?:\.[\dA-Z]+)+(?: and [A-Z](?:\.\d+)+)?$/;

/** Rows copied one cell per line (`E.8.1.1` / `Randomised` / `Yes`) → one tab-separated row. */
function joinCells(lines: string[]): string[] {
  const ls = lines.filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    if (!ITEM.test(ls[i]!) || i + 1 >= ls.length || ITEM.test(ls[i + 1]!)) { out.push(ls[i]!); continue; }
    const value = ls[i + 2];
    if (value !== undefined && !ITEM.test(value)) { out.push(`${ls[i]}\t${ls[i + 1]}\t${value}`); i += 2; } else { out.push(`${ls[i]}\t${ls[i + 1]}`); i += 1; }
  }
  return out;
}

/**
 * A row copied without its tabs (`E.8.1.1 Randomised Yes`, `E.1.1 Medical condition(s) being investigated Pneumonia`):
 * the longest run of words after the item number that is a vocabulary label is the label, the rest the value.
 */
function withTabs(line: string): string {
  const m = /^([A-Z](?:\.[\dA-Z]+)+) (\S.*)$/.exec(line);
  if (!m || line.includes('\t')) return line;
  const age = AGE_GROUP.exec(m[2]!);
  if (age) return `${m[1]}\t${age[1]}\t${age[2]}`;
  const words = m[2]!.split(' ');
  for (let n = Math.min(words.length - 1, 24); n >= 1; n--) {
    if (fieldOfLabel(words.slice(0, n).join(' '))) return `${m[1]}\t${words.slice(0, n).join(' ')}\t${words.slice(n).join(' ')}`;
  }
  return line;
}

/**
 * EU CTR protocol pages: table rows `E.8.1.1<TAB>Randomised<TAB>Yes` (item numbers dropped, label/value kept), the
 * member state as `Spain - AEMPS`, the sponsor's own country (not a recruitment country), and the age groups
 * `Trial has subjects under 18` / `Adults (18-64 years)` / `Elderly (>=65 years)` turned into age limits.
 */
export const euctr = rewriting('euctr', 'EUCTR', /EU Clinical Trials Register|^EudraCT Number:/im, (lines) => {
  const out: string[] = [];
  const groups: string[] = [];
  const rows = joinCells(lines).map(withTabs);
  for (let i = 0; i < rows.length; i++) {
    let line = rows[i]!;
    // `Clinical Trial Type:` alone, its value on the next line
    if (/^Clinical Trial Type\s*:?$/i.test(line.trim()) && rows[i + 1] && !/[:：]$/.test(rows[i + 1]!)) line = `Clinical Trial Type: ${rows[++i]!.trim()}`;
    const numbered = /^[A-Z]\.(?:[\dA-Z]+\.?)*[ \t]/.test(line);
    // (…and the bare section letter of section P: `P.<TAB>End of Trial Status<TAB>Completed`)
    const l = line.replace(/^(?:[A-Z](?:\.[\dA-Z]+)+(?: and [A-Z](?:\.[\d]+)+)?|[A-Z]\.[A-Za-z ]+?(?=\t)|[A-Z]\.(?=\t))\t/, '');
    const cells = l.split('\t');
    // section and item headings (`E.7 Trial type and phase`) go; an item whose value follows on its own lines
    // (`E.8.6.3<TAB>…specify the regions in which trial sites are planned` / `Japan` / `United States`) keeps its label
    // …and end the item above, so a value after a gap (a partial page) does not join it
    if (numbered && cells.length < 2) { out.push(l !== line && fieldOfLabel(l.trim()) ? l.trim() : BLOCK_END); continue; }
    // (the summary's `Trial Status:<TAB>Completed` keeps its colon in the label cell)
    const [label, value] = [cells[0]!.trim().replace(/[:：]$/, ''), (cells[1] ?? '').trim()];
    if (/^Member State Concerned$/i.test(label)) { out.push(`Countries: ${value.replace(/\s+-\s+.*$/, '')}`); continue; }
    if (/^Country$/i.test(label)) { out.push(`Sponsor country: ${value}`); continue; }
    // the register holds only clinical trials of medicinal products (the Directive's `Clinical Trial Type: EEA CTA` /
    // `Outside EU/EEA`); the WHO record of the same trial calls it `Interventional clinical trial of medicinal product`
    const trialType = /^Clinical Trial Type\s*[:\t]\s*(\S.*)$/i.exec(l.trim());
    if (trialType) { out.push(`Study type: Interventional clinical trial of medicinal product (${trialType[1]!.trim()})`); continue; }
    if (EU_AGE_LINE.test(label)) { groups.push(`${label} ${value}`); continue; }
    out.push(cells.length >= 2 ? `${label}: ${cells.slice(1).join(' ').trim()}` : l);
  }
  const ages = euAgeLimits(groups);
  if (ages?.min != null) out.push(`Minimum age: ${ages.min} Years`);
  if (ages?.max != null) out.push(`Maximum age: ${ages.max} Years`);
  return out;
}, true);
