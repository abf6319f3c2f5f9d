/**
 * Probable evidence: how alike two registrations of (possibly) one trial are, feature by feature.
 *
 * Titles are normalised for registries' title styles (design boilerplate such as "A randomized, double-blind,
 * placebo-controlled…" is dropped, British/American spellings folded, every name of the COVID-19 disease and
 * virus folded to one token) and compared by TF-IDF cosine, so a word every trial shares weighs nothing and a
 * drug name or acronym weighs a lot. Contacts (emails, phones, names), sponsor, target size, start date,
 * countries and protocol codes add or subtract. `scorePair` returns the score and the parts a person checks.
 */
import { repairMojibake } from '../normalise/text.js';
import type { Registration } from '../model/registration.js';

/** The compact view of a registration that linking keeps in memory for every stored registration. */
export interface Features {
  id: string;
  registry: string;
  /** normalised title tokens (public + scientific + acronym), each once */
  titleTokens: string[];
  /** per title: its token list, for the best-title-pair cosine */
  titles: string[][];
  /** code-like tokens: acronyms, protocol numbers (letters with digits, or ALL-CAPS words of 4+) */
  codes: string[];
  /** capitalised words of titles written all in capitals: codes when the other registration has them as codes */
  shoutedCodes: string[];
  /** code-like words of its interventions' names (`GS-5734`, `TD-0903`): a drug's code names the drug, not the trial */
  drugCodes: string[];
  emails: string[];
  phones: string[];
  names: string[];
  sponsorTokens: string[];
  /** the primary sponsor's name tokens when it is an organisation (a person named as sponsor: null) */
  sponsorOrg: string[] | null;
  /** the primary sponsor as a person's name key, when a person is named as sponsor */
  sponsorPerson: string | null;
  /** every organisation the registration names: sponsors, collaborators, contacts' affiliations (tokens each) */
  orgs: string[][];
  target: number | null;
  start: string | null;
  countries: string[];
  phase: Registration['phase'];
  allocation: Registration['design']['allocation'];
}

/** Document frequencies of title tokens over the registrations compared, for IDF weighting. */
export interface Idf {
  n: number;
  df: Map<string, number>;
  /**
   * Changed by whoever changes `n` or `df` (BlockIndex does): weights memoised under one version are exact for it.
   * Absent: nothing is memoised.
   */
  version?: number;
}

const DISEASE_SYNONYMS: [RegExp, string][] = [
  [/\b(?:2019[\s-]*)?novel[\s-]+corona[\s-]*virus(?:es)?(?:[\s-]+(?:disease|pneumonia|infection|infected pneumonia))?(?:[\s-]*\(?2019\)?)?/g, ' covid '],
  [/\bcorona[\s-]*virus(?:es)?[\s-]+disease[\s-]*(?:20)?19\b/g, ' covid '],
  [/\bsars[\s-]*co[\s-]*v[\s-]*2\b/g, ' covid '],
  [/\b(?:2019[\s-]*)?n[\s-]*cov(?:[\s-]*2019)?\b/g, ' covid '],
  [/\bhcov[\s-]*19\b/g, ' covid '],
  [/\bcovid[\s-]*(?:20)?19\b/g, ' covid '],
  [/\bcorona[\s-]*virus(?:es)?\b/g, ' covid '],
  [/\bncp\b/g, ' covid '],
];

const SPELLINGS: Record<string, string> = {
  randomised: 'randomized', randomise: 'randomize', centre: 'center', centres: 'center', multicentre: 'multicenter',
  haemodialysis: 'hemodialysis', anaemia: 'anemia', paediatric: 'pediatric', oedema: 'edema', haematological: 'hematological',
  tumour: 'tumor', behaviour: 'behavior', programme: 'program', hydroxychloroquin: 'hydroxychloroquine',
  alfa: 'alpha', ciclosporin: 'cyclosporine', cyclosporin: 'cyclosporine', favipiravir: 'favipiravir', lopinavir: 'lopinavir',
};

