/**
 * What of a registration goes into the search index: the text of every text field, grouped into weighted
 * columns, the facet values, and a small summary a result list shows without loading the record. Pure.
 */
import type { Registration } from '../model/registration.js';
import type { DocSummary, SearchDoc, TextColumn } from './types.js';

const MAX_COLUMN_CHARS = 200_000;

function join(parts: (string | null | undefined)[]): string {
  const s = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n');
  return s.length > MAX_COLUMN_CHARS ? s.slice(0, MAX_COLUMN_CHARS) : s;
}

/** The page of the registration at its registry: the source URL, else one built from the id. */
export function registryUrl(reg: Pick<Registration, 'id' | 'registry' | 'source'>): string | null {
  const u = reg.source?.url;
  if (u && /^https?:\/\//i.test(u.trim())) return u.trim();
  const id = encodeURIComponent(reg.id);
  switch (reg.registry) {
    case 'ClinicalTrials.gov': return `https://clinicaltrials.gov/study/${id}`;
    case 'ISRCTN': return `https://www.isrctn.com/${id}`;
    case 'EUCTR': return `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${encodeURIComponent(reg.id.replace(/^EUCTR/, ''))}`;
    case 'DRKS': return `https://drks.de/search/en/trial/${id}`;
    case 'ChiCTR': return `https://www.chictr.org.cn/searchprojEN.html?regno=${id}`;
    case 'ANZCTR': return `https://www.anzctr.org.au/TrialSearch.aspx?searchTxt=${id}`;
    case 'CTIS': return `https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT=${id}`;
    default: return `https://trialsearch.who.int/Trial2.aspx?TrialID=${id}`;
  }
}

/** Text columns: every free-text field a user might search, by weight class. */
export function textColumns(reg: Registration): Record<TextColumn, string> {
  const iv = reg.interventions ?? [];
  return {
    title: join([reg.titles?.public, reg.titles?.scientific, reg.titles?.acronym]),
    conditions: join(reg.conditions ?? []),
    interventions: join([
      ...iv.flatMap((i) => [i.name, i.description]),
      ...(reg.arms ?? []).flatMap((a) => [a.label, a.description, ...(a.interventions ?? [])]),
    ]),
    description: join([reg.description?.brief, reg.description?.detailed]),
    outcomes: join([...(reg.outcomes?.primary ?? []), ...(reg.outcomes?.secondary ?? [])].flatMap((o) => [o.measure, o.description, o.timeFrame])),
    eligibility: join([...(reg.eligibility?.inclusion ?? []), ...(reg.eligibility?.exclusion ?? []), reg.eligibility?.raw]),
    sponsors: join([
      reg.sponsor?.primary, ...(reg.sponsor?.secondary ?? []), ...(reg.sponsor?.collaborators ?? []),
      ...(reg.contacts ?? []).map((c) => c.affiliation),
    ]),
    ids: join([reg.id, ...(reg.secondaryIds ?? []), reg.source?.recordId]),
  };
}

export function summarise(reg: Registration): DocSummary {
  return {
    id: reg.id,
    registry: reg.registry,
    title: reg.titles?.public ?? reg.titles?.scientific ?? null,
    acronym: reg.titles?.acronym ?? null,
    status: reg.status?.recruitment ?? null,
    phase: reg.phase ?? null,
    studyType: reg.studyType ?? null,
    conditions: (reg.conditions ?? []).slice(0, 8),
    interventions: (reg.interventions ?? []).map((i) => i.name).filter(Boolean).slice(0, 8),
    countries: (reg.countries ?? []).slice(0, 20),
    sponsor: reg.sponsor?.primary ?? null,
    registrationDate: reg.dates?.registration ?? null,
    lastUpdate: reg.dates?.lastUpdate ?? null,
    enrollment: reg.enrollment?.target ?? reg.enrollment?.actual ?? null,
    url: registryUrl(reg),
  };
}

function uniq<T>(xs: (T | null | undefined)[]): T[] {
  return [...new Set(xs.filter((x): x is T => x !== null && x !== undefined))];
}

/** The index document of one registration in its study. */
export function toSearchDoc(reg: Registration, studyId: string, primary: boolean): SearchDoc {
  const cells = (reg.interventions ?? []).map((i) => i.cellTherapy).filter((c) => !!c);
  return {
    id: reg.id,
    studyId,
    primary,
    text: textColumns(reg),
    registry: reg.registry,
    status: reg.status?.recruitment ?? null,
    phase: reg.phase ?? null,
    studyType: reg.studyType ?? null,
    allocation: reg.design?.allocation ?? null,
    masking: reg.design?.masking ?? null,
    registrationDate: reg.dates?.registration ?? null,
    lastUpdate: reg.dates?.lastUpdate ?? null,
    minAgeYears: reg.eligibility?.minAgeYears ?? null,
    maxAgeYears: reg.eligibility?.maxAgeYears ?? null,
    sex: reg.eligibility?.sex ?? null,
    countries: uniq(reg.countries ?? []),
    cellSources: uniq(cells.map((c) => c!.source)),
    cellTypes: uniq(cells.map((c) => c!.cellType)),
    summary: summarise(reg),
  };
}
