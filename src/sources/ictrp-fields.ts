/**
 * Reading the free-text cells of a WHO ICTRP row, each registry's way: target size, eligibility criteria, contacts,
 * conditions (EU CTR MedDRA lines), interventions (typed prefixes, ChiCTR groups, CTRI/DRKS/IRCT numbered blocks,
 * EU CTR product blocks) and primary outcomes (time frames in brackets, `Timepoint:`, EU CTR end points).
 * Pure functions; ./ictrp-row.ts puts them together.
 */
import type { Arm, Contact, Intervention, InterventionType, Outcome } from '../model/registration.js';
import { cleanLine, cleanText, isNullish, splitList } from '../normalise/text.js';

/** `500` → 500; `survival group:200;died:200;` → 400 when every part is a count; else null and a warning. */
export function parseTargetSize(value: string | null): { target: number | null; warning: string | null } {
  if (value == null) return { target: null, warning: null };
  const s = value.trim();
  if (/^\d+$/.test(s)) return { target: parseInt(s, 10), warning: null };
  if (/^\d{1,3}(?:,\d{3})+$/.test(s)) return { target: parseInt(s.replace(/,/g, ''), 10), warning: null };
  const parts = s.split(';').map((p) => p.trim()).filter(Boolean);
  if (parts.length > 0 && parts.every((p) => /:\s*\d+$/.test(p))) {
    return { target: parts.reduce((sum, p) => sum + parseInt(/(\d+)$/.exec(p)![1], 10), 0), warning: null };
  }
  return { target: null, warning: `target size "${s.length > 120 ? `${s.slice(0, 120)}…` : s}" is not a count we can read` };
}

// ---- eligibility ----

const CRITERIA_HEADING = /^(?:key\s+)?(inclusion|exclusion)\s+criteria\s*:?\s*/i;

/** EU CTR appends its age-group table (`F.1.2 Adults (18-64 years) yes`…) to the inclusion criteria. */
const EU_AGE_TABLE = /^(?:F\.1\.\d(?:\.\d)*\s|Are the trial subjects under 18\?|Number of subjects for this age range)/i;

/** EU CTR age groups: lower and upper bound in years (null = no upper bound), in table order. */
const EU_AGE_GROUPS: [RegExp, number, number | null][] = [
  [/in utero/i, 0, 0], [/preterm/i, 0, 0], [/newborn/i, 0, 0.074], [/infants and toddlers/i, 0.077, 1.917],
  [/children/i, 2, 11], [/adolescents/i, 12, 17], [/adults/i, 18, 64], [/elderly/i, 65, null],
];

/**
 * Age limits from the EU CTR age-group table: the youngest and oldest groups answered `yes`
 * (`Adults (18-64 years) yes`, `Elderly (>=65 years) no` → 18 to 64). Null when the table is absent.
 */
export function euctrAgeLimits(text: string | null): { min: number | null; max: number | null } | null {
  if (text == null) return null;
  let min: number | null = null;
  let max: number | null | undefined;
  let seen = false;
  for (const line of text.split('\n')) {
    const m = /^F\.1\.\d(?:\.\d)*\s+(.+?)\s+(yes|no)\s*$/i.exec(line.trim());
    if (!m) continue;
    const group = EU_AGE_GROUPS.find(([re]) => re.test(m[1]));
    if (!group) continue;
    seen = true;
    if (m[2].toLowerCase() !== 'yes') continue;
    if (min === null || group[1] < min) min = group[1];
    if (max === undefined || max !== null) max = group[2] === null ? null : Math.max(max ?? 0, group[2]);
  }
  return seen && min !== null ? { min, max: max ?? null } : null;
}

/** Criteria text → items: one per line, bullets/numbers, headings and the EU CTR age table stripped. */
export function criteriaItems(text: string | null): string[] {
  if (text == null) return [];
  const out: string[] = [];
  for (let line of text.split('\n')) {
    if (EU_AGE_TABLE.test(line.trim())) continue;
    line = line.replace(CRITERIA_HEADING, '').replace(/^(?:(?:‚Ä¢|[-•*·])+|\(?\d{1,2}[.)]|[a-z][.)])\s*/i, '').trim();
    line = line.replace(/\s*[;,]$/, '');
    if (line && !isNullish(line) && !/^none\.?$/i.test(line) && !out.includes(line)) out.push(line);
  }
  return out;
}

/** ClinicalTrials.gov rows hold both lists in `Inclusion Criteria`, under their headings: cut them apart. */
export function splitCriteria(inclusion: string | null, exclusion: string | null): { inc: string | null; exc: string | null } {
  if (inclusion && !exclusion) {
    const at = inclusion.search(/(?:^|\n)\s*exclusion criteria\s*:?/i);
    if (at >= 0) return { inc: inclusion.slice(0, at).trim() || null, exc: inclusion.slice(at).trim() || null };
  }
  return { inc: inclusion, exc: exclusion };
}

// ---- contacts ----

