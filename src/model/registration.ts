/**
 * The canonical registration: one record of one registry, as of one snapshot.
 * Field names and enum values are fixed by shared/SPEC.md — extend, never rename.
 * Unknown values are `null` (never "", never "N/A").
 */

export const REGISTRIES = [
  'ClinicalTrials.gov', 'ChiCTR', 'EUCTR', 'CTIS', 'ISRCTN', 'IRCT', 'CTRI', 'DRKS', 'ANZCTR', 'JPRN', 'NTR',
  'ReBEC', 'RPCEC', 'TCTR', 'PACTR', 'CRiS', 'LBCTR', 'SLCTR', 'REPEC', 'ITMCTR', 'other',
] as const;
export type Registry = (typeof REGISTRIES)[number];

export const RECRUITMENT_STATUSES = [
  'not_yet_recruiting', 'recruiting', 'enrolling_by_invitation', 'active_not_recruiting', 'suspended', 'terminated',
  'completed', 'withdrawn', 'unknown', 'available', 'no_longer_available', 'approved_for_marketing',
  'temporarily_not_available', 'withheld', 'other',
] as const;
export type RecruitmentStatus = (typeof RECRUITMENT_STATUSES)[number];

export const STUDY_TYPES = ['interventional', 'observational', 'expanded_access', 'other'] as const;
export type StudyType = (typeof STUDY_TYPES)[number];

export const PHASES = ['early_1', '1', '1_2', '2', '2_3', '3', '4', 'not_applicable'] as const;
export type Phase = (typeof PHASES)[number];

export const ALLOCATIONS = ['randomized', 'non_randomized', 'not_applicable'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];
export const MODELS = ['parallel', 'crossover', 'single_group', 'factorial', 'sequential', 'other'] as const;
export type DesignModel = (typeof MODELS)[number];
export const MASKINGS = ['none', 'single', 'double', 'triple', 'quadruple', 'blinded'] as const;
export type Masking = (typeof MASKINGS)[number];
export const MASKED_ROLES = ['participant', 'care_provider', 'investigator', 'outcomes_assessor', 'analyst'] as const;
export type MaskedRole = (typeof MASKED_ROLES)[number];
export const PURPOSES = [
  'treatment', 'prevention', 'diagnostic', 'supportive_care', 'screening', 'health_services_research', 'basic_science', 'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];
export const CONTROL_TYPES = [
  'placebo', 'active', 'standard_of_care', 'no_treatment', 'dose_comparison', 'historical', 'none',
] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];
export const SPONSOR_TYPES = ['industry', 'non_industry', 'investigator', 'government'] as const;
export type SponsorType = (typeof SPONSOR_TYPES)[number];
export const SEXES = ['all', 'female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const INTERVENTION_TYPES = [
  'drug', 'biological', 'device', 'procedure', 'behavioral', 'dietary_supplement', 'radiation', 'genetic',
  'combination_product', 'diagnostic_test', 'traditional_medicine', 'other',
] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];
export const ARM_TYPES = [
  'experimental', 'active_comparator', 'placebo_comparator', 'sham_comparator', 'no_intervention', 'other',
] as const;
export type ArmType = (typeof ARM_TYPES)[number];

export const CELL_TYPES = ['msc', 'nk', 't_cell', 'car_t', 'hsc', 'mononuclear', 'other'] as const;
export type CellType = (typeof CELL_TYPES)[number];
export const CELL_SOURCES = [
  'umbilical_cord', 'wharton_jelly', 'cord_blood', 'placenta', 'bone_marrow', 'adipose', 'dental_pulp',
  'menstrual_blood', 'peripheral_blood', 'amniotic', 'other',
] as const;
export type CellSource = (typeof CELL_SOURCES)[number];
export const CELL_PRODUCTS = ['cells', 'exosomes', 'secretome', 'conditioned_medium', 'lysate'] as const;
export type CellProduct = (typeof CELL_PRODUCTS)[number];
export const DOSE_UNITS = ['cells', 'particles', 'ml', 'mg'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];
export const ROUTES = [
  'intravenous', 'inhalation', 'intramuscular', 'intratracheal', 'subcutaneous', 'intradermal', 'local', 'other',
] as const;
export type Route = (typeof ROUTES)[number];

export interface Source {
  /** input format id, as `trialatlas formats` lists it */
  format: string;
  /** file the record was read from (as given on the command line; inside archives `archive.zip!inner.csv`) */
  file: string | null;
  /** the record's own id in the file, e.g. `EUCTR2020-001162-12-FR` (country suffix kept), or a row number */
  recordId: string | null;
  url: string | null;
  lastRefreshed: string | null;
  exportedAt: string | null;
}

export interface Titles {
  public: string | null;
  scientific: string | null;
  acronym: string | null;
}

export interface Sponsor {
  primary: string | null;
  secondary: string[];
  collaborators: string[];
  type: SponsorType | null;
  /** the registry's own sponsor class when it has one (ClinicalTrials.gov `INDUSTRY`, `OTHER`, …) — extension */
  class?: string | null;
}

export interface Status {
  recruitment: RecruitmentStatus | null;
  raw: string | null;
}

export interface Design {
  allocation: Allocation | null;
  model: DesignModel | null;
  masking: Masking | null;
  maskedRoles: MaskedRole[];
  purpose: Purpose | null;
  controlType: ControlType | null;
  multicentre: boolean | null;
  /** the registry's own design text, verbatim — extension */
  raw?: string | null;
}

export interface Enrollment {
  target: number | null;
  actual: number | null;
  raw: string | null;
}

export interface Dates {
  registration: string | null;
  start: string | null;
  primaryCompletion: string | null;
  completion: string | null;
  lastUpdate: string | null;
  resultsPosted: string | null;
}

