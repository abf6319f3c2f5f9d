/**
 * Changes over time in words a reviewer reads: which fields count as a change of the trial, what each is called,
 * and a value as text (no JSON). Shared by `export --what changes` (tables), the study page's history and `show`.
 */
import type { Change, StoredVersion } from './types.js';
import { diffRegistrations } from './diff.js';
import { fileLabel, sourceLabel } from './lines.js';

/**
 * Parts of a record that are not the trial's content: the source's own verbatim columns (`raw`), the parser's
 * remarks (`warnings`), where extracted values were read (`extracted`), merge bookkeeping (`provenance`).
 * A difference there is no change a reviewer can act on.
 */
const NOT_CONTENT = new Set(['raw', 'warnings', 'extracted', 'provenance', 'source']);

export function isReviewedField(field: string): boolean {
  return !NOT_CONTENT.has(field.split('.')[0]!);
}

const LABELS: Record<string, string> = {
  id: 'Trial id', registry: 'Registry', secondaryIds: 'Secondary ids',
  'titles.public': 'Public title', 'titles.scientific': 'Scientific title', 'titles.acronym': 'Acronym',
  'sponsor.primary': 'Primary sponsor', 'sponsor.secondary': 'Secondary sponsors', 'sponsor.collaborators': 'Collaborators',
  'sponsor.type': 'Sponsor type', 'sponsor.class': 'Sponsor class',
  'status.recruitment': 'Recruitment status', 'status.raw': 'Recruitment status (registry wording)',
  studyType: 'Study type', phase: 'Phase', phaseRaw: 'Phase (registry wording)',
  'design.allocation': 'Allocation', 'design.model': 'Intervention model', 'design.masking': 'Masking',
  'design.maskedRoles': 'Masked roles', 'design.purpose': 'Purpose', 'design.controlType': 'Control',
  'design.multicentre': 'Multicentre', 'design.raw': 'Study design (registry wording)',
  'enrollment.target': 'Target enrolment', 'enrollment.actual': 'Actual enrolment', 'enrollment.raw': 'Enrolment (registry wording)',
  'dates.registration': 'Date registered', 'dates.start': 'Start date', 'dates.primaryCompletion': 'Primary completion date',
  'dates.completion': 'Completion date', 'dates.lastUpdate': 'Last update', 'dates.resultsPosted': 'Results posted',
  prospective: 'Registered prospectively',
  'eligibility.minAgeYears': 'Minimum age (years)', 'eligibility.maxAgeYears': 'Maximum age (years)', 'eligibility.sex': 'Sex',
  'eligibility.healthyVolunteers': 'Healthy volunteers', 'eligibility.inclusion': 'Inclusion criteria',
  'eligibility.exclusion': 'Exclusion criteria', 'eligibility.raw': 'Eligibility criteria (registry wording)',
  conditions: 'Conditions', interventions: 'Interventions', arms: 'Arms',
  'outcomes.primary': 'Primary outcomes', 'outcomes.secondary': 'Secondary outcomes',
  countries: 'Countries', contacts: 'Contacts',
  'results.posted': 'Results posted', 'results.url': 'Results link', 'results.firstPosted': 'Results first posted',
  'results.summary': 'Results summary', references: 'Publications',
  'description.brief': 'Brief summary', 'description.detailed': 'Detailed description',
};

/** A canonical path in words: `status.recruitment` → `Recruitment status`; unknown paths spelled out. */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field.split('.').map((p) => p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()).join(' › ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ENUMS = new Set(['status.recruitment', 'studyType', 'design.allocation', 'design.model', 'design.masking', 'design.purpose',
  'design.controlType', 'design.maskedRoles', 'eligibility.sex', 'sponsor.type']);

function enumWords(v: string): string {
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function phaseWords(v: string): string {
  if (v === 'not_applicable') return 'Not applicable';
  if (v === 'early_1') return 'Early phase 1';
  return `Phase ${v.replace('_', '/')}`;
}

/** One item of a list of objects, in words: its text values in order (the parts a reader knows it by first). */
function itemText(field: string, item: unknown): string {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  const o = item as Record<string, unknown>;
  const parts = (keys: string[]) => keys.map((k) => o[k]).filter((x) => x !== null && x !== undefined && x !== '').map(String);
  if (field.startsWith('outcomes.')) return [o.measure, o.timeFrame ? `(${String(o.timeFrame)})` : null].filter(Boolean).join(' ');
  if (field === 'interventions') return parts(['type']).length ? `${enumWords(String(o.type))}: ${String(o.name)}` : String(o.name ?? '');
  if (field === 'arms') return parts(['label']).concat(o.type ? [`(${enumWords(String(o.type))})`] : []).join(' ');
  if (field === 'contacts') return parts(['name', 'role', 'affiliation', 'email', 'phone']).join(', ');
  if (field === 'references') return parts(['citation']).length ? String(o.citation) : parts(['title', 'journal', 'year', 'pmid', 'doi']).join(', ');
  // anything else: its scalar values, nested ones included
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined || v === '') return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (typeof v === 'object') { Object.values(v).forEach(walk); return; }
    out.push(String(v));
  };
  walk(o);
  return out.join(', ');
}

/** A value of a field as a reviewer reads it (`null` → `not reported`; lists one item per `; `). */
export function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return 'not reported';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' && ENUMS.has(field) ? enumWords(x) : itemText(field, x))).join('; ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return field === 'phase' ? phaseWords(v) : ENUMS.has(field) ? enumWords(v) : v;
  if (typeof v === 'number') return String(v);
  return itemText(field, v);
}

/**
 * Changes over time within a list of versions of one registration (all lines, in version order): each version
 * against the previous version of the same source line. The first version of a line has none.
 */
export function changesOf(versions: StoredVersion[]): Change[] {
  const out: Change[] = [];
  const previous = new Map<string, StoredVersion>();
  for (const v of versions) {
    const line = v.line ?? '';
    const prev = previous.get(line);
    previous.set(line, v);
    if (prev) out.push(...changesBetween(prev, v));
  }
  return out;
}

/** The reviewed fields that differ from `prev` to `next` (two versions of the same source line). */
export function changesBetween(prev: StoredVersion, next: StoredVersion): Change[] {
  return diffRegistrations(prev.registration, next.registration).filter((c) => isReviewedField(c.field)).map((c) => ({
    registrationId: next.id, field: c.field, label: fieldLabel(c.field), before: c.before, after: c.after,
    fromSnapshot: fileLabel(prev.snapshot.file) ?? '', toSnapshot: fileLabel(next.snapshot.file) ?? '',
    source: sourceLabel(next.line ?? ''), fromVersion: prev.version, toVersion: next.version,
  }));
}
