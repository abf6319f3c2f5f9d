/**
 * Labelled blocks → canonical registration. One mapper per page field, each reusing the shared normalisers
 * (src/normalise) and the small readers of ./values, ./lists and ./people. The first stated value of a scalar field
 * wins; list fields gather every block. Nothing is inferred beyond what a label states.
 */
import { emptyRegistration, type Arm, type Intervention, type Registration, type Registry } from '../../model/registration.js';
import { normaliseDate } from '../../normalise/dates.js';
import { normaliseTrialId, findTrialIds, type TrialId } from '../../normalise/ids.js';
import { normalisePhase } from '../../normalise/phase.js';
import { normaliseSex } from '../../normalise/sex.js';
import { normaliseStatus } from '../../normalise/status.js';
import { normaliseStudyType } from '../../normalise/study-type.js';
import { normaliseCountries, normaliseCountry } from '../../normalise/countries.js';
import { ageToYears } from '../../normalise/ages.js';
import { valueLines, valueText, type Block } from './blocks.js';
import { criteriaItems, interventionItems, outcomeItems, prose } from './lists.js';
import { dedupeContacts, isSubKey, readCitation, readContacts } from './people.js';
import {
  readAgeRange, readAllocation, readCentres, readControl, readCount, readMasking, readModel, readPurpose,
  readResultsPosted, readYesNo, unescapeText, isEuAgeLine, euAgeLimits,
} from './values.js';
import { fieldOfLabel, type PageField } from './vocabulary.js';

/**
 * The page's own registration number: from an id label (one of the site's own registry when the page names several,
 * e.g. a DRKS page's `EudraCT-Number` beside its `DRKS-ID`), else a site profile's find, else the page URL.
 */
export function ownTrialId(blocks: Block[], hint: string | null, siteRegistry: Registry | null = null): TrialId | null {
  const labelled = blocks.filter((x) => x.field === 'id').flatMap((b) => valueLines(b))
    .map((line) => normaliseTrialId(line) ?? normaliseTrialId(findTrialIds(line)[0] ?? ''))
    .filter((x): x is TrialId => x !== null);
  const own = labelled.find((x) => x.registry === siteRegistry) ?? labelled[0];
  if (own) return own;
  if (hint) { const h = normaliseTrialId(hint); if (h) return h; }
  // the page's header, above its first label, names its own number (`Trial DRKS00031477`, `RBR-5k7m2qz`, a copied
  // `ISRCTN72904581 https://doi.org/…`) when no label does
  const head = blocks[0]?.label === '' ? valueLines(blocks[0]).slice(0, 12) : [];
  for (const line of head) {
    const found = findTrialIds(line)[0];
    if (found && line.trim().split(/\s+/).length <= 6) { const t = normaliseTrialId(found); if (t) return t; }
  }
  for (const b of blocks.filter((x) => x.field === 'url')) {
    const first = findTrialIds(valueText(b))[0];
    if (first) return normaliseTrialId(first);
  }
  return null;
}

/** Status words of registries the shared normaliser does not know (UMIN-CTR) → the common wording. */
const PAGE_STATUS: [RegExp, string][] = [
  [/^open public recruiting$/i, 'Recruiting'],
  [/^preinitiation$/i, 'Not yet recruiting'],
  [/^recruiting ongoing$/i, 'Recruiting'],
  [/^main results already published$/i, 'Completed'],
  [/^recruitment (?:stopped|closed)$/i, 'Active, not recruiting'],
  [/^ongoing,?\s*recruiting$/i, 'Recruiting'], // CTIS
  [/^open\s*[–—-]\s*recruiting(?: now)?$/i, 'Recruiting'], // news pages: `Open – recruiting now`
  [/^ongoing,?\s*recruitment ended$/i, 'Active, not recruiting'],
  [/^ongoing,?\s*not yet recruiting$/i, 'Not yet recruiting'],
];
function pageStatus(v: string): string {
  return PAGE_STATUS.find(([re]) => re.test(v.trim()))?.[1] ?? v;
}

/**
 * The two sides of a bilingual value (REPEC `Ambos / Both`, `4 Años / Years`, `Paralelo / Model: Parallel`): the
 * English side first, its repeated label dropped; none when the value is not one `a / b` pair.
 */
function bilingualSides(v: string): string[] {
  const parts = v.split(' / ');
  if (parts.length !== 2) return [];
  return [parts[1]!, parts[0]!].map((p) => {
    const lab = /^([^:：]{2,40})[:：]\s*(.+)$/.exec(p.trim());
    return lab && fieldOfLabel(lab[1]!) ? lab[2]!.trim() : p.trim();
  }).filter((p) => p !== '');
}

/** Text of the first block of `field` that has a value. */
function first(blocks: Block[], field: PageField): string | null {
  for (const b of blocks) if (b.field === field) { const v = valueText(b); if (v) return v; }
  return null;
}
function all(blocks: Block[], field: PageField): Block[] {
  return blocks.filter((b) => b.field === field);
}
function setRaw(reg: Registration, key: string, value: string | null): void {
  if (value == null || value === '') return;
  reg.raw = { ...(reg.raw ?? {}), [key]: reg.raw?.[key] ? `${reg.raw[key]}\n${value}` : value };
}
function addUnique(list: string[], value: string): void {
  if (!list.some((x) => x.toLowerCase() === value.toLowerCase())) list.push(value);
}
/** A page date: the whole value, else the first date-looking words in it (`Anticipated Actual 01/07/2020`). */
function date(input: string | null): string | null {
  if (!input) return null;
  // UMIN-CTR writes `2023 Year 09 Month 01 Day`
  const s = input.replace(/\b(\d{4}) Year (\d{1,2}) Month (?:(\d{1,2}) Day)?/gi, (_, y: string, m: string, d?: string) => `${y}-${m.padStart(2, '0')}${d ? `-${d.padStart(2, '0')}` : ''}`);
  const whole = normaliseDate(s, 'dmy');
  if (whole) return whole;
  const m = /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|[A-Z][a-z]{2,8} \d{4})\b/.exec(s);
  return m ? normaliseDate(m[1]!, 'dmy') : null;
}

