/**
 * Page text → labelled blocks. A block starts at a vocabulary label — `Label: value` on one line, `Label` alone on a
 * line with the value below, `Label<TAB>value` or `Label   value` from a flattened table, or run together inside a
 * line (`Allocation: RandomizedIntervention Model: Parallel`) — and runs until the next label. No site knowledge here.
 */
import { fieldOfLabel, INLINE_LABELS, labelKey, VALUE_WORD_LABELS, type PageField } from './vocabulary.js';
import { isSubKey } from './people.js';
import { findTrialIds } from '../../normalise/ids.js';

export interface Block {
  field: PageField;
  /** the label as the page wrote it ('' for text before the first label) */
  label: string;
  /** value lines, trimmed; '' marks a paragraph break */
  lines: string[];
  /** 1-based line number of the label in the page text */
  line: number;
  /** the value began on the label's own line (`Time frame: Day 42`) */
  sameLine?: boolean;
}

/** Page text → trimmed lines: CRLF, non-breaking and zero-width spaces, runs of blanks tidied. */
export function pageLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    // literal line-break tags a text copy kept (ICTRP: `measure<br>Timepoint: day 28<br>`) break the line (one at
    // its end adds nothing); one inside a label (ChiCTR `Study leader's website<br>(voluntary …):`) is a space
    .replace(/<br\s*\/?>(?=\s*\()/gi, ' ')
    .replace(/<br\s*\/?>[ \t]*(?=\r?\n|$)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .split('\n')
    // runs of spaces kept: `Label   value` is a flattened table cell; a table row keeps its empty first cell (`<TAB>Treatment<TAB>…`)
    .map((l) => { const t = l.replace(/[\f\v]/g, ' ').trim(); return /^[ ]*\t/.test(l) && (t.match(/\t/g) ?? []).length >= 2 ? `\t${t}` : t; });
}

const LABEL_MAX = 120;
const SHORT_VALUE = new Set<PageField>(['placebo', 'controlled', 'phaseFlag', 'healthyVolunteers', 'sex', 'designFlag', 'sexFlag']);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Tables flattened to tab-separated lines whose header row names vocabulary fields (`Condition or disease<TAB>
 * Intervention/treatment<TAB>Phase`): each data row becomes `Header: cell` lines; untabbed lines right after a row
 * continue its last cell (`Phase 1` / `Phase 2`). A header with no data rows is dropped (its rows follow as text).
 */
export function unflattenTables(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i]!.split('\t').map((c) => c.trim());
    // a header names fields without values (`Allocation:<TAB>Randomized` is a labelled row, not a header) — or every
    // cell is a label with its colon (ReBEC `Gender:<TAB>Minimum age:<TAB>Maximum age:` over a row of values)
    const allColons = cells.length >= 2 && cells.every((c) => /[:：]$/.test(c));
    const named = cells.length >= 2 && cells.every((c) => c !== '' && (allColons || !/[:：]$/.test(c)) && fieldOfLabel(c.replace(/[:：]$/, '')) !== null);
    const nextTabbed = (lines[i + 1] ?? '').includes('\t');
    // (a table headed by a field label of its own — CTRI's `Primary Outcome<TAB>Outcome<TAB>TimePoints` — is the site's to read)
    const ownHead = fieldOfLabel(cells[0]!.replace(/[:：]$/, ''));
    const headerLike = cells.every((c) => c !== '' && c.length <= 40) && !/^[A-Z]?\d*(?:\.\d+)+\.?$/.test(cells[0]!);
    if (!named && headerLike && cells.length >= 3 && nextTabbed && (ownHead === null || ownHead === 'locations' || ownHead === 'interventionType')) {
      const table = otherTable(cells.map((c) => c.replace(/[:：]$/, '')), lines, i + 1);
      if (table) { out.push(...table.lines); i = table.end - 1; continue; }
    }
    const headed = !named && nextTabbed ? headedList(cells, lines, i + 1) : null;
    if (headed) { out.push(...headed.lines); i = headed.end - 1; continue; }
    const keyed = !named && nextTabbed ? keyedRows(cells, lines, i + 1) : null;
    if (keyed) { out.push(...keyed.lines); i = keyed.end - 1; continue; }
    if (!named || (cells.length === 2 && nextTabbed)) { out.push(lines[i]!); continue; }
    cells.forEach((c, k) => { cells[k] = c.replace(/[:：]$/, ''); });
    // a `Label<TAB>value` row followed by another label (`Primary Purpose<TAB>Treatment` before `Phase`) is itself a row
    if (cells.length === 2 && fieldOfLabel(lines[i + 1] ?? '', true) !== null) { out.push(lines[i]!); continue; }
    const wrapped = wrappedRow(cells, lines, i + 1);
    if (wrapped) { out.push(...wrapped.lines); i = wrapped.end - 1; continue; }
    const rows: string[][] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.includes('\t')) {
        const row = l.split('\t').map((c) => c.trim());
        if (row.length !== cells.length) break;
        rows.push(row);
      } else if (rows.length && l !== '' && l.length <= 80 && !fieldOfLabel(l) && !labelledLine(l)) {
        const last = rows[rows.length - 1]!;
        last[last.length - 1] = `${last[last.length - 1]} ${l}`.trim();
      } else break;
    }
    for (const row of rows) row.forEach((cell, k) => { if (cell) out.push(`${cells[k]}: ${cell}`); });
    i = j - 1;
  }
  return out;
}

