/**
 * Dosing schedule from intervention wording: number of doses (`a total of 4 times`, `3 doses`, `twice`, `once`),
 * interval (`once every 4 days`, `every other day`, `once / week`, `daily`, `1 week apart`) and named days
 * (`days 0, 3 and 6`, `day 1, day 2 … day 5`, `days 1–5`, `at day 1`).
 */
import type { Schedule } from '../model/registration.js';

const WORD_NUMBERS: Record<string, number> = {
  once: 1, one: 1, single: 1, twice: 2, two: 2, thrice: 3, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8,
  nine: 9, ten: 10, eleven: 11, twelve: 12, fourteen: 14,
};
const N = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)';

function count(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : WORD_NUMBERS[s.toLowerCase()]!;
}

export interface ScheduleFound extends Schedule {
  /** the words the schedule was read from */
  text: string;
}

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, hour: 1 / 24, hours: 1 / 24 };

/** Interval between doses in days. */
function interval(t: string): [number, string] | null {
  const rules: [RegExp, (m: RegExpExecArray) => number][] = [
    [new RegExp(`\\bevery\\s+other\\s+day|\\bq\\.?o\\.?d\\b|\\balternate\\s+days`, 'i'), () => 2],
    // ("every 3-4 days": the first value)
    [new RegExp(`\\b(?:once\\s+|1\\s+time\\s+)?every\\s+${N}(?:\\s*(?:-|–|to|or)\\s*\\d{1,3})?\\s+(days?|weeks?|months?|hours?)`, 'i'), (m) => count(m[1]!) * UNIT_DAYS[m[2]!.toLowerCase()]!],
    [new RegExp(`\\b(?:interval|intervals)\\s+(?:of\\s+|between\\s+[^.;]{0,40}?(?:was|is|of)\\s+)?${N}\\s*(days?|weeks?|months?|hours?)`, 'i'), (m) => count(m[1]!) * UNIT_DAYS[m[2]!.toLowerCase()]!],
    [new RegExp(`\\b${N}[-\\s](days?|weeks?|months?|hours?)\\s+(?:apart|intervals?)`, 'i'), (m) => count(m[1]!) * UNIT_DAYS[m[2]!.toLowerCase()]!],
    [/\b(?:once|1\s+time|one\s+time)\s*(?:\/|a|per|every)\s*(day|week|month)\b|\bevery\s+(day|week|month)\b/i, (m) => UNIT_DAYS[(m[1] ?? m[2])!.toLowerCase()]!],
    [/\b(daily|weekly|monthly)\b|\bq\.?d\b/i, (m) => ({ daily: 1, weekly: 7, monthly: 30 } as Record<string, number>)[(m[1] ?? 'daily').toLowerCase()]!],
  ];
  for (const [re, read] of rules) {
    const m = re.exec(t);
    if (m) return [read(m), m[0]];
  }
  return null;
}

/** Number of doses. */
function doses(t: string): [number, string] | null {
  const rules: RegExp[] = [
    // (not "a total of 15ml", "a total of 200 million cells")
    new RegExp(`\\b(?:a\\s+)?total\\s+of\\s+${N}(?![\\d.,])(?!\\s*(?:ml|mg|µg|μg|g\\b|l\\b|cells|million|billion|x|×|\\*|\\^|%|kg|patients|participants|subjects|vials|hours|minutes|days|weeks))\\s*(?:times|doses|infusions|injections|administrations|courses)?`, 'i'),
    // "30 times/min", "3 times the upper limit" are rates and ratios, not doses
    new RegExp(`\\b${N}\\s+(?:consecutive\\s+|separate\\s+|repeated\\s+|(?:intra)?venous\\s+|intravenous\\s+)?(?:doses|infusions|injections|administrations|treatments|times|sessions|stages|applications)\\b(?!\\s*(?:\\/|per|a)\\s*min|\\s+(?:the\\s+)?(?:upper|normal|ULN|higher|lower))`, 'i'),
    /\b(once|twice|thrice)\b(?!\s*(?:a|per|every|\/)\s*(?:day|week|month))/i,
    /\b(single|one)\s+(?:[a-z]+\s+){0,2}?(?:dose|infusion|injection|administration|session)\b/i,
  ];
  for (const re of rules) {
    const m = re.exec(t);
    if (m) return [count(m[1]!), m[0]];
  }
  return null;
}

/** A rate kept for a duration: "twice daily for 5 days" (10 doses, every half day), "once a week for 4 weeks",
 * "daily for 14 days", "weekly for 4 weeks" → [doses, intervalDays]. */
