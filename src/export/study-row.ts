/**
 * The characteristics table with a row per study (a linked trial), each value with the registration it came from.
 *
 * A merged row must never put one registration's title next to another's sponsor without saying so: every value
 * column is followed by `<column>_from`, the registration whose own characteristics row holds that exact value.
 * Columns that describe one thing together (allocation and "randomised", masking and "blinded", ages and sex,
 * sponsor and its type, the cell-therapy product and its dose) come from one registration as a group, so a dose
 * is never shown with another registration's unit.
 *
 * Which registration: the first in leading order (ClinicalTrials.gov, EUCTR/CTIS, ISRCTN, then the oldest; the
 * same order that picks the primary) that reports the group. Two columns say something about the whole trial
 * instead: `registration_date` is the trial's first registration (from the registration registered first), and
 * `prospective` is Yes when any registration was registered before enrolment began (from that registration).
 */
import type { Registration } from '../model/registration.js';
import type { Study } from '../model/study.js';
import { CHARACTERISTICS_COLUMNS, characteristicsRow, type CharacteristicsColumn, type Cell } from '../extract/characteristics.js';
import type { Row } from './columns.js';

type Chars = Record<CharacteristicsColumn, Cell>;

/** Columns that are not a registration's value but the row's identity or its evidence trail. */
const IDENTITY: ReadonlySet<CharacteristicsColumn> = new Set(['id', 'registry', 'evidence']);

/** Columns read together from one registration. Every other sourced column stands alone. */
const GROUPS: CharacteristicsColumn[][] = [
  ['randomised', 'allocation'],
  ['blinded', 'masking', 'masked_roles'],
  ['controlled', 'control_type'],
  ['sponsor', 'sponsor_type'],
  ['min_age_years', 'max_age_years', 'sex'],
  ['cell_therapy', 'cell_type', 'cell_source', 'cell_product', 'cell_origin', 'dose_value', 'dose_unit', 'dose_per_kg',
    'route', 'doses', 'interval_days', 'dose_days'],
];

/** The sourced columns, each in its group (a group of one when it stands alone), in table order. */
const SOURCED: CharacteristicsColumn[][] = (() => {
  const inGroup = new Map(GROUPS.flatMap((g) => g.map((c) => [c, g] as const)));
  const out: CharacteristicsColumn[][] = [];
  for (const c of CHARACTERISTICS_COLUMNS) {
    if (IDENTITY.has(c)) continue;
    const g = inGroup.get(c) ?? [c];
    if (!out.includes(g)) out.push(g);
  }
  return out;
})();

export const fromColumn = (c: string): string => `${c}_from`;

/** The columns of the per-study table: the study, its registrations, each characteristic then where it came from. */
export const STUDY_CHARACTERISTICS_COLUMNS: readonly string[] = [
  'study_id', 'registration_ids',
  ...CHARACTERISTICS_COLUMNS.flatMap((c) => (IDENTITY.has(c) ? [c] : [c, fromColumn(c)])),
  'discrepancies',
];

/** The per-registration table: each row names the study its registration is linked into. */
export const REGISTRATION_CHARACTERISTICS_COLUMNS: readonly string[] = ['id', 'study_id', ...CHARACTERISTICS_COLUMNS.filter((c) => c !== 'id')];

/** A value a registration actually reports ("Unreported" is the characteristics table's word for none). */
export function reported(v: Cell | undefined): boolean {
  return v !== null && v !== undefined && v !== '' && v !== 'Unreported';
}

/** Which registration supplies a group: the first (in leading order) reporting any of its columns. */
function supplier(group: CharacteristicsColumn[], rows: { reg: Registration; chars: Chars }[]): { reg: Registration; chars: Chars } | null {
  const [c] = group;
  if (c === 'registration_date') {
    // the trial's first registration: the earliest date, whichever registration gives it
    const dated = rows.filter((x) => reported(x.chars.registration_date));
    return dated.sort((a, b) => String(a.chars.registration_date) < String(b.chars.registration_date) ? -1 : 1)[0] ?? null;
  }
  if (c === 'prospective') return rows.find((x) => x.chars.prospective === 'Yes') ?? rows.find((x) => reported(x.chars.prospective)) ?? null;
  return rows.find((x) => group.some((col) => reported(x.chars[col]))) ?? null;
}

/** One row of the per-study table, from the study and its registrations (the primary first). */
export function studyCharacteristicsRow(s: Study, ordered: Registration[]): Row {
  const rows = ordered.map((reg) => ({ reg, chars: characteristicsRow(reg) }));
  const lead = rows.find((x) => x.reg.id === s.primaryId) ?? rows[0]!;
  const row: Row = { study_id: s.studyId, registration_ids: s.registrationIds.join('; ') };
  row.id = lead.reg.id;
  row.registry = lead.reg.registry;
  for (const group of SOURCED) {
    const from = supplier(group, rows);
    for (const c of group) {
      row[c] = (from ?? lead).chars[c]; // nobody reports it: the lead's own word for that ("Unreported" or empty)
      row[fromColumn(c)] = from && reported(from.chars[c]) ? from.reg.id : null;
    }
  }
  // each line of the evidence trail already names its registration
  row.evidence = rows.flatMap((x) => (x.reg.extracted ?? []).map((p) => `${x.reg.id}: ${p.path} ← ${p.from}: ${p.text}`)).join('\n') || null;
  row.discrepancies = s.discrepancies.map((d) => `${d.field}: ${d.values.map((v) => `${v.registrationId} ${JSON.stringify(v.value)}`).join(' / ')}`).join('\n') || null;
  return row;
}
