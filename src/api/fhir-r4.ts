/**
 * The FHIR R4 types TrialAtlas emits, taken from the maintained definitions in @types/fhir (namespace `fhir4`,
 * r4.d.ts) so that a resource that is not valid R4 does not compile. Element names: hl7.org/fhir/R4/researchstudy.html
 */
/// <reference types="fhir" />

export type Coding = fhir4.Coding;
export type CodeableConcept = fhir4.CodeableConcept;
export type Identifier = fhir4.Identifier;
export type Reference = fhir4.Reference;
export type Period = fhir4.Period;
export type Extension = fhir4.Extension;
export type RelatedArtifact = fhir4.RelatedArtifact;
export type ContactDetail = fhir4.ContactDetail;
export type Annotation = fhir4.Annotation;
export type Group = fhir4.Group;
export type ResearchStudy = fhir4.ResearchStudy;
export type ResearchStudyStatus = fhir4.ResearchStudy['status'];
export type BundleEntry<T extends fhir4.FhirResource = fhir4.ResearchStudy> = fhir4.BundleEntry<T>;
export type Bundle<T extends fhir4.FhirResource = fhir4.ResearchStudy> = fhir4.Bundle<T>;
export type OperationOutcome = fhir4.OperationOutcome;
export type CapabilityStatement = fhir4.CapabilityStatement;
