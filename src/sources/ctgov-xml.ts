/**
 * Legacy ClinicalTrials.gov XML (format `ctgov-xml`): `<clinical_study>` records (the pre-2024 public XML schema),
 * one per file or many inside any wrapper element. Streamed one study at a time (./xml-records.ts): each is
 * gathered into a small element tree, mapped, and dropped, so memory is bounded by one study. An XML error costs the
 * study it is in (one message naming line and column); the studies before and after it come out.
 */
import { xmlRootElement } from './xml-root.js';
import { MAX_RECORD_CHARS, parseXmlRecord, xmlRecordTexts } from './xml-records.js';
import { emptyRegistration, type Contact, type Reference, type Registration } from '../model/registration.js';
import { parseDate } from '../normalise/dates.js';
import { parseAge } from '../normalise/ages.js';
import { normaliseCountry } from '../normalise/countries.js';
import { normaliseSex } from '../normalise/sex.js';
import { normaliseStatus } from '../normalise/status.js';
import { normaliseStudyType } from '../normalise/study-type.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { contactRole } from '../normalise/role.js';
import { cleanLine, cleanText } from '../normalise/text.js';
import {
  CTGOV_REGISTRY, ctgovAllocation, ctgovArmType, ctgovInterventionType, ctgovMasking, ctgovModel, ctgovPurpose,
  ctgovDesignLine, ctgovPhase, ctgovSponsorClass, ctgovUrl, ctgovYesNo, citationReference, dateTypesText, secondaryRegistration,
  splitCriteria,
} from './ctgov-common.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ctgov-xml';
const STUDY = 'clinical_study';

export const ctgovXml: SourceFormat = {
  id: FORMAT_ID,
  label: 'ClinicalTrials.gov legacy XML (<clinical_study>)',
  detect(input) {
    const t = input.headText;
    const root = xmlRootElement(t);
    if (!root) return 0;
    if (/<clinical_study[\s>]/.test(t)) return /<id_info>|<nct_id>|<required_header>/.test(t) ? 0.95 : 0.8;
    return 0;
  },
  parse: parseXml,
};

/** A gathered element: attributes, children in order, and its own text. */
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

async function* parseXml(input: InputFile): AsyncIterable<ParseItem> {
  let n = 0;
  for await (const rec of xmlRecordTexts(input.text(), STUDY)) {
    n++;
    const position = `study ${n} (line ${rec.line})`;
    if ('tooLong' in rec) {
      yield { kind: 'error', issue: { file: input.name, position, reason: `study of ${rec.tooLong} characters is longer than the limit of ${MAX_RECORD_CHARS}: skipped` } };
      continue;
    }
    const stack: El[] = [];
    let root: El | null = null;
    const broken = parseXmlRecord(rec, {
      opentag(tag) {
        const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
        if (stack.length) stack[stack.length - 1]!.children.push(el);
        else root = el;
        stack.push(el);
      },
      text(t) { if (stack.length) stack[stack.length - 1]!.text += t; },
      closetag() { stack.pop(); },
    });
    if (broken) {
      const id = root ? openId(root) : '';
      yield { kind: 'error', issue: { file: input.name, position: `line ${broken.line} column ${broken.column}`, reason: `malformed XML inside study ${n} (starting line ${rec.line}${id}): ${broken.reason}; the study is skipped` } };
      continue;
    }
    const r = studyToRegistration(root!, input.name);
    if ('problem' in r) yield { kind: 'error', issue: { file: input.name, position, field: r.field, reason: r.problem } };
    else yield { kind: 'record', record: r, position: `${position} ${r.id}` };
  }
  if (n === 0) yield { kind: 'error', issue: { file: input.name, position: 'line 1', reason: 'no <clinical_study> element in the file' } };
}

function openId(study: El): string {
  const id = child(child(study, 'id_info'), 'nct_id');
  return id ? `, ${id.text.trim()}` : '';
}

// ---- tree access ----

function child(el: El | null | undefined, name: string): El | null {
  return el?.children.find((c) => c.name === name) ?? null;
}
function kids(el: El | null | undefined, name: string): El[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}
/** Text of a child, or of a path of children (`textblock` wrappers included by passing them). */
function line(el: El | null | undefined, ...path: string[]): string | null {
  let cur: El | null | undefined = el;
  for (const p of path) cur = child(cur, p);
  return cur ? cleanLine(cur.text) : null;
}
function block(el: El | null | undefined, name: string): string | null {
  const c = child(el, name);
  if (!c) return null;
  return cleanText(child(c, 'textblock')?.text ?? c.text);
}

