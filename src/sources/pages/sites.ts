/**
 * Site profiles: what labels alone cannot read. Each profile says how to recognise its site and may rewrite page
 * lines into labelled lines before segmenting (`prepare`) and finish the record afterwards (`finish`).
 * Sites whose pages are plain `Label: value` records (ISRCTN, ANZCTR, CTRI, DRKS, ChiCTR, EU CTR, IRCT, WHO ICTRP,
 * ClinicalTrials.gov classic and tabular) need no more than a marker: the vocabulary does the work.
 */
import type { Registration, Registry } from '../../model/registration.js';
import { normaliseDate } from '../../normalise/dates.js';
import { findTrialIds, normaliseTrialId } from '../../normalise/ids.js';
import { readCitation, readAuthors } from './people.js';
import { readResultsPosted, unescapeText } from './values.js';

export interface Prepared {
  lines: string[];
  /** the trial's own number when the profile found it outside an id label */
  idHint: string | null;
  /** every field of the page is `Label: value` (see segment) */
  strictLabels?: boolean;
  finish(reg: Registration): void;
}

export interface SiteProfile {
  id: string;
  registry: Registry | null;
  /** does the page come from this site? (content only) */
  marker: RegExp;
  prepare?(lines: string[]): Prepared;
}

const MONTH_FIRST = /^((?:19|20)\d{2})\s+([A-Za-z]{3,9})\s+(\d{1,2})$/;
/** Cochrane writes `2020 Apr 1`. */
function cochraneDate(s: string): string | null {
  const m = MONTH_FIRST.exec(s.trim());
  return m ? normaliseDate(`${m[3]} ${m[2]} ${m[1]}`) : normaliseDate(s);
}

/**
 * Cochrane COVID-19 Study Register study record: a header `ChiCTR2000030261First Published: …Updated Date: …`, the
 * classification as numbered pairs (`1. Study Type` / `2. Interventional`), then "Reference record" blocks — a
 * journal article (title, authors, type, abstract) that becomes a `references` entry, and the trial registry record
 * whose text is read like any page.
 */
const cochrane: SiteProfile = {
  id: 'cochrane',
  registry: null,
  marker: /Cochrane (?:COVID-19 )?Study Register|Cochrane Central Register/i,
  prepare(lines) {
    let idHint: string | null = null;
    const out: string[] = [];
    const raw: Record<string, string> = {};
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const head = /^(\S+?)\s*First Published:\s*(.+?)\s*(?:Updated Date:\s*(.+))?$/.exec(l);
      if (head) {
        idHint = normaliseTrialId(head[1]!)?.id ?? null;
        raw.cochraneFirstPublished = head[2]!;
        if (head[3]) raw.cochraneUpdated = head[3];
        continue;
      }
      const pair = /^1\.\s+(.+)$/.exec(l);
      const val = /^2\.\s+(.+)$/.exec(lines[i + 1] ?? '');
      if (pair && val) { out.push(`${pair[1]}: ${val[1]}`); i++; continue; }
      out.push(l);
    }
    // split off the reference records
    const firstRef = out.findIndex((l) => /^Reference record$/i.test(l));
    const body = firstRef < 0 ? out : out.slice(0, firstRef);
    const records: string[][] = [];
    if (firstRef >= 0) for (const l of out.slice(firstRef)) { if (/^Reference record$/i.test(l)) records.push([]); else records[records.length - 1]!.push(l); }
    const refs: { title: string | null; authors: string[]; kind: string; results: string | null; text: string[] }[] = [];
    for (const rec of records) {
      const ls = rec.filter((l) => l !== '');
      const kindAt = ls.findIndex((l) => /^(journal article|trial registry record|conference (?:abstract|proceeding)|preprint|review|letter)$/i.test(l));
      if (kindAt < 0) continue;
      const before = ls.slice(0, kindAt);
      const authors = before.length > 1 ? readAuthors(before[before.length - 1]!) : [];
      const title = (authors.length ? before.slice(0, -1) : before).join(' ') || null;
      const next = ls[kindAt + 1] ?? '';
      const hasResults = /^(report results|no results|results)$/i.test(next);
      refs.push({ title, authors, kind: ls[kindAt]!, results: hasResults ? next : null, text: ls.slice(kindAt + (hasResults ? 2 : 1)) });
    }
    const registryRecords = refs.filter((r) => /trial registry record/i.test(r.kind));
    const lines2 = [...body];
    // the registry record's text is the registration itself: read it with the vocabulary
    for (const r of registryRecords) lines2.push('', ...r.text.filter((l) => !/^(ChiCTR|NCT|IRCT|ISRCTN|DRKS|CTRI|ACTRN|EUCTR)\S*$/.test(l)));
    // the page's title line (before the classification) is the registration's title
    const titleLine = body.find((l) => l !== '' && !/:/.test(l) && l.length > 30 && !/register|study record/i.test(l)) ?? null;
    return {
      lines: lines2,
      idHint,
      finish(reg) {
        reg.titles.public ??= titleLine ?? registryRecords[0]?.title ?? null;
        if (raw.cochraneUpdated) reg.source.lastRefreshed ??= cochraneDate(raw.cochraneUpdated);
        for (const [k, v] of Object.entries(raw)) reg.raw = { ...(reg.raw ?? {}), [k]: v };
        for (const r of registryRecords) {
          const posted = readResultsPosted(r.results);
          if (posted !== null) reg.results.posted ??= posted;
        }
        for (const r of refs.filter((x) => !/trial registry record/i.test(x.kind))) {
          const abstract = r.text.join('\n').trim() || null;
          const ref = readCitation([r.authors.join(', '), r.title].filter(Boolean).join('. '));
          ref.type = r.kind.toLowerCase().replace(/\s+/g, '_');
          ref.title = r.title;
          ref.authors = r.authors;
          ref.abstract = abstract;
          ref.registrationIds = findTrialIds(abstract ?? '');
          reg.references.push(ref);
          // "TRIAL REGISTRATION: …, ChiCTR2000030261. Registered on 26 February 2020" states this trial's registration date
          const m = abstract ? /trial registration:?[^.]*?(\S+?)\.?\s+registered (?:on )?(\d{1,2} \w+ \d{4}|\w+ \d{1,2},? \d{4})/i.exec(abstract) : null;
          if (m && normaliseTrialId(m[1]!.replace(/[.,;]$/, ''))?.id === reg.id) reg.dates.registration ??= normaliseDate(m[2]!);
        }
      },
    };
  },
};

