/** Site profile: the CTIS public portal (euclinicaltrials.eu), Summary and Full trial information tabs copied as text. */
import { rewriting } from './profile.js';

/** Values that are also labels elsewhere (EU CTR's `Therapeutic confirmatory (Phase III)` phase flag). */
const LABEL_THEN_VALUE = /^(Trial phase)$/i;

/**
 * The portal's chrome (menu `Home` / `Search for clinical trials` / `Support` / `Contact`) sits above the breadcrumb
 * `Home > Search for clinical trials > 2023-…`: not the trial's. `Trial phase` is followed by a value that EU CTR
 * uses as a label, so the two are joined; the bare `Sponsor` heading over the sponsor's name and address is a label.
 */
function ctisLines(lines: string[]): string[] {
  const crumb = lines.findIndex((l) => /^Home\s*>/.test(l));
  const body = crumb >= 0 ? lines.slice(crumb + 1) : lines;
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    if (LABEL_THEN_VALUE.test(l) && body[i + 1]) { out.push(`${l}: ${body[++i]}`); continue; }
    out.push(l === 'Sponsor' ? 'Sponsor:' : l);
  }
  return out;
}

export const ctis = rewriting('ctis', 'CTIS', /Clinical Trials Information System|euclinicaltrials\.eu|^EU CT number$/m, ctisLines);
