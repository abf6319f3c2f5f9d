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

/** Cells that are neither MSC, immune nor blood-forming: epithelial, fibroblasts, chondrocytes, dendritic cells… */
const OTHER_CELLS = /\bdendritic\s+cells?|\bmacrophages?\b|\b(?:amniotic\s+)?epithelial\s+(?:stem\s+)?cells?|\bh?AECs?\b|\bfibroblasts?\b|\bkeratinocytes?\b|\bchondrocytes?\b|\bhepatocytes?\b|\bmyoblasts?\b|\bcardiomyocytes?\b|\bislet\s+cells?|\bislets?\s+transplant|\bstromal\s+vascular\s+fraction|\bSVF\b|\bendothelial\s+progenitor/i;

const CELL_TYPES: [RegExp, CellType][] = [
  [/\bCAR[-\s]?T\b|\bchimeric\s+antigen\s+receptor[-\s]T|\b\w*cabtagene\b|\btisagenlecleucel\b/i, 'car_t'],
  // USAN/INN stems of MSC products: remestemcel-L, darvadstrocel, rexlemestrocel-L; Chinese 间充质(干细胞)
  [/\b\w+(?:stemcel|strocel)\b|间充质|\bmesenchymal|\b(?:h?UC|WJ|BM|AD|AT|DP|Men|P|hP|hUC|hAD)?-?MSCs?\b|\bMSC-|\bMenSCs?\b|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bADSCs?\b|\bBMSCs?\b|\bDPSCs?\b|\bhDPSCs?\b|\bstromal\s+(?:stem\s+)?cells?|\bmenstrual\s+blood[-\s](?:derived\s+)?stem|\bdental\s+pulp\s+stem|\bmultipotent\s+stem|\bmesenchymal[-\s]like/i, 'msc'],
  [/\bNK[-\s]?cells?\b|\bnatural\s+killer|\bCAR[-\s]?NK\b|\bNK\b|NK细胞|自然杀伤/i, 'nk'],
  [/\bh(?:a)?ematopoietic\s+(?:stem|progenitor)|\bHSCT?\b|\bCD34\+/i, 'hsc'],
  [/\bT[-\s]cells?\b|\bT[-\s]lymphocytes?|\bTregs?\b|\bregulatory\s+T\b|\bCTLs?\b|\bTILs?\b|\bCIK\b|\bcytokine[-\s]induced\s+killer|\bvirus[-\s]specific\s+T/i, 't_cell'],
  [/\bmononuclear\s+cells?|\bMNCs?\b|\bPBMCs?\b|\bbone\s+marrow\s+(?:aspirate\s+)?concentrate|\bBMAC\b|单个核细胞/i, 'mononuclear'],
  // the other cells (amniotic epithelial, fibroblasts, …) and bare "stem cells" (干细胞), "-leucel" T-cell INNs
  [new RegExp(`${OTHER_CELLS.source}|\\b\\w+leucel\\b`, 'i'), 'other'],
  [/干细胞|外泌体|\bstem\s+cells?\b|\bprogenitor\s+cells?|\bcell\s+(?:therapy|product|preparation|suspension)|\bexosom|\bextracellular\s+vesicles?|\bsecretome/i, 'other'],
];

