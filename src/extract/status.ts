/**
 * Status from a registry's own withdrawal marker: a registration whose public or scientific title starts with the
 * registry's "cancelled / retracted / withdrawn" marker (ChiCTR: "Cancelled by the investigator …") is `withdrawn`,
 * whatever its status field still says; the status words stay in `status.raw` and the provenance names the marker.
 */
import type { Registration } from '../model/registration.js';
import { withdrawalMarker } from '../normalise/status.js';
import { record } from './text.js';

export function extractStatusMarker(reg: Registration): void {
  if (reg.status.recruitment === 'withdrawn') return;
  for (const [from, title] of [['titles.public', reg.titles.public], ['titles.scientific', reg.titles.scientific]] as const) {
    const marker = withdrawalMarker(title);
    if (!marker) continue;
    reg.status.recruitment = 'withdrawn';
    record(reg, 'status.recruitment', { from, text: marker });
    return;
  }
}