/** Section subtitles of portal pages ("Review the countries where …") — page furniture, not trial data. */
const PORTAL_FURNITURE = /^(?:Get|Review|Explore|Dive|See|Understand|Learn|Check|Meet|Identify|Additional clinical trials|The study team has not)\b.*\.$/;
const CTGOV_STATUS = /^(NOT_YET_RECRUITING|RECRUITING|ENROLLING_BY_INVITATION|ACTIVE_NOT_RECRUITING|SUSPENDED|TERMINATED|COMPLETED|WITHDRAWN|UNKNOWN|AVAILABLE|NO_LONGER_AVAILABLE|TEMPORARILY_NOT_AVAILABLE|APPROVED_FOR_MARKETING|WITHHELD)$/;
const CTGOV_PHASE = /^(EARLY_PHASE1|PHASE\d(?:\/PHASE\d)?|NA)$/;
const CTGOV_TYPE = /^(INTERVENTIONAL|OBSERVATIONAL|EXPANDED_ACCESS)$/;
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const SECTIONS = /^(Study Results|Basic Information|Brief Summary|Related Clinical Trials|Detailed Description|Conditions|Study Design|Study Groups|Interventions|Eligibility Criteria|Sponsors|Responsible Party|Principal Investigators|Locations|Countries|References|Other Identifiers|More Related Trials)$/;

/**
 * Trial portals built on ClinicalTrials.gov data (like seed 004): section headings with a one-sentence subtitle, the
 * API's enum words shown bare (`COMPLETED`, `PHASE1/PHASE2`, `INTERVENTIONAL`, `RANDOMIZED`…), the enrollment as
 * `29 participants`, two unlabeled ISO dates, ages/sex/healthy volunteers as bare lines after the criteria, and arms
 * and interventions as name/description pairs. This profile turns those into labelled lines.
 */