export interface Eligibility {
  minAgeYears: number | null;
  maxAgeYears: number | null;
  sex: Sex | null;
  healthyVolunteers: boolean | null;
  inclusion: string[];
  exclusion: string[];
  raw: string | null;
}

export interface Dose {
  value: number | null;
  unit: DoseUnit | null;
  perKg: boolean;
  /** the words the dose was read from — extension */
  raw?: string | null;
}

export interface Schedule {
  doses: number | null;
  intervalDays: number | null;
  days: number[];
}

export interface CellTherapy {
  cellType: CellType | null;
  source: CellSource | null;
  product: CellProduct | null;
  dose: Dose | null;
  route: Route | null;
  schedule: Schedule | null;
  /** allogeneic / autologous when stated — extension */
  origin?: 'allogeneic' | 'autologous' | null;
}

export interface Intervention {
  type: InterventionType | null;
  name: string;
  description: string | null;
  cellTherapy: CellTherapy | null;
}

export interface Arm {
  label: string;
  type: ArmType | null;
  description: string | null;
  interventions: string[];
}

export interface Outcome {
  measure: string;
  description: string | null;
  timeFrame: string | null;
  timepointsDays: number[];
}

export interface Outcomes {
  primary: Outcome[];
  secondary: Outcome[];
}

export interface Contact {
  name: string | null;
  role: string | null;
  affiliation: string | null;
  email: string | null;
  phone: string | null;
}

export interface Results {
  posted: boolean | null;
  url: string | null;
  firstPosted: string | null;
  summary: string | null;
}

export interface Reference {
  type: string | null;
  citation: string | null;
  title: string | null;
  authors: string[];
  journal: string | null;
  year: number | null;
  pmid: string | null;
  doi: string | null;
  /** registration numbers the publication names (e.g. "TRIAL REGISTRATION: ChiCTR2000030261") — extension */
  registrationIds?: string[];
  /** the publication's abstract when the page shows it (Cochrane register records) — extension */
  abstract?: string | null;
}

export interface Description {
  brief: string | null;
  detailed: string | null;
}

/** Where an extracted value came from, so a reviewer can verify it in one glance — extension. */
export interface Provenance {
  /** canonical path of the value, e.g. `design.allocation`, `interventions[0].cellTherapy.dose` */
  path: string;
  /** the field the words were read from, e.g. `design.raw`, `titles.scientific` */
  from: string;
  /** the words themselves */
  text: string;
}

export interface Registration {
  id: string;
  registry: Registry;
  source: Source;
  secondaryIds: string[];
  titles: Titles;
  sponsor: Sponsor;
  status: Status;
  studyType: StudyType | null;
  phase: Phase | null;
  /** the registry's own phase text — extension */
  phaseRaw?: string | null;
  design: Design;
  enrollment: Enrollment;
  dates: Dates;
  prospective: boolean | null;
  eligibility: Eligibility;
  conditions: string[];
  interventions: Intervention[];
  arms: Arm[];
  outcomes: Outcomes;
  countries: string[];
  contacts: Contact[];
  results: Results;
  references: Reference[];
  description: Description;
  warnings: string[];
  /** provenance of values the extraction stage filled — extension */
  extracted?: Provenance[];
  /** source fields kept verbatim where normalising loses information — extension */
  raw?: Record<string, string>;
  /**
   * Only on the current (merged) view of a registration that more than one source carries (an ICTRP export and a
   * ClinicalTrials.gov download of the same NCT record): which source each value came from — extension
   */
  provenance?: SourceProvenance;
}

/** One source's copy behind a merged registration. */
export interface SourceCopy {
  /** the source line, in words: `WHO ICTRP export`, `ClinicalTrials.gov download`… */
  source: string;
  /** the source line's id: `ictrp`, `ctgov-tsv`, `page`… */
  line: string;
  format: string;
  /** the file's name (no directory) */
  file: string | null;
  exportedAt: string | null;
  /** the version (see the registration's history) this copy is */
  version: number;
}

/** Where the values of a merged registration came from: `sources[0]` leads; `fields` names the others' values. */
export interface SourceProvenance {
  sources: SourceCopy[];
  /** canonical path → line, for every value taken from a source other than the lead (the lead's gap filled) */
  fields: Record<string, string>;
}

/** A registration with every field present and unknown. Sources fill what they read. */
export function emptyRegistration(id: string, registry: Registry, source: Partial<Source> = {}): Registration {
  return {
    id,
    registry,
    source: { format: '', file: null, recordId: null, url: null, lastRefreshed: null, exportedAt: null, ...source },
    secondaryIds: [],
    titles: { public: null, scientific: null, acronym: null },
    sponsor: { primary: null, secondary: [], collaborators: [], type: null },
    status: { recruitment: null, raw: null },
    studyType: null,
    phase: null,
    design: {
      allocation: null, model: null, masking: null, maskedRoles: [], purpose: null, controlType: null, multicentre: null,
    },
    enrollment: { target: null, actual: null, raw: null },
    dates: { registration: null, start: null, primaryCompletion: null, completion: null, lastUpdate: null, resultsPosted: null },
    prospective: null,
    eligibility: {
      minAgeYears: null, maxAgeYears: null, sex: null, healthyVolunteers: null, inclusion: [], exclusion: [], raw: null,
    },
    conditions: [],
    interventions: [],
    arms: [],
    outcomes: { primary: [], secondary: [] },
    countries: [],
    contacts: [],
    results: { posted: null, url: null, firstPosted: null, summary: null },
    references: [],
    description: { brief: null, detailed: null },
    warnings: [],
  };
}