/** One `<clinical_study>` tree → a canonical registration (pure; exported for tests). */
export function studyToRegistration(study: El, file: string | null): Registration | { problem: string; field: string } {
  const idInfo = child(study, 'id_info');
  const nct = line(idInfo, 'nct_id');
  if (!nct) return { problem: 'no trial id', field: 'id_info/nct_id' };
  const tid = normaliseTrialId(nct);
  if (!tid || tid.registry !== CTGOV_REGISTRY) return { problem: `"${nct}" is not a ClinicalTrials.gov number`, field: 'id_info/nct_id' };

  const header = child(study, 'required_header');
  // `ClinicalTrials.gov processed this data on March 27, 2020`; before 2010 `Information obtained from
  // ClinicalTrials.gov on September 10, 2009` (the date follows the last "on")
  const downloaded = line(header, 'download_date') ?? '';
  const processed = /\son\s/i.test(downloaded) ? downloaded.split(/\s+on\s+/i).pop()! : null;
  const r = emptyRegistration(tid.id, CTGOV_REGISTRY, {
    format: FORMAT_ID, file, recordId: nct, url: line(header, 'url') ?? ctgovUrl(tid.id),
    exportedAt: processed ? parseDate(processed, 'mdy').date : null,
  });
  const raw: Record<string, string> = {};

  const org = line(idInfo, 'org_study_id');
  if (org) raw['org_study_id'] = org;
  const secondary = kids(idInfo, 'secondary_id').map((e) => cleanLine(e.text)).filter((s): s is string => s !== null);
  for (const s of [...secondary, ...kids(idInfo, 'nct_alias').map((e) => e.text)]) {
    const t = secondaryRegistration(s, null, null);
    if (t && t.id !== r.id && !r.secondaryIds.includes(t.id)) r.secondaryIds.push(t.id);
  }
  if (secondary.length) raw['secondary_id'] = secondary.join('\n');

  r.titles.public = line(study, 'brief_title');
  r.titles.scientific = line(study, 'official_title');
  r.titles.acronym = line(study, 'acronym');
  r.description.brief = block(study, 'brief_summary');
  r.description.detailed = block(study, 'detailed_description');

  const sponsors = child(study, 'sponsors');
  r.sponsor.primary = line(sponsors, 'lead_sponsor', 'agency');
  // `Industry`, `NIH`, `U.S. Fed`, `Other` → the API v2 enum, so that both formats give one vocabulary
  r.sponsor.class = ctgovSponsorClass(line(sponsors, 'lead_sponsor', 'agency_class'));
  r.sponsor.collaborators = kids(sponsors, 'collaborator').map((c) => line(c, 'agency')).filter((s): s is string => s !== null);
  // who answers for the registration (Sponsor, Principal Investigator, Sponsor-Investigator): evidence for sponsor.type
  const rp = child(study, 'responsible_party');
  const rpText = [line(rp, 'responsible_party_type'), [line(rp, 'investigator_full_name'), line(rp, 'investigator_title'), line(rp, 'investigator_affiliation')].filter(Boolean).join(', ')].filter(Boolean).join(': ');
  if (rpText) raw['responsibleParty'] = rpText;

  r.status = normaliseStatus(line(study, 'overall_status'));
  const why = line(study, 'why_stopped');
  if (why) raw['why_stopped'] = why;
  // `Unknown status` records keep what the status was when last verified
  const lastKnown = line(study, 'last_known_status');
  if (lastKnown) raw['last_known_status'] = lastKnown;
  r.studyType = normaliseStudyType(line(study, 'study_type'));
  // raw text: `N/A` is a value here (not applicable: device and behavioural trials), not a missing phase
  r.phaseRaw = child(study, 'phase')?.text.trim() || null;
  r.phase = ctgovPhase(r.phaseRaw);
  readDesign(r, child(study, 'study_design_info'));
  if (!child(study, 'study_design_info')) readDesignLine(r, line(study, 'study_design'));
  readEnrollment(r, child(study, 'enrollment'));

  r.conditions = kids(study, 'condition').map((c) => cleanLine(c.text)).filter((s): s is string => s !== null);
  readArmsInterventions(r, study);
  const outcome = (o: El) => ({ measure: line(o, 'measure') ?? '', description: cleanText(child(o, 'description')?.text), timeFrame: line(o, 'time_frame'), timepointsDays: [] });
  r.outcomes.primary = kids(study, 'primary_outcome').map(outcome).filter((o) => o.measure);
  r.outcomes.secondary = [...kids(study, 'secondary_outcome'), ...kids(study, 'other_outcome')].map(outcome).filter((o) => o.measure);
  readEligibility(r, child(study, 'eligibility'));
  readPeopleAndPlaces(r, study, raw);
  readDates(r, study, raw);
  r.references = [
    ...kids(study, 'reference').map((x) => reference(x, 'BACKGROUND')),
    ...kids(study, 'results_reference').map((x) => reference(x, 'RESULT')),
  ].filter((x) => x.citation || x.pmid);
  r.results.posted = child(study, 'clinical_results') !== null || r.dates.resultsPosted !== null;
  if (r.results.posted) r.results.url = `${ctgovUrl(tid.id)}?tab=results`;
  r.results.firstPosted = r.dates.resultsPosted;

  if (Object.keys(raw).length) r.raw = raw;
  return r;
}