const ctgovPortal: SiteProfile = {
  id: 'ctgov-portal',
  registry: 'ClinicalTrials.gov',
  marker: /^(?:Basic Information|Related Clinical Trials|More Related Trials)$/m,
  prepare(lines) {
    const sections = new Map<string, string[]>();
    let name = '';
    for (const l of lines) {
      if (SECTIONS.test(l)) { name = l; sections.set(name, []); continue; }
      if (PORTAL_FURNITURE.test(l) && name !== 'Study Results') continue;
      sections.get(name)?.push(l);
    }
    const out: string[] = [];
    const rawExtra: Record<string, string> = {};
    for (const [sec, body] of sections) {
      const ls = body.filter((l) => l !== '');
      if (sec === 'Basic Information') {
        const dates: string[] = [];
        for (const l of ls) {
          if (CTGOV_STATUS.test(l)) out.push(`Overall Status: ${l.replace(/_/g, ' ')}`);
          else if (CTGOV_PHASE.test(l)) out.push(`Phase: ${l}`);
          else if (CTGOV_TYPE.test(l)) out.push(`Study Type: ${l}`);
          else if (/^\d[\d,]*\s+participants?$/i.test(l)) rawExtra.enrollment = l;
          else if (ISO_DATE.test(l)) dates.push(l);
        }
        // two unlabeled milestones: the first is the start; the last the (primary) completion — kept as completion
        if (dates[0]) out.push(`Start Date: ${dates[0]}`);
        if (dates.length > 1) out.push(`Completion Date: ${dates[dates.length - 1]}`);
        if (dates.length) rawExtra.milestoneDates = dates.join('; ');
      } else if (sec === 'Eligibility Criteria') {
        // bare lines after the bulleted criteria: minimum age, maximum age, sex, healthy volunteers
        const tail: string[] = [];
        while (ls.length && !/^[*•-]\s/.test(ls[ls.length - 1]!) && !/criteria$/i.test(ls[ls.length - 1]!)) tail.unshift(ls.pop()!);
        out.push(...ls);
        const ages = tail.filter((l) => /^\d+(?:\.\d+)?\s+(?:years?|months?|weeks?|days?)$/i.test(l));
        if (ages[0]) out.push(`Minimum Age: ${ages[0]}`);
        if (ages[1]) out.push(`Maximum Age: ${ages[1]}`);
        const sex = tail.find((l) => /^(ALL|FEMALE|MALE)$/i.test(l));
        if (sex) out.push(`Sex: ${sex}`);
        const hv = tail.find((l) => /^(Yes|No)$/i.test(l));
        if (hv) out.push(`Accepts Healthy Volunteers: ${hv}`);
      } else if (sec === 'Study Results') {
        out.push(`Results: ${ls.join(' ')}`);
      } else if (sec === 'Study Groups' || sec === 'Interventions') {
        continue; // read in finish(), where both lists are at hand
      } else if (sec === 'Other Identifiers') {
        out.push('Other Identifiers', ...ls.filter((l) => !/^Identifier (?:Type|Source):/i.test(l)));
        rawExtra.otherIdentifierDetails = ls.join('\n');
      } else {
        out.push(sec, ...body);
      }
    }
    const interventions = pairs(sections.get('Interventions') ?? []);
    const groups = (sections.get('Study Groups') ?? []).filter((l) => l !== '');
    return {
      lines: out,
      idHint: null,
      finish(reg) {
        for (const [k, v] of Object.entries(rawExtra)) reg.raw = { ...(reg.raw ?? {}), [k]: v };
        // a completed/terminated ClinicalTrials.gov study reports its actual enrollment (the registry requires the update)
        const n = rawExtra.enrollment ? parseInt(rawExtra.enrollment.replace(/,/g, ''), 10) : null;
        if (n !== null) {
          reg.enrollment.raw = rawExtra.enrollment!;
          if (reg.status.recruitment === 'completed' || reg.status.recruitment === 'terminated') reg.enrollment.actual = n;
          else reg.enrollment.target = n;
        }
        reg.interventions = interventions.map(([name, description]) => ({ type: null, name, description, cellTherapy: null }));
        reg.arms = readGroups(groups, interventions);
      },
    };
  },
};

/** name/description lines → pairs. */
function pairs(lines: string[]): [string, string | null][] {
  const ls = lines.filter((l) => l !== '');
  const out: [string, string | null][] = [];
  for (let i = 0; i < ls.length; i += 2) out.push([unescapeText(ls[i]!), ls[i + 1] ? unescapeText(ls[i + 1]!) : null]);
  return out;
}

