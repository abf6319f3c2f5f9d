/**
 * The texts of a registration that extraction reads, each labelled with the field it came from, and the small
 * helpers every extractor shares: cleaning registry markup, finding the first rule that matches, quoting the words.
 */
import type { Provenance, Registration } from '../model/registration.js';
import { cleanText } from '../normalise/text.js';

/** One piece of free text and the canonical path of the field it was read from. */
export interface TextField {
  from: string;
  text: string;
}

/** A value an extractor found, with the words it was read from. */
export interface Found<T> {
  value: T;
  from: string;
  text: string;
}

/** Registry markup → plain text (shared cleaner: `<br>`, `_x000D_`, entities, blanks); "" when empty. */
export function clean(raw: string | null | undefined): string {
  return cleanText(raw) ?? '';
}

/** Extraction reads at most this many characters of one field: design words sit near the start, and a bound keeps
 * every pattern cheap on hostile input. */
export const MAX_TEXT = 20000;

function field(from: string, raw: string | null | undefined): TextField[] {
  const text = clean(raw?.slice(0, MAX_TEXT * 2)).slice(0, MAX_TEXT);
  return text ? [{ from, text }] : [];
}

/** The design text the registry gave, verbatim (ICTRP `Study design`, CT.gov design line). */
export function designTexts(reg: Registration): TextField[] {
  // EUCTR exports sometimes glue their boxes together ("Controlled: yesRandomised: no"): split them again
  return field('design.raw', reg.design.raw?.replace(/\b(yes|no)(?=[A-Z])/g, '$1\n'));
}

/** Titles, scientific first (it carries the design words most often). */
export function titleTexts(reg: Registration): TextField[] {
  return [
    ...field('titles.scientific', reg.titles.scientific),
    ...field('titles.public', reg.titles.public),
    ...field('titles.acronym', reg.titles.acronym),
  ];
}

/** Arm labels and descriptions, then intervention names and descriptions. */
export function armAndInterventionTexts(reg: Registration): TextField[] {
  const out: TextField[] = [];
  reg.arms.forEach((a, i) => {
    out.push(...field(`arms[${i}].label`, a.label), ...field(`arms[${i}].description`, a.description));
  });
  reg.interventions.forEach((iv, i) => {
    out.push(...field(`interventions[${i}].name`, iv.name), ...field(`interventions[${i}].description`, iv.description));
  });
  return out;
}

export function conditionTexts(reg: Registration): TextField[] {
  return reg.conditions.flatMap((c, i) => field(`conditions[${i}]`, c));
}

export function descriptionTexts(reg: Registration): TextField[] {
  return [...field('description.brief', reg.description.brief), ...field('description.detailed', reg.description.detailed)];
}

/** The words around a match, short enough to read at a glance. */
export function quote(text: string, index: number, length: number, around = 30): string {
  const start = Math.max(0, index - around);
  const end = Math.min(text.length, index + length + around);
  return (start > 0 ? '…' : '') + text.slice(start, end).replace(/\s+/g, ' ').trim() + (end < text.length ? '…' : '');
}

/** A rule: a pattern and what it means; `value` may read the match. */
export interface Rule<T> {
  re: RegExp;
  value: T | ((m: RegExpExecArray) => T | null);
}

const nonGlobal = new WeakMap<RegExp, RegExp>();

/** A rule's pattern without the `g` flag, compiled once per pattern, matching from the start of the text. */
function once(re: RegExp): RegExp {
  let out = nonGlobal.get(re);
  if (!out) nonGlobal.set(re, (out = new RegExp(re.source, re.flags.replace('g', ''))));
  out.lastIndex = 0;
  return out;
}

/** The first rule (in rule order) that matches the text, as a Found. */
export function firstRule<T>(f: TextField, rules: Rule<T>[]): Found<T> | null {
  for (const r of rules) {
    const m = once(r.re).exec(f.text);
    if (!m) continue;
    const value = typeof r.value === 'function' ? (r.value as (m: RegExpExecArray) => T | null)(m) : r.value;
    if (value == null) continue;
    return { value, from: f.from, text: quote(f.text, m.index, m[0].length) };
  }
  return null;
}

/** The first field (in field order) where some rule matches. */
export function firstInFields<T>(fields: TextField[], rules: Rule<T>[]): Found<T> | null {
  for (const f of fields) {
    const hit = firstRule(f, rules);
    if (hit) return hit;
  }
  return null;
}

const labelPatterns = new WeakMap<RegExp, RegExp>();

/** The value of a `Label: value` pair in a registry design string, up to the next separator or `, Label:`. */
export function labelled(text: string, label: RegExp): { value: string; index: number; length: number } | null {
  let re = labelPatterns.get(label);
  if (!re) labelPatterns.set(label, (re = new RegExp(`(?:^|[\\s;,.(])(?:${label.source})\\s*:\\s*`, 'i')));
  const m = re.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const end = /;|\n|\.(?:\s|$)|,\s*[A-Za-z][A-Za-z /-]{1,40}?\s*:/.exec(rest);
  const value = (end ? rest.slice(0, end.index) : rest).trim();
  return { value, index: m.index, length: m[0].length + value.length };
}

/** Append a provenance entry for a filled value. */
export function record(reg: Registration, path: string, found: { from: string; text: string }): void {
  const p: Provenance = { path, from: found.from, text: found.text };
  (reg.extracted ??= []).push(p);
}
