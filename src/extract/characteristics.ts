/**
 * The reviewers' characteristics table: one row per registration, columns ready to paste into a systematic review.
 * `CHARACTERISTICS_COLUMNS` fixes the column order; `characteristicsRow(reg)` fills one row from an extracted
 * registration (the CLI's `export --what characteristics` writes these as CSV/XLSX). Also the reviewer's yes/no
 * readings of the design (randomised? blinded? controlled?) that the evaluation compares with human labels.
 */
import type { CellTherapy, Registration } from '../model/registration.js';
import { isControlled } from './control.js';

export type Cell = string | number | null;

export const CHARACTERISTICS_COLUMNS = [
  'id', 'registry', 'title', 'study_type', 'phase', 'randomised', 'allocation', 'model', 'blinded', 'masking',
  'masked_roles', 'controlled', 'control_type', 'purpose', 'multicentre', 'countries', 'sponsor', 'sponsor_type',
  'target_size', 'actual_size', 'min_age_years', 'max_age_years', 'sex', 'registration_date', 'start_date',
  'prospective', 'status', 'conditions', 'interventions', 'primary_outcome_timepoints_days',
  'cell_therapy', 'cell_type', 'cell_source', 'cell_product', 'cell_origin', 'dose_value', 'dose_unit', 'dose_per_kg',
  'route', 'doses', 'interval_days', 'dose_days', 'evidence', 'url',
] as const;
export type CharacteristicsColumn = (typeof CHARACTERISTICS_COLUMNS)[number];

/** Randomised? Yes / No / Not applicable (single arm) / Unreported. */
export function randomised(reg: Registration): 'Yes' | 'No' | 'Not applicable' | 'Unreported' {
  const a = reg.design.allocation;
  if (isControlled(reg) === false || a === 'not_applicable') return 'Not applicable';
  return a === 'randomized' ? 'Yes' : a === 'non_randomized' ? 'No' : 'Unreported';
}

/** Blinded? Yes / No / Unreported; a single-arm trial with no masking stated counts as unblinded. */
export function blinded(reg: Registration): 'Yes' | 'No' | 'Unreported' {
  const m = reg.design.masking;
  if (m === 'none') return 'No';
  if (m != null) return 'Yes';
  return isControlled(reg) === false ? 'No' : 'Unreported';
}

export function controlled(reg: Registration): 'Yes' | 'No' | 'Unreported' {
  const c = isControlled(reg);
  return c == null ? 'Unreported' : c ? 'Yes' : 'No';
}

const yesNo = (b: boolean | null): Cell => (b == null ? null : b ? 'Yes' : 'No');
const list = (xs: (string | number)[]): Cell => (xs.length ? xs.join('; ') : null);

/** 3.0 × 10^7 style for counts, plain for mg/ml. */
export function formatDoseValue(v: number): string {
  if (v < 10000) return String(v);
  const exp = Math.floor(Math.log10(v));
  const mant = Number((v / 10 ** exp).toPrecision(3));
  return `${mant.toFixed(1)} × 10^${exp}`;
}

const CELL_LABEL: Record<string, string> = { msc: 'MSC', nk: 'NK cells', t_cell: 'T cells', car_t: 'CAR-T', hsc: 'HSC', mononuclear: 'mononuclear cells', other: 'cells' };
const SOURCE_LABEL: Record<string, string> = {
  umbilical_cord: 'UC', wharton_jelly: "Wharton's jelly", cord_blood: 'cord blood', placenta: 'placental', bone_marrow: 'BM',
  adipose: 'adipose', dental_pulp: 'dental pulp', menstrual_blood: 'menstrual blood', peripheral_blood: 'peripheral blood',
  amniotic: 'amniotic', other: '',
};
const ROUTE_LABEL: Record<string, string> = {
  intravenous: 'IV', inhalation: 'inhalation', intramuscular: 'IM', intratracheal: 'intratracheal', subcutaneous: 'SC',
  intradermal: 'intradermal', local: 'local', other: 'other route',
};