/** …of a value giving both (ANZCTR `Anticipated 1/06/2024` / `Actual 17/06/2024`): the actual date. */
function actualDate(input: string | null): string | null {
  const actual = input ? /\bActual\s*:?\s*(\d.*)$/i.exec(input)?.[1] : undefined;
  return (actual ? date(actual) : null) ?? date(input);
}

/**
 * The first block of `field` whose value `read` understands (a stray block of the same label must not win); a value
 * that does not read as a whole may read by its first line (a bilingual value: `Recruiting` / `正在进行`).
 */
function firstRead<T>(blocks: Block[], field: PageField, read: (v: string) => T | null): T | null {
  for (const b of blocks) {
    if (b.field !== field) continue;
    const v = valueText(b);
    const r = v ? read(v) : null;
    if (r !== null) return r;
    const ls = valueLines(b);
    const r1 = ls.length > 1 ? read(ls[0]!) : null;
    if (r1 !== null) return r1;
    for (const side of v ? bilingualSides(v) : []) { const r2 = read(side); if (r2 !== null) return r2; }
  }
  return null;
}

/** ClinicalTrials.gov sponsor classes a portal prints under each sponsor name. */
const SPONSOR_CLASS = /^(OTHER|INDUSTRY|NIH|FED|OTHER_GOV|NETWORK|INDIV|UNKNOWN|AMBIG)$/;

export function mapBlocks(blocks: Block[], id: TrialId | null, registry: Registry | null): Registration {
  const reg = emptyRegistration(id?.id ?? '', id?.registry ?? registry ?? 'other');
  mapIdentity(reg, blocks, id);
  mapSponsor(reg, blocks);
  mapStatusAndDates(reg, blocks);
  mapDesign(reg, blocks);
  mapEligibility(reg, blocks);
  mapContent(reg, blocks);
  mapHeaderBadges(reg, blocks);
  return reg;
}

const BADGE_STATUS = /^(?:NOT YET RECRUITING|RECRUITING|ENROLLING BY INVITATION|ACTIVE, NOT RECRUITING|SUSPENDED|TERMINATED|COMPLETED|WITHDRAWN)$/;
const BADGE_PHASE = /^(?:Early )?Phase ?[1-4](?: ?\/ ?(?:Phase ?)?[1-4])?$/i;
const BADGE_TYPE = /^(?:Interventional|Observational|Expanded Access)$/i;

/**
 * A portal's header, above the page's first label: the title, then badges alone on their lines — an upper-case
 * status (`RECRUITING`), `Phase 1/Phase 2`, `Interventional`. Read only for fields no label stated; the title is the
 * line right above the badges.
 */
function mapHeaderBadges(reg: Registration, blocks: Block[]): void {
  const head = blocks[0]?.label === '' ? valueLines(blocks[0]) : [];
  const isBadge = (l: string): boolean => BADGE_STATUS.test(l) || BADGE_PHASE.test(l) || BADGE_TYPE.test(l);
  const at = head.findIndex(isBadge);
  if (at < 0) return;
  for (const l of head.slice(at)) {
    if (!isBadge(l)) break;
    if (BADGE_STATUS.test(l) && !reg.status.recruitment) reg.status = normaliseStatus(l);
    else if (BADGE_PHASE.test(l) && !reg.phase) { reg.phaseRaw = l; reg.phase = normalisePhase(l); }
    else if (BADGE_TYPE.test(l) && !reg.studyType) reg.studyType = normaliseStudyType(l);
  }
  const title = head[at - 1];
  if (title && !reg.titles.public && title.length >= 20 && title.includes(' ') && !/[:›»|]/.test(title) && !isBadge(title)) reg.titles.public = title;
}

