import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Registration } from '../model/registration.js';
import { closingSegment, nameKey, namesInTitle, protocolFeatures, ProtocolIndex, statesPart } from './master-protocol.js';
import { buildStudy } from './study.js';
import { reg } from './__fixtures__/registrations.js';

// Titles as the registries wrote them (7 July 2020 ICTRP export): national arms of the WHO SOLIDARITY trial.
const CORE = 'An international randomised trial of additional treatments for COVID-19 in hospitalised patients who are all receiving the local standard of care';

test('a trial name is read where registries state it: capitals before "trial", a closing or opening segment', () => {
  const names = (t: string): string[] => [...protocolFeatures(reg('X1', 'other', { publicTitle: t })).names.keys()];
  assert.deepEqual(names('Public health emergency SOLIDARITY trial of treatments for COVID-19 infection in hospitalized patients'), ['solidarity']);
  assert.deepEqual(names(`${CORE} - WHO-SOLIDARITY-GERMANY - WHO-SOLIDARITY-GERMANY`), ['solidarity']);
  assert.deepEqual(names(`${CORE} - Solidarity`), ['solidarity']);
  assert.deepEqual(names('Treatments for COVID-19: Canadian Arm of the SOLIDARITY Trial'), ['solidarity']);
  assert.deepEqual(names('The (Norwegian) NOR Solidarity Multicenter Trial on the Efficacy of Different Anti-viral Drugs in SARS-CoV-2 Infected Patients'), ['solidarity']);
  assert.deepEqual(names('WHO SOLIDARITY Finland: The multicenter trial on the efficacy of different anti-viral drugs'), ['solidarity']);
  assert.deepEqual(names('SOLIDARITY: AN INTERNATIONAL RANDOMIZED CONTROLLED TRIAL TO EVALUATE NON-LICENSED COVID-19 TREATMENTS'), ['solidarity']);
  // a title in capitals names nothing by its capitals; a title-case title names nothing by its capital letters
  assert.deepEqual(names('ANXIETY AND DEPRESSION DURING COVID-19 IN INDIA'), []);
  assert.deepEqual(names('Mesenchymal Stem Cell Treatment for Pneumonia Patients Infected With COVID-19'), []);
  assert.equal(closingSegment(`${CORE} - SOLIDARITY TRIAL`)?.segment, 'SOLIDARITY TRIAL');
  assert.equal(nameKey('WHO-SOLIDARITY-GERMANY'), 'solidarity');
  assert.equal(nameKey('CYCOV-II'), 'cycovii');
  assert.ok(namesInTitle('Treatments for COVID-19: Canadian Arm of the SOLIDARITY Trial').some((n) => n.phrase === 'Arm of the SOLIDARITY Trial'));
});

test('a name stated as a part of a larger trial: an arm of it, a national part of it', () => {
  assert.equal(statesPart('Canadian Arm of the SOLIDARITY Trial'), true);
  assert.equal(statesPart('WHO-SOLIDARITY-GERMANY'), true);
  assert.equal(statesPart('ILIAD-7-UK'), true);
  assert.equal(statesPart('COV-IMMUNO'), false);
  assert.equal(statesPart('(Norwegian) NOR Solidarity Multicenter Trial'), true);
  assert.equal(statesPart('Public health emergency SOLIDARITY trial'), false);
  assert.equal(statesPart('A Multicentre Open-label Two-arm Randomised Superiority Clinical Trial'), false);
});

function arm(id: string, registry: Registration['registry'], title: string, sponsor: string, countries: string[], drugs: string[],
  outcome = 'All-cause mortality'): Registration {
  const r = reg(id, registry, { scientificTitle: title, sponsor, countries });
  r.interventions = drugs.map((name) => ({ type: 'drug' as const, name, description: null, cellTherapy: null }));
  r.outcomes.primary = [{ measure: outcome, description: null, timeFrame: null, timepointsDays: [] }];
  return r;
}