/**
 * One table row whose cells wrap over several lines (ClinicalTrials.gov's `Condition or disease<TAB>Intervention/
 * treatment<TAB>Phase` with two conditions, two interventions and `Phase 1` / `Phase 2`): the copy puts a tab only
 * between the last line of a cell and the first of the next, so the lines up to the blank line, split at the tabs,
 * give the cells column by column. Each cell → `Header: first line` and its further lines. Null unless the first line
 * after the header is untabbed and the lines up to a blank line hold exactly one tab fewer than the columns.
 */
function wrappedRow(header: string[], lines: string[], from: number): { lines: string[]; end: number } | null {
  if (lines[from] === undefined || lines[from]!.includes('\t') || lines[from] === '') return null;
  let end = from;
  while (end < lines.length && lines[end] !== '' && end - from < 40) end++;
  // no blank line after the row (PACTR's eligibility row, then `ETHICS APPROVAL`): the row ends on the line that
  // holds its last tab
  if (lines[end] !== '' && end < lines.length) end = header.length >= 3 ? rowEnd(header.length, lines, from) ?? -1 : -1;
  if (end < 0) return null;
  const cells = lines.slice(from, end).join('\n').split('\t');
  if (cells.length !== header.length) return null;
  const out: string[] = [];
  cells.forEach((cell, k) => {
    const ls = cell.split('\n').map((l) => l.trim()).filter(Boolean);
    if (ls.length) out.push(`${header[k]}: ${ls[0]}`, ...ls.slice(1));
  });
  return { lines: out, end };
}

/** The end (exclusive) of a wrapped row of `columns` cells from `from`: the line where its tabs reach columns − 1. */
function rowEnd(columns: number, lines: string[], from: number): number | null {
  let tabs = 0;
  for (let k = from; k < lines.length && k - from < 40 && lines[k] !== ''; k++) {
    tabs += (lines[k]!.match(/\t/g) ?? []).length;
    if (tabs === columns - 1) return k + 1;
    if (tabs > columns - 1) return null;
  }
  return null;
}

/**
 * A two-column table headed by a field label and a column heading (LBCTR `Condition<TAB>Code`, `Secondary ID<TAB>
 * Issuing Authority`): the header row is never a value; each row → `Label: first cell`. Null unless the heading is
 * words only (not a value) and the rows under it are not labelled rows themselves.
 */
const COLUMN_HEADING = /\b(?:codes?|authority|issuer|issued by|type|system|source|description|classification)$/i;

function headedList(header: string[], lines: string[], from: number): { lines: string[]; end: number } | null {
  if (header.length !== 2) return null;
  const field = fieldOfLabel(header[0]!);
  if (field === null || field === 'section' || field === 'register' || /[:：]$/.test(header[0]!)) return null;
  if (!/^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}$/.test(header[1]!) || !COLUMN_HEADING.test(header[1]!) || fieldOfLabel(header[1]!) !== null) return null;
  const out: string[] = [];
  let end = from;
  for (; end < lines.length && lines[end]!.includes('\t'); end++) {
    const row = lines[end]!.split('\t').map((c) => c.trim());
    if (row.length !== 2 || !row[0] || !row[1] || fieldOfLabel(row[0]) !== null || labelledLine(lines[end]!)) break;
    out.push(`${header[0]}: ${row[0]}`);
  }
  return out.length ? { lines: out, end } : null;
}

