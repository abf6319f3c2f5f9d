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
const OTHER_CELLS = /\bdendritic\s+cells?|(?<!granulocyte[-\s]?)\bmacrophages?\b(?![-\s](?:colony|activation|stimulat|inflammatory\s+protein|migration))|\b(?:amniotic\s+)?epithelial\s+(?:stem\s+)?cells?|\bh?AECs?\b|\bfibroblasts?\b|\bkeratinocytes?\b|\bchondrocytes?\b|\bhepatocytes?\b|\bmyoblasts?\b|\bcardiomyocytes?\b|\bislet\s+cells?|\bislets?\s+transplant|\bstromal\s+vascular\s+fraction|\bSVF\b|\bendothelial\s+progenitor|\bcardiosphere[-\s]derived\s+cells?|\bCDCs\b/i;

const CELL_TYPES: [RegExp, CellType][] = [
  [/\bCAR[-\s]?T\b/, 'car_t'],
  [/\bCAR-T\b|\bchimeric\s+antigen\s+receptor[-\s]T|\b\w*cabtagene\b|\btisagenlecleucel\b/i, 'car_t'],
  // USAN/INN stems of MSC products: remestemcel-L, darvadstrocel, rexlemestrocel-L; Chinese 间充质(干细胞)
  [/\b\w+(?:stemcel|strocel)\b|间充质|\bmesenchymal|\bmesenquima|\bm[ée]senchymat|\b(?:h?UC|WJ|BM|AD|AT|DP|Men|P|hP|hUC|hAD)?-?MSCs?\b|\bMSC-|\bMenSCs?\b|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bADSCs?\b|\bBMSCs?\b|\bDPSCs?\b|\bhDPSCs?\b|\bstromal\s+(?:stem\s+)?cells?|\bmenstrual\s+blood[-\s](?:derived\s+)?stem|\bdental\s+pulp\s+stem|\bmultipotent\s+stem|\bmesenchymal[-\s]like/i, 'msc'],
  [/\bNK[-\s]?cells?\b|\bnatural\s+killer|\bCAR[-\s]?NK\b|\bNK\b|NK细胞|自然杀伤/i, 'nk'],
  [/\bh(?:a)?ematopoietic\s+(?:stem|progenitor)|\bHSCT?\b|\bCD34\+/i, 'hsc'],
  [/\bT[-\s]cells?\b(?![-\s](?:receptors?|repertoire|counts?|responses?|subsets?|activation|epitopes?|immunity|exhaustion|lymphoma|depletion|function))|\bT[-\s]lymphocytes?|\bTregs?\b|\bregulatory\s+T\b|\bCTLs?\b|\bTILs?\b|\bCIK\b|\bcytokine[-\s]induced\s+killer|\bvirus[-\s]specific\s+T/i, 't_cell'],
  [/\bmononuclear\s+cells?|\bMNCs?\b|\bPBMCs?\b|\bbone\s+marrow\s+(?:aspirate\s+)?concentrate|\bBMAC\b|单个核细胞/i, 'mononuclear'],
  // the other cells (amniotic epithelial, fibroblasts, …) and bare "stem cells" (干细胞), "-leucel" T-cell INNs
  [new RegExp(`${OTHER_CELLS.source}|\\b\\w+leucel\\b`, 'i'), 'other'],
  // generic (a brand ending in Stem — MultiStem, CAStem — above): stem cells, "cell transplantation", cells named by their
  // tissue only ("expanded cord blood cells", "cord blood therapy")
  // (case-sensitive: "System" is not a brand)
  [/\b[A-Z][A-Za-z]*[a-z]Stem\b|\b[A-Z]{2,}Stem\b/, 'other'],
  [/干细胞|外泌体|\bstem\s+cells?\b|\bprogenitor\s+cells?|\bcells?\s+(?:therapy|therapies|product|preparation|suspension|transplantation|infusions?|injections?)\b|\b(?:cord\s+blood|bone\s+marrow|adipose|placental?|amniotic)\s+(?:\S+\s+)?cells\b|\bcord\s+blood\s+(?:therapy|units?\s+infusion)|\bexosom|\bextracellular\s+vesicles?|\bsecretome/i, 'other'],
];

