/**
 * Trial registration numbers of every registry: recognise, normalise (SPEC.md `id`), find them in free text.
 * Linking depends on this file: two spellings of one number must normalise to the same string.
 *
 * Canonical forms: `NCT04252118`, `ChiCTR2000030261` / `ChiCTR-IPR-17011234`, `EUCTR2020-001162-12` (member-state
 * suffix returned apart), `2022-500014-26-00` (CTIS), `IRCT20200405046953N1`, `JPRN-UMIN000039686`,
 * `JPRN-jRCT2031200143`, `JPRN-JapicCTI-205238`, `ISRCTN83971151`, `CTRI/2020/04/024773`, `DRKS00021238`,
 * `ACTRN12620000421932`, `NTR1234` / `NL8491` / `NL-OMON12345`, `RBR-9y99yy`, `RPCEC00000309`, `TCTR20200404002`,
 * `PACTR202003855048416`, `KCT0005001`, `LBCTR2020043495`, `SLCTR/2020/011`, `PER-034-20`, `ITMCTR2024000123`.
 */
import type { Registration, Registry } from '../model/registration.js';

export interface TrialId {
  id: string;
  registry: Registry;
  /** EU CTR member-state suffix as written after the EudraCT number (`FR`, `GB`, `3RD`, `Outside-EU/EEA`), else absent */
  suffix?: string;
}

interface IdPattern {
  registry: Registry;
  /** regex source without anchors; matched case-insensitively unless caseSensitive */
  source: string;
  caseSensitive?: boolean;
  /**
   * What every match contains, so free text without it is not scanned (a speed-up only, never a filter): words one
   * of which a match holds in any case (looked up in the lower-cased text), or a cheap pattern it holds.
   */
  hint: string[] | RegExp;
  canon(m: RegExpExecArray): Omit<TrialId, 'registry'>;
}

const B = '(?<![A-Za-z0-9])'; // start boundary: not inside a longer word or number
const E = '(?![0-9])'; // end boundary for numbers

/** The digits of an EudraCT or CTIS number (2020-001162-12, 2022-500014-26-00), whatever is written around them. */
const EUDRACT_CORE = /\d{4}-\d{6}-\d\d/;

