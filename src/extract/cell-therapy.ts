/**
 * Cell therapy characteristics of an intervention: cell type (MSC, NK, CAR-T, …), source tissue (umbilical cord,
 * Wharton's jelly, cord blood, menstrual blood, …), product (cells, exosomes/EVs, secretome, conditioned medium,
 * lysate), dose (./dose.ts), route (./route.ts), schedule (./schedule.ts), allogeneic/autologous.
 *
 * An intervention is a cell therapy when its own name or description names a cell product. Each attribute is read
 * from the first text that states it: the intervention's name and description, then the arms that give it, then the
 * design text (CT.gov's intervention model description often carries the dosing), the descriptions and titles (a registry often says "UC-MSC" in the intervention and the dose only in
 * the description). Every attribute found records its words in `extracted`.
 */
import type { CellProduct, CellSource, CellTherapy, CellType, DoseUnit, Registration } from '../model/registration.js';
import { parseDose } from './dose.js';
import { parseRoute } from './route.js';
import { parseSchedule } from './schedule.js';
import { withoutComparatorText } from './comparator-text.js';
import { type Found, type TextField, MAX_TEXT, clean, descriptionTexts, designTexts, quote, record, titleTexts } from './text.js';

type Hit<T> = { value: T; index: number; length: number };

/** Earliest match in the text; ties go to the earlier rule. */
function earliest<T>(text: string, rules: [RegExp, T][]): Hit<T> | null {
  let best: Hit<T> | null = null;
  for (const [re, value] of rules) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { value, index: m.index, length: m[0].length };
  }
  return best;
}

const CELL_TYPES: [RegExp, CellType][] = [
  [/\bCAR[-\s]?T\b|\bchimeric\s+antigen\s+receptor[-\s]T/i, 'car_t'],
  [/\bmesenchymal|\b(?:h?UC|WJ|BM|AD|AT|DP|Men|P|hP|hUC|hAD)?-?MSCs?\b|\bMSC-|\bMenSCs?\b|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bADSCs?\b|\bBMSCs?\b|\bDPSCs?\b|\bhDPSCs?\b|\bstromal\s+(?:stem\s+)?cells?|\bmenstrual\s+blood[-\s](?:derived\s+)?stem|\bdental\s+pulp\s+stem|\bmultipotent\s+stem|\bmesenchymal[-\s]like/i, 'msc'],
  [/\bNK[-\s]?cells?\b|\bnatural\s+killer|\bCAR[-\s]?NK\b|\bNK\b/i, 'nk'],
  [/\bh(?:a)?ematopoietic\s+(?:stem|progenitor)|\bHSCT?\b|\bCD34\+/i, 'hsc'],
  [/\bT[-\s]cells?\b|\bT[-\s]lymphocytes?|\bTregs?\b|\bregulatory\s+T\b|\bCTLs?\b|\bTILs?\b|\bCIK\b|\bcytokine[-\s]induced\s+killer|\bvirus[-\s]specific\s+T/i, 't_cell'],
  [/\bmononuclear\s+cells?|\bMNCs?\b|\bPBMCs?\b/i, 'mononuclear'],
  [/\bstem\s+cells?\b|\bprogenitor\s+cells?|\bdendritic\s+cells?|\bmacrophages?\b|\bcell\s+(?:therapy|product|preparation|suspension)|\bexosom|\bextracellular\s+vesicles?|\bsecretome/i, 'other'],
];