const SOURCES: [RegExp, CellSource][] = [
  [/\bwharton\S{0,4}\s+jelly|华通胶|\bWJ[-\s]?MSCs?/i, 'wharton_jelly'],
  [/\b(?:umbilical\s+)?cord\s+blood|脐血|脐带血|\bUCB\b|\bCB[-\s](?:NK|MSC|MNC)/i, 'cord_blood'],
  [/\bmenstrual|经血|\bMenSCs?\b/i, 'menstrual_blood'],
  [/\bdental\s+pulp|牙髓|\bDPSCs?\b|\bhDPSCs?\b|\bexfoliated\s+deciduous\s+teeth|\bSHED\b|\bUtooth\b/i, 'dental_pulp'],
  [/\badipos[ea]|\btejido\s+adiposo|\btissu\s+adipeux|脂肪|\bfat[-\s]derived|\blipoaspirate|\bAD[-\s]?MSCs?|\bADSCs?\b|\bAT[-\s]?MSCs?|\bstromal\s+vascular\s+fraction|\bSVF\b/i, 'adipose'],
  [/\bbone\s+marrow|\bm(?:[ée]|√©)dula\s+(?:[óo]|√≥)sea|\bmoelle\s+osseuse|\bmedula\s+[óo]ssea|骨髓|\bBM[-\s]?MSCs?|\bBMSCs?\b|\bBM[-\s]?MNCs?/i, 'bone_marrow'],
  [/\bplacent|胎盘|蜕膜|\bdecidua/i, 'placenta'],
  [/\bamnio(?:n|tic)|\bh?AECs?\b|羊膜/i, 'amniotic'],
  [/\bumbilical\s+cord|\bcord[óo]n\s+umbilical|\bcordon\s+ombilical|\bcord[ãa]o\s+umbilical|脐带|\bh?UC[-\s]?MSCs?|\bhUCMSCs?|\bUCMSCs?|\bHUMSCs?|\bcord[-\s](?:derived|tissue)/i, 'umbilical_cord'],
  [/\bperipheral\s+blood|外周血|\bPBMCs?\b|\b(?:leuk)?apheresis/i, 'peripheral_blood'],
  // a named tissue outside the list: olfactory mucosa, embryonic or induced pluripotent stem cells, skin
  [/\bolfactory\s+mucosa|\bembryonic\s+stem|\bhESCs?\b|\binduced\s+pluripotent|\biPSCs?\b|\bskin[-\s]derived/i, 'other'],
];

const PRODUCTS: [RegExp, CellProduct][] = [
  [/\bexosom|外泌体|\bextracellular\s+vesicles?|\bEVs?\b|\bnano[-\s]?vesicles?|\bmicro[-\s]?vesicles?/i, 'exosomes'],
  [/\bsecretome|分泌组/i, 'secretome'],
  [/\bconditioned\s+medi(?:um|a)|条件培养基|\bculture\s+supernatant/i, 'conditioned_medium'],
  [/\blysate/i, 'lysate'],
];

/** Words that make an intervention a cell or cell-derived product; also a count of cells given as a dose
 * ("100 million cells", "2 x 10^7 cells/m2") — not a blood count ("cells/mm3", "x10^9 cells/L"). */
const global = (re: RegExp) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
const CELL_KIND: RegExp[] = [...CELL_TYPES.map(([re]) => re), /\bextracellular\s+vesicles?|\bconditioned\s+medi(?:um|a)|条件培养基|\bcell\s+(?:therapy|product|preparation|suspension)/i].map(global);
const CELL_COUNT = global(new RegExp(
  [/(?:\d\s*(?:million|billion)|10\s*(?:\^|\*\*|e|\(|~)\s*\d{1,2}\)?|10[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?:x|×|\*|√ó)\s*10\d{1,2})\s*(?:viable\s+|live\s+|total\s+)?cells\b(?!\s*\/\s*(?:mm|µl|μl|ul|l\b|ml\s+of\s+blood)|\s+per\s+(?:mm|micro|litre|liter))/.source].join('|'),
  'i',
));
const CELL_PRODUCT: RegExp[] = [...CELL_KIND, CELL_COUNT];

/** A mention that is the context of another intervention, not the product given: "conditioning before peripheral
 * blood stem cell transplantation", "stem cell mobiliser", "mobilisation of CD34+ cells". */
