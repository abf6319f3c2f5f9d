/**
 * The extraction stage: fills design.*, sponsor.type, prospective, eligibility.*, outcomes.*.timepointsDays and
 * interventions[].cellTherapy from all the text a registration has. One module per characteristic.
 * (Stub: the extraction issue fills it in.)
 */
import type { Registration } from '../model/registration.js';

export function extract(reg: Registration): Registration {
  return reg;
}
