/**
 * ClinicalTrials.gov search-results download (format `ctgov-tsv`): one study per row, tab- or comma-separated,
 * columns `Rank, NCT Number, Title, … URL` (classic site) or `NCT Number, Study Title, Study URL, …` (the 2023 site),
 * multi-valued cells `|`-separated. Streamed row by row; a bad row is reported and skipped.
 */
import { emptyRegistration, type Registration } from '../model/registration.js';
import { parseDate } from '../normalise/dates.js';
import { parseAge } from '../normalise/ages.js';
import { normaliseCountry } from '../normalise/countries.js';
import { normaliseSex } from '../normalise/sex.js';
import { normaliseStatus } from '../normalise/status.js';
import { normaliseStudyType } from '../normalise/study-type.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { cleanLine, splitList } from '../normalise/text.js';
import {
  CTGOV_REGISTRY, ctgovAllocation, ctgovMasking, ctgovModel, ctgovPhase, ctgovPurpose,
  ctgovUrl, splitTypedName, token,
} from './ctgov-common.js';
import { delimitedRows, isProblem, sniffDelimiter, splitLine } from './ctgov-delimited.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ctgov-tsv';

/** Header spellings of the same column across the two generations of the download, as one key each. */
const ALIASES: Record<string, string> = {
  study_title: 'title', study_url: 'url', study_status: 'status', sex: 'gender', funder_type: 'funded_bys',
  study_design: 'study_designs', primary_outcome_measures: 'outcome_measures', sponsor: 'sponsor_collaborators',
};
const KNOWN = new Set([
  'rank', 'nct_number', 'title', 'acronym', 'status', 'study_results', 'conditions', 'interventions', 'outcome_measures',
  'sponsor_collaborators', 'collaborators', 'gender', 'age', 'phases', 'enrollment', 'funded_bys', 'study_type',
  'study_designs', 'other_ids', 'start_date', 'primary_completion_date', 'completion_date', 'first_posted',
  'results_first_posted', 'last_update_posted', 'locations', 'study_documents', 'url', 'brief_summary',
  'secondary_outcome_measures', 'other_outcome_measures',
]);

export function columnKey(header: string): string {
  const t = token(header.replace(/^\uFEFF/, ''));
  return ALIASES[t] ?? t;
}

function headerLine(headText: string): string {
  return headText.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '';
}

export const ctgovTsv: SourceFormat = {
  id: FORMAT_ID,
  label: 'ClinicalTrials.gov search results download (TSV or CSV, one study per row)',
  detect(input) {
    const line = headerLine(input.headText);
    const keys = splitLine(line, sniffDelimiter(line), true).fields.map(columnKey);
    if (!keys.includes('nct_number')) return 0;
    const known = keys.filter((k) => KNOWN.has(k)).length;
    return known >= 5 ? 0.95 : 0.5;
  },
  parse: parseTsv,
};

/** One row's cells by column key. */
export type Cells = Map<string, string>;

async function* parseTsv(input: InputFile): AsyncIterable<ParseItem> {
  let header: string[] | null = null;
  let dataRow = 0;
  let idCol = -1;
  const line = headerLine(input.headText);
  const delimiter = sniffDelimiter(line);
  // The TSV download writes quotes as literal text; the CSV download quotes cells the RFC 4180 way.
  const quoting = delimiter !== '\t';
  const isRowStart = (fields: string[]): boolean =>
    header !== null && fields.length === header.length && /^NCT\d{8}$/i.test((fields[idCol] ?? '').trim());
  for await (const row of delimitedRows(input.text(), { delimiter, quoting, isRowStart })) {
    if (!header) {
      if (isProblem(row)) {
        yield issue(input, `line ${row.line}`, undefined, `header: ${row.reason}`);
        return;
      }
      header = row.fields.map(columnKey);
      idCol = header.indexOf('nct_number');
      if (idCol < 0) {
        yield issue(input, `line ${row.line}`, 'NCT Number', 'header has no "NCT Number" column');
        return;
      }
      continue;
    }
    dataRow++;
    const position = `row ${dataRow} (line ${row.line})`;
    if (isProblem(row)) {
      yield issue(input, position, undefined, row.reason);
      continue;
    }
    if (row.fields.length !== header.length) {
      const id = (row.fields[idCol] ?? '').trim();
      yield issue(input, `${position}${id ? ` ${id}` : ''}`, undefined,
        `expected ${header.length} ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-separated cells, found ${row.fields.length}`);
      continue;
    }
    const cells: Cells = new Map(header.map((k, i) => [k, row.fields[i] ?? '']));
    const result = rowToRegistration(cells, input.name);
    if ('problem' in result) yield issue(input, position, result.field, result.problem);
    else yield { kind: 'record', record: result, position: `${position} ${result.id}` };
  }
  if (!header) yield issue(input, 'line 1', undefined, 'no header row');
}

