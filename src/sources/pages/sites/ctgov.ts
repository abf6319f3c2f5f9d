/** Site profiles: ClinicalTrials.gov's tabular view and its current study page. */
import { rewriting } from './profile.js';

const DISCLAIMER = /^The safety and scientific validity of this study is the responsibility of the study sponsor/i;

/** `Brief title (ACRONYM)` → the title lines, the acronym split off as the page's header shows it. */
function titleLines(l: string): string[] {
  const m = /^(.+?)\s+\(([^()]{2,40})\)$/.exec(l);
  return m ? [`Brief Title: ${m[1]}`, `Acronym: ${m[2]}`] : [`Brief Title: ${l}`];
}

/**
 * Classic ClinicalTrials.gov pages (Study Details, Tabular View) head the record with the brief title, its acronym in
 * parentheses, on the line right above the sponsor-responsibility disclaimer: label it, and drop the disclaimer.
 */
function classicTitle(lines: string[]): string[] {
  const at = lines.findIndex((l) => DISCLAIMER.test(l));
  let t = at - 1;
  while (t >= 0 && lines[t] === '') t--;
  if (t < 0 || lines[t]!.length > 300 || /^(?:ClinicalTrials\.gov|Previous Study\b)/i.test(lines[t]!) || /[:\t]/.test(lines[t]!)) return lines;
  return [...lines.slice(0, t), ...titleLines(lines[t]!), ...lines.slice(t + 1, at), ...lines.slice(at + 1)];
}

/** The classic Study Details page (and any other ClinicalTrials.gov page the vocabulary reads as it is). */
export const ctgovClassic = rewriting('ctgov', 'ClinicalTrials.gov', /ClinicalTrials\.gov|Tracking Information|NCT #|\bNCT\d{8}\b/i, classicTitle);

/**
 * ClinicalTrials.gov tabular view: each current value carries ` (submitted: date)` notes, and the contacts row says
 * "Contact information is only displayed when the study is recruiting subjects".
 */
export const ctgovTabular = rewriting('ctgov-tabular', 'ClinicalTrials.gov', /^Tabular View$|\bICMJE\b/m, (lines) => classicTitle(lines)
  .map((l) => l.replace(/\s*\(submitted: [^)]*\)\s*/g, ' ').replace(/\s+\(Final data collection date for primary outcome measure\)/, '').trim())
  .map((l) => l.replace(/\t?Contact information is only displayed.*$/i, '')));

const TIME_FRAME_LIKE = /\b(?:day|week|month|year|hour|minute|baseline|visit|discharge|end of|follow[- ]?up)s?\b|^\d/i;
const CTGOV_SECTIONS = /^(Secondary Outcome Measures|Other Outcome Measures|Collaborators and Investigators|Eligibility Criteria|Eligibility|Study Record Dates|Publications & Helpful Links|More Information|Participation Criteria|Contacts and Locations)$/i;

/** The page's explanations under its section headings: not trial content (a publications list must not cite them). */
const BOILERPLATE = /^(This section provides|The person responsible for entering information|These dates track the progress|Researchers look for people who fit|For general information about clinical research|This is where you will find people)/i;

// (upper-case on screen; a copy may keep the title-case text under the styling: `Recruiting`)
const STATUS_BADGE = /^(NOT YET RECRUITING|RECRUITING|ENROLLING BY INVITATION|ACTIVE, NOT RECRUITING|SUSPENDED|TERMINATED|COMPLETED|WITHDRAWN|UNKNOWN|AVAILABLE|NO LONGER AVAILABLE|APPROVED FOR MARKETING|TEMPORARILY NOT AVAILABLE|WITHHELD)$/i;

const PERSON_ROLE = /^(Contact|Principal Investigator|Sub-Investigator|Study Chair|Study Director):$/;
const PHONE_OR_EMAIL = /^\+?[\d\s().-]{7,}(?:\s*(?:ext\.?|x)\s*\d+)?$|^(?:Phone Number:|Email:)?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/i;

/**
 * Each site of the `Study Locations` list carries its own `Contact:` / `Principal Investigator:` heading alone on a
 * line, then the person (name, phone, e-mail lines); the next site's city line and status follow with no label. Give
 * the person lines their role and send the lines after them back to the locations, so a site's address is not read
 * as the person's affiliation.
 */
function locationPeople(lines: string[]): string[] {
  const out: string[] = [];
  let inLocations = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^Study Locations$/i.test(l)) inLocations = true;
    else if (CTGOV_SECTIONS.test(l) || /^Show (?:more|less)$/i.test(l)) inLocations = false;
    const role = inLocations ? PERSON_ROLE.exec(l) : null;
    if (!role || !lines[i + 1]) { out.push(l); continue; }
    const person = [lines[++i]!];
    while (i + 1 < lines.length && PHONE_OR_EMAIL.test(lines[i + 1]!)) person.push(lines[++i]!);
    out.push(role[1]!, ...person, 'Study Locations');
  }
  return out;
}

/**
 * The current page's header, above `ClinicalTrials.gov ID NCT…`: an upper-case status badge and the brief title with
 * its acronym in parentheses (`Early Iron Repletion … (IRON-AHF)`); the tabs say `No Results Posted`; the central
 * contact is headed `Study Contact`.
 */
/**
 * The Researcher View's study officials: `Study Officials<TAB>Name` / `Principal Investigator` / `Affiliation` → the
 * person with that role and affiliation (the role line would otherwise open a contact named after the affiliation).
 * Under its bare `Locations` heading each site's contact is one `Contact: …` line, after which the sites go on.
 */