function mapIdentity(reg: Registration, blocks: Block[], id: TrialId | null): void {
  if (id?.suffix) reg.source.recordId = `${id.id}-${id.suffix}`;
  reg.source.url = (first(blocks, 'url') ?? '').match(/https?:\/\/\S+/)?.[0] ?? null;
  reg.source.lastRefreshed = date(first(blocks, 'lastRefreshed'));
  setRaw(reg, 'register', first(blocks, 'register'));
  reg.titles.public = first(blocks, 'publicTitle');
  reg.titles.scientific = first(blocks, 'scientificTitle');
  // `Trial Acronym: NIL` (CTRI), `N/A`: the page says there is none
  reg.titles.acronym = firstRead(blocks, 'acronym', (v) => (/^(?:nil|none|n\/?a|not applicable|-+)$/i.test(v) ? null : v));
  // a news page's `Study name: REPAIR-HF: Autologous bone marrow …` leads with the acronym
  reg.titles.acronym ??= all(blocks, 'publicTitle').filter((b) => /^study name$/i.test(b.label))
    .map((b) => /^([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*):\s+\S/.exec(valueText(b) ?? '')?.[1] ?? null).find(Boolean) ?? null;
  // an id label naming another number (DRKS `EudraCT-Number`, CTRI pages quoting an NCT id) is a secondary id
  // (ids seen kept in a Set, lower case: addUnique's scan of the list is quadratic on a page of thousands of ids)
  const seen = new Set(reg.secondaryIds.map((x) => x.toLowerCase()));
  const addId = (x: string): void => { if (!seen.has(x.toLowerCase())) { seen.add(x.toLowerCase()); reg.secondaryIds.push(x); } };
  for (const b of all(blocks, 'id')) {
    for (const x of valueLines(b).flatMap((l) => findTrialIds(l))) if (x.toLowerCase() !== reg.id.toLowerCase()) addId(x);
  }
  for (const b of [...all(blocks, 'secondaryIds'), ...all(blocks, 'otherIds')]) {
    for (const line of valueLines(b)) {
      const ids = findTrialIds(line).filter((x) => x.toLowerCase() !== reg.id.toLowerCase());
      for (const x of ids) addId(x);
      if (ids.length === 0 && !/^(nil|nil known|none|n\/?a|not applicable|-)$/i.test(line)) setRaw(reg, 'otherIdentifiers', line);
    }
  }
}

function mapSponsor(reg: Registration, blocks: Block[]): void {
  const names: string[] = [];
  const classes: string[] = [];
  let classLines = 0;
  for (const b of all(blocks, 'primarySponsor')) {
    for (const line of valueLines(b)) {
      if (SPONSOR_CLASS.test(line)) { classLines++; if (!classes.includes(line)) classes.push(line); continue; }
      if (/^name[:：]?$/i.test(line)) continue; // a form's `Name` row, its value on the next line
      if (/^(name of organi[sz]ation|address|type|country|phone|email|website)\s*:/i.test(line)) {
        const m = /^name of organi[sz]ation\s*:\s*(.+)$/i.exec(line);
        if (m) names.push(m[1]!.trim());
        continue;
      }
      names.push(line.replace(/^(?:name|sponsor)\s*:\s*/i, ''));
    }
  }
  reg.sponsor.primary = names[0] ?? null;
  // more names count as collaborators only where the page marks each with its class (portal layout); otherwise the
  // lines under the sponsor's name are its address
  if (classLines > 1) for (const n of names.slice(1)) addUnique(reg.sponsor.collaborators, n);
  // list bullets of saved HTML (`* Instituto de Salud Carlos III`) and ReBEC's `Institution:` prefix are not part of the name
  const orgName = (l: string): string => l.replace(/^[*•]\s+/, '').replace(/^Institution\s*:\s*/i, '');
  for (const b of all(blocks, 'collaborators')) for (const l of valueLines(b).map(orgName)) if (l && !/^not provided$/i.test(l)) addUnique(reg.sponsor.collaborators, l);
  for (const b of all(blocks, 'secondarySponsor')) for (const l of valueLines(b).flatMap((x) => x.split(/;\s+/)).map(orgName)) if (l) addUnique(reg.sponsor.secondary, l);
  const cls = first(blocks, 'sponsorClass');
  if (classes.length || cls) reg.sponsor.class = classes[0] ?? cls;
  // a sponsor type the page states in words (CTRI `Type of Sponsor: Pharmaceutical industry-Indian`, EU CTR
  // `Status of the sponsor: Commercial`); other wordings are left to the extraction stage
  if (cls) reg.sponsor.type = /\bindustry\b|^pharmaceutical|^commercial$/i.test(cls) ? 'industry' : /^government\b/i.test(cls) ? 'government' : null;
  setRaw(reg, 'funding', first(blocks, 'funding'));
}

const PLANNED = /\b(?:anticipated|planned|estimated|expected|proposed|intended)\b/i;

function mapStatusAndDates(reg: Registration, blocks: Block[]): void {
  // the first status the page states that we can read (CTRI: `(Global) Not Applicable`, then `(India) Recruiting`)
  const readStatus = (v: string): Registration['status'] | null => {
    const st = normaliseStatus(pageStatus(v));
    return st.recruitment ? { ...st, raw: v } : null;
  };
  const recruitment = firstRead(blocks, 'status', readStatus) ?? normaliseStatus(first(blocks, 'status'));
  const overall = firstRead(blocks, 'overallStatus', readStatus) ?? normaliseStatus(first(blocks, 'overallStatus'));
  const terminal = ['completed', 'terminated', 'withdrawn', 'suspended'];
  reg.status = overall.recruitment && (terminal.includes(overall.recruitment) || !recruitment.recruitment) ? overall : recruitment;
  if (reg.status.raw == null && overall.raw) reg.status = overall;
  const d = reg.dates;
  // ClinicalTrials.gov: the date submitted is the registration; the date the record was first posted counts only alone
  d.registration = firstRead(blocks.filter((b) => b.field !== 'registrationDate' || !/\bposted\b/i.test(b.label)), 'registrationDate', date)
    ?? firstRead(blocks, 'registrationDate', date);
  d.lastUpdate = firstRead(blocks, 'lastUpdate', date);
  // a page stating both the planned and the actual start (`Anticipated trial start date` / `Actual trial start date`,
  // `Date of first participant enrolment - Actual`, a cell giving `Anticipated …` / `Actual …`): the actual one
  // (…in other languages too: DRKS `Studienbeginn (tatsächlich)`, Spanish `(real)`, French `(réel)`)
  d.start = firstRead(blocks.filter((b) => b.field !== 'start' || /^actual\b|\bactual\)?$|\b(?:tatsächlich|real|efectiva|réelle?|efetiva)\)?$/i.test(b.label)), 'start', date)
    // (`Anticipated start date` then `Date of first enrollment`: the start not marked as planned)
    ?? (all(blocks, 'start').some((b) => PLANNED.test(b.label)) ? firstRead(blocks.filter((b) => b.field !== 'start' || !PLANNED.test(b.label)), 'start', actualDate) : null)
    ?? firstRead(blocks, 'start', actualDate);
  d.primaryCompletion = firstRead(blocks, 'primaryCompletion', date);
  d.completion = firstRead(blocks, 'completion', date);
  d.resultsPosted = firstRead(blocks, 'resultsPosted', date);
  // ChiCTR "From 2020-02-15 To 2020-05-31" (bilingual pages: `从From 2023-06-01 至To 2025-12-31`)
  // …and Chinese-only pages: `从2024-05-01至2026-12-31`
  const period = first(blocks, 'recruitmentPeriod')?.replace(/从(?!\s*from)/i, ' from ').replace(/至(?!\s*to)/i, ' to ').replace(/[\u3400-\u9fff]+/g, ' ') ?? null;
  const pm = period ? /from\s+(.+?)\s+to\s+(.+)$/i.exec(period) : null;
  if (pm) { d.start ??= date(pm[1]!); d.completion ??= date(pm[2]!); }
  // `Prospective Registration: Yes`, `Type of registration: Prospectively registered`, or ISRCTN's bare flag line
  const readProspective = (v: string): boolean | null => (/retrospect/i.test(v) ? false : /prospect/i.test(v) ? true : readYesNo(v));
  for (const b of all(blocks, 'prospective')) {
    const v = valueText(b);
    reg.prospective = (v ? readProspective(v) : null) ?? (/registered$/i.test(b.label) ? readProspective(b.label) : null);
    if (reg.prospective !== null) break;
  }
  // enrollment
  const counted = (v: string): string | null => (readCount(v) === null ? null : v); // the words a count was read from
  const target = firstRead(blocks, 'enrollmentTarget', counted);
  const actual = firstRead(blocks, 'enrollmentActual', counted);
  const plainBlock = all(blocks, 'enrollment').find((b) => valueText(b));
  const plain = plainBlock ? valueText(plainBlock) : null;
  reg.enrollment.target = readCount(target);
  reg.enrollment.actual = readCount(actual);
  if (plain) {
    // `Enrollment (Actual)`, `Enrollment: 40 (Actual)`: actual; otherwise (estimated, or unsaid) a target
    // (…or OMON `Participants: 620` / `Type: Actual`: a type line right under the count)
    const next = blocks[blocks.indexOf(plainBlock!) + 1];
    const typeLine = next && /^type\b/i.test(next.label) ? `${next.label} ${valueText(next) ?? ''}` : '';
    if (/actual/i.test(plain) || /actual/i.test(plainBlock!.label) || /^type\s*:?\s*actual\b/i.test(typeLine)) reg.enrollment.actual ??= readCount(plain);
    else reg.enrollment.target ??= readCount(plain);
  }
  const groups = all(blocks, 'groupSize').map((b) => readCount(valueText(b)));
  if (reg.enrollment.target === null && groups.length && groups.every((g) => g !== null)) {
    reg.enrollment.target = groups.reduce((a, g) => a! + g!, 0);
  }
  const groupRaw = groups.length ? `group sizes: ${groups.join(' + ')}` : null;
  reg.enrollment.raw = [target, actual, plain, groupRaw].filter(Boolean).join('; ') || null;
  if (reg.enrollment.raw && reg.enrollment.target === null && reg.enrollment.actual === null) reg.enrollment.raw = null;
}

