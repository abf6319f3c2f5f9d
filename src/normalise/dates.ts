/**
 * Registry dates → ISO `YYYY-MM-DD` (or `YYYY-MM` when only a month is given), with a warning when a date cannot be
 * read or is ambiguous. Pure functions shared by every source.
 *
 * Day/month order of numeric dates is the caller's knowledge, passed as `order`:
 *   - ICTRP `Date registration` (`27/01/2020`) is day-first: `dmy`;
 *   - ICTRP `Export date` (`4/7/2020 10:40:56 AM`) is month-first: `mdy` (US locale of the export tool);
 *   - without an order, a numeric date is read only when one part is over 12 (else: ambiguous → null + warning).
 */

export type DateOrder = 'dmy' | 'mdy';

export interface DateResult {
  /** `YYYY-MM-DD`, `YYYY-MM` or null */
  date: string | null;
  /** why the text could not be read, for the record's warnings; null when fine or empty */
  warning: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
  // German, Spanish, French, Portuguese (compared without accents: `März` ~ `marz`, `février` ~ `fevrier`)
  januar: 1, februar: 2, marz: 3, mrz: 3, mai: 5, juni: 6, juli: 7, okt: 10, oktober: 10, dez: 12, dezember: 12,
  enero: 1, ene: 1, febrero: 2, marzo: 3, abr: 4, abril: 4, mayo: 5, junio: 6, julio: 7, ago: 8, agosto: 8,
  septiembre: 9, setiembre: 9, set: 9, octubre: 10, noviembre: 11, diciembre: 12, dic: 12,
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, juin: 6, juillet: 7, juil: 7, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, decembre: 12,
  janeiro: 1, fevereiro: 2, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, out: 10, novembro: 11, dezembro: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO text of a calendar date, or null when it does not exist (31 February) or the year is implausible. */
export function isoDate(y: number, m: number, d?: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || !Number.isInteger(m) || m < 1 || m > 12) return null;
  if (d === undefined) return `${y}-${pad(m)}`;
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\.$/, '')];
}

/** Excel's day number (1900 date system, as XLSX cells hold dates) → ISO date. 43941 → 2020-04-20. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80000) return null;
  const ms = Math.round((serial - 25569) * 86400000); // 25569 = 1970-01-01
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Excel's day number with its time of day → `2020-06-07T17:53:51` (no zone, like parseTimestamp). */
export function excelSerialToTimestamp(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80000) return null;
  return new Date(Math.round((serial - 25569) * 86400) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
}

function numericDate(a: number, b: number, y: number, order: DateOrder | undefined, text: string): DateResult {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  let day: number;
  let month: number;
  if (a > 12 && b <= 12) [day, month] = [a, b];
  else if (b > 12 && a <= 12) [day, month] = [b, a];
  else if (order === 'dmy') [day, month] = [a, b];
  else if (order === 'mdy') [day, month] = [b, a];
  else if (a === b) [day, month] = [a, b];
  else return { date: null, warning: `date "${text}" is ambiguous (day/month order unknown)` };
  const date = isoDate(y, month, day);
  return date ? { date, warning: null } : { date: null, warning: `date "${text}" does not exist` };
}

/** Read a registry date in any of the spellings registries use. Empty → `{date: null, warning: null}`. */
export function parseDate(value: string | null | undefined, order?: DateOrder): DateResult {
  // other languages' date words: `17. Juni 2024`, `18 de octubre de 2023`, `1er janvier 2024`, `2024年5月1日`
  const text = (value ?? '').trim()
    .replace(/^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$/, (_, y: string, m: string, d?: string) => `${y}-${m}${d ? `-${d}` : ''}`)
    .replace(/^(\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?(\p{L}{3,10}\.?)\s+(?:de\s+)?(\d{4})$/u, '$1 $2 $3')
    .replace(/^(\p{L}{3,10}\.?)\s+de\s+(\d{4})$/u, '$1 $2');
  if (text === '' || /^(n\/?a|none|-+|not (?:provided|available|applicable)|unknown|null)$/i.test(text)) {
    return { date: null, warning: null };
  }
  const bad = (why = 'is not a date we can read'): DateResult => ({ date: null, warning: `date "${text}" ${why}` });
  const ok = (date: string | null): DateResult => (date ? { date, warning: null } : bad('does not exist'));
  let m: RegExpExecArray | null;

  // 2020-02-17, 2020/02/17, 2020.02.17, ISO timestamps (date part), 2020-02
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T\s].*)?$/.exec(text))) {
    return ok(isoDate(+m[1], +m[2], m[3] === undefined ? undefined : +m[3]));
  }
  // 20200217
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return ok(isoDate(+m[1], +m[2], +m[3]));
  // 27/01/2020, 4/7/2020 10:40:56 AM, 27.01.2020, 27-01-2020
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[AP]\.?M\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i.exec(text))) {
    return numericDate(+m[1], +m[2], +m[3], order, text);
  }
  // 17 February 2020, 17-Feb-2020, 17 Feb. 2020, 17th February 2020
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s/-]+(\p{L}{3,10}\.?)[\s/,-]+(\d{4})$/u.exec(text))) {
    const mo = monthOf(m[2]);
    return mo ? ok(isoDate(+m[3], mo, +m[1])) : bad();
  }
  // January 25, 2020 ; Jan 25 2020
  if ((m = /^(\p{L}{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(text))) {
    const mo = monthOf(m[1]);
    return mo ? ok(isoDate(+m[3], mo, +m[2])) : bad();
  }
  // January 2020 ; Jan-2020 ; Jan. 2020
  if ((m = /^(\p{L}{3,10}\.?)[\s,-]+(\d{4})$/u.exec(text))) {
    const mo = monthOf(m[1]);
    return mo ? ok(isoDate(+m[2], mo)) : bad();
  }
  // 01/2020, 2/2020
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(text))) return ok(isoDate(+m[2], +m[1]));
  return bad();
}

/** `parseDate(...).date`: the ISO date or null. */
export function normaliseDate(value: string | null | undefined, order?: DateOrder): string | null {
  return parseDate(value, order).date;
}

/**
 * A date with an optional time of day → `YYYY-MM-DDThh:mm:ss` (no zone: registries do not say which), or the date
 * alone when no time is written. `4/7/2020 10:40:56 AM` with `mdy` → `2020-04-07T10:40:56`.
 */
export function parseTimestamp(value: string | null | undefined, order?: DateOrder): DateResult {
  const text = (value ?? '').trim();
  const day = parseDate(text, order);
  if (!day.date) return day;
  const t = /[\sT](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AP])?\.?M?\.?/i.exec(text);
  if (!t) return day;
  let h = +t[1];
  const ap = t[2] !== undefined && t[4] ? t[4].toUpperCase() : null;
  if (ap === 'P' && h < 12) h += 12;
  if (ap === 'A' && h === 12) h = 0;
  if (h > 23 || +t[2] > 59 || +(t[3] ?? 0) > 59) return day;
  return { date: `${day.date}T${pad(h)}:${t[2]}:${pad(+(t[3] ?? 0))}`, warning: null };
}
