/** Site profile: trial portals built on ClinicalTrials.gov data (bare API enum words, name/description pairs). */
import type { Registration } from '../../../model/registration.js';
import { unescapeText } from '../values.js';
import type { SiteProfile } from './profile.js';

/** Section subtitles of portal pages ("Review the countries where …") — page furniture, not trial data. */
const PORTAL_FURNITURE = /^(?:Get|Review|Explore|Dive|See|Understand|Learn|Check|Meet|Identify|Additional clinical trials|The study team has not)\b.*\.$/;
const CTGOV_STATUS = /^(NOT_YET_RECRUITING|RECRUITING|ENROLLING_BY_INVITATION|ACTIVE_NOT_RECRUITING|SUSPENDED|TERMINATED|COMPLETED|WITHDRAWN|UNKNOWN|AVAILABLE|NO_LONGER_AVAILABLE|TEMPORARILY_NOT_AVAILABLE|APPROVED_FOR_MARKETING|WITHHELD)$/;
const CTGOV_PHASE = /^(EARLY_PHASE1|PHASE\d(?:\/PHASE\d)?|NA)$/;
const CTGOV_TYPE = /^(INTERVENTIONAL|OBSERVATIONAL|EXPANDED_ACCESS)$/;
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const SECTIONS = /^(Study Results|Basic Information|Brief Summary|Related Clinical Trials|Detailed Description|Conditions|Study Design|Study Groups|Interventions|Eligibility Criteria|Sponsors|Responsible Party|Principal Investigators|Locations|Countries|References|Other Identifiers|More Related Trials)$/;

/**
 * Trial portals built on ClinicalTrials.gov data (like seed 004): section headings with a one-sentence subtitle, the
 * API's enum words shown bare (`COMPLETED`, `PHASE1/PHASE2`, `INTERVENTIONAL`, `RANDOMIZED`…), the enrollment as
 * `29 participants`, two unlabeled ISO dates, ages/sex/healthy volunteers as bare lines after the criteria, and arms
 * and interventions as name/description pairs. This profile turns those into labelled lines.
 */
export const ctgovPortal: SiteProfile = {
  id: 'ctgov-portal',
  registry: 'ClinicalTrials.gov',
  marker: /^(?:Basic Information|Related Clinical Trials|More Related Trials)$/m,
  prepare(lines) {
    const sections = new Map<string, string[]>();
    let name = '';
    for (const l of lines) {
      if (SECTIONS.test(l)) { name = l; sections.set(name, []); continue; }
      if (PORTAL_FURNITURE.test(l) && name !== 'Study Results') continue;
      sections.get(name)?.push(l);
    }
    const out: string[] = [];
    const rawExtra: Record<string, string> = {};
    for (const [sec, body] of sections) {
      const ls = body.filter((l) => l !== '');
      if (sec === 'Basic Information') {
        const dates: string[] = [];
        for (const l of ls) {
          if (CTGOV_STATUS.test(l)) out.push(`Overall Status: ${l.replace(/_/g, ' ')}`);
          else if (CTGOV_PHASE.test(l)) out.push(`Phase: ${l}`);
          else if (CTGOV_TYPE.test(l)) out.push(`Study Type: ${l}`);
          else if (/^\d[\d,]*\s+participants?$/i.test(l)) rawExtra.enrollment = l;
          else if (ISO_DATE.test(l)) dates.push(l);
        }
        // two unlabeled milestones: the first is the start; the last the (primary) completion — kept as completion
        if (dates[0]) out.push(`Start Date: ${dates[0]}`);
        if (dates.length > 1) out.push(`Completion Date: ${dates[dates.length - 1]}`);
        if (dates.length) rawExtra.milestoneDates = dates.join('; ');
      } else if (sec === 'Eligibility Criteria') {
        // bare lines after the bulleted criteria: minimum age, maximum age, sex, healthy volunteers
        const tail: string[] = [];
        while (ls.length && !/^[*•-]\s/.test(ls[ls.length - 1]!) && !/criteria$/i.test(ls[ls.length - 1]!)) tail.unshift(ls.pop()!);
        out.push(...ls);
        const ages = tail.filter((l) => /^\d+(?:\.\d+)?\s+(?:years?|months?|weeks?|days?)$/i.test(l));
        if (ages[0]) out.push(`Minimum Age: ${ages[0]}`);
        if (ages[1]) out.push(`Maximum Age: ${ages[1]}`);
        const sex = tail.find((l) => /^(ALL|FEMALE|MALE)$/i.test(l));
        if (sex) out.push(`Sex: ${sex}`);
        const hv = tail.find((l) => /^(Yes|No)$/i.test(l));
        if (hv) out.push(`Accepts Healthy Volunteers: ${hv}`);
      } else if (sec === 'Study Results') {
        out.push(`Results: ${ls.join(' ')}`);
      } else if (sec === 'Study Groups' || sec === 'Interventions') {
        continue; // read in finish(), where both lists are at hand
      } else if (sec === 'Other Identifiers') {
        out.push('Other Identifiers', ...ls.filter((l) => !/^Identifier (?:Type|Source):/i.test(l)));
        rawExtra.otherIdentifierDetails = ls.join('\n');
      } else {
        out.push(sec, ...body);
      }
    }
    const interventions = pairs(sections.get('Interventions') ?? []);
    const groups = (sections.get('Study Groups') ?? []).filter((l) => l !== '');
    return {
      lines: out,
      idHint: null,
      finish(reg) {
        for (const [k, v] of Object.entries(rawExtra)) reg.raw = { ...(reg.raw ?? {}), [k]: v };
        // a completed/terminated ClinicalTrials.gov study reports its actual enrollment (the registry requires the update)
        const n = rawExtra.enrollment ? parseInt(rawExtra.enrollment.replace(/,/g, ''), 10) : null;
        if (n !== null) {
          reg.enrollment.raw = rawExtra.enrollment!;
          if (reg.status.recruitment === 'completed' || reg.status.recruitment === 'terminated') reg.enrollment.actual = n;
          else reg.enrollment.target = n;
        }
        reg.interventions = interventions.map(([name, description]) => ({ type: null, name, description, cellTherapy: null }));
        reg.arms = readGroups(groups, interventions);
      },
    };
  },
};

/** name/description lines → pairs. */
function pairs(lines: string[]): [string, string | null][] {
  const ls = lines.filter((l) => l !== '');
  const out: [string, string | null][] = [];
  for (let i = 0; i < ls.length; i += 2) out.push([unescapeText(ls[i]!), ls[i + 1] ? unescapeText(ls[i + 1]!) : null]);
  return out;
}

/** Study groups: arm label, arm description, then the names (and descriptions) of its interventions. */
function readGroups(lines: string[], interventions: [string, string | null][]): Registration['arms'] {
  const arms: Registration['arms'] = [];
  const names = new Map(interventions.map(([n, d]) => [n.toLowerCase(), d]));
  for (let i = 0; i < lines.length; i++) {
    const l = unescapeText(lines[i]!);
    const arm = arms[arms.length - 1];
    if (names.has(l.toLowerCase()) && arm) {
      arm.interventions.push(l);
      const d = names.get(l.toLowerCase());
      if (d && unescapeText(lines[i + 1] ?? '') === d) i++;
    } else if (!arm || arm.interventions.length || arm.description !== null) {
      arms.push({ label: l, type: null, description: null, interventions: [] });
    } else {
      arm.description = l;
    }
  }
  return arms;
}
