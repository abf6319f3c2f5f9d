/**
 * Readers for the list-shaped blocks of a page: eligibility criteria, outcomes with their time frames,
 * interventions with type prefixes, paragraphs of prose (keeping the full text over a truncated "…" copy).
 */
import type { Intervention, Outcome } from '../../model/registration.js';
import { splitTypedName } from '../ctgov-common.js';
import { unescapeText } from './values.js';

const BULLET = /^(?:[*•·▪◦‣-]|\d{1,3}[.)](?!\d)|\(\d{1,3}\)|[a-z][.)](?=\s))\s*/;

/**
 * Criteria lines → items. Bulleted or numbered lines start items, wrapped lines join the item above, blank lines end
 * one. A block with no bullets at all is one item per line (pages that lay each criterion on its own line).
 */
export function criteriaItems(input: string[]): string[] {
  // `1. Aged 18-70 years; 2. Confirmed COVID-19.` — numbered items run together on one line
  const lines = input.flatMap((l) => {
    if (/^1[.)]\s/.test(l) && /[;.]\s+2[.)]\s/.test(l)) return l.split(/(?<=[;.])\s+(?=\d{1,2}[.)]\s)/);
    if (/^1[.)](?=[A-Za-z(])/.test(l) && /\s2[.)][A-Za-z(]/.test(l)) return l.split(/\s+(?=\d{1,2}[.)][A-Za-z(])/); // `1.Age … 2.RT-PCR …`
    return [l];
  });
  const hasBullets = lines.some((l) => BULLET.test(l) && l.replace(BULLET, '').length > 0);
  const out: string[] = [];
  let item = '';
  const flush = (): void => {
    const t = unescapeText(item);
    if (t) out.push(t);
    item = '';
  };
  for (const line of lines) {
    if (line === '') { if (hasBullets) flush(); continue; }
    if (!hasBullets) {
      // `Age 18 to 70 years; Confirmed COVID-19; ARDS` — one line listing the criteria
      for (const part of line.split(/;\s+(?=\S)/)) { item = part; flush(); }
      continue;
    }
    if (BULLET.test(line)) { flush(); item = line.replace(BULLET, ''); } else item = item ? `${item} ${line}` : line;
  }
  flush();
  return out;
}

/** Words a time point starts with: `12 months after …`, `Day 0, Day 84 …`, `Within 7 days`, `Baseline and week 12`. */
const TIME_START = /^(?:(?:at|up to|until|within|after|from|over|during|on|by|every)\s+)?(?:\d|days?\b|weeks?\b|months?\b|years?\b|hours?\b|baseline\b|visit\b)/i;
const TIME_FRAME = /\[\s*time\s*frame\s*:\s*([^\]]*)\]/i;

/** Column headings of an outcome table (`Name of Outcome<TAB>Time Points`, `Outcome<TAB>Time point`). */
const OUTCOME_HEAD = /^(?:(?:name of (?:the )?)?(?:primary |secondary )?(?:outcomes?|outcome measures?|measures?|end ?points?)(?: name)?|(?:time ?points?|time ?frames?|timepoints?|time of assessment)|descriptions?|(?:outcome )?type)$/i;

/**
 * An outcome table copied as tab rows: a header row of column headings (never itself a value) over rows of the same
 * width → measure, time frame and description by the headings. Null unless every line is such a row.
 */
function outcomeTable(lines: string[]): { measure: string; timeFrame: string | null; description: string | null }[] | null {
  const rows = lines.filter((l) => l.trim() !== '').map((l) => l.split('\t').map((c) => c.trim()));
  if (rows.length < 2) return null;
  const head = rows[0]!;
  if (head.length < 2 || !head.every((c) => OUTCOME_HEAD.test(c))) return null;
  if (!rows.slice(1).every((r) => r.length >= 2 && r.length <= head.length)) return null;
  const time = head.findIndex((c) => /time/i.test(c));
  const desc = head.findIndex((c) => /description/i.test(c));
  let measure = head.findIndex((c, k) => k !== time && k !== desc && !/type/i.test(c));
  if (measure < 0) measure = 0;
  return rows.slice(1).filter((r) => r[measure]).map((r) => ({
    measure: unescapeText(r[measure]!.replace(BULLET, '')),
    timeFrame: (time >= 0 && r[time]) || null,
    description: (desc >= 0 && r[desc]) || null,
  }));
}

/**
 * Time frames written in bare brackets → `[Time frame: …]`: a `[…]` line under its measure (SLCTR `1.` / measure /
 * `[Day 14]`), or `measure[12 months after randomisation]` ending in a bracketed time (ICTRP), also in `;` lists.
 */
function bracketedFrames(lines: string[]): string[] {
  if (lines.some((l) => TIME_FRAME.test(l))) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    const bare = /^\[([^\]]+)\]$/.exec(t);
    const prev = out.length - 1;
    if (bare && prev >= 0 && out[prev]!.trim() !== '' && !BULLET_ONLY.test(out[prev]!.trim())) {
      out[prev] = `${out[prev]} [Time frame: ${bare[1]!.trim()}]`;
      continue;
    }
    const parts = t.split(/(?<=\])\s*;\s*/);
    if (parts.every((p) => { const m = /^(.{3,}?)\s*\[([^\]]+)\]$/.exec(p); return m && TIME_START.test(m[2]!.trim()); })) {
      out.push(...parts.map((p) => p.replace(/\s*\[([^\]]+)\]$/, (_, f: string) => ` [Time frame: ${f.trim()}]`)));
      continue;
    }
    out.push(line);
  }
  // a bare number line (`1.`) before its measure is only the item's marker
  return out.filter((l) => !BULLET_ONLY.test(l.trim()));
}

