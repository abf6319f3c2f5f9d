/**
 * WHO ICTRP export row → canonical registration. One mapping for the three ICTRP formats (XML, CSV, XLSX): each
 * reader turns its rows into `{column key → cell text}` and calls `ictrpRecords`, which maps every row and merges
 * the per-member-state rows of EU CTR into one registration per EudraCT number and file.
 *
 * Date orders (see normalise/dates.ts): `Date registration` is day-first (`27/01/2020`), `Export date` month-first
 * (`4/7/2020 10:40:56 AM`); XLSX date cells come as Excel day numbers (`43941`) and are read as such.
 */
import { emptyRegistration, type Registration } from '../model/registration.js';
import { parseAge } from '../normalise/ages.js';
import { normaliseCountries } from '../normalise/countries.js';
import { excelSerialToDate, excelSerialToTimestamp, parseDate, parseTimestamp, type DateOrder, type DateResult } from '../normalise/dates.js';
import { collectSecondaryIds, normaliseTrialId } from '../normalise/ids.js';
import { normalisePhase } from '../normalise/phase.js';
import { normaliseSex } from '../normalise/sex.js';
import { normaliseStatus } from '../normalise/status.js';
import { normaliseStudyType } from '../normalise/study-type.js';
import { cleanLine, cleanText, splitList } from '../normalise/text.js';
import {
  criteriaItems, euctrAgeLimits, ictrpConditions, ictrpContacts, ictrpInterventions, ictrpOutcomes, parseTargetSize, splitCriteria,
} from './ictrp-fields.js';
import type { ParseItem } from './types.js';

/** A row by column key: `TrialID` → `trialid`, `Last Refreshed on` / `Last_Refreshed_on` → `last_refreshed_on`. */
export type IctrpRow = Record<string, string>;

/** Column header (CSV/XLSX) or element name (XML) → key. */
export function columnKey(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The export's columns, as keys; `ictrpHeaderScore` counts how many a header row has. */
export const ICTRP_COLUMNS = [
  'trialid', 'last_refreshed_on', 'public_title', 'scientific_title', 'acronym', 'primary_sponsor', 'date_registration',
  'date_registration3', 'export_date', 'source_register', 'web_address', 'recruitment_status', 'other_records',
  'inclusion_agemin', 'inclusion_agemax', 'inclusion_gender', 'date_enrollement', 'target_size', 'study_type',
  'study_design', 'phase', 'countries', 'contact_firstname', 'contact_lastname', 'contact_address', 'contact_email',
  'contact_tel', 'contact_affiliation', 'inclusion_criteria', 'exclusion_criteria', 'condition', 'intervention',
  'primary_outcome', 'results_date_posted', 'results_date_completed', 'results_url_link', 'retrospective_flag',
  'bridging_flag_truefalse', 'bridged_type', 'results_yes_no',
] as const;
/** Columns some ICTRP exports add; read when present. */
const EXTRA_COLUMNS = ['secondary_sponsor', 'secondary_sponsors', 'secondary_id', 'secondary_ids', 'secondary_outcome', 'secondary_outcomes'];
const KNOWN = new Set<string>([...ICTRP_COLUMNS, ...EXTRA_COLUMNS]);

/**
 * 0…1: how much a list of header keys looks like an ICTRP export (TrialID required, and most columns ICTRP's, so
 * that a table of labels that merely carries a TrialID column — the design gold file — is not taken for one).
 */
export function ictrpHeaderScore(keys: string[]): number {
  if (!keys.includes('trialid')) return 0;
  const named = keys.filter(Boolean);
  const hits = named.filter((k) => KNOWN.has(k)).length;
  if (hits < named.length / 2) return 0;
  if (hits >= 8 && (keys.includes('public_title') || keys.includes('scientific_title'))) return 0.95;
  return hits >= 4 ? 0.6 : 0.2;
}

export interface RowContext {
  /** format id, e.g. `ictrp-csv` */
  format: string;
  /** file name as messages name it */
  file: string;
  /** `row 12`, `record 7` */
  position: string;
}

export type RowResult = { record: Registration; suffix: string | null } | { error: { field: string; reason: string } };

// ---- cells ----

/** An XLSX date cell holds Excel's day number; anything else is text in the stated order. */
function readDate(value: string | undefined, order: DateOrder): DateResult {
  const s = (value ?? '').trim();
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const date = excelSerialToDate(Math.floor(+s));
    return date ? { date, warning: null } : { date: null, warning: `date "${s}" is not a date we can read` };
  }
  return parseDate(s, order);
}

