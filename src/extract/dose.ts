/**
 * Cell and particle doses as registries write them: `1×10^6/kg`, `10^6 / Kg`, `1 x 10E6 cells/kg`, `100x10^6 cells`,
 * `5 × 107 cells` and `106 / Kg` (a superscript exponent flattened by copy-paste), `4 10^7 pieces/kg`,
 * `1.6×10E8/kg`, `2 million cells/kg`, `10⁶`, `180 mg`, `5 ml`. Value is the plain number (1×10^6 → 1000000).
 */
import type { Dose, DoseUnit } from '../model/registration.js';

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

/** Unicode superscript exponents → `^n`, odd multiplication signs → `x`. */
function normaliseNotation(text: string): string {
  return text
    // ICTRP exports carry Mac Roman mojibake of ×, —, ± ("1√ó10^6", "1*107‚Äî1*108", "(¬±10%)")
    .replace(/√ó/g, '×').replace(/‚Äî|‚Äì/g, '-').replace(/¬±/g, '±')
    .replace(/10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, sup: string) => `10^${[...sup].map((c) => SUPERSCRIPTS[c]).join('')}`)
    .replace(/[×✕⨯∗·]/g, 'x')
    // exponents that lost their caret: 1x10(6), 1x10~6 (ChiCTR), 1.0E+06, 2.5e7
    .replace(/(x\s*)10\s*(?:\((\d{1,2})\)|~\s*(\d{1,2})(?![\d.]))/gi, (_, x: string, a?: string, b?: string) => `${x}10^${a ?? b}`)
    .replace(/(?<![\w.])10\((\d{1,2})\)(?=\s*(?:cells?\b|\/|per\b|MSCs?\b|particles?\b))/gi, '10^$1')
    // (a bare "10E6" is 10^6 and read below as such)
    .replace(/(?<![\w.^]|[x*]\s{0,2})(\d{1,3}(?:\.\d{1,4})?)[eE]([+]?)0?(\d{1,2})(?![\w.])/g, (m: string, mant: string, plus: string, exp: string) =>
      mant !== '10' && (plus || Number(exp) >= 3) ? `${mant}x10^${exp}` : m)
    .replace(/(\d)\s*,\s*(\d{3})(?!\d)/g, '$1$2');
}

export interface DoseFound extends Dose {
  /** where in the (normalised) text the dose was read */
  index: number;
  length: number;
}

const UNIT_AFTER: [RegExp, DoseUnit][] = [
  [/^\s*(?:\([^)]{0,15}\)\s*)?(?:\/\s*kg\s*)?(?:viable\s+|live\s+|total\s+)?(?:cells?|MSCs?|MNCs?|NK|CIK|pieces|CD34|organisms)/i, 'cells'],
  [/^\s*(?:\([^)]{0,15}\)\s*)?(?:\/\s*kg\s*)?(?:particles?|(?:nano|micro)?vesicles?|exosomes?|EVs?)\b/i, 'particles'],
];

function unitAfter(rest: string): DoseUnit | null {
  for (const [re, unit] of UNIT_AFTER) if (re.test(rest)) return unit;
  return null;
}

const PER_KG = /^[^.;]{0,40}?(?:\/|\bper\b|\beach\b|\ba\b)\s*(?:kg|kilogram|BW\b|body\s*weight)/i;

/**
 * Scientific-notation forms, most explicit first. Each returns [mantissa, exponent].
 * The flattened-superscript forms (`5 x 107`, `106 / Kg`) need the exponent to start with `10`.
 */
const SCIENTIFIC: { re: RegExp; read: (m: RegExpExecArray) => [number, number] }[] = [
  // 1 x 10^6, 1x10E6, 3.0 x 10 ^ 7, 1*10**6, 4 10^7
  { re: /(\d{1,6}(?:[.,]\d{1,4})?)\s*(?:x|\*|\s)\s*10\s*(?:\^|\*\*|e)\s*(\d{1,2})/gi, read: (m) => [num(m[1]!), Number(m[2])] },
  // 5 x 107 (flattened superscript after an explicit multiplication sign)
  { re: /(\d{1,6}(?:[.,]\d{1,4})?)\s*(?:x|\*)\s*10(\d{1,2})(?!\d)/gi, read: (m) => [num(m[1]!), Number(m[2])] },
  // 10^6 / kg, 10E6 cells
  { re: /(?<![\d.])10\s*(?:\^|\*\*|e)\s*(\d{1,2})/gi, read: (m) => [1, Number(m[1])] },
  // 2 million cells, 1.5 billion
  { re: /(\d{1,6}(?:[.,]\d{1,4})?)\s*(mill?ions?|milion|billions?|mio|mln)\b/gi, read: (m) => [num(m[1]!), /billion/i.test(m[2]!) ? 9 : 6] },
];