function splitCell(value: string | undefined): (string | null)[] {
  const s = cleanText(value);
  if (s == null) return [];
  return s.split(/;|\n/).map((p) => cleanLine(p));
}

/** ICTRP writes several contacts as `;`-separated parallel lists in each contact column; zip them, de-duplicated. */
export function ictrpContacts(row: Record<string, string | undefined>): Contact[] {
  const first = splitCell(row.contact_firstname);
  const last = splitCell(row.contact_lastname);
  const email = splitCell(row.contact_email);
  const tel = splitCell(row.contact_tel);
  const aff = splitCell(row.contact_affiliation);
  const n = Math.max(first.length, last.length, email.length, tel.length, aff.length);
  const pick = (list: (string | null)[], i: number): string | null => list[i] ?? (list.length === 1 ? list[0] : null);
  const out: Contact[] = [];
  for (let i = 0; i < n; i++) {
    const f = first[i] ?? null;
    const l = last[i] ?? null;
    const name = f && l ? (f === l || f.includes(l) ? f : `${f} ${l}`) : f ?? l;
    const c: Contact = { name, role: null, affiliation: pick(aff, i), email: pick(email, i), phone: pick(tel, i) };
    if (!c.name && !c.email && !c.phone) continue;
    if (!out.some((o) => JSON.stringify(o) === JSON.stringify(c))) out.push(c);
  }
  return out;
}

// ---- conditions ----