function readTimestamp(value: string | undefined, order: DateOrder): DateResult {
  const s = (value ?? '').trim();
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return { date: excelSerialToTimestamp(+s), warning: null };
  return parseTimestamp(s, order);
}

function yesNo(value: string | undefined): boolean | null {
  const s = (value ?? '').trim().toLowerCase();
  if (/^(yes|y|true|1)$/.test(s)) return true;
  if (/^(no|n|false|0)$/.test(s)) return false;
  return null;
}

// ---- the row ----

const MAPPED = new Set<string>([...ICTRP_COLUMNS, ...EXTRA_COLUMNS]);

/** What the readers below leave beside the canonical values: warnings, and source words kept verbatim. */
interface Notes {
  warn(message: string): void;
  keep(field: string, value: string | null | undefined): void;
}

function readSourceAndDates(row: IctrpRow, reg: Registration, n: Notes): void {
  const date = (field: string, r: DateResult): string | null => {
    if (r.warning) { n.warn(`${field}: ${r.warning}`); n.keep(field, row[columnKey(field)]?.trim()); }
    return r.date;
  };
  reg.source.lastRefreshed = date('Last Refreshed on', readDate(row.last_refreshed_on, 'dmy'));
  reg.source.exportedAt = date('Export date', readTimestamp(row.export_date, 'mdy'));
  const reg3 = readDate(row.date_registration3, 'dmy');
  const written = date('Date registration', readDate(row.date_registration, 'dmy'));
  reg.dates.registration = reg3.date ?? written;
  // the registry's own date is kept only when it says something the normalised date does not (XLSX holds it as an
  // Excel day number, CSV and XML as text: keeping it always would make the same record differ between formats)
  if (reg3.date && written && written !== reg3.date) n.keep('Date registration', row.date_registration?.trim());
  reg.dates.start = date('Date enrollement', readDate(row.date_enrollement, 'dmy'));
  reg.results.firstPosted = date('results date posted', readDate(row.results_date_posted, 'dmy'));
  reg.dates.resultsPosted = reg.results.firstPosted;
  reg.dates.completion = date('results date completed', readDate(row.results_date_completed, 'dmy'));
}

function readDescriptors(row: IctrpRow, reg: Registration, n: Notes): void {
  reg.titles = { public: cleanLine(row.public_title), scientific: cleanLine(row.scientific_title), acronym: cleanLine(row.acronym) };
  reg.sponsor.primary = cleanLine(row.primary_sponsor);
  reg.sponsor.secondary = splitList(row.secondary_sponsor ?? row.secondary_sponsors);
  reg.status = normaliseStatus(cleanLine(row.recruitment_status));
  if (reg.status.raw && !reg.status.recruitment) n.warn(`Recruitment Status "${reg.status.raw}" is not a status we know`);

  const target = cleanLine(row.target_size);
  const size = parseTargetSize(target);
  reg.enrollment = { target: size.target, actual: null, raw: target };
  if (size.warning) n.warn(size.warning);

  const studyType = cleanLine(row.study_type);
  reg.studyType = normaliseStudyType(studyType);
  n.keep('Study type', studyType);
  if (studyType && !reg.studyType && !/^unknown$/i.test(studyType)) n.warn(`Study type "${studyType}" is not a type we know`);
  reg.design.raw = cleanText(row.study_design);
  reg.phaseRaw = cleanText(row.phase) ?? (row.phase?.trim() || null);
  reg.phase = normalisePhase(row.phase ?? null);

  const countries = normaliseCountries(cleanText(row.countries) ?? '');
  reg.countries = countries.countries;
  if (countries.unknown.length) n.warn(`Countries: not a country we know: ${countries.unknown.map((c) => `"${c}"`).join(', ')}`);
  n.keep('Countries', cleanText(row.countries));

  reg.contacts = ictrpContacts(row);
  n.keep('Contact Address', cleanText(row.contact_address));
}