/** Words of registries' title boilerplate and grammar: they say how a trial is run, not which trial it is. */
const STOP = new Set(
  ('a an the of in on for with and or to at by from as vs versus via its their this that these those is are be being ' +
    'study studies trial trials clinical randomized randomize randomly controlled control open label blind blinded double ' +
    'single triple quadruple placebo multicenter center multi prospective retrospective pilot phase parallel group groups ' +
    'arm arms evaluate evaluating evaluation assess assessing assessment efficacy effectiveness effect effects safety ' +
    'patient patients subject subjects participant participants adult adults treatment treating treat therapy ' +
    'compare comparing comparison investigate investigating observational interventional exploratory protocol ' +
    'based using use who with without under after before during between among into than ii iii iv i ' +
    'covid disease infection infected pneumonia severe mild moderate critical critically ill hospitalized hospitalised ' +
    'caused due new novel sars').split(/\s+/),
);

/** Lower case, no diacritics, disease names folded. */
export function normaliseTitleText(s: string): string {
  let t = repairMojibake(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  t = t.replace(/_x000d_|<br\s*\/?>/g, ' ');
  for (const [re, to] of DISEASE_SYNONYMS) t = t.replace(re, to);
  return t;
}

function stem(w: string): string {
  const s = SPELLINGS[w] ?? w;
  if (s.length > 4 && s.endsWith('ies')) return s.slice(0, -3) + 'y';
  if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) return s.slice(0, -1);
  return s;
}

/** Title tokens: words and codes (`IFX-1` → `ifx1`), boilerplate dropped, lightly stemmed. */
export function titleTokens(s: string | null | undefined): string[] {
  if (!s) return [];
  const t = normaliseTitleText(s).replace(/\b([a-z]+)-(\d+)\b/g, '$1$2').replace(/-/g, ' ');
  const out: string[] = [];
  for (const raw of t.split(/[^a-z0-9]+/)) {
    if (raw.length < 2 && !/\d/.test(raw)) continue;
    const w = stem(raw);
    if (STOP.has(w) || STOP.has(raw)) continue;
    if (/^\d+$/.test(w) && w.length < 2) continue;
    out.push(w);
  }
  return out;
}

/**
 * Code-like words in the original spelling: `COPCOV`, `APN01-01-COVID19`, `IFX-1`, `CYCOV` (not disease names).
 * `shouted`: instead, the capitalised words of a title written all in capitals (`… SEVERE PATIENTS: CORTIVID`),
 * which are codes only if another registration writes them as one.
 */
export function codeTokens(s: string | null | undefined, shouted = false): string[] {
  if (!s) return [];
  const out: string[] = [];
  // in a title written all in capitals, a capitalised word is only a word
  const letters = s.replace(/[^A-Za-z]/g, '');
  const shouting = s.trim().split(/\s+/).length > 3 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6;
  for (const m of s.matchAll(/[A-Za-z0-9][A-Za-z0-9\-_/.]*[A-Za-z0-9]/g)) {
    const w = m[0];
    const hasDigit = /\d/.test(w);
    const hasLetter = /[A-Za-z]/.test(w);
    const caps = /^[A-Z][A-Z0-9-]{3,}$/.test(w);
    const code = hasDigit && hasLetter && w.length >= 4;
    if (shouted ? !(shouting && caps && !code) : !(code || (caps && !shouting))) continue;
    const k = w.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (/^covid/.test(k) || /^(covid|covid19|covid2019|sarscov2|2019ncov|ncov2019|hcov19|ncov|sarscov|mers|sars|nct\d*|chictr\d*|euctr\d*|irct\d*)$/.test(k)) continue;
    // a disease name with a prefix (`Anti-SARS-CoV-2`) names the disease, not a trial
    if (k.replace(/anti|covid(?:2019|19)?|sarscov2?|2019ncov|ncov(?:2019)?|hcov19|cov2?|19/g, '').length < 3) continue;
    if (/^(phase|ii|iii|iv)$/.test(k) || /^\d+$/.test(k)) continue;
    out.push(k);
  }
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function emailsOf(s: string | null): string[] {
  if (!s) return [];
  return [...s.toLowerCase().matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g)].map((m) => m[0]);
}