/** Order matters only where patterns overlap: CTIS before bare EudraCT numbers. */
const PATTERNS: IdPattern[] = [
  { registry: 'ClinicalTrials.gov', hint: ['nct'], source: `${B}NCT[\\s:#-]*(\\d{8})${E}`, canon: (m) => ({ id: `NCT${m[1]}` }) },
  {
    registry: 'ChiCTR',
    hint: ['chictr'],
    source: `${B}ChiCTR(?:[\\s-]*([A-Z]{2,5})[\\s-]*(\\d{8})|[\\s:-]*(\\d{10}))${E}`,
    canon: (m) => ({ id: m[1] ? `ChiCTR-${m[1].toUpperCase()}-${m[2]}` : `ChiCTR${m[3]}` }),
  },
  {
    registry: 'CTIS',
    hint: EUDRACT_CORE,
    source: `${B}(?:CTIS[\\s:#-]*)?((?:19|20)\\d{2})-(5\\d{5})-(\\d{2})-(\\d{2})${E}`,
    canon: (m) => ({ id: `${m[1]}-${m[2]}-${m[3]}-${m[4]}` }),
  },
  {
    registry: 'EUCTR',
    hint: EUDRACT_CORE,
    source: `${B}(?:EUCTR|EudraCT(?:[\\s-]*(?:No\\.?|number|nr\\.?|n°))?)?[\\s:#-]*((?:19|20)\\d{2})-(\\d{6})-(\\d{2})(?:-(3RD|Outside-EU\\/EEA|[A-Z]{2})(?![A-Za-z]))?${E}`,
    canon: (m) => (m[4] ? { id: `EUCTR${m[1]}-${m[2]}-${m[3]}`, suffix: /^outside/i.test(m[4]) ? 'Outside-EU/EEA' : m[4].toUpperCase() } : { id: `EUCTR${m[1]}-${m[2]}-${m[3]}` }),
  },
  { registry: 'IRCT', hint: ['irct'], source: `${B}IRCT[\\s:-]*(\\d{9,14}N\\d{1,3})${E}`, canon: (m) => ({ id: `IRCT${m[1].toUpperCase()}` }) },
  {
    registry: 'JPRN',
    hint: ['umin', 'jrct', 'japiccti', 'jma'],
    source: `${B}(?:JPRN[\\s-]*)?(?:UMIN[\\s-]*(?:CTR[\\s-]*)?(\\d{9})|jRCT([sabc]?)[\\s-]*(\\d{9,10})|JapicCTI[\\s-]*(\\d{6})|JMA[\\s-]*IIA[\\s-]*(\\d{5}))${E}`,
    canon: (m) => {
      if (m[1]) return { id: `JPRN-UMIN${m[1]}` };
      if (m[3]) return { id: `JPRN-jRCT${(m[2] ?? '').toLowerCase()}${m[3]}` }; // jRCTs (Clinical Trials Act), jRCTa/b/c (Regenerative Medicine Act)
      if (m[4]) return { id: `JPRN-JapicCTI-${m[4]}` };
      return { id: `JPRN-JMA-IIA${m[5]}` };
    },
  },
  { registry: 'ISRCTN', hint: ['isrctn'], source: `${B}ISRCTN[\\s:#-]*(\\d{8})${E}`, canon: (m) => ({ id: `ISRCTN${m[1]}` }) },
  {
    registry: 'CTRI',
    hint: ['ctri'],
    source: `${B}CTRI[\\s:]*\\/[\\s]*(\\d{4})[\\s]*\\/[\\s]*(\\d{2,3})[\\s]*\\/[\\s]*(\\d{6})${E}`,
    canon: (m) => ({ id: `CTRI/${m[1]}/${m[2]}/${m[3]}` }),
  },
  { registry: 'DRKS', hint: ['drks'], source: `${B}DRKS[\\s:-]*(\\d{8})${E}`, canon: (m) => ({ id: `DRKS${m[1]}` }) },
  { registry: 'ANZCTR', hint: ['actrn'], source: `${B}ACTRN[\\s:-]*(\\d{14})${E}`, canon: (m) => ({ id: `ACTRN${m[1]}` }) },
  {
    registry: 'NTR',
    hint: ['ntr', 'nl'],
    source: `${B}(?:NTR[\\s:-]*(\\d{1,5})|NL[\\s-]*OMON[\\s-]*(\\d{1,6})|NL(\\d{4,5}))${E}`,
    canon: (m) => ({ id: m[1] ? `NTR${m[1]}` : m[2] ? `NL-OMON${m[2]}` : `NL${m[3]}` }),
  },
  {
    registry: 'ReBEC',
    hint: ['rbr'],
    source: `${B}RBR[\\s-]*([0-9a-z]{6,8})(?![A-Za-z0-9])`,
    canon: (m) => ({ id: `RBR-${m[1].toLowerCase()}` }),
  },
  { registry: 'RPCEC', hint: ['rpcec'], source: `${B}RPCEC[\\s:-]*(\\d{8})${E}`, canon: (m) => ({ id: `RPCEC${m[1]}` }) },
  { registry: 'TCTR', hint: ['tctr'], source: `${B}TCTR[\\s:-]*(\\d{11})${E}`, canon: (m) => ({ id: `TCTR${m[1]}` }) },
  { registry: 'PACTR', hint: ['pactr'], source: `${B}PACTR[\\s:-]*(\\d{15})${E}`, canon: (m) => ({ id: `PACTR${m[1]}` }) },
  { registry: 'CRiS', hint: ['kct'], source: `${B}KCT[\\s:-]*(\\d{7})${E}`, canon: (m) => ({ id: `KCT${m[1]}` }) },
  { registry: 'LBCTR', hint: ['lbctr'], source: `${B}LBCTR[\\s:-]*(\\d{10})${E}`, canon: (m) => ({ id: `LBCTR${m[1]}` }) },
  {
    registry: 'SLCTR',
    hint: ['slctr'],
    source: `${B}SLCTR[\\s:]*\\/[\\s]*(\\d{4})[\\s]*\\/[\\s]*(\\d{3})${E}`,
    canon: (m) => ({ id: `SLCTR/${m[1]}/${m[2]}` }),
  },
  { registry: 'REPEC', hint: /PER-/, caseSensitive: true, source: `${B}PER-(\\d{3})-(\\d{2})${E}`, canon: (m) => ({ id: `PER-${m[1]}-${m[2]}` }) },
  { registry: 'ITMCTR', hint: ['itmctr'], source: `${B}ITMCTR[\\s:-]*(\\d{7,13})${E}`, canon: (m) => ({ id: `ITMCTR${m[1]}` }) },
];

const ANCHORED = PATTERNS.map((p) => ({ p, re: new RegExp(`^[\\s"'(\\[<]*${p.source}[\\s"')\\].,;:>]*$`, p.caseSensitive ? '' : 'i') }));
const GLOBAL = PATTERNS.map((p) => ({ p, re: new RegExp(p.source, p.caseSensitive ? 'g' : 'gi') }));

/** Whether a pattern can match in this text (`lower`: the text lower-cased) — see IdPattern.hint. */
function mayHold(p: IdPattern, text: string, lower: string): boolean {
  return Array.isArray(p.hint) ? p.hint.some((w) => lower.includes(w)) : p.hint.test(text);
}
/** Every number above has three digits in a row, except ReBEC's: text without either holds none. */
const MAYBE_ID = /\d{3}|rbr/i;

function build(p: IdPattern, m: RegExpExecArray): TrialId {
  return { ...p.canon(m), registry: p.registry };
}

