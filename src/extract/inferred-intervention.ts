/**
 * An intervention inferred from the text when a registration lists none (CT.gov page copies without their
 * Interventions box, registry records whose intervention field is empty) but clearly describes a cell or
 * cell-derived product as the treatment. One inferred intervention, type `biological`, named with the product
 * words as written, described by the statement it came from, its cellTherapy read by ./cell-therapy.ts.
 *
 * "Clearly describes" means one of:
 *  - a statement (design text, then descriptions) that names the product AND doses or schedules it (a cell count,
 *    `once every 4 days`, `at day 1`) AND says it is given (given, receive, infusion, injection, nebulisation…),
 *    and is no background ("animal models have shown…", "in vitro…", "previous studies…");
 *  - a title naming the product as the treatment ("… MSC exosomes atomization in the treatment of …",
 *    "Efficacy of UC-MSCs for …", "Treatment with MSCs …").
 * Never when the registration lists any intervention, never for an observational study. The inference is recorded
 * in `extracted` (path `interventions[0]`), as are the cell-therapy attributes.
 */
import type { Registration } from '../model/registration.js';
import { sameTrialId } from '../normalise/ids.js';
import { cellProductAt, cellTherapyFromFields, interventionFields } from './cell-therapy.js';
import { comparatorOnly } from './comparator-text.js';
import { parseDose } from './dose.js';
import { parseSchedule } from './schedule.js';
import { segments } from './segments.js';
import { type TextField, designTexts, descriptionTexts, record, titleTexts } from './text.js';

/** The inferred intervention's description is the statement, cut to this many characters. */
export const MAX_STATEMENT = 600;
const MAX_NAME = 120;

const GIVEN = /\b(?:given|giv(?:e|es|ing)|administ\w*|receiv\w*|infus\w*|inject\w*|transplant\w*|transfus\w*|nebuli[sz]\w*|atomi[sz]\w*|inhal\w*|treated\s+with|dosed?|dosing)\b/i;
const BACKGROUND = /\b(?:animal|pre-?clinical|in\s+vitro|in\s+vivo|mice|murine|rats?|previous(?:ly)?|prior\s+stud\w*|stud(?:y|ies)\s+(?:have|has)|(?:have|has)\s+(?:been\s+)?(?:shown|reported|demonstrated)|were\s+revealed|literature)\b/i;

/** Words around a product name that belong to it: tissue, origin, "-derived", cells/exosomes/secretome. */
const BEFORE = /^(?:human|h|allogen(?:e)?ic|autologous|umbilical|cord|blood|menstrual|placental?|adipose|bone|marrow|wharton'?s|jelly|tissue|dental|pulp|amniotic|hypoxic|hypoxia|mesenchymal|stromal|stem|derived|[\w-]+-derived)$/i;
const AFTER = /^(?:mesenchymal|stromal|stem|progenitor|cells?|cell-derived|derived|exosomes?|secretome|extracellular|vesicles?|EVs?|conditioned|medium|MSCs?|MSC-derived|\(\w{2,10}\))$/i;
/** A title names the product as the treatment when the words right after or before it say so. */
const TREATMENT_AFTER = /^[\s,]*(?:[\w-]+\s+){0,2}?(?:atomi[sz]ation|nebuli[sz]ation|inhalation|infusion|injection|transplant\w*|transfusion|therapy|treatment|administration|(?:in|for)\s+(?:the\s+)?treat\w*|to\s+treat|for\b|against\b)/i;
const TREATMENT_BEFORE = /(?:\b(?:treatment|therapy|infusion|injection|transplantation|nebuli[sz]ation|atomi[sz]ation|inhalation|administration)\s+(?:with|of|using)|\btreated\s+with|\b(?:efficacy|safety)(?:\s+and\s+(?:efficacy|safety))?\s+of)\s+(?:[\w-]+\s+){0,3}$/i;

/** The product words as written around the product name found at [index, index+length). */
export function productWords(text: string, index: number, length: number): { words: string; index: number } {
  let start = index;
  let end = index + length + (/^[\w-]*/.exec(text.slice(index + length))?.[0].length ?? 0);
  for (let m = /(\S+)\s+$/.exec(text.slice(Math.max(0, start - 40), start)); m && BEFORE.test(m[1]!); m = /(\S+)\s+$/.exec(text.slice(Math.max(0, start - 40), start))) {
    start -= m[0].length;
  }
  for (let m = /^\s+([^\s,;.:]+)/.exec(text.slice(end, end + 40)); m && AFTER.test(m[1]!); m = /^\s+([^\s,;.:]+)/.exec(text.slice(end, end + 40))) {
    end += m[0].length;
  }
  return { words: text.slice(start, end).slice(0, MAX_NAME), index: start };
}

function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

interface Statement {
  from: string;
  /** the statement (bounded) */
  text: string;
  /** the product words as written */
  name: string;
}

/** A statement that doses or schedules a named cell product and says it is given. */
function dosingStatement(f: TextField): Statement | null {
  for (const s of segments(f.text)) {
    const at = cellProductAt(s.text);
    if (!at || BACKGROUND.test(s.text) || comparatorOnly(s.text) || !GIVEN.test(s.text)) continue;
    const dose = parseDose(s.text);
    const counted = dose != null && (dose.unit === 'cells' || dose.unit === 'particles' || (dose.value ?? 0) >= 1000);
    if (!counted && !parseSchedule(s.text)) continue;
    return { from: f.from, text: bounded(s.text, MAX_STATEMENT), name: productWords(s.text, at.index, at.length).words };
  }
  return null;
}

/** A title that names a cell product as the treatment. */
function treatmentTitle(f: TextField): Statement | null {
  const at = cellProductAt(f.text);
  if (!at) return null;
  const p = productWords(f.text, at.index, at.length);
  const after = f.text.slice(p.index + p.words.length, p.index + p.words.length + 120);
  const before = f.text.slice(Math.max(0, p.index - 120), p.index);
  if (!TREATMENT_AFTER.test(after) && !TREATMENT_BEFORE.test(before)) return null;
  return { from: f.from, text: bounded(f.text, MAX_STATEMENT), name: p.words };
}

/** The statement an intervention can be inferred from, or null. */
export function productStatement(reg: Registration): Statement | null {
  for (const f of [...designTexts(reg), ...descriptionTexts(reg)]) {
    const s = dosingStatement(f);
    if (s) return s;
  }
  for (const f of titleTexts(reg)) {
    const s = treatmentTitle(f);
    if (s) return s;
  }
  return null;
}

/** Titles of publications that report this very trial (they name its registration number). */
function ownPublicationTitles(reg: Registration): TextField[] {
  return reg.references.flatMap((r, i) =>
    r.title && (r.registrationIds ?? []).some((id) => sameTrialId(id, reg.id)) ? [{ from: `references[${i}].title`, text: r.title }] : []);
}

/** Add one inferred cell-product intervention when the registration lists none and its text clearly gives one. */
export function inferCellIntervention(reg: Registration): void {
  if (reg.interventions.length > 0 || reg.studyType === 'observational') return;
  const s = productStatement(reg);
  if (!s) return;
  reg.interventions.push({ type: 'biological', name: s.name, description: s.text, cellTherapy: null });
  record(reg, 'interventions[0]', { from: s.from, text: s.text });
  const { cellTherapy, evidence } = cellTherapyFromFields([...interventionFields(reg, 0), ...ownPublicationTitles(reg)]);
  reg.interventions[0]!.cellTherapy = cellTherapy;
  for (const [attr, ev] of Object.entries(evidence)) record(reg, `interventions[0].cellTherapy.${attr}`, ev);
}
