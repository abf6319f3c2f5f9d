/**
 * Phase normalisation: every registry's way of writing a trial phase → the canonical Phase enum (SPEC.md).
 *
 * Handles ClinicalTrials.gov (`Phase 1/Phase 2`, `PHASE1|PHASE2`, `Early Phase 1`, `N/A`), ICTRP numerals
 * (ChiCTR `0`/`4`, IRCT `2-3`, JPRN `Phase II`, PER `III`, DRKS `IIIb`), EUCTR yes/no flag lists
 * (`Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes …`), ChiCTR study-kind words
 * (`New Treatment Measure Clinical Study`, `Retrospective study`, `Basic Science` → not_applicable;
 * `Post-market` → 4) and spreadsheet damage (IRCT/JPRN `2-3` turned into the Excel day serial 44257).
 * Unreported spellings (`Not selected`, `NA`, empty) and anything unrecognised → null.
 */
import type { Phase } from '../model/registration.js';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Canonical phase from a set of numeric phases (0 = phase 0 / early phase 1): adjacent pairs combine, else the highest. */
export function phaseFromNumbers(nums: number[]): Phase | null {
  const set = [...new Set(nums.filter((n) => n >= 0 && n <= 4))].sort((a, b) => a - b);
  if (set.length === 0) return null;
  const hi = set[set.length - 1]!;
  const lo = set.length > 1 ? set[set.length - 2]! : null;
  if (hi === 0) return 'early_1';
  if (lo === 1 && hi === 2) return '1_2';
  if (lo === 2 && hi === 3) return '2_3';
  return String(hi) as Phase;
}

/** EUCTR: `Human pharmacology (Phase I): yes Therapeutic exploratory (Phase II): no …` → phases flagged yes. */
function euctrFlags(text: string): number[] | null {
  const re = /\(phase\s+(i{1,3}|iv)\)\s*:\s*(yes|no)?/gi;
  const found: number[] = [];
  let any = false;
  for (const m of text.matchAll(re)) {
    any = true;
    if ((m[2] ?? '').toLowerCase() === 'yes') found.push(ROMAN[m[1]!.toLowerCase()]!);
  }
  return any ? found : null;
}

/** An Excel day serial (1900 system) that was once a `d-m` phase range such as `2-3` → [2, 3]. */
function excelSerialRange(text: string): number[] | null {
  if (!/^\d{5}$/.test(text)) return null;
  const serial = Number(text);
  if (serial < 36526 || serial > 73051) return null; // 2000-01-01 … 2099-12-31
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  const day = date.getUTCDate();
  const month = date.getUTCMonth() + 1;
  if (day > 4 || month > 4) return null;
  return [day, month];
}

/** Numbers named in a free phase text: arabic digits and roman numerals attached to "phase" or standing alone. */
function phaseNumbers(text: string): number[] {
  const t = text.toLowerCase().replace(/phase(?=\d|i)/g, 'phase ');
  const nums: number[] = [];
  for (const m of t.matchAll(/(?:^|[^a-z0-9])([0-4]|iv|i{1,3})(?:[ab]|\b)(?![.,]\d)/g)) {
    const tok = m[1]!;
    nums.push(/\d/.test(tok) ? Number(tok) : ROMAN[tok]!);
  }
  return nums;
}

const UNREPORTED = /^(?:na|none|not\s+(?:selected|specified|reported|stated|known|provided|given)|unknown|unspecified|-+|\.+|null)$/i;
const NOT_APPLICABLE =
  /not\s+applicable|^n\/a$|new\s+treatment\s+measure|retrospective|basic\s+science|pilot\s+stud|other|bioequivalence|diagnostic|health\s+services|observational|prospective\s+stud|cohort|epidemiolog|screening|supportive/i;

/**
 * Other languages' phase words in English: ChiCTR `Ⅱ期临床试验` (Roman numeral characters, 期 "phase"), Spanish,
 * Portuguese and Italian `Fase III`, German `Phase-II-Studie`. Chinese "not applicable" words become `N/A`.
 */
function foreignPhase(text: string): string {
  const t = text.replace(/Ⅰ/g, 'I').replace(/Ⅱ/g, 'II').replace(/Ⅲ/g, 'III').replace(/Ⅳ/g, 'IV').replace(/０/g, '0');
  if (/^(?:不适用|无|不详)$/.test(t)) return /^不适用$/.test(t) ? 'N/A' : '';
  return t
    .replace(/^([0-4IV]+(?:\s*[+/、和-]\s*[0-4IV]+)?)\s*期(?:临床试验|临床研究|试验|研究)?$/i, (_, n: string) => `Phase ${n.replace(/[、和]/g, '/')}`)
    .replace(/\bfase\b/gi, 'Phase')
    .replace(/\bPhase-([0-4IV]+(?:\/[0-4IV]+)?)-Studie\b/gi, 'Phase $1');
}

/**
 * The canonical phase of a registry's phase text, or null when unreported or not understood.
 * `N/A` and `Not Applicable` are not_applicable (the registry says the trial has no phase); `NA`, `Not selected`,
 * empty → null.
 */
export function normalisePhase(raw: string | null | undefined): Phase | null {
  if (raw == null) return null;
  const text = foreignPhase(raw.replace(/<br\s*\/?>/gi, ' ').replace(/_x000D_/g, ' ').replace(/\s+/g, ' ').trim());
  if (text === '' || UNREPORTED.test(text)) return null;
  if (/^n\/a$/i.test(text) || /^not[\s_]+applicable$/i.test(text)) return 'not_applicable';

  const flags = euctrFlags(text);
  if (flags) return phaseFromNumbers(flags);

  const serial = excelSerialRange(text);
  if (serial) return phaseFromNumbers(serial);

  if (/early\s*phase\s*(?:1|i)\b|early_?phase_?1/i.test(text)) return 'early_1';
  if (/post[-\s]*market|phase\s*4|phase\s*iv\b/i.test(text) && !/phase\s*[0-3]|phase\s*i{1,3}\b/i.test(text)) return '4';

  const nums = phaseNumbers(text);
  if (nums.length > 0 && /phase|^[\s0-4ivab/\\|&,+\-–()]+$|^[0-4ivab]+\s*\(/i.test(text)) return phaseFromNumbers(nums);

  if (/not\s+applicable|^n\/a\b/i.test(text)) return 'not_applicable';
  if (NOT_APPLICABLE.test(text)) return 'not_applicable';
  return null;
}