function readEligibility(row: IctrpRow, reg: Registration, n: Notes): void {
  const min = parseAge(cleanLine(row.inclusion_agemin));
  const max = parseAge(cleanLine(row.inclusion_agemax));
  if (min.warning) n.warn(`Inclusion agemin: ${min.warning}`);
  if (max.warning) n.warn(`Inclusion agemax: ${max.warning}`);
  const sex = normaliseSex(row.inclusion_gender ?? null);
  const sexRaw = cleanLine(row.inclusion_gender);
  if (sexRaw && !sex) n.warn(`Inclusion gender "${sexRaw}" is not a sex we know`);
  const { inc, exc } = splitCriteria(cleanText(row.inclusion_criteria), cleanText(row.exclusion_criteria));
  // EU CTR rows leave the age columns empty; their age-group table says it
  const noAges = !cleanLine(row.inclusion_agemin) && !cleanLine(row.inclusion_agemax);
  const eu = noAges ? euctrAgeLimits(inc) : null;
  // ReBEC writes a bare `0` where there is no upper limit (`18Y` / `0`, `0` / `0`): no maximum, not newborns only
  const noMax = /^0+$/.test(cleanLine(row.inclusion_agemax) ?? '');
  reg.eligibility = {
    minAgeYears: eu ? eu.min : min.years, maxAgeYears: eu ? eu.max : noMax ? null : max.years, sex, healthyVolunteers: null,
    inclusion: criteriaItems(inc), exclusion: criteriaItems(exc),
    raw: [inc, exc].filter((x) => x != null).join('\n') || null,
  };
  n.keep('Inclusion agemin', cleanLine(row.inclusion_agemin));
  n.keep('Inclusion agemax', cleanLine(row.inclusion_agemax));
  n.keep('Inclusion gender', sexRaw);
}

function readTexts(row: IctrpRow, reg: Registration, n: Notes): void {
  const condition = cleanText(row.condition);
  reg.conditions = ictrpConditions(row.condition);
  if (condition && reg.conditions.join('\n') !== condition) n.keep('Condition', condition);
  const iv = ictrpInterventions(row.intervention);
  reg.interventions = iv.interventions;
  reg.arms = iv.arms;
  n.keep('Intervention', cleanText(row.intervention));
  reg.outcomes.primary = ictrpOutcomes(row.primary_outcome);
  reg.outcomes.secondary = ictrpOutcomes(row.secondary_outcome ?? row.secondary_outcomes);
  n.keep('Primary outcome', cleanText(row.primary_outcome));
}

function readFlags(row: IctrpRow, reg: Registration, n: Notes): void {
  const resultsUrl = cleanLine(row.results_url_link);
  reg.results.posted = yesNo(row.results_yes_no);
  reg.results.url = resultsUrl && /^https?:\/\//i.test(resultsUrl) ? resultsUrl : null;
  if (!reg.results.url) n.keep('results url link', resultsUrl);
  // Despite its name, the `Retrospective flag` column holds ICTRP's *prospective registration* flag (ICTRP search
  // tips: prospective when the date of registration is prior to the date of first enrolment): in the real exports it
  // is `Yes` for the rows registered on or before their start and `No` for the rows registered after (checked on the
  // real files by ../extract/prospective.test.ts and ../extract/invariants.test.ts). The extraction stage lets the
  // dates decide where both are known; this value stands only where one is missing.
  reg.prospective = yesNo(row.retrospective_flag);
  for (const [field, key] of [
    ['Source Register', 'source_register'], ['other records', 'other_records'], ['Bridging flag truefalse', 'bridging_flag_truefalse'],
    ['Bridged type', 'bridged_type'], ['Retrospective flag', 'retrospective_flag'],
  ] as const) n.keep(field, cleanLine(row[key]));
}

/** One ICTRP row → a registration (EU CTR rows not yet merged), or the reason it cannot be one. */
export function mapIctrpRow(row: IctrpRow, ctx: RowContext, headers: Record<string, string> = {}): RowResult {
  const trialId = cleanLine(row.trialid);
  if (!trialId) return { error: { field: 'TrialID', reason: 'no TrialID' } };
  const norm = normaliseTrialId(trialId);
  const reg = emptyRegistration(norm?.id ?? trialId, norm?.registry ?? 'other', {
    format: ctx.format, file: ctx.file, recordId: trialId, url: cleanLine(row.web_address),
  });
  const raw: Record<string, string> = {};
  const notes: Notes = {
    warn: (message) => { reg.warnings.push(message); },
    keep: (field, value) => { if (value) raw[field] = value; },
  };
  if (!norm) notes.warn(`TrialID "${trialId}" is no registry number we know; kept as written`);
  readSourceAndDates(row, reg, notes);
  readDescriptors(row, reg, notes);
  readEligibility(row, reg, notes);
  readTexts(row, reg, notes);
  readFlags(row, reg, notes);
  // columns this mapping does not know are kept verbatim, never dropped
  for (const [key, value] of Object.entries(row)) if (!MAPPED.has(key)) notes.keep(headers[key] ?? key, cleanText(value));
  reg.raw = raw;
  const listed = splitList(row.secondary_id ?? row.secondary_ids).flatMap((s) => normaliseTrialId(s)?.id ?? []);
  reg.secondaryIds = [...new Set([...listed, ...collectSecondaryIds(reg)])].filter((id) => id !== reg.id);
  return { record: reg, suffix: norm?.suffix ?? null };
}