const DESIGN_FIELDS: PageField[] = [
  'design', 'allocation', 'model', 'modelDescription', 'masking', 'maskingDescription', 'purpose', 'controlled',
  'placebo', 'controlGroup', 'centres', 'designFlag',
];

function mapDesign(reg: Registration, blocks: Block[]): void {
  const g = reg.design;
  const raw: string[] = [];
  const setAllocOrModel = (v: string): boolean => {
    const a = readAllocation(v);
    if (a) { g.allocation ??= a; return true; }
    const m = readModel(v);
    if (m) { g.model ??= m; return true; }
    return false;
  };
  const setMasking = (v: string): boolean => {
    const { masking, roles } = readMasking(v);
    if (!masking) return false;
    g.masking ??= masking;
    if (!g.maskedRoles.length) g.maskedRoles = roles;
    return true;
  };
  for (const b of blocks) {
    if (!DESIGN_FIELDS.includes(b.field)) continue;
    const v = valueText(b);
    if (!v) continue;
    raw.push(`${b.label}: ${valueLines(b).join('\n')}`);
    switch (b.field) {
      // (ICTRP `Parallel;Type of endpoint: Efficacy;` — the value ends at the first `;`)
      case 'allocation': case 'model':
        if (!setAllocOrModel(v) && !setAllocOrModel(valueLines(b)[0]!) && !setAllocOrModel(v.split(';')[0]!) && !bilingualSides(v).some(setAllocOrModel)) setAllocOrModel(glossed(v) ?? '');
        break;
      case 'masking':
        // (`Double blind. Control group: Placebo.` — the design as one sentence: the next `Label:` is not the masking)
        if (!setMasking(v) && !setMasking(v.replace(/\.\s+[A-Z][\w ()/-]{1,40}:.*$/s, ''))) {
          // DRKS `Blinding: yes` / `no`: blinded without a level, or open
          const yes = readYesNo(v);
          if (yes !== null) { g.masking ??= yes ? 'blinded' : 'none'; break; }
          const roles = readRolesOnly(valueLines(b).join(', '));
          if (roles.length && !g.maskedRoles.length) g.maskedRoles = roles;
        }
        break;
      case 'purpose':
        g.purpose ??= readPurpose(v) ?? readPurpose(valueLines(b)[0]!) ?? bilingualSides(v).map(readPurpose).find((p) => p !== null) ?? readPurpose(glossed(v) ?? '');
        break;
      case 'controlled': if (readYesNo(v) === false) g.controlType ??= 'none'; break;
      case 'placebo': if (readYesNo(v) === true) g.controlType ??= 'placebo'; break;
      case 'controlGroup': g.controlType ??= readControl(v); break;
      case 'centres': g.multicentre ??= readCentres(v); break;
      case 'designFlag':
        // EU CTR E.6 scope items (`Therapy: Yes`) name the purpose
        if (readYesNo(v) === true && readPurpose(b.label)) { g.purpose ??= readPurpose(b.label); break; }
        if (readYesNo(v) === true && !setAllocOrModel(b.label) && !setMasking(b.label)) g.multicentre ??= readCentres(b.label);
        break;
      case 'design':
        // a design block of bare words, one per line (portal pages built on ClinicalTrials.gov data: RANDOMIZED / PARALLEL …)
        for (const part of valueLines(b).flatMap((l) => [...(l.length > 60 ? [] : [l]), ...l.split(/\s*,\s*/)])) {
          // a design word glossed after a colon (PACTR `Parallel: different groups receive different interventions …`)
          const line = part.length > 60 ? /^([^:]{2,40}):\s/.exec(part)?.[1] ?? part : part;
          if (line.length > 60) continue;
          // `Randomized parallel controlled trial` (ChiCTR): the allocation, and the model named after it
          const model = /^(?:non-?|not )?randomi[sz]ed\s+(parallel|cross-?over|factorial|single[- ](?:group|arm))\b/i.exec(line)?.[1];
          if (model) setAllocOrModel(model);
          // …and in Chinese (`随机平行对照` randomised parallel controlled, `非随机交叉对照`)
          const zhModel = /^(?:非)?随机(平行|交叉|析因|单臂)/.exec(line)?.[1];
          if (zhModel) setAllocOrModel({ 平行: 'parallel', 交叉: 'crossover', 析因: 'factorial', 单臂: 'single arm' }[zhModel]!);
          if (setAllocOrModel(line)) continue;
          // two design words run together without a comma (ICTRP/JPRN `Single arm Non-randomized`)
          const words = line.split(/\s+/);
          const split = words.findIndex((_, k) => k > 0 && readsAsDesign(words.slice(0, k).join(' ')) && readsAsDesign(words.slice(k).join(' ')));
          if (split > 0) { setAllocOrModel(words.slice(0, split).join(' ')); setAllocOrModel(words.slice(split).join(' ')); continue; }
          if (readPurpose(line)) { g.purpose ??= readPurpose(line); continue; }
          if (readControl(line)) { g.controlType ??= readControl(line); continue; } // `…, open, active control`
          setMasking(line);
        }
        // a design sentence naming its model (ISRCTN `Multicentre two-arm parallel-group randomized controlled trial …`)
        if (!g.model) g.model = designSentenceModel(v);
        break;
      default: break;
    }
  }
  // a study type that names the allocation (DRKS `Type of Study: Randomized controlled trial`)
  if (!g.allocation) {
    const typed = all(blocks, 'studyType').map(valueText).find((v) => v !== null && /^(?:non-?|not )?randomi[sz]ed\b/i.test(v));
    if (typed) g.allocation = readAllocation(typed);
  }
  if (raw.length) g.raw = raw.join('\n');
  const multi = first(blocks, 'centres');
  if (multi) g.multicentre ??= readCentres(multi);
  // study type and phase
  reg.studyType = firstRead(blocks, 'studyType', (st) => (/non[\s-]*interventional/i.test(st) ? 'observational' : normaliseStudyType(st)));
  // an `Expanded Access Status` is only stated for an expanded-access record
  if (!reg.studyType && all(blocks, 'status').some((b) => /^expanded access status$/i.test(b.label))) reg.studyType = 'expanded_access';
  // every phase the page states (`Phase 1` in one table row, `Phase 2` in the next)
  const phaseRaw = [...new Set(all(blocks, 'phase').map(valueText).filter((v): v is string => v !== null))].join(' ') || null;
  const flags = all(blocks, 'phaseFlag').map((b) => `${b.label}: ${valueText(b) ?? ''}`).join(' ');
  reg.phaseRaw = phaseRaw ?? (flags || null);
  // …else the first line that reads on its own (a bilingual value: `1+2` under `Ⅰ+Ⅱ期临床试验`)
  reg.phase = normalisePhase(reg.phaseRaw)
    ?? all(blocks, 'phase').flatMap((b) => valueLines(b)).map((l) => normalisePhase(l)).find((p) => p !== null) ?? null;
}

