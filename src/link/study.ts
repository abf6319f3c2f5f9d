/**
 * Study objects (SPEC.md "Studies"): from the registrations of one cluster and the links that joined them,
 * the primary registration, the merged characteristics (each value with the registration it came from),
 * the discrepancies between registrations, and the publications that report the trial.
 */
import type { Reference, Registration } from '../model/registration.js';
import type { Discrepancy, Link, Sourced, Study, StudyPart } from '../model/study.js';

const REGISTRY_RANK: Record<string, number> = { 'ClinicalTrials.gov': 0, EUCTR: 1, CTIS: 1, ISRCTN: 2 };

/** Leading order: ClinicalTrials.gov, then EUCTR/CTIS, then ISRCTN, then the oldest registration (then by id). */
export function compareForPrimary(a: Registration, b: Registration): number {
  const ra = REGISTRY_RANK[a.registry] ?? 3;
  const rb = REGISTRY_RANK[b.registry] ?? 3;
  if (ra !== rb) return ra - rb;
  const da = a.dates.registration ?? '9999';
  const db = b.dates.registration ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function primaryOf(regs: Registration[]): Registration {
  return [...regs].sort(compareForPrimary)[0]!;
}

/** The canonical fields merged into a study's characteristics (path → how to read it). */
export const CHARACTERISTIC_FIELDS = [
  'titles.public', 'titles.scientific', 'titles.acronym', 'sponsor.primary', 'sponsor.type', 'status.recruitment',
  'studyType', 'phase', 'design.allocation', 'design.model', 'design.masking', 'design.maskedRoles', 'design.purpose',
  'design.controlType', 'design.multicentre', 'enrollment.target', 'enrollment.actual', 'dates.registration',
  'dates.start', 'dates.primaryCompletion', 'dates.completion', 'dates.lastUpdate', 'dates.resultsPosted',
  'prospective', 'eligibility.minAgeYears', 'eligibility.maxAgeYears', 'eligibility.sex',
  'eligibility.healthyVolunteers', 'conditions', 'interventions', 'arms', 'outcomes', 'countries', 'contacts', 'results',
] as const;

/** Fields where linked registrations disagreeing is worth a curator's look. */
export const DISCREPANCY_FIELDS = [
  'enrollment.target', 'enrollment.actual', 'phase', 'status.recruitment', 'studyType', 'design.allocation',
  'design.masking', 'design.model', 'design.purpose', 'dates.start', 'dates.primaryCompletion', 'dates.completion',
  'eligibility.minAgeYears', 'eligibility.maxAgeYears', 'eligibility.sex', 'countries',
] as const;

/** The value at a dotted path, or undefined. */
export function valueAt(reg: Registration, path: string): unknown {
  let v: unknown = reg;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function isKnown(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.values(v as object).some(isKnown);
  return true;
}

/** A value in a form where equal meaning compares equal (sets sorted, text case-folded). */
function comparable(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v.map((x) => (typeof x === 'string' ? x.toLowerCase() : x)).sort());
  if (typeof v === 'string') return v.toLowerCase();
  return JSON.stringify(v);
}

/** Each characteristic from the first registration (in leading order) that knows it. */
export function mergeCharacteristics(ordered: Registration[]): Record<string, Sourced> {
  const out: Record<string, Sourced> = {};
  for (const path of CHARACTERISTIC_FIELDS) {
    for (const reg of ordered) {
      const v = valueAt(reg, path);
      if (isKnown(v)) {
        out[path] = { value: v, registrationId: reg.id };
        break;
      }
    }
  }
  return out;
}

/** Fields on which two or more registrations state different values (unknowns are not disagreements). */
export function findDiscrepancies(ordered: Registration[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  if (ordered.length < 2) return out;
  for (const field of DISCREPANCY_FIELDS) {
    const values = ordered
      .map((r) => ({ registrationId: r.id, value: valueAt(r, field) }))
      .filter((x) => isKnown(x.value));
    if (new Set(values.map((x) => comparable(x.value))).size > 1) out.push({ field, values });
  }
  return out;
}

/** One key per publication, so a paper cited by two registrations is listed once. */
export function publicationKey(ref: Reference): string {
  if (ref.pmid) return `pmid:${ref.pmid.replace(/\D/g, '')}`;
  if (ref.doi) return `doi:${ref.doi.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '')}`;
  const text = (ref.title ?? ref.citation ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return `text:${text.slice(0, 200)}`;
}

/** Publications of the study: its registrations' references plus `extra` references naming its registrations. */
export function mergePublications(regs: Registration[], extra: Reference[] = []): Reference[] {
  const byKey = new Map<string, Reference>();
  for (const ref of [...regs.flatMap((r) => r.references), ...extra]) {
    const k = publicationKey(ref);
    if (k === 'text:') continue;
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, ref);
    else {
      const ids = [...new Set([...(prev.registrationIds ?? []), ...(ref.registrationIds ?? [])])];
      byKey.set(k, { ...prev, pmid: prev.pmid ?? ref.pmid, doi: prev.doi ?? ref.doi, ...(ids.length ? { registrationIds: ids } : {}) });
    }
  }
  return [...byKey.values()];
}

/**
 * The arms of a master protocol in one study: the registrations joined by evidence other than `master_protocol`
 * (each arm's registrations of one trial), each in leading order; the arm stating the most countries (the
 * international registration) first. Null when no `master_protocol` link joined the study, or all its registrations
 * are one arm (twin registrations of one trial that also state its name).
 */
export function studyParts(regs: Registration[], links: Link[]): Registration[][] | null {
  if (!links.some((l) => l.method === 'master_protocol')) return null;
  const parent = new Map(regs.map((r) => [r.id, r.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const l of links) {
    if (l.method === 'master_protocol' || !parent.has(l.a) || !parent.has(l.b)) continue;
    parent.set(find(l.a), find(l.b));
  }
  const groups = new Map<string, Registration[]>();
  for (const r of regs) groups.set(find(r.id), [...(groups.get(find(r.id)) ?? []), r]);
  if (groups.size < 2) return null;
  const countries = (part: Registration[]): number => new Set(part.flatMap((r) => r.countries)).size;
  return [...groups.values()].map((g) => g.sort(compareForPrimary))
    .sort((x, y) => countries(y) - countries(x) || compareForPrimary(x[0]!, y[0]!));
}

/** The study of a cluster's registrations, given the links that joined them (and publications naming them). */
export function buildStudy(regs: Registration[], links: Link[], extraPublications: Reference[] = []): Study {
  if (regs.length === 0) throw new Error('buildStudy: a study needs at least one registration');
  const parts = studyParts(regs, links);
  // a master protocol is led by its international registration, then its arms (each in leading order)
  const ordered = parts ? parts.flat() : [...regs].sort(compareForPrimary);
  const primary = ordered[0]!;
  return {
    studyId: primary.id,
    registrationIds: ordered.map((r) => r.id),
    primaryId: primary.id,
    publications: mergePublications(ordered, extraPublications),
    characteristics: mergeCharacteristics(ordered),
    discrepancies: findDiscrepancies(ordered),
    links,
    ...(parts ? {
      parts: parts.map((p): StudyPart => ({
        primaryId: p[0]!.id,
        registrationIds: p.map((r) => r.id),
        sponsor: p[0]!.sponsor.primary,
        countries: [...new Set(p.flatMap((r) => r.countries))],
      })),
    } : {}),
  };
}

/** Set the value at a dotted path (objects on the way are copied, so `reg` shares nothing it did not have). */
function setAt(reg: Registration, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = reg as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    o[k] = { ...((o[k] ?? {}) as Record<string, unknown>) };
    o = o[k] as Record<string, unknown>;
  }
  o[keys.at(-1)!] = value;
}

/**
 * One registration-shaped record of the whole study, for tables that want a row per trial: the primary
 * registration (the first of `leadingOrder` when given) with every characteristic it does not know taken from the next registration that does
 * (the same rule as `mergeCharacteristics`); the registration date is the study's first, and the trial
 * counts as prospective when any of its registrations was.
 */
export function mergedRegistration(regs: Registration[], leadingOrder?: string[]): Registration {
  if (regs.length === 0) throw new Error('mergedRegistration: a study needs at least one registration');
  // `leadingOrder`: the study's registrationIds (a master protocol is led by its international registration)
  const rank = new Map(leadingOrder?.map((id, i) => [id, i]));
  const ordered = [...regs].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || compareForPrimary(a, b));
  const merged: Registration = { ...ordered[0]! };
  for (const [path, { value }] of Object.entries(mergeCharacteristics(ordered))) setAt(merged, path, value);
  const firstRegistered = ordered.map((r) => r.dates.registration).filter((d): d is string => !!d).sort()[0];
  if (firstRegistered) setAt(merged, 'dates.registration', firstRegistered);
  const prospective = ordered.map((r) => r.prospective).filter((p): p is boolean => p != null);
  if (prospective.length) merged.prospective = prospective.some(Boolean);
  if (ordered.length > 1) merged.extracted = ordered.flatMap((r) => (r.extracted ?? []).map((p) => ({ ...p, from: `${r.id} ${p.from}` })));
  return merged;
}
