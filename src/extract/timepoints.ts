/**
 * Outcome time points in days from a time frame: `Day 28` → 28, `28 days` → 28, `Week 4` → 28, `3 months` → 90,
 * `1 year` → 365, `24 hours` → 1, `baseline` → 0, `Days 1, 7, 14 and 28` → [1, 7, 14, 28],
 * `at 3, 6 and 12 months` → [90, 180, 365]. A month counts 30 days, a year 365.
 */
import type { Registration } from '../model/registration.js';
import { record } from './text.js';

const UNIT: Record<string, number> = { h: 1 / 24, hour: 1 / 24, hr: 1 / 24, d: 1, day: 1, w: 7, wk: 7, week: 7, m: 30, mo: 30, month: 30, y: 365, yr: 365, year: 365 };
const WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', fourteen: '14', fifteen: '15', twenty: '20', thirty: '30', sixty: '60', ninety: '90',
};

function unitDays(u: string): number | null {
  const k = u.toLowerCase().replace(/s$/, '');
  return UNIT[k] ?? (k.startsWith('hour') ? UNIT.hour! : null);
}

const NUMS = '\\d{1,5}(?:\\.\\d{1,3})?(?:\\s{0,3}(?:,|and|&|or|to|-|–)\\s{0,3}\\d{1,5}(?:\\.\\d{1,3})?){0,12}';
const UNITS = '(hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)';
const UNIT_FIRST = new RegExp(`\\b${UNITS}\\s*(${NUMS})`, 'gi');
const NUMBER_FIRST = new RegExp(`(?<![\\d.])(${NUMS})\\s*-?\\s*${UNITS}\\b`, 'gi');

export function parseTimepoints(raw: string | null | undefined): number[] {
  if (!raw) return [];
  // a time frame is a line or two; bounding it keeps hostile input cheap
  const text = raw.slice(0, 2000)
    // Chinese: 第28天 → day 28, 3个月 → 3 months, 12周 → 12 weeks, 1年 → 1 year, 48小时 → 48 hours
    .replace(/第\s*(\d{1,4})\s*(?:天|日)/g, ' day $1 ')
    .replace(/(\d{1,4})\s*(?:个月|月)/g, ' $1 months ')
    .replace(/(\d{1,4})\s*(?:周|星期)/g, ' $1 weeks ')
    .replace(/(\d{1,4})\s*年/g, ' $1 years ')
    .replace(/(\d{1,4})\s*(?:小时|h\b)/g, ' $1 hours ')
    .replace(/(\d{1,4})\s*(?:天|日)/g, ' $1 days ')
    // ordinals: "15th day", "15,30 and 45th day", "Every 7th day" → plain numbers
    .replace(/\b(\d{1,3})\s*(?:st|nd|rd|th)\b/gi, '$1')
    // D7, d28, D0 (a day label; "CD4" is not)
    .replace(/\b[dD]\s?(\d{1,3})\b/g, ' day $1 ')
    .toLowerCase().replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)\b/g, (w) => WORDS[w]!);
  const out = new Set<number>();
  const add = (nums: string, unit: string) => {
    const per = unitDays(unit);
    if (per == null) return;
    for (const m of nums.matchAll(/\d+(?:\.\d+)?/g)) {
      const n = Number(m[0]);
      // whole years written in months (12, 24 months) count as years: 12 months = 1 year = 365 days
      const v = per === 30 && n % 12 === 0 ? (n / 12) * 365 : n * per;
      if (v <= 36500) out.add(Number(v.toFixed(2)));
    }
  };
  for (const m of text.matchAll(UNIT_FIRST)) add(m[2]!, m[1]!);
  for (const m of text.matchAll(NUMBER_FIRST)) add(m[1]!, m[2]!);
  // baseline: also "before (the) intervention", "at the beginning of the study", "at enrolment" — not "28 days after enrolment"
  if (/\bbaseline\b|\bpre-?(?:treatment|dose|intervention|infusion)\b|\bday\s*0\b|\bbefore\s+(?:the\s+)?(?:start\s+of\s+(?:the\s+)?)?(?:intervention|treatment|infusion|randomi[sz]ation)|\bat\s+the\s+(?:beginning|start)\s+of\s+the\s+(?:study|trial|intervention|treatment)|(?<!\b(?:after|from|since|following|post)\s+(?:the\s+)?)\benrol(?:l)?ment\b/.test(text)) out.add(0);
  return [...out].sort((a, b) => a - b);
}

export function extractTimepoints(reg: Registration): void {
  for (const kind of ['primary', 'secondary'] as const) {
    reg.outcomes[kind].forEach((o, i) => {
      if (o.timepointsDays.length > 0) return;
      const days = parseTimepoints(o.timeFrame ?? o.description ?? o.measure);
      if (days.length === 0) return;
      o.timepointsDays = days;
      const from = o.timeFrame ? 'timeFrame' : o.description ? 'description' : 'measure';
      record(reg, `outcomes.${kind}[${i}].timepointsDays`, { from: `outcomes.${kind}[${i}].${from}`, text: (o.timeFrame ?? o.description ?? o.measure).slice(0, 80) });
    });
  }
}