/** `106 / Kg`, `107 cells/kg`: a bare 10n that only makes sense as 10^n (n ≥ 3). */
const FLATTENED = /(?<![\d.,x*^])10([3-9]|1[0-2])(?=\s*(?:cells?\b|\/\s*kg|per\s+kg|MSCs?\b))/gi;

function num(s: string): number {
  return Number(s.replace(',', '.'));
}

function round(v: number): number {
  return Number(v.toPrecision(12));
}

/** EU CTR IMP section: "Concentration unit: cells/kg … Concentration number: 1000000" (unit and number as labels;
 * "million cells" units multiply). Only counts of cells or particles are read here. */
function concentration(text: string, defaultUnit: DoseUnit | null): DoseFound | null {
  const unit = /Concentration\s+unit\s*:\s*(.{1,60}?)\s*(?=Concentration\s+(?:type|number)|$)/i.exec(text);
  const number = /Concentration\s+number\s*:\s*(?:to\s+)?(\d{1,12}(?:[.,]\d{1,6})?)/i.exec(text);
  if (!unit || !number) return null;
  const u = unit[1]!;
  // a concentration per ml is not a dose
  if (/\/\s*(?:ml|millilit)/i.test(u)) return null;
  // "million organisms" is EU CTR's unit for cells; "Other", "DF dosage form", even "IU/kg" carry cell counts when
  // the number is one (≥ 10^5) and the product a cell product
  let counted: DoseUnit | null = /\bcells?\b|organisms?/i.test(u) ? 'cells' : /particles?|vesicles?|exosomes?/i.test(u) ? 'particles' : null;
  if (!counted && defaultUnit && !/\b(?:mg|g|µg|μg|ug|ml|l|mmol|gram|litre|liter)\b/i.test(u.replace(/\/\s*kg.*/i, '')) && num(number[1]!) >= 1e5) counted = defaultUnit;
  if (!counted) return null;
  const factor = /\bbillion/i.test(u) ? 1e9 : /\bmillions?|\bmio\b|10\^?6/i.test(u) ? 1e6 : 1;
  return {
    value: round(num(number[1]!) * factor), unit: counted, perKg: /\/\s*(?:kg|kilogram)|per\s+kg/i.test(u),
    index: number.index, length: number[0].length, raw: `${number[1]} ${u}`.trim(),
  };
}

/** The first cell/particle dose in the text, or a mg/ml amount when no count is given. */
export function parseDose(raw: string, defaultUnit: DoseUnit | null = null): DoseFound | null {
  const text = normaliseNotation(raw);
  const found: { best: DoseFound | null } = { best: null };
  const consider = (index: number, length: number, value: number) => {
    if (found.best && found.best.index <= index) return;
    const rest = text.slice(index + length);
    found.best = {
      value: round(value), unit: unitAfter(rest) ?? defaultUnit, perKg: PER_KG.test(rest), index, length,
      raw: text.slice(index, index + length + (/^[^;.\n]{0,25}/.exec(rest)?.[0].length ?? 0)).trim(),
    };
  };
  for (const { re, read } of SCIENTIFIC) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags))) {
      const [mant, exp] = read(m as RegExpExecArray);
      if (!(exp >= 3 && exp <= 13 && mant > 0)) continue;
      // a range of mantissas ("1-5 x 10^6", "1~2×10^6", "1 to 3 million"): the first, lowest value is the dose
      const low = /(?<![\d.^])(\d{1,6}(?:\.\d{1,4})?)\s*(?:-|–|~|to)\s*$/i.exec(text.slice(Math.max(0, m.index! - 12), m.index!));
      if (low && num(low[1]!) > 0 && num(low[1]!) < mant) {
        const start = m.index! - low[0].length;
        consider(start, m[0].length + low[0].length, num(low[1]!) * 10 ** exp);
      } else consider(m.index!, m[0].length, mant * 10 ** exp);
    }
  }
  for (const m of text.matchAll(new RegExp(FLATTENED.source, FLATTENED.flags))) consider(m.index!, m[0].length, 10 ** Number(m[1]));
  if (found.best) return found.best;
  const labelled = concentration(text, defaultUnit);
  if (labelled) return labelled;
  const amount = /(\d{1,6}(?:[.,]\d{1,4})?)\s*(mg|µg|μg|ug|ml)\b/i.exec(text);
  if (!amount) return null;
  const unit = amount[2]!.toLowerCase();
  const value = unit === 'ml' || unit === 'mg' ? num(amount[1]!) : num(amount[1]!) / 1000;
  const rest = text.slice(amount.index + amount[0].length);
  return {
    value: round(value), unit: unit === 'ml' ? 'ml' : 'mg', perKg: PER_KG.test(rest) || /^\s*\/\s*kg/i.test(rest),
    index: amount.index, length: amount[0].length, raw: amount[0],
  };
}