/** Study groups: arm label, arm description, then the names (and descriptions) of its interventions. */
function readGroups(lines: string[], interventions: [string, string | null][]): Registration['arms'] {
  const arms: Registration['arms'] = [];
  const names = new Map(interventions.map(([n, d]) => [n.toLowerCase(), d]));
  for (let i = 0; i < lines.length; i++) {
    const l = unescapeText(lines[i]!);
    const arm = arms[arms.length - 1];
    if (names.has(l.toLowerCase()) && arm) {
      arm.interventions.push(l);
      const d = names.get(l.toLowerCase());
      if (d && unescapeText(lines[i + 1] ?? '') === d) i++;
    } else if (!arm || arm.interventions.length || arm.description !== null) {
      arms.push({ label: l, type: null, description: null, interventions: [] });
    } else {
      arm.description = l;
    }
  }
  return arms;
}

/** A profile whose only work is rewriting lines. */
function rewriting(id: string, registry: Registry, marker: RegExp, rewrite: (lines: string[]) => string[], strictLabels = false): SiteProfile {
  return { id, registry, marker, prepare: (lines) => ({ lines: rewrite(lines), idHint: null, strictLabels, finish: () => {} }) };
}

/**
 * ANZCTR: every label and list value carries the database's numbers (`Secondary ID [1] 301122 0`,
 * `COVID-19 pneumonia 317655 0`); the sponsor's name sits under `Primary sponsor type` as `Name`; recruitment in
 * Australia / New Zealand is a heading, not a country list.
 */
const anzctr = rewriting('anzctr', 'ANZCTR', /Australian New Zealand Clinical Trials Registry|Trial registered on ANZCTR|\bACTRN\d{14}/i, (lines) => {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/(?:\s+\d{5,7}){1,2}(?:\s+\d){1,2}$/, '');
    if (/^Primary sponsor type$/i.test(l)) {
      const at = lines.slice(i + 1, i + 6).findIndex((x) => /^Name$/i.test(x));
      if (at >= 0 && lines[i + 2 + at]) out.push(`Primary sponsor: ${lines[i + 2 + at]}`);
      out.push(l);
      continue;
    }
    const rec = /^Recruitment in (Australia|New Zealand)$/i.exec(l);
    if (rec) { out.push(`Countries: ${rec[1]}`); continue; }
    out.push(l);
  }
  return out;
});

/** ISRCTN's header table flattens to `ISRCTN ISRCTN17263504`, `Secondary identifying numbers CPMS 45511, NCT04399876`. */
/** The page title above it is the public title; contact blocks say `Type` / `Scientific` before the name. */
const isrctn = rewriting('isrctn', 'ISRCTN', /\bISRCTN\s?\d{8}|isrctn\.com/i, (lines) => {
  const out = lines.map((l) => {
    const m = /^(ISRCTN|DOI|IRAS number|Secondary identifying numbers|ClinicalTrials\.gov number|EudraCT number|Protocol\/serial number) (\S.*)$/.exec(l);
    return m ? `${m[1]}: ${m[2]}` : l;
  });
  const idAt = out.findIndex((l) => /^ISRCTN: /.test(l));
  const titleAt = out.findIndex((l) => l !== '');
  if (idAt > 0 && titleAt >= 0 && titleAt < idAt && !out[titleAt]!.includes(':')) out[titleAt] = `Public title: ${out[titleAt]}`;
  const res: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (/^Type$/.test(out[i]!) && /^(Scientific|Public|Principal investigator|Primary contact)$/i.test(out[i + 1] ?? '')) { res.push(`Role: ${out[i + 1]}`); i++; continue; }
    if (/^(Primary|Additional) contact$/i.test(out[i]!)) continue;
    res.push(out[i]!);
  }
  return res;
});

/**
 * Pages laid out as `Label:` alone on a line with the value on the next (ChiCTR, ITMCTR): join each pair into
 * `Label: value` so unknown labels cannot run into the value of the block above; labels with no value are dropped.
 * Lines wrapped inside a label (`Collecting sample(s)` / `from participants:`) are joined first.
 */