/**
 * A header row most of whose cells name fields (PACTR `Intervention assignment<TAB>Allocation to intervention<TAB>
 * Sequence generation<TAB>…<TAB>Masking`) over value rows: `Header: cell` for the columns the vocabulary knows; the
 * other columns are dropped rather than run into a known one. Null when under half the columns are known.
 */
function keyedRows(header: string[], lines: string[], from: number): { lines: string[]; end: number } | null {
  const fields = header.map((h) => (h === '' || /[:：]$/.test(h) ? null : fieldOfLabel(h)));
  const known = fields.filter((f) => f !== null && f !== 'section');
  // (at least two different fields: `Health Condition / Problems Studied<TAB>Health Type<TAB>Condition` names one)
  if (header.length < 3 || known.length * 2 < header.length || new Set(known).size < 2 || header.some((h) => h.length > 60)) return null;
  const out: string[] = [];
  let end = from;
  for (; end < lines.length && lines[end]!.includes('\t'); end++) {
    const row = lines[end]!.split('\t').map((c) => c.trim());
    if (row.length > header.length || row.length < header.length - 1) break;
    // rows led by a label (`Secondary Outcome<TAB>…`) make the first line a labelled row too, not a header
    if (fieldOfLabel(row[0]!) !== null) return null;
    row.forEach((cell, k) => { if (cell && fields[k] && fields[k] !== 'section') out.push(`${header[k]}: ${cell}`); });
  }
  return end > from ? { lines: out, end } : null;
}

/**
 * Flattened tables whose header is not all field names (PACTR's outcome, sponsor, contact and centre tables):
 * - rows led by a vocabulary label (`Primary Outcome<TAB>measure<TAB>timepoint`, `Principal Investigator<TAB>name<TAB>email`)
 *   → `Label: second cell`, then the cells under time-frame or contact headers (`Timepoints: …`, `Email: …`);
 * - interventions tables (a column headed by an intervention-name label) → one `Intervention Name: …` line per row;
 * - tables of names (`Name<TAB>Street address<TAB>City…`) → each row's name; under a locations header, also its country.
 * Null when no row reads, so the lines stay as they are.
 */
function otherTable(header: string[], lines: string[], from: number): { lines: string[]; end: number } | null {
  const rows: string[][] = [];
  let end = from;
  for (; end < lines.length && lines[end]!.includes('\t'); end++) {
    const row = lines[end]!.split('\t').map((c) => c.trim());
    if (row.length > header.length) break;
    rows.push(row);
  }
  if (!rows.length) return null;
  const headerField = header.map((h) => fieldOfLabel(h));
  const out: string[] = [];
  const country = header.findIndex((h) => /^countr(?:y|ies)$/i.test(h));
  const nameTable = /^name\b/i.test(header[0]!);
  const led = rows.every((r) => { const f = fieldOfLabel(r[0]!); return f !== null && f !== 'section'; });
  if (led) {
    for (const r of rows) {
      out.push(`${r[0]}: ${r[1] ?? ''}`.trim());
      r.slice(2).forEach((cell, k) => {
        const h = header[k + 2];
        if (cell && h && (headerField[k + 2] === 'timeFrame' || (isSubKey(h) && /^(?:e-?mail|phone|telephone|affiliation)/i.test(h)))) out.push(`${h}: ${cell}`);
      });
    }
    return { lines: out, end };
  }
  // an interventions table (`Intervention type<TAB>Intervention name<TAB>Dose…`): one intervention per row
  const nameCol = header.findIndex((h, k) => headerField[k] === 'interventionNames' || (headerField[k] === 'interventions' && /\bname\b/i.test(h)));
  if (nameCol >= 0) {
    for (const r of rows) if (r[nameCol]) out.push(`Intervention Name: ${r[nameCol]}`);
    return { lines: out, end };
  }
  if (nameTable) {
    if (headerField[0] && headerField[0] !== 'section') out.push(header[0]!);
    for (const r of rows) if (r[0]) out.push(r[0]);
    if (headerField[0] === 'locations' && country >= 0) {
      for (const c of new Set(rows.map((r) => r[country]).filter((c): c is string => !!c))) out.push(`Country: ${c}`);
    }
    return { lines: out, end };
  }
  return null;
}

const DASH = / [-–] /;

