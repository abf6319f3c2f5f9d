/**
 * Prospective registration: registered on or before the start of enrolment (dates.registration ≤ dates.start), the
 * usual definition of the meta-research literature and of WHO ICTRP's own flag ("the date of registration is prior
 * to the date of first enrolment").
 *
 * The dates decide wherever both are known, whatever a source's flag says (a flag that disagrees leaves a warning).
 * A month-only date (`2020-03`, ClinicalTrials.gov's "March 2020") stands for the first day of its month, as the
 * human labels of gold/design-dev.csv read it (`Day_inferred`): a trial starting "March 2020" and registered on
 * 2020-03-10 counts as retrospective, one registered on 2020-03-01 or in February as prospective. When the
 * registration date itself is month-only and falls in the start month, the order is not known: null.
 *
 * Where a date is missing, the value a source read from the registry's own flag stands (ICTRP's `Retrospective
 * flag` column, read by its data's meaning in ../sources/ictrp-row.ts; a page's "Prospectively registered"), and its
 * provenance says so. Nothing else is guessed.
 */
import type { Registration } from '../model/registration.js';
import { record } from './text.js';

/** A date at least as precise as a month, as `YYYY-MM` or `YYYY-MM-DD`. */
const DATE = /^\d{4}-\d{2}(?:-\d{2})?/;

/** `2020-03` → `2020-03-01`; a full date as it is. */
const firstDay = (d: string): string => (d.length >= 10 ? d.slice(0, 10) : `${d.slice(0, 7)}-01`);

export function isProspective(registration: string | null, start: string | null): boolean | null {
  if (!registration || !start || !DATE.test(registration) || !DATE.test(start)) return null;
  if (registration.length < 10) {
    const [r, s] = [registration.slice(0, 7), start.slice(0, 7)];
    return r < s ? true : r > s ? false : null; // same month, registration day unknown
  }
  return registration.slice(0, 10) <= firstDay(start);
}

/** Where a source's flag came from, as the warning names it. */
const flagName = (reg: Registration): string => (reg.raw?.['Retrospective flag'] != null ? `ICTRP Retrospective flag: ${reg.raw['Retrospective flag']}` : reg.source.format || 'source');

export function extractProspective(reg: Registration): void {
  const fromDates = isProspective(reg.dates.registration, reg.dates.start);
  const already = (reg.extracted ?? []).some((p) => p.path === 'prospective');
  if (fromDates != null) {
    if (reg.prospective != null && reg.prospective !== fromDates) {
      reg.warnings.push(`prospective: the source's flag (${flagName(reg)}) says ${reg.prospective ? 'prospective' : 'retrospective'} but it was registered `
        + `${reg.dates.registration}, ${fromDates ? 'on or before' : 'after'} the start of enrolment ${reg.dates.start}; the dates decide`);
    }
    reg.prospective = fromDates;
    if (!already) record(reg, 'prospective', { from: 'dates', text: `registered ${reg.dates.registration}, started ${reg.dates.start}` });
    return;
  }
  if (reg.prospective != null && !already) {
    const missing = !reg.dates.registration ? 'no registration date' : !reg.dates.start ? 'no start date' : 'dates in the same month';
    record(reg, 'prospective', { from: 'registry flag', text: `${reg.prospective ? 'prospective' : 'retrospective'} as the registry flags it (${missing} to compare)` });
  }
}
