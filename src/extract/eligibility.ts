/**
 * Eligibility from text when the source left it structured-empty: minimum/maximum age in years (`aged 18-65 years`,
 * `≥ 18 years`, `18 years and older`, `under 12 months`), sex (`male or female`, `women only`, `pregnant women`), and
 * the inclusion/exclusion split of a raw criteria block (`Inclusion criteria: … Exclusion criteria: …`).
 */
import type { Registration, Sex } from '../model/registration.js';
import { type Found, MAX_TEXT, clean, quote, record } from './text.js';

const PER_YEAR: Record<string, number> = { year: 1, yr: 1, month: 1 / 12, week: 7 / 365, day: 1 / 365 };
function years(n: string, unit: string | undefined): number {
  const k = (unit ?? 'year').toLowerCase().replace(/s$/, '');
  return Number((Number(n) * (PER_YEAR[k] ?? 1)).toFixed(2));
}

const U = '(years?|yrs?|months?|weeks?|days?)';

export function findAgeRange(text: string): { min: Found<number> | null; max: Found<number> | null } {
  const at = (v: number, m: RegExpExecArray): Found<number> => ({ value: v, from: '', text: quote(text, m.index, m[0].length, 10) });
  const range = new RegExp(`\\b(?:aged?|age\\s+(?:between|from|of))?\\s*(?:between\\s+)?(\\d{1,3})\\s*${U}?\\s*(?:-|–|to|and)\\s*(\\d{1,3})\\s*${U}(?:\\s+(?:old|of\\s+age))?`, 'i').exec(text);
  if (range && Number(range[1]) < Number(range[3]) && /age|year|old/i.test(range[0] + text.slice(range.index - 12, range.index))) {
    const unit = range[4]!;
    return { min: at(years(range[1]!, range[2] ?? unit), range), max: at(years(range[3]!, unit), range) };
  }
  const min = new RegExp(`(?:\\bage[d]?\\s*(?:≥|>=|>|of\\s+at\\s+least|at\\s+least|over|above|older\\s+than|more\\s+than|greater\\s+than|≧)\\s*(\\d{1,3})\\s*${U}?)|(?:(\\d{1,3})\\s*${U}\\s*(?:of\\s+age\\s+|old\\s+)?(?:and|or)\\s+(?:older|above|over|more))|(?:(?:≥|>=|≧)\\s*(\\d{1,3})\\s*${U})`, 'i').exec(text);
  const max = new RegExp(`(?:\\bage[d]?\\s*(?:≤|<=|<|under|below|younger\\s+than|less\\s+than|up\\s+to|≦)\\s*(\\d{1,3})\\s*${U}?)|(?:(\\d{1,3})\\s*${U}\\s*(?:of\\s+age\\s+|old\\s+)?(?:and|or)\\s+(?:younger|below|under|less))|(?:(?:≤|<=|≦)\\s*(\\d{1,3})\\s*${U})`, 'i').exec(text);
  // a bare comparison ("<= 8 days since illness onset", "within 3 months and less than …") is an age only when the
  // words around it, in the same criterion, speak of age: "aged", "age", "years old", "of age", "or older"
  const aboutAge = (m: RegExpExecArray) => {
    const before = text.slice(Math.max(0, m.index - 25), m.index).split(/[;\n]/).pop()!;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).split(/[;\n]/)[0]!;
    return /\bage[ds]?\b|\bold(?:er)?\b|\byounger\b|of\s+age/i.test(before + m[0] + after);
  };
  const pick = (m: RegExpExecArray | null) => {
    if (!m || !aboutAge(m)) return null;
    const n = m[1] ?? m[3] ?? m[5];
    const u = m[1] ? m[2] : m[3] ? m[4] : m[6];
    return n ? at(years(n, u), m) : null;
  };
  return { min: pick(min), max: pick(max) };
}

export function findSex(text: string): Found<Sex> | null {
  const rules: [RegExp, Sex][] = [
    [/\b(?:male\s+(?:or|and|\/)\s+female|female\s+(?:or|and|\/)\s+male|men\s+(?:and|or)\s+women|women\s+(?:and|or)\s+men|both\s+(?:sexes|genders)|either\s+(?:sex|gender)|all\s+(?:sexes|genders))\b/i, 'all'],
    [/\b(?:females?\s+only|women\s+only|(?:pregnant|postmenopausal|premenopausal|post-menopausal|pre-menopausal)\s+women|female\s+(?:patients|participants|subjects|volunteers)\s+aged)\b/i, 'female'],
    [/\b(?:males?\s+only|men\s+only|male\s+(?:patients|participants|subjects|volunteers)\s+aged)\b/i, 'male'],
  ];
  for (const [re, value] of rules) {
    const m = re.exec(text);
    if (m) return { value, from: '', text: quote(text, m.index, m[0].length, 10) };
  }
  return null;
}

/** `Inclusion criteria: … Exclusion criteria: …` → [inclusion items, exclusion items]. */
export function splitCriteria(raw: string): { inclusion: string[]; exclusion: string[] } | null {
  const text = clean(raw);
  const ex = /\bexclusion\s+criteria\s*:?/i.exec(text);
  if (!ex) return null;
  const inc = text.slice(0, ex.index).replace(/^[\s\S]*?\binclusion\s+criteria\s*:?/i, '');
  return { inclusion: items(inc), exclusion: items(text.slice(ex.index + ex[0].length)) };
}

function items(block: string): string[] {
  return block
    .split(/\n|;\s+|(?:^|\s)(?:\d{1,2}[.)]|[-•*·])\s+/)
    .map((s) => s.replace(/^\s*(?:\d{1,2}[.)]|[-•*·])\s*/, '').trim())
    .filter((s) => s.length > 1);
}

export function extractEligibility(reg: Registration): void {
  const e = reg.eligibility;
  const source = e.raw ? 'eligibility.raw' : 'eligibility.inclusion';
  const text = (clean(e.raw?.slice(0, MAX_TEXT * 2)) || e.inclusion.join('\n')).slice(0, MAX_TEXT);
  if (!text) return;
  if (e.inclusion.length === 0 && e.exclusion.length === 0 && e.raw) {
    const split = splitCriteria(e.raw.slice(0, MAX_TEXT * 2));
    if (split) {
      e.inclusion = split.inclusion;
      e.exclusion = split.exclusion;
      record(reg, 'eligibility.inclusion', { from: 'eligibility.raw', text: 'split at "Exclusion criteria"' });
    }
  }
  const inclusionText = (e.inclusion.length > 0 ? e.inclusion.join('\n') : text).slice(0, MAX_TEXT);
  if (e.minAgeYears == null || e.maxAgeYears == null) {
    const { min, max } = findAgeRange(inclusionText);
    // a limit that contradicts the other one is someone else's age ("parents of a child between 6 and 13 years")
    if (e.minAgeYears == null && min && !(e.maxAgeYears != null && min.value > e.maxAgeYears)) {
      e.minAgeYears = min.value; record(reg, 'eligibility.minAgeYears', { from: source, text: min.text });
    }
    if (e.maxAgeYears == null && max && !(e.minAgeYears != null && max.value < e.minAgeYears)) {
      e.maxAgeYears = max.value; record(reg, 'eligibility.maxAgeYears', { from: source, text: max.text });
    }
  }
  if (e.sex == null) {
    const s = findSex(inclusionText);
    if (s) { e.sex = s.value; record(reg, 'eligibility.sex', { from: source, text: s.text }); }
  }
}
