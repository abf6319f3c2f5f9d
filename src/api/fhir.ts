/**
 * Canonical registration → FHIR R4 ResearchStudy, and Bundles of them (searchset for /fhir, collection for
 * `export --format fhir`). Pure. Codes: research-study-phase, research-study-prim-purp-type (terminology.hl7.org).
 */
import { createHash } from 'node:crypto';
import type { Phase, Purpose, RecruitmentStatus, Registration } from '../model/registration.js';
import { registryUrl } from '../search/document.js';
import type { Bundle, CodeableConcept, Identifier, ResearchStudy, ResearchStudyStatus } from './fhir-r4.js';

const PHASE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/research-study-phase';
const PURPOSE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type';
const EXT = 'https://trialatlas.org/fhir/StructureDefinition';

export const PHASE_CODES: Record<Phase, [string, string]> = {
  early_1: ['early-phase-1', 'Early Phase 1'], '1': ['phase-1', 'Phase 1'], '1_2': ['phase-1-phase-2', 'Phase 1/Phase 2'],
  '2': ['phase-2', 'Phase 2'], '2_3': ['phase-2-phase-3', 'Phase 2/Phase 3'], '3': ['phase-3', 'Phase 3'], '4': ['phase-4', 'Phase 4'],
  not_applicable: ['n-a', 'N/A'],
};

const PURPOSE_CODES: Partial<Record<Purpose, string>> = {
  treatment: 'treatment', prevention: 'prevention', diagnostic: 'diagnostic', supportive_care: 'supportive-care',
  screening: 'screening', health_services_research: 'health-services-research', basic_science: 'basic-science',
};

/**
 * Registry recruitment status → ResearchStudy.status (R4 research-study-status), by meaning:
 *   not yet recruiting → approved ("protocol is approved by the review board", accrual not yet open);
 *   recruiting, enrolling by invitation, expanded access available → active ("opened for accrual");
 *   active, not recruiting → closed-to-accrual ("patients can be examined and treated"); suspended →
 *   temporarily-closed-to-accrual; terminated → administratively-completed ("completed prematurely and will not
 *   resume"); completed → completed; withdrawn (also by the registry's withdrawal marker) → withdrawn.
 * Statuses that say only that the trial is registered and has not ended — ICTRP's `Not recruiting` (not open now:
 * not yet, or closed), EU CTR's `Authorised` / `Ongoing`, ClinicalTrials.gov's `Unknown status` (last known status
 * not yet recruiting, recruiting or active, unverified for two years), `withheld` — become `approved`, the one
 * thing they all imply. `in-review` ("submitted to the review board for approval") is used only where the
 * registry's words say the protocol is under review. The registry's own words stay in the recruitmentStatus
 * extension.
 */
export const FHIR_STATUS: Record<RecruitmentStatus, ResearchStudyStatus> = {
  not_yet_recruiting: 'approved', recruiting: 'active', enrolling_by_invitation: 'active', available: 'active',
  active_not_recruiting: 'closed-to-accrual', no_longer_available: 'closed-to-accrual',
  suspended: 'temporarily-closed-to-accrual', temporarily_not_available: 'temporarily-closed-to-accrual',
  terminated: 'administratively-completed', completed: 'completed', approved_for_marketing: 'completed',
  withdrawn: 'withdrawn', unknown: 'approved', withheld: 'approved', other: 'approved',
};