function readDesign(r: Registration, d: El | null): void {
  if (!d) return;
  r.design.allocation = ctgovAllocation(child(d, 'allocation')?.text); // raw text: `N/A` is a value here
  r.design.model = ctgovModel(line(d, 'intervention_model'));
  r.design.purpose = ctgovPurpose(line(d, 'primary_purpose'));
  const { masking, roles } = ctgovMasking(line(d, 'masking'));
  r.design.masking = masking;
  r.design.maskedRoles = roles;
  const labels: Record<string, string> = {
    allocation: 'Allocation', intervention_model: 'Intervention Model', intervention_model_description: 'Intervention Model Description',
    primary_purpose: 'Primary Purpose', masking: 'Masking', masking_description: 'Masking Description',
    observational_model: 'Observational Model', time_perspective: 'Time Perspective',
  };
  const parts = d.children.map((c) => `${labels[c.name] ?? c.name}: ${c.text.trim()}`).filter((s) => !s.endsWith(': '));
  r.design.raw = parts.length ? parts.join('|') : null;
}

/** Records registered before 2007 carry the design as one line of words instead of <study_design_info>. */
function readDesignLine(r: Registration, text: string | null): void {
  if (!text) return;
  const d = ctgovDesignLine(text);
  r.design.allocation = d.allocation;
  r.design.model = d.model;
  r.design.purpose = d.purpose;
  r.design.masking = d.masking;
  r.design.maskedRoles = d.roles;
  r.design.raw = text;
}

function readEnrollment(r: Registration, e: El | null): void {
  if (!e) return;
  const text = e.text.trim();
  const n = /^\d+$/.test(text) ? Number(text) : null;
  if (text && n === null) r.warnings.push(`enrollment: "${text.slice(0, 80)}" is not a number of participants`);
  const type = e.attrs['type'] ?? null;
  if (n !== null && /^actual$/i.test(type ?? '')) r.enrollment.actual = n;
  else r.enrollment.target = n; // Anticipated / Estimated, or unstated
  r.enrollment.raw = text ? `${text}${type ? ` (${type})` : ''}` : null;
}

function readArmsInterventions(r: Registration, study: El): void {
  const ivs = kids(study, 'intervention');
  r.arms = kids(study, 'arm_group').map((a) => {
    const label = line(a, 'arm_group_label') ?? '';
    return {
      label,
      type: ctgovArmType(line(a, 'arm_group_type')),
      description: cleanText(child(a, 'description')?.text),
      interventions: ivs.filter((iv) => kids(iv, 'arm_group_label').some((l) => cleanLine(l.text) === label))
        .map((iv) => line(iv, 'intervention_name') ?? '').filter(Boolean),
    };
  }).filter((a) => a.label);
  r.interventions = ivs.map((iv) => {
    const description = cleanText(child(iv, 'description')?.text);
    const other = kids(iv, 'other_name').map((o) => cleanLine(o.text)).filter(Boolean);
    return {
      type: ctgovInterventionType(line(iv, 'intervention_type')),
      name: line(iv, 'intervention_name') ?? '',
      description: other.length ? [description, `Other names: ${other.join('; ')}`].filter(Boolean).join('\n') : description,
      cellTherapy: null,
    };
  }).filter((i) => i.name);
}