function phonesOf(s: string | null): string[] {
  if (!s) return [];
  return s.split(/[;,/]| or /).map((p) => p.replace(/\D/g, '')).filter((d) => d.length >= 8).map((d) => d.slice(-8));
}

/** A person's name as comparable tokens: no titles or degrees, sorted (so "Zhang Huilan" = "Huilan Zhang"). */
export function nameKey(s: string | null): string | null {
  if (!s) return null;
  const words = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/,.*$/, '').split(/[^a-z]+/)
    .filter((w) => w.length > 1 && !/^(dr|prof|professor|md|phd|mph|msc|mr|mrs|ms|medical)$/.test(w));
  return words.length >= 2 ? words.sort().join(' ') : null;
}

const SPONSOR_STOP = new Set(
  ('the of and de la del di du des der und for in university universidad universita universite hospital hospitals ' +
  'medical college school center centre institute instituto national clinical research foundation fundacion ' +
  'health sciences science affiliated first second third people peoples general ltd inc co company gmbh sa ag').split(' '),
);

/** The informative words of an organisation's name (no legal forms, no "hospital", "university"…). */
export function orgTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  return uniq(
    repairMojibake(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !SPONSOR_STOP.has(w) && !ORG_FORM.has(w)),
  );
}

/** Legal forms and unit words that say what kind of body it is, not which one. */
const ORG_FORM = new Set(
  'limited pvt private unit group network department dept faculty trust service services corp corporation llc plc ' +
  'srl spa bv nv pty kft oy ab as'.split(' '),
);

/** Words only an organisation's name has: a sponsor without any of them and of two to four words is a person. */
const ORG_WORD = /\b(?:hospital|hospitals|universit|college|school|institut|cent(?:er|re)|clinic|foundation|fundaci|ministry|council|agency|society|association|group|network|trust|laborator|pharma|therapeutics|biotech|bio|health|healthcare|medical|medicine|sciences?|research|ltd|inc|llc|gmbh|corp|company|organi[sz]ation|department|office|government|authority|academy|service|consortium|alliance|hopitaux|hopital|ospedale|azienda|assistance|krankenhaus|klinikum|who|nih|niaid|unit)/i;

