/**
 * What a phase filter and the phase facet mean for combined phases. ClinicalTrials.gov stores a Phase 1/2 trial as
 * `phases: [PHASE1, PHASE2]`, and its PHASE2 filter finds it; so does ours: `phase:2` (filter.phase=PHASE2,
 * AREA[Phase]PHASE2, FHIR phase=phase-2) matches 1_2, 2 and 2_3. `phase:1_2` asks for the combined phase itself.
 * The phase facet counts a study under every value whose filter would find it (a 1_2 trial under 1, 1_2 and 2),
 * so each count is what clicking it returns, and the counts may add up to more than the total.
 * Early phase 1 is its own value (ClinicalTrials.gov's EARLY_PHASE1 is not in its PHASE1 filter either).
 */
import { PHASES, type Phase } from '../model/registration.js';

/** The single phases a combined phase spans. */
export const PHASE_PARTS: Partial<Record<Phase, readonly Phase[]>> = { '1_2': ['1', '2'], '2_3': ['2', '3'] };

/** Stored phases that a filter on `phase` matches: the phase itself and every combined phase that includes it. */
export function phasesMatching(phase: string): string[] {
  const combined = Object.entries(PHASE_PARTS).filter(([, parts]) => parts!.includes(phase as Phase)).map(([c]) => c);
  return [phase, ...combined];
}

/** Every phase value, in the order the facet lists ties. */
export const PHASE_ORDER: readonly string[] = PHASES;
