/**
 * The subset of FHIR R4 types TrialAtlas emits (ResearchStudy, Bundle, OperationOutcome, CapabilityStatement).
 * Element names follow https://hl7.org/fhir/R4/researchstudy.html. Declared here because the installed
 * @types/fhir (3.0.x) describes FHIR STU3 only; the `fhir4` namespace lives in @types/fhir 0.0.x (r4.d.ts).
 * Swap these for `fhir4.*` when the dependency is changed.
 */

export interface Coding { system?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }
export interface Identifier { use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old'; system?: string; value?: string; type?: CodeableConcept }
export interface Reference { reference?: string; display?: string; identifier?: Identifier }
export interface Period { start?: string; end?: string }
export interface Extension { url: string; valueString?: string; valueCode?: string; valueInteger?: number; valueBoolean?: boolean }
export interface RelatedArtifact { type: 'documentation' | 'justification' | 'citation' | 'predecessor' | 'successor' | 'derived-from' | 'depends-on' | 'composed-of'; label?: string; display?: string; citation?: string; url?: string }
export interface ContactDetail { name?: string; telecom?: { system?: 'phone' | 'email' | 'url'; value?: string }[] }
export interface Annotation { text: string }

export type ResearchStudyStatus =
  | 'active' | 'administratively-completed' | 'approved' | 'closed-to-accrual' | 'closed-to-accrual-and-intervention'
  | 'completed' | 'disapproved' | 'in-review' | 'temporarily-closed-to-accrual'
  | 'temporarily-closed-to-accrual-and-intervention' | 'withdrawn';

export interface Group {
  resourceType: 'Group';
  id?: string;
  type: 'person';
  actual: boolean;
  quantity?: number;
  characteristic?: { code: CodeableConcept; valueCodeableConcept?: CodeableConcept; exclude: boolean }[];
}

export interface ResearchStudy {
  resourceType: 'ResearchStudy';
  id?: string;
  meta?: { lastUpdated?: string; source?: string; profile?: string[] };
  contained?: Group[];
  extension?: Extension[];
  identifier?: Identifier[];
  title?: string;
  status: ResearchStudyStatus;
  primaryPurposeType?: CodeableConcept;
  phase?: CodeableConcept;
  category?: CodeableConcept[];
  focus?: CodeableConcept[];
  condition?: CodeableConcept[];
  contact?: ContactDetail[];
  relatedArtifact?: RelatedArtifact[];
  keyword?: CodeableConcept[];
  location?: CodeableConcept[];
  description?: string;
  enrollment?: Reference[];
  period?: Period;
  sponsor?: Reference;
  note?: Annotation[];
  arm?: { name: string; type?: CodeableConcept; description?: string }[];
}

export interface BundleEntry<T> {
  fullUrl?: string;
  resource?: T;
  search?: { mode?: 'match' | 'include' | 'outcome'; score?: number };
}

export interface Bundle<T = ResearchStudy> {
  resourceType: 'Bundle';
  id?: string;
  type: 'searchset' | 'collection';
  timestamp?: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: BundleEntry<T>[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { severity: 'fatal' | 'error' | 'warning' | 'information'; code: string; diagnostics?: string }[];
}