const SOURCES: [RegExp, CellSource][] = [
  [/\bwharton'?s?\s+jelly|\bWJ[-\s]?MSCs?/i, 'wharton_jelly'],
  [/\b(?:umbilical\s+)?cord\s+blood|\bUCB\b|\bCB[-\s](?:NK|MSC|MNC)/i, 'cord_blood'],
  [/\bmenstrual|\bMenSCs?\b/i, 'menstrual_blood'],
  [/\bdental\s+pulp|\bDPSCs?\b|\bhDPSCs?\b|\bexfoliated\s+deciduous\s+teeth|\bSHED\b|\bUtooth\b/i, 'dental_pulp'],
  [/\badipose|\bfat[-\s]derived|\blipoaspirate|\bAD[-\s]?MSCs?|\bADSCs?\b|\bAT[-\s]?MSCs?|\bstromal\s+vascular\s+fraction|\bSVF\b/i, 'adipose'],
  [/\bbone\s+marrow|\bBM[-\s]?MSCs?|\bBMSCs?\b|\bBM[-\s]?MNCs?/i, 'bone_marrow'],
  [/\bplacent|\bdecidua/i, 'placenta'],
  [/\bamnio(?:n|tic)/i, 'amniotic'],
  [/\bumbilical\s+cord|\bh?UC[-\s]?MSCs?|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bcord[-\s](?:derived|tissue)/i, 'umbilical_cord'],
  [/\bperipheral\s+blood|\bPBMCs?\b|\b(?:leuk)?apheresis/i, 'peripheral_blood'],
];

const PRODUCTS: [RegExp, CellProduct][] = [
  [/\bexosom|\bextracellular\s+vesicles?|\bEVs?\b|\bnano[-\s]?vesicles?|\bmicro[-\s]?vesicles?/i, 'exosomes'],
  [/\bsecretome/i, 'secretome'],
  [/\bconditioned\s+medi(?:um|a)|\bculture\s+supernatant/i, 'conditioned_medium'],
  [/\blysate/i, 'lysate'],
];

/** Words that make an intervention a cell or cell-derived product. */
const CELL_PRODUCT = new RegExp(
  [...CELL_TYPES.filter(([, t]) => t !== 'other').map(([re]) => re.source), /\bstem\s+cells?\b|\bprogenitor\s+cells?|\bdendritic\s+cells?|\bexosom|\bextracellular\s+vesicles?|\bsecretome|\bconditioned\s+medi(?:um|a)|\bcell\s+(?:therapy|product|preparation|suspension)/.source].join('|'),
  'i',
);

/** Does this text name a cell or cell-derived product? */
export function namesCellProduct(text: string): boolean {
  return CELL_PRODUCT.test(text);
}

/** Where the text first names a cell or cell-derived product, or null. */
export function cellProductAt(text: string): { index: number; length: number } | null {
  const m = CELL_PRODUCT.exec(text);
  return m ? { index: m.index, length: m[0].length } : null;
}

function found<T>(f: TextField, h: Hit<T> | null): Found<T> | null {
  return h ? { value: h.value, from: f.from, text: quote(f.text, h.index, h.length, 20) } : null;
}

function firstFound<T>(fields: TextField[], read: (f: TextField) => Found<T> | null): Found<T> | null {
  for (const f of fields) {
    const hit = read(f);
    if (hit) return hit;
  }
  return null;
}

export interface CellTherapyFound {
  cellTherapy: CellTherapy;
  /** attribute → the words it was read from */
  evidence: Record<string, { from: string; text: string }>;
}

/** All cell-therapy attributes read from the fields, each from the first field that states it. */
export function cellTherapyFromFields(fields: TextField[]): CellTherapyFound {
  const evidence: CellTherapyFound['evidence'] = {};
  const keep = <T>(name: string, f: Found<T> | null): T | null => {
    if (!f) return null;
    evidence[name] = { from: f.from, text: f.text };
    return f.value;
  };
  let cellType = keep('cellType', firstFound(fields, (f) => found(f, earliest(f.text, CELL_TYPES))));
  const source = keep('source', firstFound(fields, (f) => {
    const h = earliest(f.text, SOURCES);
    // "umbilical cord Wharton's jelly MSC", "umbilical cord blood": the finer tissue wins
    if (h?.value === 'umbilical_cord') {
      const finer = earliest(f.text, SOURCES.filter(([, s]) => s === 'wharton_jelly' || s === 'cord_blood'));
      if (finer) return found(f, finer);
    }
    return found(f, h);
  }));
  const product = keep('product', firstFound(fields, (f) => found(f, earliest(f.text, PRODUCTS)))) ?? 'cells';
  if (cellType === 'other' && (source === 'menstrual_blood' || source === 'dental_pulp' || source === 'wharton_jelly')) cellType = 'msc';
  const defaultUnit: DoseUnit | null = product === 'cells' ? 'cells' : product === 'exosomes' ? 'particles' : null;
  const dose = keep('dose', firstFound(fields, (f) => {
    const d = parseDose(f.text, defaultUnit);
    if (!d) return null;
    const { index, length, ...value } = d;
    return { value, from: f.from, text: d.raw ?? quote(f.text, index, length, 0) };
  }));
  const route = keep('route', firstFound(fields, (f) => found(f, parseRoute(f.text))));
  const schedule = keep('schedule', firstFound(fields, (f) => {
    const s = parseSchedule(f.text);
    if (!s) return null;
    const { text, ...value } = s;
    return { value, from: f.from, text };
  }));
  const origin = keep('origin', firstFound(fields, (f) => found(f, earliest<'allogeneic' | 'autologous'>(f.text, [
    [/\ballogen(?:e)?ic\b|\ballo-/i, 'allogeneic'], [/\bautologous\b|\bauto-/i, 'autologous'],
  ]))));
  return { cellTherapy: { cellType, source, product, dose, route, schedule, origin }, evidence };
}

function textField(from: string, raw: string | null | undefined): TextField[] {
  const text = clean(raw?.slice(0, MAX_TEXT * 2)).slice(0, MAX_TEXT);
  return text ? [{ from, text }] : [];
}

/** The texts that speak about intervention i: its own, the arms that give it, then the registration's. */
export function interventionFields(reg: Registration, i: number): TextField[] {
  const iv = reg.interventions[i]!;
  const own = [...textField(`interventions[${i}].name`, iv.name), ...textField(`interventions[${i}].description`, iv.description)];
  const arms = reg.arms.flatMap((a, k) =>
    a.interventions.some((n) => n === iv.name || iv.name.includes(n) || n.includes(iv.name)) || (a.description && namesCellProduct(a.description))
      ? [...textField(`arms[${k}].label`, a.label), ...textField(`arms[${k}].description`, a.description)]
      : []);
  // what the placebo/control arm receives is not this product's dose, route or schedule
  return [...own, ...arms, ...withoutComparatorText([...designTexts(reg), ...descriptionTexts(reg)]), ...titleTexts(reg)];
}

/** Fill interventions[].cellTherapy for every intervention that is a cell or cell-derived product. */
export function extractCellTherapy(reg: Registration): void {
  reg.interventions.forEach((iv, i) => {
    if (iv.cellTherapy != null) return;
    const own = `${iv.name} ${iv.description ?? ''}`;
    if (!namesCellProduct(own) || /^\s*(?:placebo|saline|normal\s+saline|vehicle)\b/i.test(iv.name)) return;
    const { cellTherapy, evidence } = cellTherapyFromFields(interventionFields(reg, i));
    iv.cellTherapy = cellTherapy;
    for (const [attr, ev] of Object.entries(evidence)) record(reg, `interventions[${i}].cellTherapy.${attr}`, ev);
  });
}