/** `Label: value`, `Label<TAB>value`, `Label   value`, `Label | value` → [label, value] when Label is in the vocabulary. */
export function labelledLine(line: string): { field: PageField; label: string; value: string } | null {
  // (` - ` last: ANZCTR copies join `Public title - value`; values may hold dashes of their own, so the first one splits)
  const seps = [/[:：]/, /\t/, / {2,}/, / \| /, DASH];
  for (const sep of seps) {
    const m = sep.exec(line);
    if (!m || m.index === 0 || m.index > LABEL_MAX) continue;
    const label = line.slice(0, m.index).trim();
    // (a heading that is also a value word is a heading only alone on its line: ANZCTR's `Treatment: Other` is a value)
    const field = VALUE_WORD_LABELS.has(labelKey(label)) ? null : fieldOfLabel(label);
    const value = line.slice(m.index + m[0].length).trim();
    // yes/no flags (EU CTR `Placebo: Yes`) are short; `Placebo: an infusion of …` is prose that starts with the word
    if (field && SHORT_VALUE.has(field) && value.length > 40) continue;
    // a dash joins a flag to yes/no only: `Open – recruiting now` (a news page's status) is no `Open: yes` design flag
    if (field && sep === DASH && SHORT_VALUE.has(field) && field !== 'sex' && !/^(?:yes|no)\b/i.test(value)) continue;
    if (field) return { field, label, value };
  }
  return null;
}

/** One-word labels that IRCT-style design texts list as `Randomization: …, Blinding: …, Assignment: …`. */
const LISTED_SINGLE = new Set(['randomization', 'randomisation', 'blinding', 'placebo', 'assignment', 'purpose', 'randomised', 'randomized', 'controlled', 'open']);

const INLINE_RE = new RegExp(
  `(${[...INLINE_LABELS, 'Randomization', 'Randomisation', 'Placebo', 'Assignment', 'Purpose', 'Randomised', 'Randomized', 'Controlled', 'Open'].map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*[:：]`,
  'gi',
);

/**
 * Split a value at labels run together inside it: `RandomizedIntervention Model: Parallel` →
 * ['Randomized', ['Intervention Model', 'Parallel']]. A label counts only when written with a capital and not in the
 * middle of a word that continues it (`…zedIntervention` is a run-together, `reintervention model:` is not).
 */
export function splitInline(value: string): { head: string; parts: { label: string; value: string }[] } {
  const cuts: { at: number; end: number; label: string }[] = [];
  INLINE_RE.lastIndex = 0;
  for (let m = INLINE_RE.exec(value); m; m = INLINE_RE.exec(value)) {
    const label = m[1]!;
    const first = label[0]!;
    const before = m.index > 0 ? value[m.index - 1]! : ' ';
    if (first !== first.toUpperCase()) continue;
    if (/[A-Z]/.test(before)) continue; // inside an upper-case word
    // one-word design labels (`…, Blinding: Not blinded, Placebo: Not used`) count only after punctuation
    // …or after the yes/no of the previous item (EU CTR via ICTRP: `Controlled: yes Randomised: yes Open: no`)
    if (LISTED_SINGLE.has(label.toLowerCase()) && m.index > 0 && !/(?:[,.;]|\b(?:yes|no))\s*$/i.test(value.slice(0, m.index))) continue;
    cuts.push({ at: m.index, end: m.index + m[0].length, label });
  }
  const head = value.slice(0, cuts.length ? cuts[0]!.at : value.length).replace(/\s*\|\s*$/, '').trim();
  // `Allocation: Randomized | Intervention Model: …` — the separator between items is not part of the value
  const parts = cuts.map((c, i) => ({
    label: c.label,
    value: value.slice(c.end, i + 1 < cuts.length ? cuts[i + 1]!.at : value.length).replace(/\s*\|\s*$/, '').trim(),
  }));
  return { head, parts };
}

/**
 * The page's blocks, in page order. Text before the first label lands in a `section` block labelled ''.
 * `strictLabels`: the page writes every field as `Label: value`, so an unknown `Label:` line starts an ignored block.
 */
/** A bilingual page's language tag alone on a line (ReBEC's `en` / `pt-br` before each version of a value). */
const LANG_TAG = /^(en|pt-br|pt|es|fr|de|zh|ja)$/i;

/** Keep the English version of values a page gives in several languages: lines after another language's tag go. */
export function englishOnly(lines: string[]): string[] {
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (LANG_TAG.test(line)) { skipping = !/^en$/i.test(line); continue; }
    if (skipping && line !== '' && (fieldOfLabel(line.replace(/[:：]\s*$/, ''), true) || labelledLine(line))) skipping = false;
    if (!skipping) out.push(line);
  }
  return out;
}

/**
 * A line a site profile puts where it dropped a field it does not read (IRCT's `Method of measurement` / value): the
 * block above ends there, so a line after the gap (what a partial page left of the next field) does not join it.
 */