/** One line a reviewer would write: "Allogeneic UC-MSC, 3 doses of 3.0 × 10^7 cells at days 0, 3, 6, IV". */
export function cellTherapySummary(ct: CellTherapy): string {
  const origin = ct.origin ? ct.origin[0]!.toUpperCase() + ct.origin.slice(1) + ' ' : '';
  const src = ct.source ? SOURCE_LABEL[ct.source] ?? '' : '';
  const cell = ct.cellType ? CELL_LABEL[ct.cellType]! : 'cells';
  const what = `${origin}${src ? (src.length <= 3 ? `${src}-` : `${src} `) : ''}${cell}${ct.product && ct.product !== 'cells' ? ` ${ct.product.replace('_', ' ')}` : ''}`;
  const s = ct.schedule;
  const dose = ct.dose?.value != null ? `${formatDoseValue(ct.dose.value)}${ct.dose.unit ? ` ${ct.dose.unit}` : ''}${ct.dose.perKg ? '/kg' : ''}` : null;
  const count = s?.doses != null ? `${s.doses} dose${s.doses === 1 ? '' : 's'}` : null;
  const amount = count && dose ? `${count} of ${dose}` : count ?? dose;
  const when = s?.days.length ? `at day${s.days.length > 1 ? 's' : ''} ${s.days.join(', ')}` : s?.intervalDays != null ? `every ${s.intervalDays} day${s.intervalDays === 1 ? '' : 's'}` : null;
  const route = ct.route ? ROUTE_LABEL[ct.route] : null;
  return [what, [amount, when].filter(Boolean).join(' '), route].filter(Boolean).join(', ');
}

export function characteristicsRow(reg: Registration): Record<CharacteristicsColumn, Cell> {
  const d = reg.design;
  const cells = reg.interventions.map((iv) => iv.cellTherapy).filter((c): c is CellTherapy => c != null);
  const first = cells[0] ?? null;
  const each = <T>(read: (c: CellTherapy) => T | null | undefined): Cell => {
    const vals = cells.map(read).filter((v): v is T => v != null).map(String);
    return vals.length ? [...new Set(vals)].join(' | ') : null;
  };
  return {
    id: reg.id,
    registry: reg.registry,
    title: reg.titles.scientific ?? reg.titles.public,
    study_type: reg.studyType,
    phase: reg.phase,
    randomised: randomised(reg),
    allocation: d.allocation,
    model: d.model,
    blinded: blinded(reg),
    masking: d.masking,
    masked_roles: list(d.maskedRoles),
    controlled: controlled(reg),
    control_type: d.controlType,
    purpose: d.purpose,
    multicentre: yesNo(d.multicentre),
    countries: list(reg.countries),
    sponsor: reg.sponsor.primary,
    sponsor_type: reg.sponsor.type,
    target_size: reg.enrollment.target,
    actual_size: reg.enrollment.actual,
    min_age_years: reg.eligibility.minAgeYears,
    max_age_years: reg.eligibility.maxAgeYears,
    sex: reg.eligibility.sex,
    registration_date: reg.dates.registration,
    start_date: reg.dates.start,
    prospective: yesNo(reg.prospective),
    status: reg.status.recruitment,
    conditions: list(reg.conditions),
    interventions: list(reg.interventions.map((iv) => iv.name)),
    primary_outcome_timepoints_days: list([...new Set(reg.outcomes.primary.flatMap((o) => o.timepointsDays))].sort((a, b) => a - b)),
    cell_therapy: cells.length ? cells.map(cellTherapySummary).join(' | ') : null,
    cell_type: each((c) => c.cellType),
    cell_source: each((c) => c.source),
    cell_product: each((c) => c.product),
    cell_origin: each((c) => c.origin),
    dose_value: first?.dose?.value ?? null,
    dose_unit: first?.dose?.unit ?? null,
    dose_per_kg: first?.dose ? (first.dose.perKg ? 'Yes' : 'No') : null,
    route: each((c) => c.route),
    doses: first?.schedule?.doses ?? null,
    interval_days: first?.schedule?.intervalDays ?? null,
    dose_days: first?.schedule?.days.length ? first.schedule.days.join(', ') : null,
    evidence: (reg.extracted ?? []).map((p) => `${p.path} ← ${p.from}: ${p.text}`).join('\n') || null,
    url: reg.source.url,
  };
}