const BULLET_ONLY = /^(?:\d{1,3}[.)]|[*•·-])$/;

/**
 * Outcome lines → outcomes. `Measure [Time Frame: Day 28]` carries its time frame; where some lines have one, lines
 * without it that follow an outcome are its description (ClinicalTrials.gov tabular view); otherwise every line
 * (or numbered item) is a measure.
 */
export function outcomeItems(lines: string[]): Outcome[] {
  const make = (measure: string, timeFrame: string | null): Outcome => ({ measure, description: null, timeFrame, timepointsDays: [] });
  const table = outcomeTable(lines);
  if (table) return table.map((r) => ({ ...make(r.measure, r.timeFrame), description: r.description }));
  lines = bracketedFrames(lines);
  const anyFrame = lines.some((l) => TIME_FRAME.test(l));
  const out: Outcome[] = [];
  // ICTRP's `measure;timepoint` rows (PACTR records): every line one measure and one part that starts as a time does
  const rows = lines.filter((l) => l !== '').map((l) => /^([^;]{3,});\s*([^;]+?)\s*;?$/.exec(unescapeText(l.replace(BULLET, ''))));
  if (!anyFrame && rows.length && rows.every((r) => r && TIME_START.test(r[2]!))) return rows.map((r) => make(r![1]!.trim(), r![2]!));
  if (!anyFrame) {
    // ICTRP writes lists as `Adverse events;Chest CT;`
    // (a `; Timepoint: …` after a measure is its time frame, not the next item: CRiS `Measure; Timepoint: 8 weeks`)
    for (const item of criteriaItems(lines).flatMap((i) => i.split(/\s*;(?!\s*(?:time\s*frame|time\s*points?\s*:|timepoints?\s*:))\s*/i)).filter(Boolean)) {
      const m = /^(.*?)(?:[.;,]?\s*(?:time\s*frame|timepoints?|time\s*points?)\s*:\s*(.+))$/i.exec(item);
      // IRCT via ICTRP: `Measure. Timepoint: Day 28. Method of measurement: …`
      const frame = m?.[2]?.replace(/\.?\s*Method of measurement:.*$/i, '').replace(/\.$/, '').trim();
      out.push(m && m[1] ? make(m[1].trim(), frame || null) : make(item, null));
    }
    return out;
  }
  for (const raw of lines) {
    if (raw === '') continue;
    const line = unescapeText(raw.replace(BULLET, ''));
    const m = TIME_FRAME.exec(line);
    if (m) {
      const measure = line.slice(0, m.index).replace(/[\s,;:.-]+$/, '').trim();
      const rest = line.slice(m.index + m[0].length).trim();
      out.push({ ...make(measure || line, m[1]!.trim() || null), description: rest || null });
    } else if (out.length) {
      const last = out[out.length - 1]!;
      last.description = last.description ? `${last.description} ${line}` : line;
    } else {
      out.push(make(line, null));
    }
  }
  return out;
}

/**
 * Intervention lines → interventions. `Drug: X` / `Biological: Y` start a typed intervention and untyped lines that
 * follow are its description; with no typed line at all, each line is one intervention named by it.
 */
export function interventionItems(lines: string[]): Intervention[] {
  const make = (name: string, type: Intervention['type'], description: string | null = null): Intervention => (
    { type, name, description, cellTherapy: null }
  );
  const clean = lines.filter((l) => l !== '').map((l) => unescapeText(l.replace(BULLET, '')));
  // CTRI via ICTRP: `Intervention1: Name: details`, `Control Intervention1: Name: details`
  const numbered = clean.map((l) => /^(?:Control )?Intervention\d+\s*:\s*([^:]{2,120}?)\s*:\s*(.+)$/i.exec(l));
  if (numbered.length && numbered.every(Boolean)) return numbered.map((m) => make(m![1]!, null, m![2]!));
  const typed = clean.map((l) => splitTypedName(l));
  if (!typed.some((t) => t.type)) return clean.map((l) => make(l, null));
  const out: Intervention[] = [];
  typed.forEach((t, i) => {
    if (t.type || out.length === 0) { out.push(make(t.name, t.type)); return; }
    const last = out[out.length - 1]!;
    last.description = last.description ? `${last.description} ${clean[i]}` : clean[i]!;
  });
  return out;
}

/**
 * Prose lines → text: lines of a paragraph joined by spaces, paragraphs by a blank line. A paragraph ending in "..."
 * whose words start a later paragraph is the page's truncated teaser of it and is dropped (never keep both).
 */
export function prose(lines: string[]): string | null {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const l of [...lines, '']) {
    if (l === '') { if (cur.length) paras.push(cur.join(' ').replace(/\s+/g, ' ').trim()); cur = []; } else cur.push(l);
  }
  // (the paragraphs a teaser may start are looked up by their first 20 characters, not all compared with all: a page of
  // thousands of "…" paragraphs took minutes)
  const byHead = new Map<string, number[]>();
  paras.forEach((q, j) => { const k = q.slice(0, 20); const js = byHead.get(k); if (js) js.push(j); else byHead.set(k, [j]); });
  const kept = paras.filter((p, i) => {
    const m = /^(.*?)\s*(?:\.\.\.|…)$/s.exec(p);
    if (!m || m[1]!.length < 20) return true;
    return !(byHead.get(m[1]!.slice(0, 20)) ?? []).some((j) => j !== i && paras[j]!.length > m[1]!.length && paras[j]!.startsWith(m[1]!));
  });
  const text = kept.map(unescapeText).join('\n\n').trim();
  return text === '' ? null : text;
}
