/**
 * Master protocols: registrations that are arms of one international trial (national arms, country registrations of
 * a WHO or platform trial). They rarely name each other's numbers and their sponsors, sizes and dates differ by
 * design, so neither certain nor similarity evidence joins them; what they share is the trial's name, stated as a
 * name ("Canadian Arm of the SOLIDARITY Trial", "… standard of care - WHO-SOLIDARITY-GERMANY", "NOR Solidarity
 * multicenter trial", "SOLIDARITY: AN INTERNATIONAL…"), and the trial's arms or primary outcome.
 *
 * A `master_protocol` link joins two registrations that
 * - both state the same trial name (read from titles and acronym by `trialNames`: a word written in capitals in a
 *   title that is not all capitals, a short segment after a closing dash or before an opening colon, a capitalised
 *   word just before "(multicentre…) trial/study", or the acronym) — not a country, not a boilerplate word, not a word
 *   of their interventions or conditions, and a name few registrations state (`MAX_NAMED`);
 * - share an arm (an informative word of their interventions);
 * - one of them states it is a part of the named trial (`statesPart`: an arm of it, a national part), or they share the
 *   core title (a closing " - NAME" dropped) and a word of the primary outcome;
 * - and are not one sponsor's registrations in one country (or in one registry): those are a family of trials.
 * The evidence names the trial, where each registration states it, and what they share. Meta-research counts such a
 * group as one trial (DIRECCT counts SOLIDARITY once); the study lists each arm (`Study.parts`).
 */
import type { Registration } from '../model/registration.js';
import type { Link } from '../model/study.js';
import { normaliseCountry } from '../normalise/countries.js';
import { orgTokens, titleTokens } from './similarity.js';

/** A name stated by more registrations than this is a common word, not one trial's name. */
export const MAX_NAMED = 40;

export interface ProtocolFeatures {
  id: string;
  registry: string;
  /** the primary sponsor's name words (organisation or person) */
  sponsor: string[];
  countries: string[];
  /** title words, for how many registrations use a name as a word */
  words: string[];
  /** trial names the registration states (lower case) → where and how */
  names: Map<string, string>;
  /** names it states as a part of a larger trial: a national arm ("Canadian Arm of the X Trial", "WHO-X-GERMANY") */
  armOf: Set<string>;
  /** its titles' words with a closing segment (" - X") dropped: the core title it may share with other arms */
  core: string[][];
  /** informative words of its interventions and arms */
  arms: Set<string>;
  /** informative words of its primary outcomes */
  outcomes: Set<string>;
}

/** Words around a trial's name that say what kind of trial it is. */
const QUALIFIER = /^(?:multi-?cent(?:er|re|ric)|multi-?national|international|national|randomi[sz]ed|controlled|clinical|adaptive|platform|pragmatic|open-label|phase|global|\d{1,2}|[IVX]{1,4})$/i;
const TRIAL_WORD = /^(?:trial|study)$/i;
/** Words that describe a study's design: in a name's position they still name no one trial. */
const DESIGN_WORD = new Set(
  ('cohort comparative longitudinal descriptive sectional cross intervention interventional adaptive platform ' +
    'observational pilot feasibility registry survey prospective retrospective real world case series nested umbrella ' +
    'basket master sequential preliminary exploratory proof concept validation project research prevention ' +
    'prophylaxis management outcome outcomes follow tablet capsule vaccine plasma serum therapy health mobile ' +
    'national international global multicentre multicenter early late severe critical acute chronic immunogenicity ' +
    'pragmatic superiority inferiority noninferiority equivalence').split(' '),
);
/** Parts of a compound name that are not the name: the disease, the WHO, a country, a year. */
const NOT_NAME_PART = /^(?:covid(?:19)?|sars|cov|ncov|corona(?:virus)?|who|\d{1,2}|20\d\d)$/i;