/** The person named as sponsor ("Dr Sameer Malhotra", "Huilan Zhang"), as a name key, or null for an organisation. */
export function sponsorPersonKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const flat = repairMojibake(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const titled = /^\s*(?:a\/?prof|assoc(?:iate)?\s+prof|prof(?:essor)?|dr)\.?\s+[A-Z]/i.test(flat);
  const words = flat.replace(/,.*$/, '').split(/\s+/).filter(Boolean);
  if (!titled && (ORG_WORD.test(flat) || words.length < 2 || words.length > 4)) return null;
  const first = flat.replace(/^\s*(?:a\/?prof|assoc(?:iate)?\s+prof|prof(?:essor)?|dr)\.?\s+/i, '')
    .split(/\s+/).filter((w) => /^[A-Z][A-Za-z'-]+$/.test(w)).slice(0, 3).join(' ');
  return nameKey(first) ?? (titled ? nameKey(words.slice(1, 3).join(' ')) : null);
}

function sponsorTokens(reg: Registration): string[] {
  return uniq([reg.sponsor.primary, ...reg.sponsor.secondary].flatMap((t) => orgTokens(t)));
}

/** The features of one registration (pure; small enough to keep for every stored registration). */
export function features(reg: Registration): Features {
  const titleTexts = [reg.titles.public, reg.titles.scientific].filter((t): t is string => !!t);
  const titles = titleTexts.map(titleTokens).filter((t) => t.length > 0);
  const acronym = titleTokens(reg.titles.acronym);
  const codes = uniq([...titleTexts, reg.titles.acronym].flatMap((t) => codeTokens(t)));
  const contacts = reg.contacts ?? [];
  const sponsorPerson = sponsorPersonKey(reg.sponsor.primary);
  return {
    id: reg.id,
    registry: reg.registry,
    titleTokens: uniq([...titles.flat(), ...acronym]),
    titles,
    codes,
    shoutedCodes: uniq([...titleTexts, reg.titles.acronym].flatMap((t) => codeTokens(t, true))),
    drugCodes: uniq((reg.interventions ?? []).flatMap((i) => [...codeTokens(i.name), ...titleTokens(i.name)])),
    emails: uniq(contacts.flatMap((c) => emailsOf(c.email))),
    phones: uniq(contacts.flatMap((c) => phonesOf(c.phone))),
    names: uniq(contacts.map((c) => nameKey(c.name)).filter((n): n is string => !!n)),
    sponsorTokens: sponsorTokens(reg),
    sponsorOrg: sponsorPerson ? null : orgTokens(reg.sponsor.primary),
    sponsorPerson,
    orgs: [reg.sponsor.primary, ...reg.sponsor.secondary, ...(reg.sponsor.collaborators ?? []), ...contacts.map((c) => c.affiliation)]
      .map((t) => orgTokens(t)).filter((t) => t.length > 0),
    target: reg.enrollment.target ?? null,
    start: reg.dates.start ?? null,
    countries: uniq(reg.countries ?? []),
    phase: reg.phase ?? null,
    allocation: reg.design?.allocation ?? null,
  };
}

export function idfOf(idf: Idf, token: string): number {
  return Math.log((idf.n + 1) / ((idf.df.get(token) ?? 0) + 1)) + 1;
}

// Token lists of Features are never changed once built, and one registration's lists are compared with many others:
// their distinct terms and counts are memoised per list, with their IDF weights under the IDF's current version
// (the same numbers, summed in the same order, as computing them on every comparison).
interface TermVector {
  /** distinct terms, in first-appearance order */
  terms: string[];
  counts: number[];
  /** term → count */
  index: Map<string, number>;
  /** the IDF (and its version) the weights below are for */
  idf: Idf | null;
  version: number | undefined;
  /** idfOf of each term */
  idfs: number[];
  /** Σ (count · idf)², in term order */
  norm2: number;
}

const vectorCache = new WeakMap<string[], TermVector>();

function termVector(ts: string[], idf: Idf): TermVector {
  let v = vectorCache.get(ts);
  if (!v) {
    const index = new Map<string, number>();
    for (const t of ts) index.set(t, (index.get(t) ?? 0) + 1);
    v = { terms: [...index.keys()], counts: [...index.values()], index, idf: null, version: undefined, idfs: [], norm2: 0 };
    vectorCache.set(ts, v);
  }
  if (v.idf !== idf || v.version !== idf.version || idf.version === undefined) {
    const idfs: number[] = [];
    let norm2 = 0;
    for (let i = 0; i < v.terms.length; i++) {
      const it = idfOf(idf, v.terms[i]!);
      idfs.push(it);
      const w = v.counts[i]! * it;
      norm2 += w * w;
    }
    v.idf = idf;
    v.version = idf.version;
    v.idfs = idfs;
    v.norm2 = norm2;
  }
  return v;
}

/** TF-IDF cosine of two token lists. */
export function cosine(a: string[], b: string[], idf: Idf): number {
  if (a.length === 0 || b.length === 0) return 0;
  const va = termVector(a, idf);
  const vb = termVector(b, idf);
  let dot = 0;
  for (let i = 0; i < va.terms.length; i++) {
    const cb = vb.index.get(va.terms[i]!);
    if (cb) {
      const it = va.idfs[i]!;
      dot += va.counts[i]! * it * cb * it;
    }
  }
  return dot / Math.sqrt(va.norm2 * vb.norm2);
}

/** Summed IDF of the tokens two lists share: how much a high cosine is worth (one shared drug name is little). */
export function sharedMass(a: string[], b: string[], idf: Idf): number {
  if (a.length === 0 || b.length === 0) return 0;
  const va = termVector(a, idf);
  const sb = termVector(b, idf).index;
  let m = 0;
  for (let i = 0; i < va.terms.length; i++) if (sb.has(va.terms[i]!)) m += va.idfs[i]!;
  return m;
}

const trigramCache = new WeakMap<string[], Int32Array>();
/** Every trigram met so far → a number, so a list's trigrams are a sorted array of numbers (compared by merging). */
const trigramIds = new Map<string, number>();

/**
 * Distinct character trigrams of a token list as sorted numbers (memoised per list: a registration's titles are
 * compared many times).
 */
function trigrams(ts: string[]): Int32Array {
  let out = trigramCache.get(ts);
  if (out) return out;
  const ids = new Set<number>();
  for (const t of ts) {
    const w = ` ${t} `;
    for (let i = 0; i + 3 <= w.length; i++) {
      const g = w.slice(i, i + 3);
      let id = trigramIds.get(g);
      if (id === undefined) trigramIds.set(g, (id = trigramIds.size));
      ids.add(id);
    }
  }
  out = Int32Array.from(ids).sort();
  trigramCache.set(ts, out);
  return out;
}

/** Dice coefficient of the character trigrams of two token lists (catches `azythromycin` = `azithromycin`). */
export function trigramDice(a: string[], b: string[]): number {
  const ga = trigrams(a);
  const gb = trigrams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  let inter = 0;
  for (let i = 0, j = 0; i < ga.length && j < gb.length;) {
    if (ga[i]! === gb[j]!) { inter++; i++; j++; } else if (ga[i]! < gb[j]!) i++; else j++;
  }
  return (2 * inter) / (ga.length + gb.length);
}

/** IDF mass of shared title words from which a title match counts in full (about three rare words). */
export const FULL_TITLE_MASS = 15;

/**
 * Best cosine over every pair of titles (public↔scientific too: registries swap them), discounted when the
 * titles share little informative text.
 */
export function titleSimilarity(a: Features, b: Features, idf: Idf): number {
  let best = 0;
  const pairs: [string[], string[]][] = [];
  for (const ta of a.titles) for (const tb of b.titles) pairs.push([ta, tb]);
  for (const [ta, tb] of pairs) {
    const conf = Math.min(1, sharedMass(ta, tb, idf) / FULL_TITLE_MASS);
    best = Math.max(best, cosine(ta, tb, idf) * (0.4 + 0.6 * conf));
  }
  if (a.titleTokens.length && b.titleTokens.length) {
    // all titles as one bag, by words and by character trigrams (spelling variants, transliterations)
    const conf = Math.min(1, sharedMass(a.titleTokens, b.titleTokens, idf) / FULL_TITLE_MASS);
    const text = Math.max(cosine(a.titleTokens, b.titleTokens, idf), 0.9 * trigramDice(a.titleTokens, b.titleTokens));
    best = Math.max(best, text * (0.4 + 0.6 * conf));
  }
  return best;
}

/** Levenshtein distance ≤ 1 (a typo in an email address). */
function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/** An e-mail domain of an institution (not a public mail service) that both registrations' contacts use. */
function sharedInstitutionDomain(a: Features, b: Features): string | null {
  const dom = (e: string): string => e.split('@')[1] ?? '';
  return a.emails.map(dom).find((d) => d && !GENERIC_MAIL.test(d) && b.emails.map(dom).includes(d)) ?? null;
}

const GENERIC_MAIL = /^(163|126|qq|gmail|yahoo|hotmail|outlook|sina|foxmail|aliyun|live|yeah|139|msn|icloud|sohu)\./;

/** A date's year and month as numbers (memoised: a few thousand distinct dates are compared over and over). */
const yearMonths = new Map<string, number[]>();
function yearMonth(d: string): number[] {
  let ym = yearMonths.get(d);
  if (!ym) {
    if (yearMonths.size >= 100_000) yearMonths.clear();
    yearMonths.set(d, (ym = d.split('-').map(Number)));
  }
  return ym;
}

function monthsApart(a: string, b: string): number {
  const [ya, ma] = yearMonth(a);
  const [yb, mb] = yearMonth(b);
  return Math.abs((ya! - yb!) * 12 + ((ma ?? 1) - (mb ?? 1)));
}

/** Title similarity below which shared contacts do not count (same investigator, another trial). */
export const CONTACT_GATE = 0.35;

export interface PairScore {
  score: number;
  parts: Record<string, number>;
  /** the matching features in words */
  evidence: string;
  /** whether text similarity may link the pair at all: corroborated, or the defining facts agree (see `judge`) */
  verdict: Verdict;
}

/**
 * What, beyond the text, says two registrations are one trial — or two.
 * - `corroboration`: what two independent teams would not share: a contact (e-mail, phone, person), a protocol code
 *   or acronym that few registrations use;
 * - `sameSponsor`: the primary sponsor of one is an organisation the other names (or the same person, or both
 *   registrations' contacts write from one institution's e-mail domain);
 * - `agree` / `disagree`: the facts that define a trial: sponsor, target size, start date, phase, allocation.
 *   `hard` disagreements are too large for any registry's way of writing one trial (target ×3, start 6 months).
 */
export interface Verdict {
  corroboration: string[];
  sameSponsor: string | null;
  agree: string[];
  disagree: string[];
  hard: string[];
  accepted: boolean;
  /** in words: why the pair may or may not be linked by similarity */
  reason: string;
}

/** Phases as the set of numbered phases they span (early 1 is 1; not applicable and unknown: null). */
function phaseSpan(p: Features['phase']): number[] | null {
  switch (p) {
    case 'early_1': case '1': return [1];
    case '1_2': return [1, 2];
    case '2': return [2];
    case '2_3': return [2, 3];
    case '3': return [3];
    case '4': return [4];
    default: return null;
  }
}

/** One word of an organisation's name in two spellings (`Massachussetts`, `Massachusetts`): equal, or one typo apart in a long word. */
function sameWord(x: string, y: string): boolean {
  return x === y || (x.length >= 6 && nearlyEqual(x, y));
}

/** The primary sponsor of `a` as `b` names it (as sponsor, collaborator or affiliation), or null. */
function sponsorNamedBy(a: Features, b: Features): string | null {
  if (a.sponsorOrg && a.sponsorOrg.length && b.orgs.some((o) => a.sponsorOrg!.every((t) => o.some((u) => sameWord(t, u))))) {
    return a.sponsorOrg.join(' ');
  }
  if (a.sponsorPerson && (b.names.includes(a.sponsorPerson) || b.sponsorPerson === a.sponsorPerson)) return a.sponsorPerson;
  return null;
}

/**
 * The defining facts of two registrations side by side (pure). A fact one of them leaves unknown neither agrees nor
 * disagrees. Thresholds follow how registries write one trial: a target within 10 % and a start within a month
 * agree; a target ×1.5 apart, a start 3 months apart, disjoint phases, randomised against not randomised disagree.
 */
export function judgeFacts(a: Features, b: Features): Pick<Verdict, 'sameSponsor' | 'agree' | 'disagree' | 'hard'> {
  const agree: string[] = [];
  const disagree: string[] = [];
  const hard: string[] = [];
  // an institution's own e-mail domain names it as well as its name does (in any language)
  const domain = sharedInstitutionDomain(a, b);
  const sameSponsor = sponsorNamedBy(a, b) ?? sponsorNamedBy(b, a) ?? (domain ? `e-mail domain ${domain}` : null);
  if (sameSponsor) agree.push(`sponsor ${sameSponsor}`);
  else if (a.sponsorOrg?.length && b.sponsorOrg?.length && !a.sponsorOrg.some((t) => b.sponsorOrg!.some((u) => sameWord(t, u)))) {
    disagree.push(`sponsor ${a.sponsorOrg.join(' ')} ≠ ${b.sponsorOrg.join(' ')}`);
  }
  if (a.target && b.target) {
    const r = Math.max(a.target, b.target) / Math.min(a.target, b.target);
    if (r <= 1.1) agree.push(`target ${a.target === b.target ? a.target : `${a.target}≈${b.target}`}`);
    else if (r > 1.5) (r > 3 ? hard : disagree).push(`target ${a.target}≠${b.target}`);
  }
  if (a.start && b.start) {
    const m = monthsApart(a.start, b.start);
    if (m <= 1) agree.push(`start ${a.start}${a.start === b.start ? '' : `≈${b.start}`}`);
    else if (m > 3) (m > 6 ? hard : disagree).push(`start ${a.start}≠${b.start}`);
  }
  const pa = phaseSpan(a.phase);
  const pb = phaseSpan(b.phase);
  if (pa && pb) {
    if (pa.some((x) => pb.includes(x))) agree.push(`phase ${a.phase}${a.phase === b.phase ? '' : `~${b.phase}`}`);
    else disagree.push(`phase ${a.phase}≠${b.phase}`);
  }
  const randomised = (x: Features['allocation']): boolean | null =>
    x === 'randomized' ? true : x === 'non_randomized' || x === 'not_applicable' ? false : null;
  const ra = randomised(a.allocation);
  const rb = randomised(b.allocation);
  if (ra !== null && rb !== null && ra !== rb) disagree.push(`allocation ${a.allocation}≠${b.allocation}`);
  return { sameSponsor, agree, disagree, hard };
}

/**
 * Whether text similarity may link two registrations:
 * - corroborated (a shared contact or protocol code): yes;
 * - the same sponsor (or an institution's own e-mail domain): yes, unless the starts are over 6 months apart, two
 *   defining facts disagree, or one does and the starts do not agree;
 * - neither: only when target size and start date both agree and no defining fact disagrees.
 */
export function judge(corroboration: string[], facts: Pick<Verdict, 'sameSponsor' | 'agree' | 'disagree' | 'hard'>): Verdict {
  const { sameSponsor, agree, disagree, hard } = facts;
  let accepted: boolean;
  let reason: string;
  if (corroboration.length) {
    accepted = true;
    reason = `corroborated: ${corroboration.join(', ')}`;
  } else if (sameSponsor) {
    // one sponsor's registrations of one trial may differ in one fact (a target planned and actual, national and
    // global; a phase), not in when it started, and not in several facts at once: a big sponsor runs many trials
    const against = [...hard, ...disagree];
    const startAgrees = agree.some((x) => x.startsWith('start '));
    accepted = !hard.some((x) => x.startsWith('start ')) && (against.length === 0 || (against.length === 1 && startAgrees));
    reason = accepted ? `same sponsor (${sameSponsor})${against.length ? ` despite ${against.join(', ')}` : ''}` :
      `same sponsor but ${against.join(', ')}${against.length === 1 ? ' and the starts do not agree' : ''}`;
  } else {
    const defining = agree.filter((x) => /^(target|start) /.test(x));
    const against = [...hard, ...disagree];
    accepted = against.length === 0 && defining.length >= 2;
    reason = accepted ? `facts agree: ${agree.join(', ')}` :
      against.length ? `uncorroborated and facts disagree: ${against.join(', ')}` :
      `uncorroborated and too few facts agree${agree.length ? ` (only ${agree.join(', ')})` : ''}`;
  }
  return { corroboration, sameSponsor, agree, disagree, hard, accepted, reason };
}

/** Registries that are distinct trials when their numbers differ (a trial is registered once per registry). */
export function sameRegistry(a: Features, b: Features): boolean {
  return a.registry === b.registry && a.registry !== 'other';
}

/** The verdict of a pair whose score is below `judgeFrom`: text too different to link, facts not compared. */
const NOT_JUDGED: Verdict = {
  corroboration: [], sameSponsor: null, agree: [], disagree: [], hard: [], accepted: false, reason: 'score below the threshold',
};

/**
 * The similarity score in [0, 1] of two registrations, with the parts that made it, and the verdict on whether text
 * similarity may link them (facts compared only from `judgeFrom`: the linker passes its threshold).
 * Titles lead; contacts, codes and sponsor confirm; target size, countries and dates confirm or contradict.
 */
export function scorePair(a: Features, b: Features, idf: Idf, judgeFrom = 0): PairScore {
  const parts: Record<string, number> = {};
  const why: string[] = [];
  const title = titleSimilarity(a, b, idf);
  parts.title = 0.65 * title;
  why.push(`title cosine ${title.toFixed(2)}`);

  // contacts confirm a title match; alone they say "same investigator", who often runs several trials
  const contact: string[] = [];
  let contactPart = 0;
  const sharedEmail = a.emails.find((e) => b.emails.some((f) => nearlyEqual(e, f)));
  if (sharedEmail) {
    contactPart += 0.2;
    contact.push(`email ${sharedEmail}`);
  } else {
    const sharedDomain = sharedInstitutionDomain(a, b);
    if (sharedDomain) {
      contactPart += 0.05;
      contact.push(`email domain ${sharedDomain}`);
    }
  }
  const sharedPhone = a.phones.find((p) => b.phones.includes(p));
  if (sharedPhone) {
    contactPart += 0.1;
    contact.push(`phone …${sharedPhone}`);
  }
  const sharedName = a.names.find((n) => b.names.includes(n));
  if (sharedName) {
    contactPart += 0.1;
    contact.push(`contact ${sharedName}`);
  }
  const corroboration: string[] = [];
  if (contactPart > 0) {
    if (title >= CONTACT_GATE) {
      parts.contact = Math.min(0.25, contactPart);
      why.push(...contact);
      // a shared address domain is an institution, not a person
      corroboration.push(...contact.filter((c) => !c.startsWith('email domain')));
    } else why.push(`(${contact.join(', ')}: titles too different to count)`);
  }
  // a code is rare when few titles hold it (looked up as a title word is: `ARDS` is the word `ard`)
  // a trial's code or acronym: rare among titles, not a word of registries' boilerplate, not its drug's code
  const rare = (c: string): boolean => Math.max(idf.df.get(c) ?? 0, idf.df.get(stem(c)) ?? 0) <= 5 &&
    !STOP.has(c) && !STOP.has(stem(c)) && !a.drugCodes.includes(c) && !b.drugCodes.includes(c);
  const sharedCodes = uniq([
    ...a.codes.filter((c) => b.codes.includes(c) || b.shoutedCodes.includes(c)),
    ...b.codes.filter((c) => a.shoutedCodes.includes(c)),
  ]).filter(rare);
  if (sharedCodes.length) {
    parts.code = 0.2;
    why.push(`code ${sharedCodes.join(',')}`);
    corroboration.push(`code ${sharedCodes.join(',')}`);
  }
  if (a.sponsorTokens.length && b.sponsorTokens.length) {
    const inter = a.sponsorTokens.filter((t) => b.sponsorTokens.some((u) => sameWord(t, u))).length;
    const j = inter / Math.min(a.sponsorTokens.length, b.sponsorTokens.length);
    if (j > 0) {
      parts.sponsor = 0.1 * j;
      why.push(`sponsor ${(j * 100).toFixed(0)}%`);
    }
  }
  if (a.target && b.target) {
    if (a.target === b.target) {
      parts.target = 0.1;
      why.push(`target ${a.target}`);
    } else {
      const r = Math.max(a.target, b.target) / Math.min(a.target, b.target);
      if (r > 1.5) {
        parts.target = r > 3 ? -0.15 : -0.08;
        why.push(`target ${a.target}≠${b.target}`);
      }
    }
  }
  if (a.countries.length && b.countries.length) {
    if (a.countries.some((c) => b.countries.includes(c))) parts.countries = 0.04;
    else {
      parts.countries = -0.12;
      why.push('no shared country');
    }
  }
  if (a.start && b.start) {
    const m = monthsApart(a.start, b.start);
    if (m <= 1) parts.start = 0.04;
    else if (m > 6) {
      parts.start = -0.08;
      why.push(`start ${a.start}/${b.start}`);
    }
  }
  const sum = Object.values(parts).reduce((s, x) => s + x, 0);
  const score = Math.max(0, Math.min(1, sum));
  if (score < judgeFrom) return { score, parts, evidence: why.join('; '), verdict: NOT_JUDGED };
  const verdict = judge(corroboration, judgeFacts(a, b));
  return { score, parts, evidence: `${why.join('; ')}; ${verdict.reason}`, verdict };
}