/** EU CTR condition cells carry MedDRA coding lines: keep the terms, drop the codes. */
export function ictrpConditions(value: string | undefined): string[] {
  const out: string[] = [];
  for (const item of splitList(value)) {
    const term = /^term\s*:\s*(.+)$/i.exec(item);
    if (term) { if (!out.includes(term[1])) out.push(term[1]); continue; }
    if (/^(?:(?:meddra version|level|system organ class|therapeutic area)\s*:|classification code\b)/i.test(item)) continue;
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

// ---- interventions ----

const TYPE_PREFIX: Record<string, InterventionType> = {
  drug: 'drug', biological: 'biological', biologic: 'biological', device: 'device', procedure: 'procedure',
  'procedure/surgery': 'procedure', behavioral: 'behavioral', behavioural: 'behavioral',
  'dietary supplement': 'dietary_supplement', radiation: 'radiation', genetic: 'genetic',
  'combination product': 'combination_product', 'diagnostic test': 'diagnostic_test', other: 'other',
  'traditional medicine': 'traditional_medicine',
};

function euctrProducts(text: string): Intervention[] {
  const blocks = text.split(/\n(?=(?:Trade Name|Product Name)\s*:)/i).map((b) => b.trim()).filter(Boolean);
  const out: Intervention[] = [];
  for (const block of blocks) {
    const field = (label: string): string | null => cleanLine(new RegExp(`^${label}\\s*:\\s*(.*)$`, 'im').exec(block)?.[1]);
    const name = field('Product Name') ?? field('Trade Name') ?? field('INN or Proposed INN') ?? field('Product Code')
      ?? cleanLine(block.split('\n')[0]);
    if (name) out.push({ type: 'drug', name, description: block, cellTherapy: null });
  }
  return out;
}

const NO_INTERVENTION = /^(?:none|nothing|no|nil|null|blank|n\/?a|-+|not applicable|no intervention|without intervention|no treatment)\.?$/i;
const GROUP_LABEL = /\b(?:groups?|arms?|cohorts?|series|controls?|patients|gold standard|index test|treatment|intervention|subjects|cases)\b/i;
const NUMBERED = /(?:Control\s+)?Intervention\s*\d+\s*:/i;

function armType(label: string, value: string | null): Arm['type'] {
  if (/placebo/i.test(`${label} ${value ?? ''}`)) return 'placebo_comparator';
  if (/control/i.test(label)) return value == null ? 'no_intervention' : null;
  if (/experiment|intervention|treatment/i.test(label)) return 'experimental';
  return null;
}

/** CTRI / DRKS / IRCT: `Intervention1: name: details`, `Control Intervention1: …`, one block per number. */
function numberedInterventions(text: string): Intervention[] {
  const out: Intervention[] = [];
  const starts = [...text.matchAll(new RegExp(NUMBERED.source, 'gi'))].map((m) => m.index!);
  const blocks = starts.map((at, i) => text.slice(at, starts[i + 1] ?? text.length));
  for (const block of blocks) {
    const body = block.replace(NUMBERED, '').trim().replace(/[;.]$/, '').trim();
    if (!body) continue;
    const labelled = /^([^:\n]{1,120}?)\s*:\s*([\s\S]*)$/.exec(body);
    const name = cleanLine(labelled ? labelled[1] : body.split('\n')[0]);
    const description = cleanLine(labelled ? labelled[2] : body.split('\n').slice(1).join(' '));
    if (!name || (NO_INTERVENTION.test(name) && (description == null || NO_INTERVENTION.test(description)))) continue;
    out.push({ type: null, name, description, cellTherapy: null });
  }
  return out;
}

/**
 * `Drug: X;Biological: Y` (type from the prefix), ChiCTR `Experimental group:X;Control group:none` (groups also
 * become arms), CTRI/DRKS numbered interventions, EU CTR product blocks, or free text (one item per `;`/line).
 */
export function ictrpInterventions(value: string | undefined): { interventions: Intervention[]; arms: Arm[] } {
  const text = cleanText(value);
  const arms: Arm[] = [];
  if (text == null) return { interventions: [], arms };
  if (/^(?:Trade Name|Product Name|Pharmaceutical Form|Product Code)\s*:/im.test(text)) return { interventions: euctrProducts(text), arms };
  if (NUMBERED.test(text)) return { interventions: numberedInterventions(text), arms };
  const out: Intervention[] = [];
  const items = text.split(/;|\n/).map((p) => cleanLine(p)).filter((p): p is string => p != null);
  const label = (item: string): RegExpExecArray | null => /^([^:]{1,60}?)\s*:\s*(.*)$/s.exec(item);
  // ChiCTR writes every group as `group label:what it gets`
  const allGroups = items.length > 0 && items.every((i) => { const l = label(i); return l && !TYPE_PREFIX[l[1].trim().toLowerCase()]; });
  for (const item of items) {
    let iv: Intervention | null;
    const labelled = label(item);
    const type = labelled ? TYPE_PREFIX[labelled[1].trim().toLowerCase()] : undefined;
    if (labelled && type) iv = { type, name: labelled[2].trim(), description: null, cellTherapy: null };
    else if (labelled && (allGroups || GROUP_LABEL.test(labelled[1]))) {
      const label = labelled[1].trim();
      const v = cleanLine(labelled[2]);
      const given = v && !NO_INTERVENTION.test(v) ? v : null;
      arms.push({ label, type: armType(label, given), description: given, interventions: given ? [given] : [] });
      iv = given ? { type: null, name: given, description: null, cellTherapy: null } : null;
    } else iv = NO_INTERVENTION.test(item) ? null : { type: null, name: item, description: null, cellTherapy: null };
    if (iv && !out.some((o) => o.name === iv!.name && o.type === iv!.type)) out.push(iv);
  }
  return { interventions: out, arms };
}

// ---- outcomes ----

function outcome(measure: string, timeFrame: string | null = null, description: string | null = null): Outcome {
  return { measure, description, timeFrame, timepointsDays: [] };
}

/** EU CTR: `Main Objective: …;Primary end point(s): X;Timepoint(s) of evaluation of this end point: Y`. */
function euctrOutcomes(text: string): Outcome[] {
  const ep = /Primary end point\(s\)\s*:\s*([\s\S]*?)(?:;\s*Timepoint\(s\) of evaluation of this end point\s*:\s*([\s\S]*?))?(?:;\s*(?:Main Objective|Secondary Objective)\s*:|$)/i.exec(text);
  if (!ep) return [];
  const measure = cleanLine(ep[1]);
  return measure ? [outcome(measure, cleanLine(ep[2]))] : [];
}

/** Primary outcomes: items on `;`/line breaks, time frames read from `[Time Frame: …]`, `(Time Frame: …)`, `Timepoint: …`. */
export function ictrpOutcomes(value: string | undefined): Outcome[] {
  const text = cleanText(value);
  if (text == null) return [];
  if (/Primary end point\(s\)\s*:/i.test(text)) return euctrOutcomes(text);
  const out: Outcome[] = [];
  for (const item of text.split(/;|\n/).map((p) => cleanLine(p)).filter((p): p is string => p != null)) {
    // ANZCTR writes the time point as its own bracketed item after the measure
    const alone = /^\[\s*(.*?)\s*\]\.?$/s.exec(item);
    const prev = out[out.length - 1];
    if (alone && prev && prev.timeFrame == null) { prev.timeFrame = cleanLine(alone[1]); continue; }
    let measure = item.replace(/^\d{1,2}[.)]\s+/, '');
    let timeFrame: string | null = null;
    let description: string | null = null;
    const bracket = /\s*[[(]\s*Time\s*Frame\s*:?\s*([^\])]*)[\])]\s*/i.exec(measure);
    if (bracket) {
      timeFrame = cleanLine(bracket[1]);
      measure = (measure.slice(0, bracket.index) + ' ' + measure.slice(bracket.index + bracket[0].length)).trim();
    } else {
      const tp = /\.?\s*Time\s*point\s*:\s*(?:Time\s*Frame\s*:\s*)?(.*?)(?:\.\s*(Method of measurement\s*:.*))?$/i.exec(measure);
      if (tp) {
        timeFrame = cleanLine(tp[1].replace(/\.$/, ''));
        description = cleanLine(tp[2]);
        measure = measure.slice(0, tp.index).trim();
      }
    }
    measure = measure.replace(/^primary outcomes?\s*(?:measures?)?\s*:\s*/i, '').replace(/[.;,\s]+$/, '').trim();
    if (measure && !out.some((o) => o.measure === measure && o.timeFrame === timeFrame)) {
      out.push(outcome(measure, timeFrame, description));
    }
  }
  return out;
}
