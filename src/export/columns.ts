/**
 * Flat column sets for the tabular exports (CSV, XLSX). One row per registration / study / change.
 *
 * Registration columns (documented for users; multi-valued cells are joined with `; `):
 *   id, study_id (the linked trial it belongs to: registrations with one study_id are one trial), registry, url, public_title, scientific_title, acronym, primary_sponsor, sponsor_type, recruitment_status,
 *   status_raw, study_type, phase, allocation, masking, purpose, control_type, multicentre, target_enrollment,
 *   actual_enrollment, registration_date, start_date, primary_completion_date, completion_date, last_update,
 *   results_posted, prospective, min_age_years, max_age_years, sex, healthy_volunteers, conditions, interventions,
 *   primary_outcomes, countries, secondary_ids, source_format, source_file
 */
import type { Registration } from '../model/registration.js';
import type { Study } from '../model/study.js';
import type { Change } from '../store/types.js';
import { fieldLabel, valueText } from '../store/change-text.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

const join = (items: (string | null | undefined)[]): string | null => {
  const kept = items.filter((x): x is string => typeof x === 'string' && x !== '');
  return kept.length ? kept.join('; ') : null;
};

export const REGISTRATION_COLUMNS: readonly { name: string; get: (r: Registration, studyId: string) => Cell }[] = [
  { name: 'id', get: (r) => r.id },
  { name: 'study_id', get: (_r, studyId) => studyId },
  { name: 'registry', get: (r) => r.registry },
  { name: 'url', get: (r) => r.source?.url ?? null },
  { name: 'public_title', get: (r) => r.titles.public },
  { name: 'scientific_title', get: (r) => r.titles.scientific },
  { name: 'acronym', get: (r) => r.titles.acronym },
  { name: 'primary_sponsor', get: (r) => r.sponsor.primary },
  { name: 'sponsor_type', get: (r) => r.sponsor.type },
  { name: 'recruitment_status', get: (r) => r.status.recruitment },
  { name: 'status_raw', get: (r) => r.status.raw },
  { name: 'study_type', get: (r) => r.studyType },
  { name: 'phase', get: (r) => r.phase },
  { name: 'allocation', get: (r) => r.design.allocation },
  { name: 'masking', get: (r) => r.design.masking },
  { name: 'purpose', get: (r) => r.design.purpose },
  { name: 'control_type', get: (r) => r.design.controlType },
  { name: 'multicentre', get: (r) => r.design.multicentre },
  { name: 'target_enrollment', get: (r) => r.enrollment.target },
  { name: 'actual_enrollment', get: (r) => r.enrollment.actual },
  { name: 'registration_date', get: (r) => r.dates.registration },
  { name: 'start_date', get: (r) => r.dates.start },
  { name: 'primary_completion_date', get: (r) => r.dates.primaryCompletion },
  { name: 'completion_date', get: (r) => r.dates.completion },
  { name: 'last_update', get: (r) => r.dates.lastUpdate },
  { name: 'results_posted', get: (r) => r.results.posted },
  { name: 'prospective', get: (r) => r.prospective },
  { name: 'min_age_years', get: (r) => r.eligibility.minAgeYears },
  { name: 'max_age_years', get: (r) => r.eligibility.maxAgeYears },
  { name: 'sex', get: (r) => r.eligibility.sex },
  { name: 'healthy_volunteers', get: (r) => r.eligibility.healthyVolunteers },
  { name: 'conditions', get: (r) => join(r.conditions) },
  { name: 'interventions', get: (r) => join(r.interventions.map((i) => (i.type ? `${i.type}: ${i.name}` : i.name))) },
  { name: 'primary_outcomes', get: (r) => join(r.outcomes.primary.map((o) => o.measure)) },
  { name: 'countries', get: (r) => join(r.countries) },
  { name: 'secondary_ids', get: (r) => join(r.secondaryIds) },
  { name: 'source_format', get: (r) => r.source?.format || null },
  { name: 'source_file', get: (r) => r.source?.file ?? null },
];

/** One registration as a table row; `studyId` is the study it is linked into (its own id when it stands alone). */
export function registrationRow(r: Registration, studyId: string = r.id): Row {
  const row: Row = {};
  for (const c of REGISTRATION_COLUMNS) row[c.name] = c.get(r, studyId);
  return row;
}

/**
 * Columns holding dates (ISO `YYYY-MM-DD`, or `YYYY-MM` when the registry gives only a month): spreadsheets get
 * them as dates, not text, so they sort and filter as dates.
 */
export const DATE_COLUMNS: ReadonlySet<string> = new Set([
  'registration_date', 'start_date', 'primary_completion_date', 'completion_date', 'last_update',
]);

export const STUDY_COLUMNS = ['study_id', 'primary_id', 'registration_ids', 'links', 'discrepancies', 'publications'] as const;

export function studyRow(s: Study): Row {
  return {
    study_id: s.studyId,
    primary_id: s.primaryId,
    registration_ids: join(s.registrationIds),
    links: join((s.links ?? []).map((l) => `${l.a}~${l.b} (${l.method} ${l.score})`)),
    discrepancies: join((s.discrepancies ?? []).map((d) => d.field)),
    publications: join((s.publications ?? []).map((p) => p.pmid ? `PMID ${p.pmid}` : p.doi ?? p.title ?? p.citation)),
  };
}

/**
 * A row per change over time (a field of one source's record between two of its snapshots), in words: the field's
 * name, the values as a reviewer reads them (lists one item per `; `, no JSON), the source and the snapshots' file
 * names. `field` keeps the canonical path for scripts.
 */
export const CHANGE_COLUMNS = ['registration_id', 'study_id', 'field', 'label', 'before', 'after', 'source', 'from_snapshot', 'to_snapshot', 'from_version', 'to_version'] as const;

export function changeRow(c: Change, studyId: string = c.registrationId): Row {
  return {
    registration_id: c.registrationId, study_id: studyId, field: c.field, label: c.label ?? fieldLabel(c.field),
    before: valueText(c.field, c.before), after: valueText(c.field, c.after), source: c.source ?? null,
    from_snapshot: c.fromSnapshot, to_snapshot: c.toSnapshot, from_version: c.fromVersion ?? null, to_version: c.toVersion ?? null,
  };
}