// ---- EU CTR merging and the stream ----

/** Fold another member state's row of the same EudraCT number into the first one. */
function mergeEuRow(into: Registration, other: Registration): void {
  for (const c of other.countries) if (!into.countries.includes(c)) into.countries.push(c);
  const raw = (into.raw ??= {});
  const others = raw['other member-state records'] ? raw['other member-state records'].split('; ') : [];
  if (other.source.recordId && other.source.recordId !== into.source.recordId && !others.includes(other.source.recordId)) {
    others.push(other.source.recordId);
  }
  if (others.length) raw['other member-state records'] = others.join('; ');
  // the trial's dates: first registration and start in any member state, latest refresh
  const earliest = (a: string | null, b: string | null): string | null => (a && b ? (b < a ? b : a) : a ?? b);
  into.dates.registration = earliest(into.dates.registration, other.dates.registration);
  into.dates.start = earliest(into.dates.start, other.dates.start);
  if (other.source.lastRefreshed && (!into.source.lastRefreshed || other.source.lastRefreshed > into.source.lastRefreshed)) {
    into.source.lastRefreshed = other.source.lastRefreshed;
  }
  if (into.prospective !== other.prospective) into.prospective = null; // member states disagree: the extraction stage decides
  if (other.sponsor.primary && other.sponsor.primary !== into.sponsor.primary) {
    const sponsors = raw['member-state sponsors'] ? raw['member-state sponsors'].split('; ') : [];
    if (!sponsors.includes(other.sponsor.primary)) sponsors.push(other.sponsor.primary);
    raw['member-state sponsors'] = sponsors.join('; ');
  }
  for (const id of other.secondaryIds) if (!into.secondaryIds.includes(id)) into.secondaryIds.push(id);
  for (const c of other.contacts) if (!into.contacts.some((o) => JSON.stringify(o) === JSON.stringify(c))) into.contacts.push(c);
  if (other.status.raw && other.status.raw !== into.status.raw) {
    raw['member-state statuses'] = [...new Set([...(raw['member-state statuses'] ?? into.status.raw ?? '').split('; ').filter(Boolean), other.status.raw])].join('; ');
  }
}

export type RowItem = { row: IctrpRow; position: string } | { issue: { position: string; field?: string; reason: string } };

/**
 * Rows in, parse items out. Non-EU rows are emitted at once; EU CTR rows are held (one entry per EudraCT number)
 * until the end of the file so the member-state rows come out as one registration.
 */
export async function* ictrpRecords(
  rows: AsyncIterable<RowItem>, format: string, file: string, headers: Record<string, string> = {},
): AsyncIterable<ParseItem> {
  const eu = new Map<string, { record: Registration; position: string }>();
  for await (const item of rows) {
    if ('issue' in item) { yield { kind: 'error', issue: { file, ...item.issue } }; continue; }
    let res: RowResult;
    try {
      res = mapIctrpRow(item.row, { format, file, position: item.position }, headers);
    } catch (e) {
      const id = cleanLine(item.row.trialid);
      yield { kind: 'error', issue: { file, position: `${item.position}${id ? ` (${id})` : ''}`, reason: `could not map the row: ${e instanceof Error ? e.message : String(e)}` } };
      continue;
    }
    if ('error' in res) { yield { kind: 'error', issue: { file, position: item.position, ...res.error } }; continue; }
    const position = `${item.position} (${res.record.source.recordId})`;
    if (res.record.registry !== 'EUCTR') { yield { kind: 'record', record: res.record, position }; continue; }
    const held = eu.get(res.record.id);
    if (held) mergeEuRow(held.record, res.record);
    else eu.set(res.record.id, { record: res.record, position });
  }
  for (const { record, position } of eu.values()) yield { kind: 'record', record, position };
}