export function joinColonPairs(lines: string[]): string[] {
  const isLabel = (l: string | undefined): boolean => l !== undefined && /[:：]$/.test(l) && l.length <= 160;
  const isPair = (l: string | undefined): boolean => l !== undefined && /^[A-Z][^:：]{1,60}[:：]\s+\S/.test(l);
  // 1. labels wrapped over two lines (`Collecting sample(s)` / `from participants:`)
  const src = lines.filter((l) => l !== '');
  const ls: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const l = src[i]!;
    const next = src[i + 1];
    if (!isLabel(l) && isLabel(next) && l.length <= 40 && /^[A-Z][\w ()/-]*$/.test(l) && /^[a-z(]/.test(next!)) { ls.push(`${l} ${next}`); i++; } else ls.push(l);
  }
  // 2. label + value lines → `Label: value`
  const out: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!;
    if (!isLabel(l)) { out.push(l); continue; }
    const label = l.replace(/[:：]$/, '');
    const values: string[] = [];
    while (i + 1 < ls.length && !isLabel(ls[i + 1]) && !isPair(ls[i + 1]) && !(CJK_LINE.test(ls[i + 1]!) && isLabel(ls[i + 2]))) values.push(ls[++i]!);
    if (CJK_LINE.test(label)) continue; // the Chinese twin of an English label, and its Chinese value
    if (values.length) out.push(`${label}: ${values[0]}`, ...values.slice(1));
  }
  return out;
}
const CJK_LINE = /[\u3400-\u9fff]/;

/**
 * ChiCTR: bilingual `Label:` / value pairs; contacts as `Applicant …` / `Study leader's …` fields; outcomes as
 * `Outcome:` + `Type: Primary indicator` + `Measure time point of outcome:`; ages as `Min age` / `18` / `years`.
 */
const chictr: SiteProfile = {
  id: 'chictr',
  registry: 'ChiCTR',
  marker: /Chinese Clinical Trial Regist|\bChiCTR[-\d]/i,
  prepare(lines) {
    const joined = joinColonPairs(chictrAges(lines));
    const out: string[] = [];
    const people: Record<string, Record<string, string>> = {};
    for (let i = 0; i < joined.length; i++) {
      const l = joined[i]!;
      const who = /^(Applicant|Study leader)(?:'s)?\s*(telephone|E-mail|Fax|address)?\s*:\s*(.*)$/i.exec(l);
      if (who) {
        const p = (people[who[1]!.toLowerCase()] ??= {});
        p[(who[2] ?? 'name').toLowerCase()] = who[3]!;
        continue;
      }
      const outcome = /^Outcome:\s*(.+)$/i.exec(l);
      if (outcome) {
        const rest = joined.slice(i + 1, i + 5);
        const type = rest.find((x) => /^Type:/i.test(x)) ?? '';
        const time = rest.find((x) => /^Measure time point of outcome:/i.test(x));
        out.push(`${/secondary/i.test(type) ? 'Secondary' : 'Primary'} outcome: ${outcome[1]}`);
        if (time) out.push(`Time frame: ${time.replace(/^[^:]+:\s*/, '')}`);
        continue;
      }
      if (/^(Type|Measure time point of outcome|Measure method):/i.test(l)) continue;
      out.push(l);
    }
    for (const [role, p] of Object.entries(people)) {
      out.push(`${role === 'applicant' ? 'Applicant' : 'Study leader'}`, `Name: ${p.name ?? ''}`);
      if (p.telephone) out.push(`Telephone: ${p.telephone}`);
      if (p['e-mail']) out.push(`Email: ${p['e-mail']}`);
    }
    return { lines: out, idHint: null, strictLabels: true, finish: () => {} };
  },
};

/** ChiCTR ages: `Min age` / `18` / `years` → `Min age: 18 years`. */
function chictrAges(lines: string[]): string[] {
  const ls = lines.filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    const age = /^(Min|Max) age$/i.exec(ls[i]!);
    if (age && /^\d+(?:\.\d+)?$/.test(ls[i + 1] ?? '')) {
      const hasUnit = /^(years?|months?|weeks?|days?)$/i.test(ls[i + 2] ?? '');
      out.push(`${age[1]} age: ${ls[i + 1]} ${hasUnit ? ls[i + 2] : 'years'}`);
      i += hasUnit ? 2 : 1;
    } else out.push(ls[i]!);
  }
  return out;
}

/**
 * EU CTR protocol pages: table rows `E.8.1.1<TAB>Randomised<TAB>Yes` (item numbers dropped, label/value kept), the
 * member state as `Spain - AEMPS`, the sponsor's own country (not a recruitment country), and the age groups
 * `Trial has subjects under 18` / `Adults (18-64 years)` / `Elderly (>=65 years)` turned into age limits.
 */