export const BLOCK_END = '\ue000';

/** Blocks whose values are small forms of contact sub-fields (`Name:`, `City:`, `Email:`…). */
const SUB_KEY_HOLDERS = new Set<PageField>(['contacts', 'locations', 'primarySponsor', 'secondarySponsor', 'collaborators', 'funding', 'countries', 'section']);

/** Fields of prose or one text (a contact's sub-field rows never continue them). */
const PROSE_FIELDS = new Set<PageField>([
  'briefSummary', 'detailedDescription', 'objectives', 'publicTitle', 'scientificTitle', 'acronym', 'timeFrame',
  'primaryOutcome', 'secondaryOutcome', 'conditions',
]);

export function segment(input: string[], strictLabels = false): Block[] {
  const lines = input.filter((l) => LANG_TAG.test(l)).length >= 3 ? englishOnly(input) : input;
  const blocks: Block[] = [];
  let current: Block = { field: 'section', label: '', lines: [], line: 1 };
  blocks.push(current);
  const open = (field: PageField, label: string, line: number): Block => {
    current = { field, label, lines: [], line };
    blocks.push(current);
    return current;
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line === '') { current.lines.push(''); return; }
    if (line === BLOCK_END) { open('section', '', n); return; }
    const alone = line.length <= LABEL_MAX ? fieldOfLabel(line, !/[:：]\s*$/.test(line)) : null;
    if (alone && VALUE_WORD_LABELS.has(labelKey(line)) && ONE_VALUE.has(current.field) && current.label !== '' && !current.lines.some((l) => l !== '')) {
      current.lines.push(line);
      return;
    }
    if (alone) { open(alone, line.replace(/[:：]\s*$/, ''), n); return; }
    // a label that counts alone only with a colon (`Sponsor`) heads a small form when a `Name` row follows (jRCT)
    if (line.length <= 40 && !/[:：\t]/.test(line) && /^Name[:：]?$/i.test(lines[i + 1] ?? '')) {
      const f = fieldOfLabel(line);
      if (f && f !== 'section') { open(f, line, n); return; }
    }
    const lab = labelledLine(line);
    // an arm's `Intervention: Drug: X` line belongs to the arm (ClinicalTrials.gov arms lists)
    if (lab && lab.field === 'interventions' && current.field === 'arms') { current.lines.push(line); return; }
    // a contact's `Country<TAB>Australia` row is part of its address, not the trial's countries list
    if (lab && lab.field === 'countries' && current.field === 'contacts' && isSubKey(lab.label) && /^\S+(?:\t| - )/.test(line)) { current.lines.push(line); return; }
    if (lab) {
      const cells = tabCells(lab.value);
      const { head, parts } = splitInline(cells.head);
      parts.push(...cells.parts);
      const b = open(lab.field, lab.label, n);
      if (head) { b.lines.push(head); b.sameLine = true; }
      for (const p of parts) {
        const f = fieldOfLabel(p.label);
        if (!f) continue;
        const pb = open(f, p.label, n);
        if (p.value) pb.lines.push(p.value);
      }
      return;
    }
    // `Unknown label<TAB>value` after a one-value field (`Masking<TAB>Double Blind` / `Masking Role<TAB>…`) is a row
    // of its own, not more of that value; contact sub-fields (`Name<TAB>…`) stay in their contact block
    // …and so is a bare label a page shows without a colon (`Sponsor`) right after such a value (`Acronym : X`)
    if (ONE_VALUE.has(current.field) && current.lines.some((l) => l !== '') && line.length <= 40 && fieldOfLabel(line) !== null) { open('section', line, n); return; }
    const row = /^([A-Z][^\t:：]{1,60})\t+\S/.exec(line);
    if (row && ONE_VALUE.has(current.field) && current.lines.some((l) => l !== '') && !isSubKey(row[1]!)) { open('section', row[1]!, n).lines.push(line.slice(row[0].length - 1).trim()); return; }
    // a label of a language we have no vocabulary for (ChiCTR's Chinese labels): its value is not ours to read
    if (/[:：]$/.test(line) && CJK.test(line) && line.length <= 60) { open('section', line, n); return; }
    // pages where every field is `Label: value`: a label we do not know ends the block above instead of joining it
    // …a contact sub-field (`City: Wuhan`) included, unless the block above is one that holds such sub-fields: after a
    // title it is what remains of a form the page left out, not more of the title
    if (strictLabels && /^[A-Z][^:：]{1,160}[:：](?:\s|$)/.test(line) && !(isSubKey(line.split(/[:：]/)[0]!) && SUB_KEY_HOLDERS.has(current.field))) { open('section', line, n); return; }
    const spaced = spacedLabel(line);
    if (spaced) { open(spaced.field, spaced.label, n).lines.push(spaced.value); return; }
    // a contact form's bare `Country` / `Phone` / `Email` row is no more of a summary, title or outcome: it is what a
    // partial page left of a contact whose heading is missing
    if (PROSE_FIELDS.has(current.field) && /^(?:Name|Country|Phone|Telephone|Fax|Email|E-mail|Address|Street address)$/i.test(line.trim())) { open('section', line, n); return; }
    current.lines.push(line);
  });
  for (const b of blocks) trimBlank(b.lines);
  return blocks;
}