function issue(input: InputFile, position: string, field: string | undefined, reason: string): ParseItem {
  return { kind: 'error', issue: { file: input.name, position, ...(field ? { field } : {}), reason } };
}

/** One search-results row → a canonical registration (pure; exported for tests). */
export function rowToRegistration(cells: Cells, file: string | null): Registration | { problem: string; field: string } {
  const get = (k: string): string | null => cleanLine(cells.get(k));
  const list = (k: string): string[] => splitList(cells.get(k), /\|/);
  const nct = get('nct_number');
  const tid = normaliseTrialId(nct);
  if (!nct) return { problem: 'no trial id', field: 'NCT Number' };
  if (!tid || tid.registry !== CTGOV_REGISTRY) return { problem: `"${nct}" is not a ClinicalTrials.gov number`, field: 'NCT Number' };

  const r = emptyRegistration(tid.id, CTGOV_REGISTRY, {
    format: FORMAT_ID, file, recordId: nct, url: get('url') ?? ctgovUrl(tid.id),
  });
  const raw: Record<string, string> = {};
  const keepRaw = (k: string, label: string): void => { const v = get(k); if (v) raw[label] = v; };

  r.titles.public = get('title');
  r.titles.acronym = get('acronym');
  r.description.brief = get('brief_summary');

  r.status = normaliseStatus(get('status'));
  const results = token(cells.get('study_results'));
  r.results.posted = results ? results === 'has_results' || results === 'yes' : null;

  r.conditions = list('conditions');
  r.interventions = list('interventions').map((s) => ({ ...splitTypedName(s), description: null, cellTherapy: null }));
  // The classic download has one "Outcome Measures" column that mixes primary and secondary outcomes and does not
  // say which is which: they all go to primary. The 2023 download splits them, and the secondary ones go apart.
  const outcome = (measure: string) => ({ measure, description: null, timeFrame: null, timepointsDays: [] });
  r.outcomes.primary = list('outcome_measures').map(outcome);
  // "other pre-specified" outcomes are secondary in the canonical two-way split, as in the JSON and XML readers
  r.outcomes.secondary = [...list('secondary_outcome_measures'), ...list('other_outcome_measures')].map(outcome);

  const sponsors = list('sponsor_collaborators');
  r.sponsor.primary = sponsors[0] ?? null;
  r.sponsor.collaborators = [...sponsors.slice(1), ...list('collaborators')];
  r.sponsor.class = get('funded_bys');

  readEligibility(r, get('gender'), get('age'));
  keepRaw('age', 'Age');

  // raw text: the API's CSV writes NA (not applicable), which is a value, not an empty cell
  r.phaseRaw = (cells.get('phases') ?? '').trim() || null;
  r.phase = ctgovPhase(r.phaseRaw);

  // The download does not say whether Enrollment is the actual or the anticipated count; it is filed as target
  // (the planned size is what most users compare) and the text is kept in enrollment.raw.
  r.enrollment.raw = get('enrollment');
  r.enrollment.target = toCount(r.enrollment.raw);
  if (r.enrollment.raw && r.enrollment.target === null) r.warnings.push(`Enrollment: "${r.enrollment.raw}" is not a number of participants`);

  const studyType = get('study_type');
  r.studyType = normaliseStudyType(studyType);
  keepRaw('study_type', 'Study Type');
  readDesign(r, get('study_designs'));

  readOtherIds(r, list('other_ids'));
  keepRaw('other_ids', 'Other IDs');

  r.dates.start = date(r, 'Start Date', get('start_date'));
  r.dates.primaryCompletion = date(r, 'Primary Completion Date', get('primary_completion_date'));
  r.dates.completion = date(r, 'Completion Date', get('completion_date'));
  // the download has no submission date: the first posting (usually a few days later) stands in for registration
  r.dates.registration = date(r, 'First Posted', get('first_posted'));
  r.dates.resultsPosted = date(r, 'Results First Posted', get('results_first_posted'));
  r.dates.lastUpdate = date(r, 'Last Update Posted', get('last_update_posted'));
  r.results.firstPosted = r.dates.resultsPosted;
  if (r.results.posted === null && r.dates.resultsPosted) r.results.posted = true;
  if (r.results.posted) r.results.url = `${ctgovUrl(tid.id)}?tab=results`;

  const locations = list('locations');
  r.countries = countriesOf(locations);
  // site list kept for multicentre extraction and for display (one site per line)
  if (locations.length) raw['Locations'] = locations.join('\n');
  keepRaw('study_documents', 'Study Documents');
  // `Rank` is the row's place in that day's search results, not a fact about the trial: kept out of the record,
  // or every weekly download would make every study look changed.

  if (Object.keys(raw).length) r.raw = raw;
  return r;
}