const SOURCES: [RegExp, CellSource][] = [
  [/\bwharton'?s?\s+jelly|华通胶|\bWJ[-\s]?MSCs?/i, 'wharton_jelly'],
  [/\b(?:umbilical\s+)?cord\s+blood|脐血|脐带血|\bUCB\b|\bCB[-\s](?:NK|MSC|MNC)/i, 'cord_blood'],
  [/\bmenstrual|经血|\bMenSCs?\b/i, 'menstrual_blood'],
  [/\bdental\s+pulp|牙髓|\bDPSCs?\b|\bhDPSCs?\b|\bexfoliated\s+deciduous\s+teeth|\bSHED\b|\bUtooth\b/i, 'dental_pulp'],
  [/\badipose|脂肪|\bfat[-\s]derived|\blipoaspirate|\bAD[-\s]?MSCs?|\bADSCs?\b|\bAT[-\s]?MSCs?|\bstromal\s+vascular\s+fraction|\bSVF\b/i, 'adipose'],
  [/\bbone\s+marrow|骨髓|\bBM[-\s]?MSCs?|\bBMSCs?\b|\bBM[-\s]?MNCs?/i, 'bone_marrow'],
  [/\bplacent|胎盘|蜕膜|\bdecidua/i, 'placenta'],
  [/\bamnio(?:n|tic)|\bh?AECs?\b|羊膜/i, 'amniotic'],
  [/\bumbilical\s+cord|脐带|\bh?UC[-\s]?MSCs?|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bcord[-\s](?:derived|tissue)/i, 'umbilical_cord'],
  [/\bperipheral\s+blood|外周血|\bPBMCs?\b|\b(?:leuk)?apheresis/i, 'peripheral_blood'],
];

const PRODUCTS: [RegExp, CellProduct][] = [
  [/\bexosom|外泌体|\bextracellular\s+vesicles?|\bEVs?\b|\bnano[-\s]?vesicles?|\bmicro[-\s]?vesicles?/i, 'exosomes'],
  [/\bsecretome|分泌组/i, 'secretome'],
  [/\bconditioned\s+medi(?:um|a)|条件培养基|\bculture\s+supernatant/i, 'conditioned_medium'],
  [/\blysate/i, 'lysate'],
];

/** Words that make an intervention a cell or cell-derived product; also a count of cells given as a dose
 * ("100 million cells", "2 x 10^7 cells/m2") — not a blood count ("cells/mm3", "x10^9 cells/L"). */
const CELL_KIND = new RegExp(
  [...CELL_TYPES.map(([re]) => re.source), /\bextracellular\s+vesicles?|\bconditioned\s+medi(?:um|a)|\bcell\s+(?:therapy|product|preparation|suspension)/.source].join('|'),
  'gi',
);
const CELL_PRODUCT = new RegExp(
  [CELL_KIND.source,
    /(?:\d\s*(?:million|billion)|10\s*(?:\^|\*\*|e|\(|~)\s*\d{1,2}\)?|10[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?:viable\s+|live\s+|total\s+)?cells\b(?!\s*\/\s*(?:mm|µl|μl|ul|l\b|ml\s+of\s+blood)|\s+per\s+(?:mm|micro|litre|liter))/.source].join('|'),
  'gi',
);

/** A mention that is the context of another intervention, not the product given: "conditioning before peripheral
 * blood stem cell transplantation", "stem cell mobiliser", "mobilisation of CD34+ cells". */
function contextMention(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(index + length, index + length + 40);
  if (/mobili[sz]/i.test(after.slice(0, 15)) || /mobili[sz]\w*\s+(?:of\s+)?(?:the\s+)?(?:\S+\s+){0,2}$/i.test(before)) return true;
  return /^\s*(?:cells?\s+)?(?:transplant|graft|rescue|infusion\s+(?:on|at)\s+day)/i.test(after)
    && /\b(?:before|prior\s+to|after|following|conditioning\s+(?:for|regimen\s+for)|for)\s+(?:\S+\s+){0,5}$/i.test(before);
}

function productMentions(text: string, re = CELL_PRODUCT): { index: number; length: number }[] {
  return [...text.matchAll(re)].map((m) => ({ index: m.index!, length: m[0].length }));
}

/** Does this text name what kind of cell or cell-derived product it is (not only a count of cells)? */
export function namesCellKind(text: string): boolean {
  return productMentions(text, CELL_KIND).some((m) => !contextMention(text, m.index, m.length));
}

/** Does this text name a cell or cell-derived product (other than as the context of another intervention)? */
export function namesCellProduct(text: string): boolean {
  return productMentions(text).some((m) => !contextMention(text, m.index, m.length));
}

/** Where the text first names a cell or cell-derived product (by its kind), or null. */
export function cellProductAt(text: string): { index: number; length: number } | null {
  return productMentions(text, CELL_KIND).find((m) => !contextMention(text, m.index, m.length)) ?? null;
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
  // "Exosomes derived from bone marrow MSCs", "cells (expanded adipose-derived stem cells)": a named cell type beats
  // the generic word before it, in the same text or the intervention's own other text
  const specific = CELL_TYPES.filter(([, t]) => t !== 'other');
  let cellType = keep('cellType', firstFound(fields, (f) => {
    const h = earliest(f.text, CELL_TYPES);
    if (h?.value !== 'other') return found(f, h);
    for (const g of [f, ...fields.filter((o) => o !== f && o.from.startsWith('interventions['))]) {
      const s = earliest(g.text, specific);
      if (s) return found(g, s);
    }
    return found(f, h);
  }));
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
  // stem cells of a stromal tissue are MSCs ("adipose-derived stem cells", "umbilical cord stem cells", 脐带干细胞)
  if (cellType === 'other' && (source === 'menstrual_blood' || source === 'dental_pulp' || source === 'wharton_jelly' || source === 'adipose' || source === 'umbilical_cord')
    && fields.some((f) => /\bstem\s+cells?|\bADSCs?\b|干细胞|\b\w+(?:stemcel|strocel)\b/i.test(f.text) && !OTHER_CELLS.test(f.text))) cellType = 'msc';
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