function readEligibility(r: Registration, e: El | null): void {
  if (!e) return;
  const el = r.eligibility;
  el.raw = block(e, 'criteria');
  const { inclusion, exclusion } = splitCriteria(el.raw);
  el.inclusion = inclusion;
  el.exclusion = exclusion;
  el.sex = normaliseSex(line(e, 'gender'));
  el.healthyVolunteers = ctgovYesNo(line(e, 'healthy_volunteers'));
  const age = (field: string): number | null => {
    const s = line(e, field);
    if (!s) return null;
    const { years, warning } = parseAge(s);
    if (warning) r.warnings.push(`eligibility/${field}: ${warning}`);
    return years;
  };
  el.minAgeYears = age('minimum_age');
  el.maxAgeYears = age('maximum_age');
}

function person(p: El, role: string | null): Contact {
  const name = [line(p, 'first_name'), line(p, 'middle_name'), line(p, 'last_name')].filter(Boolean).join(' ') || null;
  return {
    name: name && line(p, 'degrees') ? `${name}, ${line(p, 'degrees')}` : name,
    role: contactRole(line(p, 'role') ?? role),
    affiliation: line(p, 'affiliation'),
    email: line(p, 'email'),
    phone: [line(p, 'phone'), line(p, 'phone_ext')].filter(Boolean).join(' ext. ') || null,
  };
}

function readPeopleAndPlaces(r: Registration, study: El, raw: Record<string, string>): void {
  r.contacts = [
    ...kids(study, 'overall_contact').map((c) => person(c, 'Contact')),
    ...kids(study, 'overall_contact_backup').map((c) => person(c, 'Contact backup')),
    ...kids(study, 'overall_official').map((c) => person(c, 'Official')),
  ].filter((c) => c.name || c.email);
  const names = [
    ...kids(child(study, 'location_countries'), 'country').map((c) => c.text),
    ...kids(study, 'location').map((l) => line(l, 'facility', 'address', 'country') ?? ''),
  ];
  const countries: string[] = [];
  for (const n of names) {
    const written = cleanLine(n);
    if (!written) continue;
    const c = normaliseCountry(written);
    if (c && !countries.includes(c)) countries.push(c);
    else if (!c) r.warnings.push(`country "${written}" not recognised`);
  }
  r.countries = countries;
  const sites = kids(study, 'location').map((l) => {
    const f = child(l, 'facility');
    const a = child(f, 'address');
    return [line(f, 'name'), line(a, 'city'), line(a, 'state'), line(a, 'country')].filter(Boolean).join(', ');
  }).filter(Boolean);
  if (sites.length) raw['Locations'] = sites.join('\n');
}

function readDates(r: Registration, study: El, raw: Record<string, string>): void {
  const d = (...names: string[]): string | null => {
    for (const name of names) {
      const s = line(study, name);
      if (!s) continue;
      const { date, warning } = parseDate(s, 'mdy');
      if (warning) r.warnings.push(`${name}: ${warning}`);
      return date;
    }
    return null;
  };
  r.dates.start = d('start_date');
  r.dates.primaryCompletion = d('primary_completion_date');
  r.dates.completion = d('completion_date');
  r.dates.registration = d('study_first_submitted', 'firstreceived_date', 'study_first_posted');
  r.dates.lastUpdate = d('last_update_posted', 'last_update_submitted', 'lastchanged_date');
  r.dates.resultsPosted = d('results_first_posted', 'results_first_submitted', 'firstreceived_results_date');
  // type="Actual" / "Anticipated" / "Estimate" on the dates: whether a date happened or is planned
  const types = dateTypesText([
    ['start', child(study, 'start_date')?.attrs['type']], ['primaryCompletion', child(study, 'primary_completion_date')?.attrs['type']],
    ['completion', child(study, 'completion_date')?.attrs['type']],
  ]);
  if (types) raw['dateTypes'] = types;
}

function reference(x: El, type: string): Reference {
  return citationReference(type, line(x, 'citation'), line(x, 'PMID'));
}