/** A stated name as one key: `WHO-SOLIDARITY-GERMANY` → `solidarity`, `LILIADE-COVID` → `liliade`, `CYCOV-II` → `cycovii`. */
export function nameKey(word: string): string {
  return word.split(/[-–]/).filter((p) => p && !NOT_NAME_PART.test(p) && normaliseCountry(p) === null)
    .join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words of arms and outcomes that every trial has. */
const COMMON_ARM = new Set(
  ('standard care usual best supportive local alone plus placebo saline oral tablet tablets injection dose doses daily ' +
    'days day once twice per mg kg hospital according current protocol conventional routine basic symptomatic ' +
    'receive received receiving given will be all any other one two three group groups').split(' '),
);

function isShouting(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return s.trim().split(/\s+/).length > 3 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6;
}

/** Candidate names of one title, with the phrase each was read from. */
export function namesInTitle(title: string): { name: string; phrase: string }[] {
  const out: { name: string; phrase: string }[] = [];
  const add = (word: string, phrase: string): void => {
    out.push({ name: word, phrase: phrase.trim() });
  };
  const shouting = isShouting(title);
  const words = title.split(/\s+/).map((w) => w.replace(/^[("'“]+|[)"'”,.;:]+$/g, '')).filter(Boolean);
  if (!shouting) {
    // a word written in capitals (in a compound too: WHO-SOLIDARITY-GERMANY) just before "(multicentre…) trial"
    // or in a closing or opening segment (below)
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!w.split(/[-–]/).some((part) => /^[A-Z]{5,}$/.test(part))) continue;
      let j = i + 1;
      while (j < words.length && j - i <= 3 && QUALIFIER.test(words[j]!)) j++;
      if (j < words.length && TRIAL_WORD.test(words[j]!)) add(w, words.slice(Math.max(0, i - 3), j + 1).join(' '));
    }
    // a capitalised word (not the first) just before "(multicentre …) trial"
    for (let i = 1; i < words.length; i++) {
      if (!/^[A-Z][A-Za-z]{3,}$/.test(words[i]!)) continue;
      let j = i + 1;
      while (j < words.length && j - i <= 3 && QUALIFIER.test(words[j]!)) j++;
      if (j < words.length && TRIAL_WORD.test(words[j]!)) add(words[i]!, words.slice(Math.max(0, i - 2), j + 1).join(' '));
    }
  }
  // a short closing segment after a dash ("… standard of care - SOLIDARITY TRIAL") or opening one before a colon
  const closing = closingSegment(title)?.segment;
  const opening = /^([^:]{3,40}):/.exec(title)?.[1];
  for (const seg of [closing, opening]) {
    if (!seg) continue;
    const segWords = seg.trim().split(/\s+/);
    if (segWords.length > 4) continue;
    for (const w of segWords) if (/^[A-Z][A-Za-z0-9-]{3,}$/.test(w.replace(/[^A-Za-z0-9-]/g, ''))) add(w.replace(/[^A-Za-z0-9-]/g, ''), seg);
  }
  return out;
}

/** The closing segment after the last spaced dash (`… standard of care - WHO-SOLIDARITY-GERMANY`), and what precedes it. */
export function closingSegment(title: string): { before: string; segment: string } | null {
  let last: RegExpMatchArray | null = null;
  for (const m of title.matchAll(/\s[-–]\s*|[-–]\s+/g)) last = m;
  if (!last || last.index === undefined || last.index === 0) return null;
  const segment = title.slice(last.index + last[0].length).trim();
  if (segment.length < 3 || segment.length > 60 || segment.includes(':')) return null;
  return { before: title.slice(0, last.index), segment };
}

/**
 * Whether the phrase a name was read from states a part of a larger trial: an arm, a national part, the WHO's trial in
 * a country ("Canadian Arm of the SOLIDARITY Trial", "WHO SOLIDARITY Finland", "(Norwegian) NOR Solidarity … Trial").
 */
export function statesPart(phrase: string): boolean {
  if (/\b(?:(?:arm|part|branch) of|national|country|sub-?study|WHO)\b/i.test(phrase)) return true;
  // a compound name with a country in it: ILIAD-7-UK, WHO-SOLIDARITY-GERMANY
  if (!/\s/.test(phrase.trim()) && phrase.split(/[-–_]/).slice(1).some((p) => normaliseCountry(p) !== null)) return true;
  return phrase.split(/[\s\-–()"“”,:]+/).some((w) => /^[A-Z][a-z]+$/.test(w) &&
    (normaliseCountry(w) !== null || /^[A-Z][a-z]{3,}(?:ian|ese|ish)$/.test(w)));
}

/** Share of the shorter word list found in the longer one. */
function containment(a: string[], b: string[]): number {
  const [small, big] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  return small.filter((w) => big.has(w)).length / small.length;
}

/** Informative lower-case words of some texts (boilerplate and the disease dropped, like title words). */
function wordsOf(texts: (string | null | undefined)[]): Set<string> {
  // the opening of each text says what it is about (a long description costs time and adds only common words)
  return new Set(texts.flatMap((t) => titleTokens(t?.slice(0, 400))).filter((w) => w.length > 3 && !COMMON_ARM.has(w) && !/^\d/.test(w)));
}

/** What master-protocol linking reads of a registration. */
export function protocolFeatures(reg: Registration, titleWords?: string[]): ProtocolFeatures {
  const titles: [string, string | null][] = [['titles.public', reg.titles.public], ['titles.scientific', reg.titles.scientific]];
  const words = titleWords ?? [...new Set(titles.flatMap(([, t]) => titleTokens(t)))];
  const found: { name: string; phrase: string; field: string }[] = [];
  for (const [field, title] of titles) if (title) for (const n of namesInTitle(title)) found.push({ ...n, field });
  const acronym = reg.titles.acronym?.trim();
  if (acronym && acronym.split(/\s+/).length <= 3) for (const part of acronym.split(/\s+/)) found.push({ name: part, phrase: acronym, field: 'titles.acronym' });
  const base = { id: reg.id, registry: reg.registry, sponsor: [], countries: [], words, armOf: new Set<string>(), core: [], arms: new Set<string>(), outcomes: new Set<string>() };
  // most registrations state no name: nothing more is read of them
  if (found.length === 0) return { ...base, names: new Map() };
  const arms = wordsOf([...reg.interventions.flatMap((i) => [i.name, i.description]), ...reg.arms.flatMap((a) => [a.label, ...a.interventions])]);
  const conditions = wordsOf(reg.conditions);
  const names = new Map<string, string>();
  for (const { name, phrase, field } of found) {
    const k = nameKey(name);
    if (k.length < 4 || names.has(k)) continue;
    // a name is none of: boilerplate or the disease, a design word, the trial's own drugs or conditions
    const asWord = titleTokens(k);
    if (asWord.length !== 1 || DESIGN_WORD.has(asWord[0]!) || arms.has(asWord[0]!) || conditions.has(asWord[0]!)) continue;
    names.set(k, `${field} "${phrase.slice(0, 80)}"`);
  }
  if (names.size === 0) return { ...base, names };
  const armOf = new Set([...names].filter(([, where]) => statesPart(where)).map(([k]) => k));
  const core = titles.map(([, t]) => t).filter((t): t is string => !!t)
    .map((t) => [...new Set(titleTokens(closingSegment(t)?.before ?? t))]).filter((t) => t.length >= 6);
  return {
    ...base, sponsor: orgTokens(reg.sponsor.primary), countries: [...new Set(reg.countries)].sort(), names, armOf, core, arms,
    outcomes: wordsOf(reg.outcomes.primary.map((o) => o.measure)),
  };
}

/** Names → registrations stating them; kept per store beside the blocking index. */
/** One sponsor: the primary sponsor's name words of one contain the other's. */
function sameSponsor(a: ProtocolFeatures, b: ProtocolFeatures): boolean {
  if (!a.sponsor.length || !b.sponsor.length) return false;
  const [small, big] = a.sponsor.length <= b.sponsor.length ? [a.sponsor, b.sponsor] : [b.sponsor, a.sponsor];
  return small.every((w) => big.includes(w));
}

export class ProtocolIndex {
  readonly features = new Map<string, ProtocolFeatures>();
  private readonly byName = new Map<string, Set<string>>();
  /** registrations using each title word */
  private readonly wordDf = new Map<string, number>();

  add(f: ProtocolFeatures): void {
    this.remove(f.id);
    this.features.set(f.id, f);
    for (const w of f.words) this.wordDf.set(w, (this.wordDf.get(w) ?? 0) + 1);
    for (const n of f.names.keys()) {
      let set = this.byName.get(n);
      if (!set) this.byName.set(n, (set = new Set()));
      set.add(f.id);
    }
  }

  remove(id: string): void {
    const f = this.features.get(id);
    if (!f) return;
    this.features.delete(id);
    for (const n of f.names.keys()) this.byName.get(n)?.delete(id);
    for (const w of f.words) this.wordDf.set(w, (this.wordDf.get(w) ?? 1) - 1);
  }

  /** Master-protocol links of `f` with the registrations filed (`f` itself filed or not). */
  linksOf(f: ProtocolFeatures): Link[] {
    const out = new Map<string, Link>();
    for (const [name, where] of f.names) {
      const set = this.byName.get(name);
      if (!set || set.size > MAX_NAMED || (this.wordDf.get(titleTokens(name)[0] ?? name) ?? 0) > MAX_NAMED) continue;
      for (const id of set) {
        if (id === f.id || out.has(id)) continue;
        const g = this.features.get(id)!;
        // arms of one protocol run in different countries or by different sponsors; one sponsor's registrations in
        // one country that share a name are a family of trials (a trial and its sequel), not one trial
        const otherSponsor = !sameSponsor(f, g);
        const otherCountries = f.countries.length > 0 && g.countries.length > 0 && f.countries.join() !== g.countries.join();
        if (!otherSponsor && (!otherCountries || f.registry === g.registry)) continue;
        const arms = [...f.arms].filter((w) => g.arms.has(w));
        if (arms.length === 0) continue;
        const outcomes = [...f.outcomes].filter((w) => g.outcomes.has(w));
        // and one states it is an arm of the named trial, or both share its core title and primary outcome
        const part = f.armOf.has(name) ? f.id : g.armOf.has(name) ? g.id : null;
        const core = f.core.some((x) => g.core.some((y) => containment(x, y) >= 0.8));
        if (!part && !(core && outcomes.length)) continue;
        const [a, b] = f.id < g.id ? [f, g] : [g, f];
        const whereA = a === f ? where : g.names.get(name)!;
        const whereB = b === f ? where : g.names.get(name)!;
        out.set(id, {
          a: a.id, b: b.id, method: 'master_protocol', score: 1,
          evidence: `both name the trial ${name.toUpperCase()}: ${a.id} ${whereA}; ${b.id} ${whereB}` +
            `${part ? `; ${part} states it is a part of it` : ''}${core ? '; core title shared' : ''}` +
            `${arms.length ? `; shared arms: ${arms.slice(0, 6).join(', ')}` : ''}` +
            `${outcomes.length ? `; shared primary outcome words: ${outcomes.slice(0, 4).join(', ')}` : ''}`,
        });
      }
    }
    return [...out.values()];
  }
}
