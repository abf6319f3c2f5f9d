/**
 * ClinicalTrials.gov API v2 JSON (format `ctgov-json`): one study object, a `{studies: [...], nextPageToken}` page,
 * a top-level array, or NDJSON (one study per line). Pages are streamed study by study (./ctgov-json-scan.ts);
 * NDJSON is read line by line so that one broken line costs one study; in a page, a break costs the study it is in
 * (the scanner picks up again at the next study's opening).
 * Field names and enum values follow ClinicalTrials.gov's published "Study Data Structure" (protocolSection modules).
 */
import { emptyRegistration, type Contact, type Reference, type Registration } from '../model/registration.js';
import { parseDate } from '../normalise/dates.js';
import { parseAge } from '../normalise/ages.js';
import { contactRole } from '../normalise/role.js';
import { normaliseCountry } from '../normalise/countries.js';
import { normaliseSex } from '../normalise/sex.js';
import { normaliseStatus } from '../normalise/status.js';
import { normaliseStudyType } from '../normalise/study-type.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { cleanLine, cleanText } from '../normalise/text.js';
import {
  CTGOV_REGISTRY, ctgovAllocation, ctgovArmType, ctgovInterventionType, ctgovMasking, ctgovModel, ctgovPhase,
  ctgovPurpose, ctgovRoles, ctgovSponsorClass, ctgovUrl, ctgovYesNo, citationReference, dateTypesText, isGrantType, secondaryRegistration,
  splitCriteria, splitTypedName,
} from './ctgov-common.js';
import { StudyScanner } from './ctgov-json-scan.js';
import { OverlongLine, textLines } from './input.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ctgov-json';

export const ctgovJson: SourceFormat = {
  id: FORMAT_ID,
  label: 'ClinicalTrials.gov API v2 JSON (a study, a {studies:[…]} page, or NDJSON)',
  detect(input) {
    const t = input.headText.trimStart();
    if (!t.startsWith('{') && !t.startsWith('[')) return 0;
    if (/"protocolSection"\s*:/.test(t)) return 0.95;
    if (/^\{\s*"studies"\s*:\s*\[/.test(t)) return 0.6;
    return 0;
  },
  parse: parseJson,
};

/** NDJSON when the first line is a whole JSON object and the next line opens another. */
export function isNdjson(headText: string): boolean {
  const lines = headText.trimStart().split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2 || !lines[1]!.trimStart().startsWith('{')) return false;
  try {
    return typeof JSON.parse(lines[0]!) === 'object';
  } catch {
    return false;
  }
}

async function* parseJson(input: InputFile): AsyncIterable<ParseItem> {
  if (isNdjson(input.headText)) yield* parseLines(input);
  else yield* parseScanned(input);
}

async function* parseLines(input: InputFile): AsyncIterable<ParseItem> {
  let line = 0;
  let n = 0;
  for await (const text of textLines(input.text())) {
    line++;
    if (text instanceof OverlongLine) {
      n++;
      yield { kind: 'error', issue: { file: input.name, position: `study ${n} (line ${line})`, reason: text.reason } };
      continue;
    }
    if (!text.trim()) continue;
    n++;
    yield studyItem(input, text, `study ${n} (line ${line})`);
  }
}

async function* parseScanned(input: InputFile): AsyncIterable<ParseItem> {
  const scanner = new StudyScanner();
  let n = 0;
  const items = function* (found: ReturnType<StudyScanner['feed']>): Iterable<ParseItem> {
    for (const f of found) {
      if (f.kind === 'error') {
        const where = `line ${f.line}, column ${f.column}`;
        yield { kind: 'error', issue: { file: input.name, position: f.study ? `study ${++n} (${where})` : where, reason: f.reason } };
      } else {
        n++;
        yield studyItem(input, f.text, `study ${n} (line ${f.line}, column ${f.column})`);
      }
    }
  };
  for await (const chunk of input.text()) yield* items(scanner.feed(chunk));
  yield* items(scanner.end());
}

function studyItem(input: InputFile, text: string, position: string): ParseItem {
  let study: unknown;
  try {
    study = JSON.parse(text);
  } catch (e) {
    return { kind: 'error', issue: { file: input.name, position, reason: `invalid JSON: ${(e as Error).message}` } };
  }
  const r = studyToRegistration(study, input.name);
  if ('problem' in r) return { kind: 'error', issue: { file: input.name, position, field: r.field, reason: r.problem } };
  return { kind: 'record', record: r, position: `${position} ${r.id}` };
}

// ---- hostile-JSON accessors: every read checks its type ----

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? cleanLine(String(v)) : null);
const strs = (v: unknown): string[] => arr(v).map(str).filter((s): s is string => s !== null);
/**
 * API v2 text fields are markdown, and real records carry its escapes: `Age \\>= 18 years`, `\\* item`, `1\\. Age`,
 * `HbA1c \\<= 10%`. The backslash goes; the character stays.
 */