function rateForDuration(t: string): [number, number, string] | null {
  const m = new RegExp(`\\b(?:(once|twice|thrice|${N}\\s+times)\\s*(?:a|per|\\/|every)?\\s*(day|week|daily|weekly)|(daily|weekly)|every\\s+(day|week))`
    + `\\s+(?:for|during|over)\\s+(?:a\\s+period\\s+of\\s+)?${N}\\s+(?:consecutive\\s+|successive\\s+)?(days?|weeks?)\\b`, 'i').exec(t);
  if (!m) return null;
  const times = m[2] ? count(m[2]) : m[1] ? count(m[1]) : 1;
  const periodWord = (m[3] ?? m[4] ?? m[5]!).toLowerCase();
  const period = /^week/.test(periodWord) ? 7 : 1;
  const span = count(m[6]!) * UNIT_DAYS[m[7]!.toLowerCase()]!;
  const doses = Math.round((span / period) * times);
  return doses > 0 && doses <= 200 ? [doses, period / times, m[0]] : null;
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
};
const ORD = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th)';

/** Named days: lists and short ranges. */
function days(t: string): [number[], string] | null {
  // "on the first, third and sixth days", "on the 1st and 4th day"
  const ord = new RegExp(`\\b${ORD}(?:\\s*(?:,\\s*and|,|and|&)\\s*(?:the\\s+)?${ORD})+\\s+days?\\b`, 'i').exec(t);
  if (ord) {
    const nums = [...ord[0].matchAll(new RegExp(ORD, 'gi'))].map((m) => ORDINALS[m[0].toLowerCase()]!);
    return [[...new Set(nums)].sort((x, y) => x - y), ord[0]];
  }
  // "(1, 3 and 6 days)" after a number of doses: a list of days with the unit after
  const after = /\(\s*(\d{1,3}(?:\s*(?:,\s*and|,|and|&)\s*\d{1,3})+)\s*days?\s*\)/i.exec(t);
  if (after) {
    const nums = [...after[1]!.matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
    return [[...new Set(nums)].sort((x, y) => x - y), after[0]];
  }
  // Chinese 第1、3、5天 / 第1天、第3天
  const zh = /第\s*\d{1,3}(?:\s*(?:天)?\s*[、,，和及与]\s*(?:第\s*)?\d{1,3})*\s*天/.exec(t);
  if (zh) {
    const nums = [...zh[0].matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
    return [[...new Set(nums)].sort((x, y) => x - y), zh[0]];
  }
  // D0, D3, D6 (at least two, so "vitamin D3" is not a day)
  const dlist = /\bD(\d{1,3})(?:\s*(?:,|、|and|&|\/)\s*D(\d{1,3})\b)+/.exec(t);
  if (dlist) {
    const nums = [...dlist[0].matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
    return [[...new Set(nums)].sort((x, y) => x - y), dlist[0]];
  }
  const range = /\bdays?\s*(\d{1,3})\s*(?:-|–|—|to|through)\s*(?:day\s*)?(\d{1,3})\b/i.exec(t);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b > a && b - a <= 30) return [Array.from({ length: b - a + 1 }, (_, i) => a + i), range[0]];
  }
  const list = /\bdays?\s*\d{1,3}(?:\s{0,3}(?:,\s{0,3}and|,|and|&|\/)\s{0,3}(?:day\s{0,3})?\d{1,3}(?!\d|\.\d|\s*[*x×^])){1,30}/i.exec(t);
  if (list) {
    const nums = [...list[0].matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
    return [[...new Set(nums)].sort((x, y) => x - y), list[0]];
  }
  const one = /\b(?:at|on)\s+day\s*(\d{1,3})\b/i.exec(t);
  if (one) return [[Number(one[1])], one[0]];
  return null;
}

export function parseSchedule(text: string): ScheduleFound | null {
  const t = text.replace(/\s+/g, ' ');
  const iv = interval(t);
  const d = days(t);
  let n = doses(t);
  // "once every 4 days" names the interval, not the number of doses
  if (n && iv && n[1].toLowerCase() === 'once' && /every|\/|a\s+day|per/i.test(iv[1])) n = /\btotal\s+of/i.test(t) ? n : null;
  const rate = rateForDuration(t);
  if (!iv && !d && !n && !rate) return null;
  // a stated total wins over a rate × duration; "twice daily for 5 days" is 10 doses, not "twice"
  const dosesValue = n && (!rate || /\btotal\s+of/i.test(n[1])) ? n[0] : rate ? rate[0] : d ? d[0].length : null;
  const intervalValue = rate ? rate[1] : iv ? iv[0] : null;
  return {
    doses: dosesValue,
    intervalDays: intervalValue != null ? Number(intervalValue.toFixed(3)) : null,
    days: d ? d[0] : [],
    text: [n?.[1], rate?.[2], iv?.[1], d?.[1]].filter(Boolean).join(' … '),
  };
}