function toCount(s: string | null): number | null {
  if (!s) return null;
  const n = Number(s.replace(/[,\s]/g, ''));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function date(r: Registration, field: string, s: string | null): string | null {
  if (!s) return null;
  const { date: d, warning } = parseDate(s, 'mdy');
  if (warning) r.warnings.push(`${field}: ${warning}`);
  return d;
}

/** Gender + `18 Years to 80 Years   (Adult, Older Adult)` / `up to 18 Years` / `18 Years and older` / `Child, Adult`. */
function readEligibility(r: Registration, gender: string | null, age: string | null): void {
  r.eligibility.sex = normaliseSex(gender);
  if (!age) return;
  const limits = (age.split('(')[0] ?? '').trim();
  const years = (t: string): number | null => {
    const { years: y, warning } = parseAge(t);
    if (warning) r.warnings.push(`Age: ${warning}`);
    return y;
  };
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)\s+to\s+(.+)$/i.exec(limits)) && !/^up$/i.test(m[1]!)) {
    r.eligibility.minAgeYears = years(m[1]!);
    r.eligibility.maxAgeYears = years(m[2]!);
  } else if ((m = /^up\s+to\s+(.+)$/i.exec(limits))) {
    r.eligibility.maxAgeYears = years(m[1]!);
  } else if ((m = /^(.+?)\s+and\s+older$/i.exec(limits))) {
    r.eligibility.minAgeYears = years(m[1]!);
  }
}

/** `Allocation: Randomized|Intervention Model: Parallel Assignment|Masking: Double (Participant, Investigator)|…`. */
export function readDesign(r: Registration, text: string | null): void {
  r.design.raw = text;
  for (const part of splitList(text, /\|/)) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const key = token(part.slice(0, i));
    const value = part.slice(i + 1).trim();
    if (key === 'allocation') r.design.allocation = ctgovAllocation(value);
    else if (key === 'intervention_model') r.design.model = ctgovModel(value);
    else if (key === 'primary_purpose') r.design.purpose = ctgovPurpose(value);
    else if (key === 'masking') {
      const { masking, roles } = ctgovMasking(value);
      r.design.masking = masking;
      r.design.maskedRoles = roles;
    }
  }
}

/** Registry numbers in `Other IDs` → secondaryIds; sponsors' own study codes stay in raw only. */
function readOtherIds(r: Registration, ids: string[]): void {
  for (const s of ids) {
    const t = normaliseTrialId(s);
    if (t && t.id !== r.id && !r.secondaryIds.includes(t.id)) r.secondaryIds.push(t.id);
  }
}

/**
 * `Facility, City, State, Country` → country. The country is the last comma part, except for names that carry
 * their own comma (`Iran, Islamic Republic of`, `Korea, Republic of`): then the last two parts are the name.
 */
export function countriesOf(locations: string[]): string[] {
  const out: string[] = [];
  for (const loc of locations) {
    const parts = loc.split(',').map((p) => p.trim()).filter(Boolean);
    if (!parts.length) continue;
    const last = parts[parts.length - 1]!;
    const name = parts.length > 1 && /\b(?:of|the)$/i.test(last) ? parts.slice(-2).join(', ') : last;
    const c = normaliseCountry(name);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}