const unescapeMd = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\\([\\`*_{}[\]()#+\-.!<>~^|=&"'])/g, '$1') : v);
const mdText = (v: unknown): string | null => cleanText(unescapeMd(v));
const mdLine = (v: unknown): string | null => str(unescapeMd(v));
/** an enum value as written (`NA` is a value here, not "no value") */
const code = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const codes = (v: unknown): string[] => arr(v).map(code).filter((s): s is string => s !== null);

/** One API v2 study → a canonical registration (pure; exported for tests). */
export function studyToRegistration(study: unknown, file: string | null): Registration | { problem: string; field: string } {
  const s = obj(study);
  const p = obj(s['protocolSection']);
  if (!s['protocolSection']) return { problem: 'not a ClinicalTrials.gov study (no protocolSection)', field: 'protocolSection' };
  const ident = obj(p['identificationModule']);
  const nct = str(ident['nctId']);
  if (!nct) return { problem: 'no trial id', field: 'protocolSection.identificationModule.nctId' };
  const tid = normaliseTrialId(nct);
  if (!tid || tid.registry !== CTGOV_REGISTRY) {
    return { problem: `"${nct}" is not a ClinicalTrials.gov number`, field: 'protocolSection.identificationModule.nctId' };
  }
  const misc = obj(obj(s['derivedSection'])['miscInfoModule']);
  const r = emptyRegistration(tid.id, CTGOV_REGISTRY, {
    format: FORMAT_ID, file, recordId: nct, url: ctgovUrl(tid.id),
    // versionHolder: the date of the ClinicalTrials.gov data release the study was exported from
    exportedAt: dateOf(null, '', str(misc['versionHolder'])),
  });
  const raw: Record<string, string> = {};

  readIdentification(r, ident, raw);
  readStatus(r, obj(p['statusModule']), raw);
  const why = str(obj(p['statusModule'])['whyStopped']);
  if (why) raw['whyStopped'] = why;
  // UNKNOWN status: what it was when last verified
  const lastKnown = code(obj(p['statusModule'])['lastKnownStatus']);
  if (lastKnown) raw['lastKnownStatus'] = lastKnown;
  readSponsors(r, obj(p['sponsorCollaboratorsModule']), raw);
  const desc = obj(p['descriptionModule']);
  r.description.brief = mdText(desc['briefSummary']);
  r.description.detailed = mdText(desc['detailedDescription']);
  r.conditions = strs(obj(p['conditionsModule'])['conditions']);
  readDesign(r, obj(p['designModule']), raw);
  readArmsInterventions(r, obj(p['armsInterventionsModule']));
  readOutcomes(r, obj(p['outcomesModule']));
  readEligibility(r, obj(p['eligibilityModule']));
  readContactsLocations(r, obj(p['contactsLocationsModule']), raw);
  r.references = arr(obj(p['referencesModule'])['references']).map((x) => reference(obj(x)));

  const hasResults = s['hasResults'];
  r.results.posted = typeof hasResults === 'boolean' ? hasResults : s['resultsSection'] ? true : null;
  if (r.results.posted) r.results.url = `${ctgovUrl(tid.id)}?tab=results`;
  r.results.firstPosted = r.dates.resultsPosted;

  if (Object.keys(raw).length) r.raw = raw;
  return r;
}

function readIdentification(r: Registration, ident: Obj, raw: Record<string, string>): void {
  r.titles.public = str(ident['briefTitle']);
  r.titles.scientific = str(ident['officialTitle']);
  r.titles.acronym = str(ident['acronym']);
  const org = str(obj(ident['orgStudyIdInfo'])['id']);
  if (org) raw['orgStudyId'] = org;
  const others: string[] = [];
  const grants: string[] = [];
  for (const x of arr(ident['secondaryIdInfos'])) {
    const info = obj(x);
    const id = str(info['id']);
    if (!id) continue;
    const type = code(info['type']);
    const domain = str(info['domain']);
    const written = `${type ? `${type}: ` : ''}${id}${domain ? ` (${domain})` : ''}`;
    // grant numbers apart (raw.grantIds), where the scan for other registrations' numbers does not look
    (isGrantType(type) ? grants : others).push(written);
    // EUDRACT_NUMBER, CTIS and REGISTRY ids are other registrations; grant numbers (NIH, FDA, OTHER_GRANT…) never are;
    // OTHER and untyped ids are when they are written as a registry number.
    const t = secondaryRegistration(id, type, domain);
    if (t && t.id !== r.id && !r.secondaryIds.includes(t.id)) r.secondaryIds.push(t.id);
  }
  if (others.length) raw['secondaryIdInfos'] = others.join('\n');
  if (grants.length) raw['grantIds'] = grants.join('\n');
  // earlier NCT numbers merged into this one
  for (const alias of strs(ident['nctIdAliases'])) {
    const t = normaliseTrialId(alias);
    if (t && t.id !== r.id && !r.secondaryIds.includes(t.id)) r.secondaryIds.push(t.id);
  }
}

function readStatus(r: Registration, st: Obj, raw: Record<string, string>): void {
  r.status = normaliseStatus(code(st['overallStatus']));
  const d = (k: string): string | null => dateOf(r, k, str(obj(st[k])['date']) ?? str(st[k]));
  r.dates.start = d('startDateStruct');
  r.dates.primaryCompletion = d('primaryCompletionDateStruct');
  r.dates.completion = d('completionDateStruct');
  r.dates.registration = d('studyFirstSubmitDate') ?? d('studyFirstPostDateStruct');
  r.dates.lastUpdate = d('lastUpdatePostDateStruct') ?? d('lastUpdateSubmitDate');
  r.dates.resultsPosted = d('resultsFirstPostDateStruct');
  // ACTUAL / ESTIMATED: whether a date happened or is planned
  const types = dateTypesText([
    ['start', code(obj(st['startDateStruct'])['type'])], ['primaryCompletion', code(obj(st['primaryCompletionDateStruct'])['type'])],
    ['completion', code(obj(st['completionDateStruct'])['type'])],
  ]);
  if (types) raw['dateTypes'] = types;
}

function readSponsors(r: Registration, sp: Obj, raw: Record<string, string>): void {
  const lead = obj(sp['leadSponsor']);
  r.sponsor.primary = str(lead['name']);
  r.sponsor.class = ctgovSponsorClass(code(lead['class']));
  r.sponsor.collaborators = arr(sp['collaborators']).map((c) => str(obj(c)['name'])).filter((n): n is string => n !== null);
  // who answers for the registration (SPONSOR, PRINCIPAL_INVESTIGATOR, SPONSOR_INVESTIGATOR): evidence for sponsor.type
  const rp = obj(sp['responsibleParty']);
  const who = [str(rp['investigatorFullName']), str(rp['investigatorTitle']), str(rp['investigatorAffiliation'])].filter(Boolean).join(', ');
  const type = code(rp['type']);
  if (type || who) raw['responsibleParty'] = [type, who].filter(Boolean).join(': ');
}

function readDesign(r: Registration, d: Obj, raw: Record<string, string>): void {
  const studyType = code(d['studyType']);
  r.studyType = normaliseStudyType(studyType);
  const phases = codes(d['phases']);
  // API v2 writes NA for "not applicable" (it is not "not available" here)
  r.phaseRaw = phases.length ? phases.join('|') : null;
  r.phase = ctgovPhase(phases);
  const info = obj(d['designInfo']);
  const mask = obj(info['maskingInfo']);
  r.design.allocation = ctgovAllocation(code(info['allocation']));
  r.design.model = ctgovModel(code(info['interventionModel']));
  r.design.purpose = ctgovPurpose(code(info['primaryPurpose']));
  r.design.masking = ctgovMasking(code(mask['masking'])).masking;
  r.design.maskedRoles = ctgovRoles(codes(mask['whoMasked']));
  r.design.raw = designText(info);
  const enrol = obj(d['enrollmentInfo']);
  const count = typeof enrol['count'] === 'number' && Number.isInteger(enrol['count']) && enrol['count'] >= 0 ? enrol['count'] : null;
  const type = code(enrol['type']);
  if (count !== null) {
    if (type === 'ACTUAL') r.enrollment.actual = count;
    else r.enrollment.target = count; // ESTIMATED (anticipated), or unstated
    r.enrollment.raw = `${count}${type ? ` (${type})` : ''}`;
  }
  if (studyType && r.studyType === null) raw['studyType'] = studyType;
  // expanded access records: which kinds of access (individual patients, intermediate-size population, treatment IND)
  const ea = obj(d['expandedAccessTypes']);
  const kinds = Object.keys(ea).filter((k) => ea[k] === true);
  if (kinds.length) raw['expandedAccessTypes'] = kinds.join(', ');
}

/** The design as one line, for design.raw: `Allocation: RANDOMIZED|Intervention Model: PARALLEL|…`. */
function designText(info: Obj): string | null {
  const mask = obj(info['maskingInfo']);
  const parts: string[] = [];
  const add = (label: string, v: string | null): void => { if (v) parts.push(`${label}: ${v}`); };
  add('Allocation', code(info['allocation']));
  add('Intervention Model', code(info['interventionModel']));
  add('Intervention Model Description', str(info['interventionModelDescription']));
  const who = codes(mask['whoMasked']);
  add('Masking', code(mask['masking']) ? `${code(mask['masking'])}${who.length ? ` (${who.join(', ')})` : ''}` : null);
  add('Masking Description', str(mask['maskingDescription']));
  add('Primary Purpose', code(info['primaryPurpose']));
  add('Observational Model', codes(info['observationalModel']).join(', ') || code(info['observationalModel']));
  add('Time Perspective', codes(info['timePerspective']).join(', ') || code(info['timePerspective']));
  return parts.length ? parts.join('|') : null;
}

function readArmsInterventions(r: Registration, m: Obj): void {
  r.arms = arr(m['armGroups']).map((x) => {
    const a = obj(x);
    return {
      label: str(a['label']) ?? '',
      type: ctgovArmType(code(a['type'])),
      description: mdText(a['description']),
      // `Drug: Remdesivir` → `Remdesivir`, so arms name interventions as interventions[].name does
      interventions: strs(a['interventionNames']).map((n) => splitTypedName(n).name),
    };
  }).filter((a) => a.label);
  r.interventions = arr(m['interventions']).map((x) => {
    const iv = obj(x);
    const other = strs(iv['otherNames']);
    const description = mdText(iv['description']);
    return {
      type: ctgovInterventionType(code(iv['type'])),
      name: str(iv['name']) ?? '',
      description: other.length ? [description, `Other names: ${other.join('; ')}`].filter(Boolean).join('\n') : description,
      cellTherapy: null,
    };
  }).filter((i) => i.name);
}

function readOutcomes(r: Registration, m: Obj): void {
  const outcome = (x: unknown) => {
    const o = obj(x);
    return { measure: mdLine(o['measure']) ?? '', description: mdText(o['description']), timeFrame: mdLine(o['timeFrame']), timepointsDays: [] };
  };
  r.outcomes.primary = arr(m['primaryOutcomes']).map(outcome).filter((o) => o.measure);
  // "other pre-specified" outcomes are secondary in the canonical record's two-way split
  r.outcomes.secondary = [...arr(m['secondaryOutcomes']), ...arr(m['otherOutcomes'])].map(outcome).filter((o) => o.measure);
}

function readEligibility(r: Registration, m: Obj): void {
  const e = r.eligibility;
  e.raw = mdText(m['eligibilityCriteria']);
  const { inclusion, exclusion } = splitCriteria(e.raw);
  e.inclusion = inclusion;
  e.exclusion = exclusion;
  e.sex = normaliseSex(code(m['sex']));
  const hv = m['healthyVolunteers'];
  e.healthyVolunteers = typeof hv === 'boolean' ? hv : ctgovYesNo(str(hv));
  e.minAgeYears = age(r, 'minimumAge', str(m['minimumAge']));
  e.maxAgeYears = age(r, 'maximumAge', str(m['maximumAge']));
}

function readContactsLocations(r: Registration, m: Obj, raw: Record<string, string>): void {
  const contact = (x: unknown, role: string | null): Contact => {
    const c = obj(x);
    return {
      name: str(c['name']), role: contactRole(code(c['role']) ?? role), affiliation: str(c['affiliation']),
      email: str(c['email']), phone: [str(c['phone']), str(c['phoneExt'])].filter(Boolean).join(' ext. ') || null,
    };
  };
  r.contacts = [
    ...arr(m['centralContacts']).map((c) => contact(c, 'CONTACT')),
    ...arr(m['overallOfficials']).map((c) => contact(c, 'OFFICIAL')),
  ].filter((c) => c.name || c.email);
  const countries: string[] = [];
  const sites: string[] = [];
  for (const x of arr(m['locations'])) {
    const l = obj(x);
    const country = str(l['country']);
    const c = country ? normaliseCountry(country) : null;
    if (c && !countries.includes(c)) countries.push(c);
    else if (country && !c) r.warnings.push(`locations: country "${country}" not recognised`);
    const site = [str(l['facility']), str(l['city']), str(l['state']), country].filter(Boolean).join(', ');
    if (site) sites.push(site);
  }
  r.countries = countries;
  if (sites.length) raw['Locations'] = sites.join('\n');
}

function reference(x: Obj): Reference {
  return citationReference(code(x['type']), cleanLine(x['citation']), str(x['pmid']));
}

function dateOf(r: Registration | null, field: string, s: string | null): string | null {
  if (!s) return null;
  const { date, warning } = parseDate(s, 'mdy');
  if (warning && r) r.warnings.push(`${field}: ${warning}`);
  return date;
}

function age(r: Registration, field: string, s: string | null): number | null {
  if (!s) return null;
  const { years, warning } = parseAge(s);
  if (warning) r.warnings.push(`${field}: ${warning}`);
  return years;
}
