/** The linked view: one trial, however many registries it was registered in (shared/SPEC.md, "Studies"). */
import type { Reference } from './registration.js';

/** `master_protocol` (extension): two registrations are arms of one international master protocol (link/master-protocol.ts). */
export const LINK_METHODS = ['same_id', 'secondary_id', 'text_mention', 'similarity', 'manual', 'master_protocol'] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

/** Evidence that registrations `a` and `b` are the same trial. */
export interface Link {
  a: string;
  b: string;
  method: LinkMethod;
  /** 1 for certain evidence; the calibrated similarity otherwise */
  score: number;
  /** what a person checks: the field and words, or the features that matched — extension */
  evidence?: string;
}

/** A curator's assertion, respected on every rebuild. */
export interface Override {
  a: string;
  b: string;
  same: boolean;
  note?: string | null;
  createdAt?: string;
}

export interface Discrepancy {
  field: string;
  values: { registrationId: string; value: unknown }[];
}

/** A merged characteristic: the value and the registration it came from. */
export interface Sourced<T = unknown> {
  value: T;
  registrationId: string;
}

export interface Study {
  studyId: string;
  registrationIds: string[];
  primaryId: string;
  publications: Reference[];
  /** canonical fields merged across the study's registrations, each `{value, registrationId}` */
  characteristics: Record<string, Sourced>;
  discrepancies: Discrepancy[];
  links: Link[];
  /**
   * Extension: when the study groups arms of one master protocol (`master_protocol` links), each arm — the
   * registrations that are one registration of it (joined by any other evidence) — with its own primary, sponsor
   * and countries; absent otherwise.
   */
  parts?: StudyPart[];
}

export interface StudyPart {
  primaryId: string;
  registrationIds: string[];
  sponsor: string | null;
  countries: string[];
}