/** The model a design sentence names with its usual compound: `parallel-group`, `cross-over design`. */
function designSentenceModel(v: string): ReturnType<typeof readModel> {
  if (/\bparallel[- ]group\b/i.test(v)) return readModel('parallel');
  if (/\bcross-?over (?:design|trial|study)\b/i.test(v)) return readModel('crossover');
  return null;
}

/** The design word of a value glossed after a colon (PACTR `Parallel: different groups receive …`, `Treatment: Drugs`). */
function glossed(v: string): string | null {
  return /^([^:]{2,40}):\s/.exec(v)?.[1] ?? null;
}

/** Does the text name an allocation or a model on its own? */
function readsAsDesign(v: string): boolean {
  return readAllocation(v) !== null || readModel(v) !== null;
}

/** Roles named without a masking level (ANZCTR "Who is / are masked / blinded?"). */
function readRolesOnly(v: string): ReturnType<typeof readMasking>['roles'] {
  return readMasking(`Blinded (${v})`).roles;
}

/** A plain-language age sentence: `Adults aged 30 to 80 who have …` → 30 and 80 years. */
function agedPhrase(text: string | null): { min: number; max: number } | null {
  const m = text ? /\baged\s+(\d{1,3})\s*(?:to|-|–|and)\s*(\d{1,3})(?:\s+years?)?\b(?!\s*(?:months?|weeks?|days?))/i.exec(text) : null;
  return m ? { min: Number(m[1]), max: Number(m[2]) } : null;
}

