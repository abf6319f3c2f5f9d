/**
 * Age limits as registries write them (`18Y`, `18 Years`, `6 Months`, `2 Weeks`, `65 years old`, `N/A`, `no limit`)
 * → a number of years, or null for "no limit" / unknown. Months /12, weeks /52.1775, days /365.25, hours /8766;
 * rounded to 3 decimals (2 weeks → 0.038). A bare number means years.
 */

export interface AgeResult {
  years: number | null;
  /** why the text could not be read; null when fine, empty or "no limit" */
  warning: string | null;
}

const PER_YEAR: [RegExp, number][] = [
  // (…and other languages': `岁`/`周岁`, German `Jahre`, Spanish `años`, French `ans`, Portuguese `anos`)
  [/^(?:y|yr|yrs|year|years|years?[\s-]*old|age[\s-]*old|yo|岁|周岁|jahr|jahre|jahren|j|a[nñ]o|a[nñ]os|an|ans|ano|anos)$/i, 1],
  [/^(?:m|mo|mos|mon|month|months|months?[\s-]*old|个月|月|monat|monate|monaten|mes|meses|mois)$/i, 12],
  [/^(?:w|wk|wks|week|weeks|weeks?[\s-]*old|周|woche|wochen|semana|semanas|semaine|semaines)$/i, 52.1775],
  [/^(?:d|day|days|days?[\s-]*old|天|日|tag|tage|tagen|d[ií]a|d[ií]as|jour|jours|dia|dias)$/i, 365.25],
  [/^(?:h|hr|hrs|hour|hours)$/i, 8766],
  [/^(?:min|mins|minute|minutes)$/i, 525960],
];

const NO_LIMIT = /^(?:n\/?a|na|none|no|-+|\/|\?+|nd|no\s*limit(?:ation)?s?|no\s*(?:minimum|maximum|min|max)(?:\s*age)?(?:\s*limit)?|not\s*(?:applicable|stated|specified|provided|available)|unlimited|not\s*limited|any|all)$/i;

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Read an age limit. Empty or "no limit" → `{years: null, warning: null}`; unreadable → null + warning. */
export function parseAge(value: string | number | null | undefined): AgeResult {
  if (typeof value === 'number') return { years: Number.isFinite(value) && value >= 0 ? value : null, warning: null };
  const text = (value ?? '').replace(/_x000D_|<br\s*\/?>/gi, ' ').trim();
  if (text === '' || NO_LIMIT.test(text) || /no\s*limit|^[a-z]+$/i.test(text) && !/\d/.test(text) && PER_YEAR.some(([re]) => re.test(text))) {
    return { years: null, warning: null };
  }
  // "18(Year)", "19 Year(s)", "2??" (ICTRP encoding damage of 岁)
  const tidy = text.replace(/\((years?|months?|weeks?|days?)\)/i, ' $1').replace(/\(s\)/i, 's').replace(/\?+$/, '').trim();
  const m = /^(?:(?:age|aged)\s*)?(?:[<>]=?|≥|≤|over|under|above|below|at\s+least|up\s+to)?\s*(\d+(?:[.,]\d+)?)\s*([\p{L}\u5c81]+(?:[\s-]*old)?)?\s*(?:and\s+(?:older|above|over|younger|below|under)|or\s+(?:older|more|less|younger)|\+)?\.?$/iu.exec(tidy);
  if (!m) return { years: null, warning: `age "${text}" is not an age we can read` };
  const n = parseFloat(m[1].replace(',', '.'));
  if (!m[2]) return n <= 130 ? { years: n, warning: null } : { years: null, warning: `age "${text}" is implausible` };
  const unit = PER_YEAR.find(([re]) => re.test(m[2].trim()));
  if (!unit) return { years: null, warning: `age "${text}" has a unit we do not know` };
  const years = round3(n / unit[1]);
  return years <= 130 ? { years, warning: null } : { years: null, warning: `age "${text}" is implausible` };
}

/** `parseAge(...).years`. */
export function ageToYears(value: string | number | null | undefined): number | null {
  return parseAge(value).years;
}
