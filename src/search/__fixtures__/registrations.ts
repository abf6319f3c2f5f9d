/**
 * A small, hand-made register for the search, API and browser tests: eight registrations from eight registries,
 * two of which (an NCT record and its ChiCTR twin, naming each other as secondary ids) are one trial, and one
 * whose title, conditions and sponsor carry script injections.
 */
import { emptyRegistration, type Registration } from '../../model/registration.js';
import type { Study } from '../../model/study.js';
import { rebuildLinks } from '../../link/index.js';
import type { Store } from '../../store/types.js';
import { rebuildIndex } from '../index.js';

export const XSS_TITLE = '<script>window.__pwned=1;alert(1)</script> Vitamin D for <img src=x onerror="window.__pwned=2"> prevention';

function reg(id: string, registry: Registration['registry'], fill: (r: Registration) => void): Registration {
  const r = emptyRegistration(id, registry, { format: 'fixture', file: 'fixture.ndjson', recordId: id });
  fill(r);
  return r;
}

export function fixtureRegistrations(): Registration[] {
  return [
    reg('NCT04252118', 'ClinicalTrials.gov', (r) => {
      r.titles.public = 'Mesenchymal Stem Cell Treatment for Pneumonia Patients Infected With COVID-19';
      r.secondaryIds = ['ChiCTR2000029990'];
      r.conditions = ['COVID-19'];
      r.interventions = [{ type: 'biological', name: 'Mesenchymal stem cells', description: 'umbilical cord MSCs 3 doses', cellTherapy: {
        cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: null, route: 'intravenous', schedule: null } }];
      r.phase = '1'; r.studyType = 'interventional'; r.status = { recruitment: 'recruiting', raw: 'Recruiting' };
      r.design.allocation = 'non_randomized'; r.design.masking = 'none';
      r.enrollment.target = 20; r.countries = ['China']; r.dates.registration = '2020-01-27'; r.dates.lastUpdate = '2020-03-01';
      r.eligibility.minAgeYears = 18; r.eligibility.maxAgeYears = 70; r.eligibility.sex = 'all';
      r.sponsor.primary = 'Beijing 302 Hospital';
      r.description.brief = 'Safety and efficacy of umbilical cord mesenchymal stem cells in COVID-19 pneumonia.';
    }),
    reg('ChiCTR2000029990', 'ChiCTR', (r) => {
      r.titles.public = 'Clinical trials of mesenchymal stem cells for the treatment of pneumonitis caused by novel coronavirus pneumonia (COVID-19)';
      r.secondaryIds = ['NCT04252118'];
      r.conditions = ['Novel Coronavirus Pneumonia (COVID-19)'];
      r.interventions = [{ type: 'biological', name: 'Mesenchymal stem cells', description: null, cellTherapy: {
        cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: null, route: 'intravenous', schedule: null } }];
      r.phase = '1_2'; r.studyType = 'interventional'; r.status = { recruitment: 'recruiting', raw: 'Recruiting' };
      r.design.allocation = 'randomized'; r.design.masking = 'none';
      r.enrollment.target = 120; r.countries = ['China']; r.dates.registration = '2020-02-03';
      r.sponsor.primary = 'Chinese PLA General Hospital';
    }),
    reg('IRCT20200405046953N1', 'IRCT', (r) => {
      r.titles.public = 'Hydroxychloroquine in outpatients with COVID-19';
      r.conditions = ['COVID-19'];
      r.interventions = [{ type: 'drug', name: 'Hydroxychloroquine', description: '200 mg twice daily', cellTherapy: null }];
      r.phase = '3'; r.studyType = 'interventional'; r.status = { recruitment: 'completed', raw: 'Completed' };
      r.design.allocation = 'randomized'; r.design.masking = 'double';
      r.countries = ['Iran']; r.dates.registration = '2020-04-10';
      r.eligibility.minAgeYears = 18; r.eligibility.sex = 'all';
      r.outcomes.primary = [{ measure: 'Hospitalisation', description: null, timeFrame: 'Day 14', timepointsDays: [14] }];
    }),
    reg('EUCTR2020-001162-12', 'EUCTR', (r) => {
      r.titles.public = 'Tocilizumab in severe COVID-19 pneumonia';
      r.conditions = ['COVID-19 pneumonia'];
      r.interventions = [{ type: 'drug', name: 'Tocilizumab', description: null, cellTherapy: null }];
      r.phase = '2'; r.studyType = 'interventional'; r.status = { recruitment: 'recruiting', raw: 'Authorised' };
      r.design.allocation = 'randomized'; r.design.masking = 'none';
      r.countries = ['France', 'Italy']; r.dates.registration = '2020-03-20';
      r.eligibility.minAgeYears = 50; r.eligibility.maxAgeYears = 80; r.eligibility.sex = 'female';
    }),
    reg('ISRCTN83971151', 'ISRCTN', (r) => {
      r.titles.public = XSS_TITLE;
      r.conditions = ['<img src=x onerror="window.__pwned=3">COVID-19'];
      r.interventions = [{ type: 'dietary_supplement', name: 'Vitamin D', description: '<script>window.__pwned=4</script>', cellTherapy: null }];
      r.sponsor.primary = '"><script>window.__pwned=5</script>';
      r.phase = '4'; r.studyType = 'interventional'; r.status = { recruitment: 'completed', raw: 'Completed' };
      r.countries = ['United Kingdom']; r.dates.registration = '2019-05-01';
    }),
    reg('DRKS00021238', 'DRKS', (r) => {
      r.titles.public = 'Inhaled exosomes from umbilical cord mesenchymal stem cells for ARDS';
      r.conditions = ['Acute respiratory distress syndrome'];
      r.interventions = [{ type: 'biological', name: 'MSC exosomes', description: 'nebulised', cellTherapy: {
        cellType: 'msc', source: 'umbilical_cord', product: 'exosomes', dose: null, route: 'inhalation', schedule: null } }];
      r.phase = '2'; r.studyType = 'interventional'; r.status = { recruitment: 'recruiting', raw: 'Recruiting ongoing' };
      r.design.allocation = 'randomized'; r.design.masking = 'double';
      r.countries = ['Germany']; r.dates.registration = '2020-06-15';
      r.eligibility.minAgeYears = 18; r.eligibility.maxAgeYears = 65; r.eligibility.sex = 'male';
    }),
    reg('ACTRN12620000421932', 'ANZCTR', (r) => {
      r.titles.public = 'BCG vaccination to protect healthcare workers against COVID-19';
      r.titles.acronym = 'BRACE';
      r.conditions = ['COVID-19'];
      r.interventions = [{ type: 'biological', name: 'BCG vaccine', description: null, cellTherapy: null }];
      r.phase = '3'; r.studyType = 'interventional'; r.status = { recruitment: 'recruiting', raw: 'Recruiting' };
      r.design.allocation = 'randomized'; r.design.masking = 'none';
      r.countries = ['Australia']; r.dates.registration = '2020-03-31';
      r.eligibility.minAgeYears = 18; r.eligibility.sex = 'all';
    }),
    reg('JPRN-UMIN000039686', 'JPRN', (r) => {
      r.titles.public = 'Observational study of favipiravir in COVID-19';
      r.conditions = ['COVID-19'];
      r.interventions = [{ type: 'drug', name: 'Favipiravir', description: null, cellTherapy: null }];
      r.studyType = 'observational';
      r.countries = ['Japan']; r.dates.registration = '2020-03-02';
    }),
  ];
}