const DATE_FIELDS = new Set<PageField>(['registrationDate', 'lastUpdate', 'start', 'completion', 'primaryCompletion', 'resultsPosted']);
const COUNT_FIELDS = new Set<PageField>(['enrollmentTarget', 'enrollmentActual', 'enrollment']);
const DATE_VALUE = /^(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}\/\d{1,2}\/\d{1,2}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8} \d{4})$/;

/**
 * `Label value` with one space, as inline page headers copy (`Last Update Posted 2024-05-02`, `Trial ID NCT01234567`,
 * `Target sample size 120`): only for labels of dates, ids and counts, and only when the rest is exactly such a value,
 * so prose that starts with a label's words stays prose.
 */
export function spacedLabel(line: string): { field: PageField; label: string; value: string } | null {
  if (line.length > 120 || /[:：\t]/.test(line)) return null;
  const words = line.split(' ');
  for (let k = Math.min(8, words.length - 1); k >= 1; k--) {
    const label = words.slice(0, k).join(' ');
    const value = words.slice(k).join(' ').trim();
    const field = fieldOfLabel(label);
    if (!field || !value) continue;
    if (DATE_FIELDS.has(field) && DATE_VALUE.test(value)) return { field, label, value };
    if (field === 'id' && /^[A-Za-z]{2,8}[-/]?[\dA-Za-z/-]{5,}$/.test(value) && findTrialIds(value)[0] === value) return { field, label, value };
    if (COUNT_FIELDS.has(field) && /^\d[\d,]*(?: participants?)?$/.test(value)) return { field, label, value };
  }
  return null;
}

/** Fields whose value is one short item: a tabbed row of an unknown label after one is not more of it. */
const ONE_VALUE = new Set<PageField>([
  'masking', 'sex', 'allocation', 'model', 'purpose', 'studyType', 'phase', 'status', 'overallStatus', 'enrollmentTarget',
  'enrollmentActual', 'enrollment', 'minAge', 'maxAge', 'age', 'healthyVolunteers', 'registrationDate', 'lastUpdate', 'start',
  'completion', 'primaryCompletion', 'acronym', 'controlGroup', 'id',
]);

/**
 * A labelled value holding more tab-separated cells: cells that are vocabulary labels start parts of their own
 * (`measure<TAB>Time Point<TAB>Day 5` → head `measure`, part Time Point = `Day 5`); other cells join the value
 * (`Actual<TAB>1 October 2023` → `Actual 1 October 2023`).
 */
function tabCells(value: string): { head: string; parts: { label: string; value: string }[] } {
  if (!value.includes('\t')) return { head: value, parts: [] };
  const cells = value.split('\t').map((c) => c.trim()).filter((c) => c !== '');
  const parts: { label: string; value: string }[] = [];
  const head: string[] = [];
  for (let k = 0; k < cells.length; k++) {
    const f = fieldOfLabel(cells[k]!);
    if (f && f !== 'section' && k + 1 < cells.length) { parts.push({ label: cells[k]!, value: cells[k + 1]! }); k++; continue; }
    if (parts.length) parts[parts.length - 1]!.value += ` ${cells[k]}`; else head.push(cells[k]!);
  }
  return { head: head.join(' '), parts };
}

function trimBlank(lines: string[]): void {
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (let i = lines.length - 1; i > 0; i--) if (lines[i] === '' && lines[i - 1] === '') lines.splice(i, 1);
}

/** The non-blank lines of a block. */
export function valueLines(b: Block): string[] {
  return b.lines.filter((l) => l !== '');
}

/** The block's value as one line of text, or null when empty. */
export function valueText(b: Block): string | null {
  const t = valueLines(b).join(' ').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}