function mapEligibility(reg: Registration, blocks: Block[]): void {
  const e = reg.eligibility;
  // `19Year~65Year` (CRiS) → `19 Years to 65 Years`
  // (ChiCTR's Chinese-only `最小 40 岁	最大 75 岁`: min / max)
  const ageText = first(blocks, 'age')?.replace(/最小/g, ' min ').replace(/最大/g, ' max ').trim().replace(/(\d)\s*(year|month|week|day)s?\b/gi, '$1 $2s').replace(/\s*~\s*/g, ' to ') ?? null;
  // `Minimum 65 Years Maximum No Limit` (TCTR), `Min age 18 years Max age 65 years` (ChiCTR one-line)
  const minMax = ageText ? /^min(?:imum)?(?:\s+age)?\s*:?\s*(.+?)\s+max(?:imum)?(?:\s+age)?\s*:?\s*(.+)$/i.exec(ageText) : null;
  const range = minMax ? { min: ageToYears(minMax[1]!), max: ageToYears(minMax[2]!) } : readAgeRange(ageText);
  // UMIN-CTR `50 years-old <=`, PACTR `5 Year(s)`, ReBEC `18 Y`
  const ageOf = (v: string | null): number | null => ageToYears(v?.replace(/-old\b|\(s\)|[<>]=?|=/gi, '').replace(/^(\d+(?:\.\d+)?)\s*Y$/i, '$1 years').trim() ?? null);
  const aged = range ? null : agedPhrase(ageText);
  e.minAgeYears = ageOf(first(blocks, 'minAge')) ?? firstRead(blocks, 'minAge', ageOf) ?? range?.min ?? aged?.min ?? null;
  e.maxAgeYears = ageOf(first(blocks, 'maxAge')) ?? firstRead(blocks, 'maxAge', ageOf) ?? range?.max ?? aged?.max ?? null;
  e.sex = firstRead(blocks, 'sex', (v) => normaliseSex(v))
    ?? normaliseSex(all(blocks, 'sexFlag').map((b) => `${b.label}: ${valueText(b) ?? ''}`).join('\n') || null);
  e.healthyVolunteers = readYesNo(first(blocks, 'healthyVolunteers')) ?? firstRead(blocks, 'healthyVolunteers', readYesNo)
    ?? readYesNo(all(blocks, 'healthyVolunteers').map((b) => valueLines(b)[0] ?? '').find((l) => readYesNo(l) !== null) ?? null);
  const raw: string[] = [];
  const euGroups: string[] = [];
  for (const b of blocks) {
    if (b.field !== 'inclusion' && b.field !== 'exclusion' && b.field !== 'criteria') continue;
    // EU CTR age-group lines inside the criteria are age limits, not criteria
    euGroups.push(...b.lines.filter(isEuAgeLine));
    const items = criteriaItems(b.lines.filter((l) => !isEuAgeLine(l)));
    if (b.field === 'inclusion') e.inclusion.push(...items);
    else if (b.field === 'exclusion') e.exclusion.push(...items);
    if (items.length) raw.push(`${b.label}:\n${b.lines.filter((l) => l !== '').map(unescapeText).join('\n')}`);
  }
  e.raw = raw.length ? raw.join('\n') : null;
  const eu = euAgeLimits(euGroups);
  if (eu && e.minAgeYears === null && e.maxAgeYears === null) { e.minAgeYears = eu.min; e.maxAgeYears = eu.max; }
}