/** The study the linker should make of the NCT record and its ChiCTR twin. */
export const LINKED = ['NCT04252118', 'ChiCTR2000029990'] as const;

/**
 * Store the fixtures and link them through the real linking stage (the two name each other as secondary ids).
 * Returns how the link was made: `linker` when src/link built the study; `stored` when the linker did not
 * (yet) and the study was written through store.replaceStudies so the serving side can still be tested.
 */
export async function loadFixtures(store: Store): Promise<'linker' | 'stored'> {
  const regs = fixtureRegistrations();
  // the IRCT record was first stored while recruiting, then completed: two versions for the history table
  const old = regs.map((r) => (r.id === 'IRCT20200405046953N1' ? { ...structuredClone(r), status: { recruitment: 'recruiting' as const, raw: 'Recruiting' } } : r));
  await store.putBatch(old, { file: 'fixture-2020-06-29.ndjson', format: 'fixture', exportedAt: '2020-06-29', ingestedAt: '2026-11-21T00:00:00Z' });
  await store.putBatch(regs, { file: 'fixture-2020-07-07.ndjson', format: 'fixture', exportedAt: '2020-07-07', ingestedAt: '2026-11-22T00:00:00Z' });
  await rebuildLinks(store);
  const s = await store.studyOf(LINKED[0]);
  if (s && LINKED.every((id) => s.registrationIds.includes(id))) {
    await rebuildIndex(store);
    return 'linker';
  }
  const study: Study = {
    studyId: LINKED[0], registrationIds: [...LINKED], primaryId: LINKED[0], publications: [], characteristics: {},
    discrepancies: [
      { field: 'phase', values: [{ registrationId: LINKED[0], value: '1' }, { registrationId: LINKED[1], value: '1_2' }] },
      { field: 'enrollment.target', values: [{ registrationId: LINKED[0], value: 20 }, { registrationId: LINKED[1], value: 120 }] },
    ],
    links: [{ a: LINKED[0], b: LINKED[1], method: 'secondary_id', score: 1, evidence: 'secondaryIds' }],
  };
  await store.replaceStudies([study], [...LINKED]);
  await rebuildIndex(store);
  return 'stored';
}