function contextMention(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(index + length, index + length + 40);
  // what a control arm goes without: "without stem cell", "do not receive stem cells", "placebo (stem cell solvent)"
  if (/\b(?:without|no|not\s+(?:receive|be\s+given|get)|instead\s+of|placebo\s*\(|free\s+of)\s+(?:any\s+|the\s+)?(?:\S+\s+){0,1}$/i.test(before)
    || /^\s*(?:cells?\s+)?(?:solvent|vehicle|excipient|diluent|[-\s]free\b)/i.test(after)) return true;
  // cells as a sample, not a treatment: "blood for plasma and PBMCs collected", "Isolate PBMC to extract tRNA"
  // ("… baseline blood tests. This will include peripheral blood mononuclear cells": the sentence before counts too)
  const start = Math.max(text.lastIndexOf('.', index), text.lastIndexOf(';', index)) + 1;
  const endDot = text.slice(index).search(/[.;]/);
  const sentence = text.slice(start, endDot < 0 ? text.length : index + endDot);
  const prevStart = Math.max(text.lastIndexOf('.', start - 2), text.lastIndexOf(';', start - 2)) + 1;
  const around = start > 0 ? text.slice(prevStart, start) + sentence : sentence;
  // …and the product given in the next sentence ("… collected from the iliac crest. They will be infused") is a treatment
  const nextEnd = endDot < 0 ? -1 : text.slice(index + endDot + 1).search(/[.;]/);
  const withNext = endDot < 0 ? around : text.slice(prevStart, nextEnd < 0 ? text.length : index + endDot + 1 + nextEnd);
  if (/\b(?:sampl\w*|collect\w*|isolat\w*|biobank\w*|stor(?:e|ed|age)|extract\w*|analy[sz]\w*|assay\w*|measur\w*|blood\s+tests?|draw\w*|flow\s+cytometr\w*|sequenc\w*|repertoire)\b/i.test(around)
    && !/\b(?:infus\w*|inject\w*|administ\w*|transplant\w*|given|receiv\w*|dose[sd]?|treat(?:ed|ment)\s+with|inhal\w*|nebuli[sz]\w*)\b/i.test(withNext)) return true;
  if (/mobili[sz]/i.test(after.slice(0, 15)) || /mobili[sz]\w*\s+(?:of\s+)?(?:the\s+)?(?:\S+\s+){0,2}$/i.test(before)) return true;
  return /^\s*(?:cells?\s+)?(?:transplant|graft|rescue|infusion\s+(?:on|at)\s+day)/i.test(after)
    && /\b(?:before|prior\s+to|after|following|conditioning\s+(?:for|regimen\s+for)|for)\s+(?:\S+\s+){0,5}$/i.test(before);
}

function productMentions(text: string, res = CELL_PRODUCT): { index: number; length: number }[] {
  return res.flatMap((re) => [...text.matchAll(re)].map((m) => ({ index: m.index!, length: m[0].length })))
    .sort((a, b) => a.index - b.index);
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
    // a generic word (stem cells, exosomes, cell therapy) takes a named type from any text; a named other cell
    // (dendritic, fibroblasts, amniotic epithelial) only from the intervention's own text
    const generic = !OTHER_CELLS.test(f.text.slice(h.index, h.index + h.length));
    const rank = (o: TextField) => (o.from.startsWith('interventions[') ? 0 : o.from.startsWith('arms[') ? 1 : o.from.startsWith('titles') ? 2 : 3);
    const others = fields.filter((o) => o !== f && (generic || rank(o) === 0)).sort((a, b) => rank(a) - rank(b));
    for (const g of [f, ...others]) {
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
  // the intervention that names its cells ("HUMSCs: intravenous infusion") is cells, whatever product the title adds
  const ownKind = fields.some((f) => (f.from.startsWith('interventions[') || f.from.startsWith('arms[')) && namesCellKind(f.text));
  const productFields = ownKind ? fields.filter((f) => f.from.startsWith('interventions[') || f.from.startsWith('arms[')) : fields;
  const product = keep('product', firstFound(productFields, (f) => found(f, earliest(f.text, PRODUCTS)))) ?? 'cells';
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