function researcherOfficials(lines: string[]): string[] {
  const out: string[] = [];
  let inLocations = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === 'Locations') inLocations = true;
    else if (CTGOV_SECTIONS.test(l) || /^IPD Sharing Statement$/i.test(l)) inLocations = false;
    // a site's `Contact: Name phone email` line: the next site's lines are locations again
    if (inLocations && /^Contact:\s*\S/.test(l)) { out.push(l, 'Locations'); continue; }
    const official = /^Study Officials\t+(.+)$/.exec(l);
    const role = official ? /^(Principal Investigator|Study Chair|Study Director)$/i.exec(lines[i + 1] ?? '') : null;
    if (!official || !role) { out.push(l); continue; }
    out.push('Study Officials', `${role[1]}: ${official[1]!.trim()}`);
    i++;
    const aff = lines[i + 1];
    if (aff && !aff.includes('\t') && aff !== 'Locations' && !CTGOV_SECTIONS.test(aff)) { out.push(`Affiliation: ${aff}`); i++; }
  }
  return out;
}

/** A Researcher View outcome row `measure<TAB>description<TAB>time frame` → the measure with its time frame, then the description. */
function outcomeRow(l: string): string[] | null {
  const cells = l.split('\t').map((c) => c.trim());
  if (cells.length !== 3 || !cells[0] || !cells[2]) return null;
  return [`${cells[0]} [Time Frame: ${cells[2]}]`, ...(cells[1] ? [cells[1]] : [])];
}

function header(lines: string[]): string[] {
  const idAt = lines.findIndex((l) => /^ClinicalTrials\.gov ID\b/.test(l));
  return lines.flatMap((l, i) => {
    if (i < idAt && STATUS_BADGE.test(l)) return [`Overall Status: ${l}`];
    // a saved page puts the status tag and the results tag on one line: `Completed Has Results`
    const tags = i < idAt ? /^(.+?) (Has Results|No Results Posted)$/.exec(l) : null;
    if (tags && STATUS_BADGE.test(tags[1]!)) return [`Overall Status: ${tags[1]}`, `Results: ${tags[2]}`];
    if (i < idAt && l !== '' && !lines.slice(i + 1, idAt).some((x) => x !== '') && !/^ClinicalTrials\.gov$/i.test(l)) {
      return titleLines(l);
    }
    if (/No Results Posted/.test(l) && i < idAt + 20) return ['Results: No Results Posted'];
    if (BOILERPLATE.test(l) || /^Show (?:more|less)$/i.test(l)) return [];
    if (/^Study Contact(?: Backup)?$/i.test(l)) return ['Contact'];
    // `Collaborators and Investigators` heads the lead sponsor with a bare `Sponsor` line (a word, elsewhere, not a label)
    if (l === 'Sponsor' && i > idAt) return ['Sponsor:'];
    // the `Keywords` list under the conditions is the sponsor's keywords, not more conditions
    if (l === 'Keywords' && i > idAt) return ['Terms related to this study'];
    return [l];
  });
}

/**
 * The current ClinicalTrials.gov study page: header lines `ClinicalTrials.gov ID NCT…` / `Last Update Posted 2021-03-01`,
 * outcome tables flattened to measure / description / time frame lines, arm tables with a header row.
 */
export const ctgovCurrent = rewriting('ctgov-current', 'ClinicalTrials.gov', /^(?:Study Overview|ClinicalTrials\.gov ID\b.*|Outcome Measure\tMeasure Description\tTime Frame|Participant Group\/Arm\tIntervention\/Treatment)$/m, (lines) => {
  const out: string[] = [];
  let outcomes = false;
  let group: string[] = [];
  const flush = (): void => {
    if (group.length) out.push(`${group[0]} [Time Frame: ${group[group.length - 1]}]`, ...group.slice(1, -1));
    group = [];
  };
  const ls = header(researcherOfficials(locationPeople(lines)));
  // the next non-empty line after i: a time-frame-like line right after another one means the first was a description
  const nextLine = (i: number): string => ls.slice(i + 1).find((x) => x !== '') ?? '';
  for (const [i, raw] of ls.entries()) {
    const l = raw.replace(/^(ClinicalTrials\.gov ID|Last Update Posted|First Posted|Study Start|Sponsor|Information provided by) (?=\S)/, '$1: ');
    if (/^(Primary|Secondary|Other) Outcome Measures$/i.test(l)) { flush(); outcomes = true; out.push(l); continue; }
    if (outcomes && CTGOV_SECTIONS.test(l) && !/Outcome Measures$/i.test(l)) { flush(); outcomes = false; }
    if (/^Outcome Measure\tMeasure Description\tTime Frame$|^Participant Group\/Arm\tIntervention\/Treatment$/i.test(l)) continue;
    // …the same header copied one cell per line
    if (outcomes && /^(?:Outcome Measure|Measure Description|Time Frame)$/i.test(l)) continue;
    if (/^(Outcome Measure: .*|Measure Description: .*|Time Frame: .*)$/.test(l) && outcomes) { group.push(l.replace(/^[^:]+: /, '')); continue; }
    if (!outcomes || l === '') { out.push(l); continue; }
    const row = outcomeRow(l);
    if (row) { flush(); out.push(...row); continue; }
    group.push(l);
    const next = nextLine(i);
    const descriptionFollowedByTimeFrame = group.length === 2 && TIME_FRAME_LIKE.test(next) && next.length <= 120 && !CTGOV_SECTIONS.test(next) && !/Outcome Measures$/i.test(next);
    if (group.length >= 2 && TIME_FRAME_LIKE.test(l) && l.length <= 120 && !descriptionFollowedByTimeFrame) flush();
  }
  flush();
  return out;
});
