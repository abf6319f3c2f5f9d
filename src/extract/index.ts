/**
 * The extraction stage: fills design.*, sponsor.type, prospective, eligibility.*, outcomes.*.timepointsDays and
 * interventions[].cellTherapy from all the text a registration has. One module per characteristic; each fills only
 * values the source left null (documented refinements aside) and appends a Provenance entry to `extracted`.
 * Never throws: a module that fails on hostile text leaves a warning and the rest still runs. Idempotent: a second
 * run fills nothing new.
 *
 * Where extraction goes beyond "fill what is null from what the text says" (each also says so in its provenance):
 *  - masking `blinded` is refined to single/double/triple/quadruple when the text names the level;
 *  - phase, when the registry left it empty (not "N/A"), is read from "Phase III" in the design string or title;
 *  - allocation is taken as randomised when a registry gives only a multi-arm model (ChiCTR "Parallel",
 *    "Cross-over", "Factorial"), and as not_applicable for a single-group model;
 *  - purpose is taken as treatment for an interventional trial whose registration states none and whose title has
 *    no prevention/diagnostic/supportive-care words (reviewers code it so);
 *  - a single listed experimental arm means no control only when nothing else says the trial is controlled;
 *  - a placebo-controlled trial whose masking is not stated is taken as blinded (masking `blinded`, no roles).
 *  - a registration listing no intervention at all whose text clearly gives a cell or cell-derived product as the
 *    treatment (a statement dosing or scheduling it, or a title naming it as the treatment) gets ONE inferred
 *    intervention, type biological, named with the product words, its cellTherapy read as usual
 *    (./inferred-intervention.ts; provenance `interventions[0]` names the statement);
 *  - a cell product's dose, route and schedule are never read from the placebo/control arm's statements in the
 *    design or description text (./comparator-text.ts);
 *  - status.recruitment becomes `withdrawn` when a title starts with the registry's own withdrawal marker
 *    (ChiCTR: "Cancelled by the investigator …"; ./status.ts), the status words kept in status.raw;
 *  - prospective follows the dates wherever both are known, over a flag the source read (./prospective.ts).
 */
import type { Registration } from '../model/registration.js';
import { extractDesign } from './design.js';
import { extractControl } from './control.js';
import { extractMulticentre } from './multicentre.js';
import { extractSponsorType } from './sponsor-type.js';
import { extractProspective } from './prospective.js';
import { extractEligibility } from './eligibility.js';
import { extractTimepoints } from './timepoints.js';
import { extractCellTherapy } from './cell-therapy.js';
import { inferCellIntervention } from './inferred-intervention.js';
import { extractStatusMarker } from './status.js';

/** The steps, in order: the inferred intervention first (design's purpose rule reads the interventions, so a
 * second run must see the same list), then design (control reads allocation/model). */
const STEPS: [string, (reg: Registration) => void][] = [
  ['inferred cell intervention', inferCellIntervention],
  ['design', extractDesign],
  ['control', extractControl],
  ['multicentre', extractMulticentre],
  ['sponsor type', extractSponsorType],
  ['prospective', extractProspective],
  ['eligibility', extractEligibility],
  ['outcome time points', extractTimepoints],
  ['cell therapy', extractCellTherapy],
  ['withdrawal marker', extractStatusMarker],
];

export function extract(reg: Registration): Registration {
  reg.extracted ??= [];
  for (const [name, step] of STEPS) {
    try {
      step(reg);
    } catch (e) {
      reg.warnings.push(`extraction of ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return reg;
}