test('arms of one master protocol link across sponsors and countries, one registry may hold several; the evidence is named', () => {
  const who = arm('ISRCTN83971151', 'ISRCTN', 'Public health emergency SOLIDARITY trial of treatments for COVID-19 infection in hospitalized patients',
    'World Health Organization', ['Canada', 'Germany', 'Norway', 'Spain'], ['Remdesivir', 'Lopinavir with Ritonavir', 'Interferon beta-1a']);
  const germany = arm('EUCTR2020-001549-38', 'EUCTR', `${CORE} - WHO-SOLIDARITY-GERMANY`, 'Gesundheit Nord gGmbH', ['Germany'],
    ['LOPINAVIR', 'Remdesivir'], 'improvement of the clinical status on the ordinal 7-point severity-scale at day 15');
  const spain = arm('EUCTR2020-001366-11', 'EUCTR', `${CORE} - Solidarity`, 'FIB-HCSC', ['Spain', 'Canada'], ['Remdesivir', 'Chloroquine']);
  const canada = arm('NCT04330690', 'ClinicalTrials.gov', 'Treatments for COVID-19: Canadian Arm of the SOLIDARITY Trial',
    'Sunnybrook Health Sciences Centre', ['Canada'], ['Lopinavir/ritonavir', 'Hydroxychloroquine']);
  const idx = new ProtocolIndex();
  for (const r of [who, germany, spain, canada]) idx.add(protocolFeatures(r));
  const links = [who, germany, spain, canada].flatMap((r) => idx.linksOf(protocolFeatures(r)));
  const pairs = new Set(links.map((l) => `${l.a}|${l.b}`));
  assert.ok(pairs.has('EUCTR2020-001549-38|ISRCTN83971151'), [...pairs].join(' '));
  assert.ok(pairs.has('EUCTR2020-001366-11|EUCTR2020-001549-38'), 'two national arms in one registry');
  assert.ok(pairs.has('ISRCTN83971151|NCT04330690'));
  const l = links.find((x) => x.b === 'NCT04330690')!;
  assert.equal(l.method, 'master_protocol');
  assert.match(l.evidence!, /both name the trial SOLIDARITY/);
  assert.match(l.evidence!, /NCT04330690 states it is a part of it/);

  const study = buildStudy([canada, germany, who, spain], links);
  assert.equal(study.primaryId, 'ISRCTN83971151', 'led by the arm stating the most countries');
  assert.deepEqual(study.parts?.map((p) => p.primaryId), ['ISRCTN83971151', 'EUCTR2020-001366-11', 'NCT04330690', 'EUCTR2020-001549-38']);
});

test('a shared acronym is not a master protocol: different trials named alike, or one sponsor\'s family of trials', () => {
  // three unrelated PROTECT trials (Pakistan, Cambridge, Italy), all of hydroxychloroquine
  const p1 = arm('NCT04338698', 'ClinicalTrials.gov', 'Hydroxychloroquine, Oseltamivir and Azithromycin for the Treatment of COVID-19 Infection: An RCT',
    'Shehnoor Azhar', ['Pakistan'], ['Hydroxychloroquine']);
  p1.titles.acronym = 'PROTECT';
  const p2 = arm('NCT04389359', 'ClinicalTrials.gov', 'PROphylaxis for paTiEnts at Risk of COVID-19 infecTion', 'Cambridge University Hospitals NHS Foundation Trust',
    ['United Kingdom'], ['Hydroxychloroquine Sulfate 200 MG']);
  p2.titles.acronym = 'PROTECT';
  // one sponsor's trial and its sequel, in one country
  const c1 = arm('NCT04324528', 'ClinicalTrials.gov', 'Cytokine Adsorption in Severe COVID-19 Pneumonia Requiring ECMO', 'Dr. Alexander Supady', ['Germany'], ['CytoSorb']);
  c1.titles.acronym = 'CYCOV';
  const c2 = arm('NCT04385771', 'ClinicalTrials.gov', 'Cytokine Adsorption in Patients With Severe COVID-19 Pneumonia Requiring ECMO', 'Dr. Alexander Supady',
    ['Germany'], ['CytoSorb']);
  c2.titles.acronym = 'CYCOV-II';
  const c3 = arm('NCT04385772', 'ClinicalTrials.gov', 'Cytokine Adsorption in Patients With Severe COVID-19 Pneumonia Requiring ECMO', 'Dr. Alexander Supady',
    ['Germany'], ['CytoSorb']);
  c3.titles.acronym = 'CYCOV';
  const idx = new ProtocolIndex();
  for (const r of [p1, p2, c1, c2, c3]) idx.add(protocolFeatures(r));
  assert.deepEqual([p1, p2, c1, c2, c3].flatMap((r) => idx.linksOf(protocolFeatures(r))), []);
});