const euctr = rewriting('euctr', 'EUCTR', /EU Clinical Trials Register|^EudraCT Number:/im, (lines) => {
  const out: string[] = [];
  const groups: Record<string, boolean | null> = {};
  for (const line of lines) {
    const numbered = /^[A-Z]\.(?:[\dA-Z]+\.?)*[ \t]/.test(line);
    const l = line.replace(/^(?:[A-Z](?:\.[\dA-Z]+)+(?: and [A-Z](?:\.[\d]+)+)?|[A-Z]\.[A-Za-z ]+?(?=\t))\t/, '');
    const cells = l.split('\t');
    if (numbered && cells.length < 2) continue; // section and item headings (`E.7 Trial type and phase`)
    const [label, value] = [cells[0]!.trim(), (cells[1] ?? '').trim()];
    if (/^Member State Concerned$/i.test(label)) { out.push(`Countries: ${value.replace(/\s+-\s+.*$/, '')}`); continue; }
    if (/^Country$/i.test(label)) { out.push(`Sponsor country: ${value}`); continue; }
    const age = /^(Trial has subjects under 18|Adults \(18-64 years\)|Elderly \(>=65 years\))$/i.exec(label);
    if (age) { groups[age[1]!.slice(0, 5).toLowerCase()] = /^yes$/i.test(value) ? true : /^no$/i.test(value) ? false : null; continue; }
    out.push(cells.length >= 2 ? `${label}: ${cells.slice(1).join(' ').trim()}` : l);
  }
  if (groups.trial === false && groups.adult === true) out.push('Minimum age: 18 Years');
  if (groups.adult === true && groups.elder === false) out.push('Maximum age: 64 Years');
  return out;
}, true);

/**
 * IRCT trial pages: the number stands alone under the title; lists are numbered groups of `Description` /
 * `Timepoint` / `Category` sub-fields under `Primary outcomes`, `Intervention groups`…; "empty" marks a blank field;
 * `Placebo` / `Used`; contacts under `Person responsible for general|scientific inquiries`.
 */
const IRCT_LISTS: Record<string, string> = {
  'primary outcomes': 'Primary outcome', 'secondary outcomes': 'Secondary outcome', 'intervention groups': 'Intervention',
  'control groups': 'Intervention', 'health conditions studied': 'Condition',
};
const irct: SiteProfile = {
  id: 'irct',
  registry: 'IRCT',
  marker: /Iranian Registry of Clinical Trials|\birct\.ir\b/i,
  prepare(lines) {
    const ls = lines.filter((l) => l !== '' && !/^empty$/i.test(l));
    const idHint = ls.slice(0, 10).find((l) => /^IRCT\d{9,14}N\d{1,3}$/.test(l)) ?? null;
    const out: string[] = [];
    let list: string | null = null;
    let section = '';
    let sponsorDone = false;
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i]!;
      const next = ls[i + 1] ?? '';
      const key = l.toLowerCase();
      if (key in IRCT_LISTS) { list = IRCT_LISTS[key]!; section = key; continue; }
      if (/^(Recruitment centers|Sponsors \/ Funding sources|Person responsible for .*|Ethics committees)$/i.test(l)) { list = null; section = key; out.push(l); continue; }
      if (/^\d{1,2}$/.test(l)) continue; // item numbers of a list
      if (list && /^Description$/i.test(l)) { out.push(`${list}: ${next}`); i++; continue; }
      if (list && /^Timepoint$/i.test(l)) { out.push(`Timepoint: ${next}`); i++; continue; }
      if (list && /^(Category|Method of measurement|ICD-10 code|ICD-10 code description)$/i.test(l)) { i++; continue; }
      if (/^Placebo$/i.test(l) && /^(Not )?used$/i.test(next)) { out.push(`Placebo: ${/^not/i.test(next) ? 'No' : 'Yes'}`); i++; continue; }
      if (section.startsWith('sponsors') && !sponsorDone && /^Name of organization \/ entity$/i.test(l)) {
        out.push(`Primary sponsor: ${next}`); i++; sponsorDone = true; continue;
      }
      if (section.startsWith('person responsible') && /^Contact$/i.test(l)) continue;
      if (list === null && /^Description$/i.test(l)) { i++; continue; }
      out.push(l);
    }
    return { lines: out, idHint, finish: () => {} };
  },
};

/**
 * CTRI: a two-column table with sub-tables flattened into tab-separated rows — header rows (`Outcome<TAB>TimePoints`)
 * followed by data rows; the number cell also carries `[Registered on: 18/05/2020] Trial Registered Prospectively`;
 * ages as `Age From<TAB>18.00 Year(s)`; interventions as `Intervention|Comparator Agent<TAB>name<TAB>details` rows.
 */