/** One registration number as written (any registry, any case, light punctuation around) → canonical, or null. */
export function normaliseTrialId(raw: string | null | undefined): TrialId | null {
  if (raw == null) return null;
  const s = raw.trim();
  if (s === '' || s.length > 80) return null;
  for (const { p, re } of ANCHORED) {
    const m = re.exec(s);
    if (m) return build(p, m);
  }
  return null;
}

/** The registry a (raw or canonical) number belongs to, or null when it is no known registry's. */
export function registryOfId(id: string): Registry | null {
  return normaliseTrialId(id)?.registry ?? null;
}

/** Same number? Compares canonical forms, case-insensitively (EU suffixes ignored). */
export function sameTrialId(a: string, b: string): boolean {
  const x = normaliseTrialId(a)?.id ?? a.trim();
  const y = normaliseTrialId(b)?.id ?? b.trim();
  return x.toLowerCase() === y.toLowerCase();
}

export interface TrialIdMention extends TrialId {
  /** where in the text the number starts, and the words as written */
  index: number;
  text: string;
}

/** Every registration number mentioned in free text, in order of appearance, each number once. */
/** Character spans already read: a list while short, a mark per character once long. */
class TakenSpans {
  private spans: [number, number][] = [];
  private marks: Uint8Array | null = null;
  constructor(private readonly length: number) {}
  overlaps(start: number, end: number): boolean {
    return this.marks ? this.marks.subarray(start, end).includes(1) : this.spans.some(([a, b]) => start < b && end > a);
  }
  add(start: number, end: number): void {
    if (this.marks) { this.marks.fill(1, start, end); return; }
    this.spans.push([start, end]);
    if (this.spans.length > 32) {
      this.marks = new Uint8Array(this.length);
      for (const [a, b] of this.spans) this.marks.fill(1, a, b);
    }
  }
}

export function findTrialIdMentions(text: string | null | undefined): TrialIdMention[] {
  if (!text || !MAYBE_ID.test(text)) return [];
  const found: TrialIdMention[] = [];
  // characters an earlier pattern already read: a short list of spans, and past a few dozen a mark per character (a
  // text of many thousand numbers made the list's overlap test quadratic — a 5 MB line of ids took minutes — while
  // a mark array for every ordinary field cost a tenth of the parse time)
  const taken = new TakenSpans(text.length);
  const lower = text.toLowerCase();
  for (const { p, re } of GLOBAL) {
    if (!mayHold(p, text, lower)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.overlaps(start, end)) continue; // an earlier pattern already read these characters
      taken.add(start, end);
      found.push({ ...build(p, m), index: start, text: m[0].trim() });
    }
  }
  found.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  return found.filter((f) => {
    const k = f.id.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Canonical numbers found in free text (`NCT 04252118`, `eudract no. 2020-001162-12`…), de-duplicated. */
export function findTrialIds(text: string | null | undefined): string[] {
  return findTrialIdMentions(text).map((m) => m.id);
}

/** Every string inside a value (objects and arrays walked, depth first, in key order) passed to `visit`. */
function eachString(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) eachString(v, visit);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) eachString(v, visit);
}

/** Fields whose numbers are not about this trial's other registrations (and their contents). */
const SKIP_FIELDS = new Set(['id', 'registry', 'warnings', 'extracted']);
const SKIP_SOURCE_FIELDS = new Set(['format', 'file']);
/** raw fields that hold numbers known not to be registrations (grant and funding numbers: NIH, OTHER_GRANT…) */
const SKIP_RAW_FIELDS = new Set(['grantIds']);

/**
 * Other registries' numbers of this trial: every text field of the registration scanned (its own id excluded),
 * plus what `secondaryIds` already holds, normalised and de-duplicated, in order of first appearance.
 */
export function collectSecondaryIds(reg: Registration): string[] {
  const own = reg.id.toLowerCase();
  const out: string[] = [];
  const seen = new Set<string>(); // (lower case: a Set, not a scan of `out` — quadratic on a page of thousands of ids)
  const add = (id: string): void => {
    const k = id.toLowerCase();
    if (k !== own && !seen.has(k)) { seen.add(k); out.push(id); }
  };
  for (const s of reg.secondaryIds ?? []) add(normaliseTrialId(s)?.id ?? s.trim());
  const scan = (s: string): void => { for (const id of findTrialIds(s)) add(id); };
  for (const [key, value] of Object.entries(reg)) {
    if (SKIP_FIELDS.has(key)) continue;
    // what secondaryIds holds was added above (an object there is walked like any other field)
    if (key === 'secondaryIds' && (typeof value === 'string' || Array.isArray(value))) continue;
    if (key === 'source' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (!SKIP_SOURCE_FIELDS.has(k)) eachString(v, scan);
    } else if (key === 'raw' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (!SKIP_RAW_FIELDS.has(k)) eachString(v, scan);
    } else eachString(value, scan);
  }
  return out;
}