function mapContent(reg: Registration, blocks: Block[]): void {
  for (const b of all(blocks, 'conditions')) {
    const lines = valueLines(b);
    for (const line of lines) {
      // `Health Condition 1: U071- COVID-19` (CTRI via ICTRP): the numbering is not part of the condition
      const clean = line.replace(/^[*•·-]\s+/, '').replace(/^(?:Health )?Condition\s*\d+\s*:\s*/i, '');
      // one line `COVID-19;Pneumonia` lists conditions; where the page gives one per line, a `;` is part of the name
      // (ClinicalTrials.gov `Kidney Transplant; Complications`)
      for (const c of lines.length > 1 ? [clean] : clean.split(/\s*;\s*/)) if (c) addUnique(reg.conditions, unescapeText(c));
    }
  }
  mapArmsAndInterventions(reg, blocks);
  namedInterventions(reg, blocks);
  mapOutcomes(reg, blocks);
  // countries: the countries list, else the last part of each location line that names a country
  for (const b of all(blocks, 'countries')) {
    // `Germany, Spain, Poland` on one line: its parts, when every part is a country
    const lines = valueLines(b).map((l) => l.replace(/^[*•·-]\s+/, '')).flatMap((l) => {
      const parts = l.split(/\s*,\s*/);
      if (parts.length > 1 && parts.every((p) => normaliseCountry(p))) return parts;
      // `United Kingdom – Northbridge General Hospital, …` (news pages): the country before the dash
      const lead = /^([^–—]{3,40}?)\s+[–—]\s+/.exec(l)?.[1];
      return lead && normaliseCountry(lead) ? [lead] : [l];
    });
    for (const c of normaliseCountries(lines).countries) addUnique(reg.countries, c);
  }
  for (const b of all(blocks, 'locations')) {
    for (const line of valueLines(b)) {
      // `Boston, Massachusetts, United States, 02215`: a trailing postcode is not the country (nor `T2N 4N1`, `SW1A 1AA`)
      const parts = line.split(',');
      if (parts.length > 2 && /^\s*(?:[A-Z]{0,2}-?\d[\d -]{2,9}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*$/.test(parts[parts.length - 1]!)) parts.pop();
      const c = normaliseCountry(parts.pop() ?? '');
      if (c) addUnique(reg.countries, c);
    }
  }
  for (const b of all(blocks, 'contacts')) {
    if (inEthicsSection(blocks, b)) continue; // ICTRP `Ethics review` / `Status` / `Approval date` / `Contact:` the committee
    const label = b.label.toLowerCase();
    const role = /public|general/.test(label) ? 'public' : /scientific/.test(label) ? 'scientific'
      : /(principal investigator|study leader|applicant|study chair|study director)/.exec(label)?.[1]?.replace(/ /g, '_') ?? null;
    const lines = [...b.lines];
    // `Principal Investigator: Name, MD Affiliation` arrives as a block labelled with the role
    const i = lines.findIndex((l) => l !== '');
    if (i >= 0 && /^(principal investigator|study chair|study director|study leader|applicant|contact)$/i.test(b.label) && !/^[\w -]{1,30}:/.test(lines[i]!) && !isSubKey(lines[i]!.split('\t')[0]!)) {
      lines[i] = `${b.label}: ${lines[i]}`;
    }
    reg.contacts.push(...readContacts(lines, role));
  }
  reg.contacts = dedupeContacts(reg.contacts); // pages repeat a person as public, scientific and principal contact
  // results
  const posted = [...all(blocks, 'results'), ...all(blocks, 'resultsSummary')].map((b) => readResultsPosted(valueText(b))).find((x) => x !== null);
  reg.results.posted = posted ?? (reg.dates.resultsPosted ? true : null);
  reg.results.url = (first(blocks, 'resultsUrl') ?? '').match(/https?:\/\/\S+/)?.[0] ?? null;
  reg.results.firstPosted = reg.dates.resultsPosted;
  const summary = all(blocks, 'resultsSummary').map((b) => prose(b.lines)).find(Boolean);
  reg.results.summary = summary ?? null;
  // description
  reg.description.brief = all(blocks, 'briefSummary').map((b) => prose(b.lines)).find(Boolean) ?? null;
  reg.description.detailed = all(blocks, 'detailedDescription').map((b) => prose(b.lines)).find(Boolean) ?? null;
  setRaw(reg, 'objectives', all(blocks, 'objectives').map((b) => prose(b.lines)).find(Boolean) ?? null);
  // references: one per line (or paragraph) of a references block
  for (const b of all(blocks, 'references')) {
    for (const line of valueLines(b)) if (line.length > 20) reg.references.push(readCitation(line.replace(/^[*•-]\s*/, '')));
  }
  // "Related trials" lists OTHER trials: their numbers go nowhere in this record. (Not even raw: the reader's
  // collectSecondaryIds scans every text field, raw included, and would turn them into secondary ids.)
}

/** Is the block inside an ethics-review section (after its heading, with only status and date rows between)? */
function inEthicsSection(blocks: Block[], b: Block): boolean {
  for (let k = blocks.indexOf(b) - 1; k >= 0; k--) {
    const x = blocks[k]!;
    if (x.field === 'section' && /^ethic/i.test(x.label)) return true;
    if (x.field !== 'section' && x.field !== 'status') return false;
  }
  return false;
}

/**
 * ISRCTN-style pages: `Intervention` is prose, `Drug / device / biological / vaccine name(s)` names the products and
 * `Intervention type` types them. The names become the interventions; with one name, the prose is its description.
 */
function namedInterventions(reg: Registration, blocks: Block[]): void {
  const names = all(blocks, 'interventionNames').flatMap((b) => valueLines(b)).flatMap((l) => l.split(/\s*[;,]\s*(?![^(]*\))/)).filter(Boolean);
  if (!names.length) return;
  const prose = reg.interventions.map((i) => i.name).join(' ') || null;
  const typeText = first(blocks, 'interventionType');
  const type = typeText ? interventionItems([`${typeText.split(/[/,]/)[0]}: x`])[0]?.type ?? null : null;
  reg.interventions = names.map((name) => ({ type, name, description: names.length === 1 ? prose : null, cellTherapy: null }));
}

function mapArmsAndInterventions(reg: Registration, blocks: Block[]): void {
  let arm: Arm | null = null;
  for (const b of blocks) {
    if (b.field === 'arm') {
      const v = valueText(b);
      const numbered = /^(arm|group)\s*\d+$|^additional arms$/i.test(b.label);
      arm = { label: numbered ? b.label : v ?? b.label, type: null, description: numbered ? v : null, interventions: [] };
      reg.arms.push(arm);
    } else if (b.field === 'interventions') {
      const items = interventionItems(b.lines);
      for (const it of items) {
        if (!reg.interventions.some((x) => x.name.toLowerCase() === it.name.toLowerCase())) reg.interventions.push(it);
        if (arm && b.label.toLowerCase() === 'intervention') arm.interventions.push(it.name); // ChiCTR: Group → Intervention
      }
    } else if (b.field === 'interventionType' && reg.interventions.length) {
      const t = interventionItems([`${valueText(b) ?? ''}: x`])[0]?.type ?? null;
      const last = reg.interventions[reg.interventions.length - 1]!;
      if (t && !last.type) last.type = t;
    } else if (b.field === 'arms') {
      const described = new Map<string, Intervention>();
      reg.arms.push(...armItems(valueLines(b), reg.interventions.map((i) => i.name), described));
      // the arms table's `Drug: X` entries carry the intervention's own description (doses and routes live there);
      // a page copied without its intervention list (half a page) still names them there
      for (const it of reg.interventions) if (!it.description) it.description = described.get(it.name.toLowerCase())?.description ?? null;
      for (const it of described.values()) if (!reg.interventions.some((x) => x.name.toLowerCase() === it.name.toLowerCase())) reg.interventions.push(it);
    }
  }
}

const ARM_TYPE = /^(Experimental|Active Comparator|Placebo Comparator|Sham Comparator|No Intervention|Other)\s*:\s*(.+)$/i;

/**
 * An arms list: ClinicalTrials.gov style (`Experimental: Label`, description lines, `Intervention: Drug: X`), else
 * one arm per line, `Label: description` when the line has one.
 */
function armItems(input: string[], interventionNames: string[] = [], described = new Map<string, Intervention>()): Arm[] {
  const known = new Set(interventionNames.map((n) => n.toLowerCase()));
  const lines = input.map((l) => l.replace(/^[*•\-–]\s+/, '')); // list bullets of saved HTML
  const arms: Arm[] = [];
  if (lines.some((l) => ARM_TYPE.test(l))) {
    let inIntervention: string | null = null;
    // lines not to add to a description: an intervention repeated under a later arm repeats its description, and
    // `Other Names:` starts the intervention's aliases (`Other Names:` / `hUC-MSC`), which are not description
    let skipping = false;
    for (const line of lines) {
      let typed = ARM_TYPE.exec(line);
      // `Other: Placebo` is an intervention reference when Placebo is a listed intervention, not an arm of type other
      if (typed && /^other$/i.test(typed[1]!) && known.has(typed[2]!.trim().toLowerCase()) && arms.length) typed = null;
      const intv = /^Interventions?:\s*(.+)$/i.exec(line);
      const ref = interventionItems([line])[0]!;
      const arm = arms[arms.length - 1];
      if (typed) { arms.push({ label: typed[2]!.trim(), type: typed[1]!.toLowerCase().replace(/ /g, '_') as Arm['type'], description: null, interventions: [] }); inIntervention = null; skipping = false; }
      else if (intv && arm) for (const x of intv[1]!.split(/\s*;\s*/)) arm.interventions.push(interventionItems([x])[0]!.name);
      else if (ref.type && arm) { // `Biological: X` then its description
        arm.interventions.push(ref.name);
        inIntervention = ref.name.toLowerCase();
        skipping = described.has(inIntervention);
        if (!skipping) described.set(inIntervention, { ...ref, description: null });
      } else if (inIntervention !== null && /^Other Names?\s*:/i.test(line)) skipping = true;
      else if (skipping) continue;
      else if (arm && inIntervention === null) arm.description = arm.description ? `${arm.description} ${line}` : line;
      else if (inIntervention !== null) {
        const it = described.get(inIntervention)!;
        it.description = it.description ? `${it.description} ${line}` : line;
      }
    }
    return arms;
  }
  for (const line of lines) {
    const m = /^(.{2,80}?)\s*:\s*(.+)$/.exec(line);
    arms.push({ label: m ? m[1]! : line, type: null, description: m ? m[2]! : null, interventions: [] });
  }
  return arms;
}

function mapOutcomes(reg: Registration, blocks: Block[]): void {
  let last: 'primary' | 'secondary' | null = null;
  let added: Registration['outcomes']['primary'] = [];
  for (const [bi, b] of blocks.entries()) {
    if (b.field === 'primaryOutcome' || b.field === 'secondaryOutcome') {
      last = b.field === 'primaryOutcome' ? 'primary' : 'secondary';
      added = outcomeItems(b.lines);
      reg.outcomes[last].push(...added);
    } else if (b.field === 'timeFrame' && last) {
      // CTIS lists both end points, then `Timepoint(s) of evaluation of primary end point`: the label names its list
      const named = /\bprimary\b/i.test(b.label) ? 'primary' : /\bsecondary\b/i.test(b.label) ? 'secondary' : null;
      if (named && named !== last) {
        const o = reg.outcomes[named].find((x) => !x.timeFrame);
        if (o && reg.outcomes[named].length === 1) o.timeFrame = valueText(b);
        continue;
      }
      // numbered time points under numbered end points (EU CTR `1. Overall survival` … / `1. Up to 48 months` …):
      // one for each, in order
      const numbered = valueLines(b).map((l) => /^\d{1,2}[.)]\s+(.+)$/.exec(l)?.[1] ?? null);
      if (numbered.length > 1 && numbered.length === added.length && numbered.every(Boolean) && added.every((o) => !o.timeFrame)) {
        added.forEach((o, k) => { o.timeFrame = numbered[k]!; });
        continue;
      }
      const list = reg.outcomes[last];
      const o = list[list.length - 1];
      // `Measure` / `Time frame: Day 42` / `Next measure` / `Time frame: …` (portals): a time frame given on its label's
      // line is that line, and the one line under it, when another time frame follows, is the next outcome of the list
      const lines = b.lines;
      const rest = b.sameLine && lines.length === 2 && lines[1] !== '' && blocks[bi + 1]?.field === 'timeFrame' ? lines.slice(1) : [];
      if (o && !o.timeFrame) o.timeFrame = rest.length ? lines[0]! : valueText(b);
      if (rest.length) { added = outcomeItems(rest); list.push(...added); }
    }
  }
}