/** The words of a protocol still under ethics or regulatory review. */
const IN_REVIEW = /\b(?:under|in|pending|awaiting)\s+(?:ethic(?:s|al)?\s+)?(?:review|approval)\b|\bsubmitted\b|\bpending\s*\(\s*ethics/i;

/** ResearchStudy.status of a registration's status (see FHIR_STATUS). */
export function fhirStatus(status: Registration['status'] | null | undefined): ResearchStudyStatus {
  if (status?.raw && IN_REVIEW.test(status.raw) && (status.recruitment == null || status.recruitment === 'other')) return 'in-review';
  return status?.recruitment ? FHIR_STATUS[status.recruitment] : 'approved';
}

/** FHIR ids allow [A-Za-z0-9-.]{1,64}: `CTRI/2020/04/024773` → `CTRI-2020-04-024773`. */
export function fhirId(id: string): string {
  return id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
}

/** Candidate registration ids for a FHIR id (the reverse of fhirId where it lost a `/`). */
export function idsFromFhirId(fid: string): string[] {
  const out = [fid];
  // the registries whose numbers have slashes: CTRI/2020/04/024773, SLCTR/2020/011
  const slashed = /^(CTRI|SLCTR)-(\d{4})-(\d+)(?:-(\d+))?$/i.exec(fid);
  if (slashed) out.push(slashed.slice(1).filter(Boolean).join('/'));
  return out;
}

export function identifierSystem(registry: string): string {
  switch (registry) {
    case 'ClinicalTrials.gov': return 'https://clinicaltrials.gov';
    case 'EUCTR': return 'https://www.clinicaltrialsregister.eu';
    case 'ISRCTN': return 'https://www.isrctn.com';
    default: return `https://trialsearch.who.int/registry/${encodeURIComponent(registry)}`;
  }
}

const text = (t: string | null | undefined): CodeableConcept | null => (t && t.trim() ? { text: t.trim() } : null);
const present = <T>(xs: (T | null | undefined)[]): T[] => xs.filter((x): x is T => x !== null && x !== undefined);

export interface ResearchStudyOptions {
  /** other registrations of the same study: their ids become secondary identifiers */
  linked?: { id: string; registry: string }[];
}

/** One registration as a FHIR R4 ResearchStudy. */
export function toResearchStudy(reg: Registration, opts: ResearchStudyOptions = {}): ResearchStudy {
  const identifier: Identifier[] = [
    { use: 'official', system: identifierSystem(reg.registry), value: reg.id },
    ...(opts.linked ?? []).filter((l) => l.id !== reg.id).map((l): Identifier => ({ use: 'secondary', system: identifierSystem(l.registry), value: l.id })),
    ...(reg.secondaryIds ?? []).filter((s) => s !== reg.id && !(opts.linked ?? []).some((l) => l.id === s)).map((s): Identifier => ({ use: 'secondary', value: s })),
  ];
  const rs: ResearchStudy = {
    resourceType: 'ResearchStudy',
    id: fhirId(reg.id),
    meta: { source: reg.registry, ...(/^\d{4}-\d{2}-\d{2}$/.test(reg.dates?.lastUpdate ?? '') ? { lastUpdated: `${reg.dates.lastUpdate}T00:00:00Z` } : {}) },
    identifier,
    status: fhirStatus(reg.status),
    extension: present([
      { url: `${EXT}/registry`, valueString: reg.registry },
      reg.status?.raw ? { url: `${EXT}/recruitmentStatus`, valueString: reg.status.raw } : null,
      reg.dates?.registration ? { url: `${EXT}/registrationDate`, valueString: reg.dates.registration } : null,
      reg.design?.allocation ? { url: `${EXT}/allocation`, valueCode: reg.design.allocation } : null,
      reg.design?.masking ? { url: `${EXT}/masking`, valueCode: reg.design.masking } : null,
      reg.studyType ? { url: `${EXT}/studyType`, valueCode: reg.studyType } : null,
    ]),
  };
  const title = reg.titles?.public ?? reg.titles?.scientific;
  if (title?.trim()) rs.title = title.trim();
  if (reg.phase) rs.phase = { coding: [{ system: PHASE_SYSTEM, code: PHASE_CODES[reg.phase][0], display: PHASE_CODES[reg.phase][1] }], text: PHASE_CODES[reg.phase][1] };
  const purpose = reg.design?.purpose ? PURPOSE_CODES[reg.design.purpose] : undefined;
  if (purpose) rs.primaryPurposeType = { coding: [{ system: PURPOSE_SYSTEM, code: purpose }] };
  if (reg.studyType) rs.category = [{ text: reg.studyType.replace(/_/g, ' ') }];
  const conditions = present((reg.conditions ?? []).map(text));
  if (conditions.length) rs.condition = conditions;
  const focus = present((reg.interventions ?? []).map((i) => text(i.name)));
  if (focus.length) rs.focus = focus;
  const keywords = present([reg.titles?.acronym].map(text));
  if (keywords.length) rs.keyword = keywords;
  const locations = present((reg.countries ?? []).map(text));
  if (locations.length) rs.location = locations;
  const desc = [reg.description?.brief, reg.description?.detailed].filter((d): d is string => !!d && !!d.trim());
  if (desc.length) rs.description = desc.join('\n\n');
  if (reg.dates?.start || reg.dates?.completion) {
    rs.period = {};
    if (reg.dates.start) rs.period.start = reg.dates.start;
    // per-1: a period's start is not after its end; a completion date before the start is a registry slip, left out
    if (reg.dates.completion && !(reg.dates.start && reg.dates.completion < reg.dates.start)) rs.period.end = reg.dates.completion;
  }
  if (reg.sponsor?.primary?.trim()) rs.sponsor = { display: reg.sponsor.primary.trim() };
  const n = reg.enrollment?.actual ?? reg.enrollment?.target;
  if (n !== null && n !== undefined) {
    rs.contained = [{ resourceType: 'Group', id: 'enrollment', type: 'person', actual: reg.enrollment.actual !== null, quantity: n }];
    rs.enrollment = [{ reference: '#enrollment', display: `${reg.enrollment.actual !== null ? 'actual' : 'target'} enrollment ${n}` }];
  }
  const arms = (reg.arms ?? []).filter((a) => a.label?.trim());
  if (arms.length) rs.arm = arms.map((a) => ({ name: a.label.trim(), ...(a.type ? { type: { text: a.type.replace(/_/g, ' ') } } : {}), ...(a.description?.trim() ? { description: a.description.trim() } : {}) }));
  const url = registryUrl(reg);
  const artifacts = present([
    url ? { type: 'documentation' as const, label: 'Registry record', url } : null,
    reg.results?.url ? { type: 'documentation' as const, label: 'Results', url: reg.results.url } : null,
    ...(reg.references ?? []).map((r) => (r.citation || r.title ? { type: 'citation' as const, citation: r.citation ?? r.title ?? undefined, ...(r.doi ? { url: `https://doi.org/${r.doi}` } : {}) } : null)),
  ]);
  // FHIR JSON has no empty arrays: an element with nothing in it is left out
  if (artifacts.length) rs.relatedArtifact = artifacts;
  const contacts = (reg.contacts ?? []).filter((c) => c.name?.trim() || c.email?.trim());
  if (contacts.length) {
    rs.contact = contacts.map((c) => {
      const telecom = present([c.email?.trim() ? { system: 'email' as const, value: c.email.trim() } : null, c.phone?.trim() ? { system: 'phone' as const, value: c.phone.trim() } : null]);
      return { ...(c.name?.trim() ? { name: c.name.trim() } : {}), ...(telecom.length ? { telecom } : {}) };
    });
  }
  return rs;
}

export interface BundleOptions {
  type: 'searchset' | 'collection';
  /** searchset: number of matches in all pages */
  total?: number;
  /** base URL of the FHIR endpoint, e.g. http://127.0.0.1:8080/fhir */
  base?: string;
  self?: string;
  next?: string | null;
}

/**
 * Bundle.entry.fullUrl must be absolute: the resource's URL on a FHIR server when there is one (`base`), else a
 * urn:uuid that is the same for the same resource id in every export (name-based, RFC 4122 version 5 layout).
 */
export function fhirFullUrl(id: string, base?: string | null): string {
  if (base) return `${base}/ResearchStudy/${id}`;
  const h = createHash('sha1').update(`trialatlas:ResearchStudy/${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Bundle of ResearchStudy resources. */
export function toBundle(studies: ResearchStudy[], opts: BundleOptions): Bundle {
  const b: Bundle = { resourceType: 'Bundle', type: opts.type, timestamp: new Date().toISOString() };
  if (opts.type === 'searchset') b.total = opts.total ?? studies.length;
  const link = present([opts.self ? { relation: 'self', url: opts.self } : null, opts.next ? { relation: 'next', url: opts.next } : null]);
  if (link.length) b.link = link;
  if (studies.length) b.entry = studies.map((resource) => ({
    fullUrl: fhirFullUrl(resource.id!, opts.base),
    resource,
    ...(opts.type === 'searchset' ? { search: { mode: 'match' as const } } : {}),
  }));
  return b;
}

/** Registrations → a collection Bundle (what `export --format fhir` writes). */
export function fhirBundle(regs: Registration[]): Bundle {
  return toBundle(regs.map((r) => toResearchStudy(r)), { type: 'collection' });
}