const ctri: SiteProfile = {
  id: 'ctri',
  registry: 'CTRI',
  marker: /Clinical Trials Registry\s*-\s*India|\bCTRI\/\d{4}\//i,
  prepare(lines) {
    const out: string[] = [];
    const interventions: [string, string | null][] = [];
    let table: 'primary' | 'secondary' | 'condition' | 'intervention' | 'skip' | null = null;
    for (const raw of lines) {
      const l = raw.replace(/Year\(s\)/g, 'Years').replace(/Month\(s\)/g, 'Months');
      const cells = l.split('\t').map((c) => c.trim());
      const head = cells[0]!;
      const num = /^CTRI Number$/i.test(head) ? /\[Registered on:\s*([^\]]+)\]\s*(.*)$/i.exec(cells[1] ?? '') : null;
      if (num) {
        out.push(`CTRI Number: ${cells[1]!.replace(/\s*\[.*$/, '')}`, `Date of registration: ${num[1]}`);
        if (num[2]) out.push(`Type of registration: ${num[2]}`);
        continue;
      }
      if (/^Primary Outcome$/i.test(head)) { table = 'primary'; continue; }
      if (/^Secondary Outcome$/i.test(head)) { table = 'secondary'; continue; }
      if (/^Health Condition \/ Problems Studied$/i.test(head)) { table = 'condition'; continue; }
      if (/^Intervention \/ Comparator Agent$/i.test(head)) { table = 'intervention'; continue; }
      if (/^(Secondary IDs if Any|Details of Secondary Sponsor|Sites of Study|Regulatory Clearance Status from DCGI|Details of Ethics Committee)$/i.test(head)) {
        table = 'skip'; out.push(head); continue;
      }
      if (table && cells.length >= 2 && !fieldLike(head)) {
        if (table === 'primary' || table === 'secondary') out.push(`${table === 'primary' ? 'Primary' : 'Secondary'} outcome: ${head}`, `Time frame: ${cells[1]}`);
        else if (table === 'condition') out.push(`Condition: ${(cells[1] ?? '').replace(/^.*\|\|/, '').trim()}`);
        else if (table === 'intervention') interventions.push([cells[1] ?? head, cells[2] || null]);
        continue;
      }
      table = null;
      if (/^Primary Sponsor$/i.test(head) && /^Name$/i.test(cells[1] ?? '')) { out.push(`Primary Sponsor: ${cells[2] ?? ''}`); continue; }
      if (/^Inclusion Criteria$/i.test(head) && /^Age From$/i.test(cells[1] ?? '')) { out.push(`Minimum age: ${cells[2] ?? ''}`, 'Inclusion Criteria'); continue; }
      if (/^Age To$/i.test(head)) { out.push(`Maximum age: ${cells[1] ?? ''}`); continue; }
      if (/^Details$/i.test(head)) { out.push(`Inclusion Criteria: ${cells.slice(1).join(' ')}`); continue; }
      if (/^Exclusion ?Criteria$/i.test(head)) { out.push(`Exclusion Criteria: ${cells.slice(/^Details$/i.test(cells[1] ?? '') ? 2 : 1).join(' ')}`); continue; }
      out.push(l);
    }
    return {
      lines: out,
      idHint: null,
      finish(reg) {
        if (interventions.length) reg.interventions = interventions.map(([name, description]) => ({ type: null, name, description, cellTherapy: null }));
      },
    };
  },
};

/** Is this cell a label CTRI prints in its main column (so the sub-table above has ended)? */
function fieldLike(cell: string): boolean {
  return /^(Inclusion Criteria|ExclusionCriteria|Exclusion Criteria|Method of .*|Blinding\/Masking|Target Sample Size|Phase of Trial|Date of .*|Estimated Duration of Trial|Recruitment Status.*|Publication Details|Brief Summary|Countries of Recruitment|Primary Sponsor|Source of Monetary.*|Details .*|Type of .*|Secondary Outcome|Primary Outcome|Health Condition.*|Intervention \/ Comparator Agent|Name of Principal Investigator)$/i.test(cell);
}

/**
 * DRKS: conditions written `ICD10: U07.1 - COVID-19, virus identified` / `Free text: …`, and the sample size is the
 * actual one when `Planned/Actual: Actual`.
 */
