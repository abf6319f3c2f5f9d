/** Site profiles: ClinicalTrials.gov's tabular view and its current study page. */
import { rewriting } from './profile.js';

/**
 * ClinicalTrials.gov tabular view: each current value carries ` (submitted: date)` notes, and the contacts row says
 * "Contact information is only displayed when the study is recruiting subjects".
 */
export const ctgovTabular = rewriting('ctgov-tabular', 'ClinicalTrials.gov', /^Tabular View$|\bICMJE\b/m, (lines) => lines
  .map((l) => l.replace(/\s*\(submitted: [^)]*\)\s*/g, ' ').replace(/\s+\(Final data collection date for primary outcome measure\)/, '').trim())
  .map((l) => l.replace(/\t?Contact information is only displayed.*$/i, '')));

const TIME_FRAME_LIKE = /\b(?:day|week|month|year|hour|minute|baseline|visit|discharge|end of|follow[- ]?up)s?\b|^\d/i;
const CTGOV_SECTIONS = /^(Secondary Outcome Measures|Other Outcome Measures|Collaborators and Investigators|Eligibility Criteria|Study Record Dates|Publications & Helpful Links|More Information|Participation Criteria|Contacts and Locations)$/i;

/**
 * The current ClinicalTrials.gov study page: header lines `ClinicalTrials.gov ID NCT…` / `Last Update Posted 2021-03-01`,
 * outcome tables flattened to measure / description / time frame lines, arm tables with a header row.
 */
export const ctgovCurrent = rewriting('ctgov-current', 'ClinicalTrials.gov', /^(?:Study Overview|ClinicalTrials\.gov ID\b.*)$/m, (lines) => {
  const out: string[] = [];
  let outcomes = false;
  let group: string[] = [];
  const flush = (): void => {
    if (group.length) out.push(`${group[0]} [Time Frame: ${group[group.length - 1]}]`, ...group.slice(1, -1));
    group = [];
  };
  for (const raw of lines) {
    const l = raw.replace(/^(ClinicalTrials\.gov ID|Last Update Posted|First Posted|Study Start) (?=\S)/, '$1: ');
    if (/^(Primary|Secondary|Other) Outcome Measures$/i.test(l)) { flush(); outcomes = true; out.push(l); continue; }
    if (outcomes && CTGOV_SECTIONS.test(l) && !/Outcome Measures$/i.test(l)) { flush(); outcomes = false; }
    if (/^Outcome Measure\tMeasure Description\tTime Frame$|^Participant Group\/Arm\tIntervention\/Treatment$/i.test(l)) continue;
    if (!outcomes || l === '') { out.push(l); continue; }
    group.push(l);
    if (group.length >= 2 && TIME_FRAME_LIKE.test(l) && l.length <= 120) flush();
  }
  flush();
  return out;
});