const drks = rewriting('drks', 'DRKS', /German Clinical Trials Register|Deutsches Register Klinischer Studien|\bDRKS\d{8}/i, (lines) => {
  const actual = lines.some((l) => /^Planned\/Actual:\s*Actual$/i.test(l));
  return lines.map((l) => {
    const icd = /^ICD-?10:\s*[A-Z]\d{2}(?:\.\d+)?\s*-\s*(.+)$/i.exec(l);
    if (icd) return icd[1]!;
    const free = /^Free text:\s*(.+)$/i.exec(l);
    if (free) return free[1]!;
    if (actual && /^Target Sample Size:/i.test(l)) return l.replace(/^Target Sample Size/i, 'Actual sample size');
    return l;
  });
});

/**
 * ClinicalTrials.gov tabular view: each current value carries ` (submitted: date)` notes, and the contacts row says
 * "Contact information is only displayed when the study is recruiting subjects".
 */
const ctgovTabular = rewriting('ctgov-tabular', 'ClinicalTrials.gov', /^Tabular View$|\bICMJE\b/m, (lines) => lines
  .map((l) => l.replace(/\s*\(submitted: [^)]*\)\s*/g, ' ').replace(/\s+\(Final data collection date for primary outcome measure\)/, '').trim())
  .map((l) => l.replace(/\tContact information is only displayed.*$/i, '')));

const TIME_FRAME_LIKE = /\b(?:day|week|month|year|hour|minute|baseline|visit|discharge|end of|follow[- ]?up)s?\b|^\d/i;
const CTGOV_SECTIONS = /^(Secondary Outcome Measures|Other Outcome Measures|Collaborators and Investigators|Eligibility Criteria|Study Record Dates|Publications & Helpful Links|More Information|Participation Criteria|Contacts and Locations)$/i;

/**
 * The current ClinicalTrials.gov study page: header lines `ClinicalTrials.gov ID NCT…` / `Last Update Posted 2021-03-01`,
 * outcome tables flattened to measure / description / time frame lines, arm tables with a header row.
 */
const ctgovCurrent = rewriting('ctgov-current', 'ClinicalTrials.gov', /^(?:Study Overview|ClinicalTrials\.gov ID\b.*)$/m, (lines) => {
  const out: string[] = [];
  let outcomes = false;
  let group: string[] = [];
  const flush = (): void => {
    if (group.length) out.push(`${group[0]} [Time Frame: ${group[group.length - 1]}]`, ...group.slice(1, -1));
    group = [];
  };
  for (const raw of lines) {
    const l = raw.replace(/^(ClinicalTrials\.gov ID|Last Update Posted|First Posted|Study Start) (?=\S)/, '$1: ');
    if (/^(Primary|Secondary|Other) Outcome Measures$/i.test(l)) { flush(); outcomes = true; out.push(l); continue; }
    if (outcomes && CTGOV_SECTIONS.test(l) && !/Outcome Measures$/i.test(l)) { flush(); outcomes = false; }
    if (/^Outcome Measure\tMeasure Description\tTime Frame$|^Participant Group\/Arm\tIntervention\/Treatment$/i.test(l)) continue;
    if (!outcomes || l === '') { out.push(l); continue; }
    group.push(l);
    if (group.length >= 2 && TIME_FRAME_LIKE.test(l) && l.length <= 120) flush();
  }
  flush();
  return out;
});

/** Markers of the sites whose pages the vocabulary reads as they are. */
const plain = (id: string, registry: Registry | null, marker: RegExp): SiteProfile => ({ id, registry, marker });

/** Most specific first: the first profile whose marker matches is the page's site. */
export const SITES: SiteProfile[] = [
  cochrane,
  ctgovPortal,
  plain('ictrp', null, /World Health Organization|WHO Trial Registration Data Set|International Clinical Trials Registry Platform/i),
  euctr,
  anzctr,
  isrctn,
  chictr,
  ctri,
  drks,
  irct,
  ctgovTabular,
  ctgovCurrent,
  plain('ctgov', 'ClinicalTrials.gov', /ClinicalTrials\.gov|Tracking Information|NCT #|\bNCT\d{8}\b/i),
];

/** The site a page comes from, or null. */
export function siteOf(text: string): SiteProfile | null {
  return SITES.find((s) => s.marker.test(text)) ?? null;
}
