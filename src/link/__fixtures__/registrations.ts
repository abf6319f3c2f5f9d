/**
 * Small registrations for the linking tests, written like the registries write them (twin titles across
 * ClinicalTrials.gov, ChiCTR and EUCTR; a Cochrane-style record citing its trial), built on emptyRegistration.
 */
import { emptyRegistration, type Registration, type Registry } from '../../model/registration.js';

export interface RegOptions {
  publicTitle?: string;
  scientificTitle?: string;
  sponsor?: string;
  email?: string;
  contactName?: string;
  phone?: string;
  target?: number;
  start?: string;
  registered?: string;
  countries?: string[];
  secondaryIds?: string[];
  phase?: Registration['phase'];
  description?: string;
}

export function reg(id: string, registry: Registry, o: RegOptions = {}): Registration {
  const r = emptyRegistration(id, registry, { format: 'test' });
  r.titles.public = o.publicTitle ?? null;
  r.titles.scientific = o.scientificTitle ?? null;
  r.sponsor.primary = o.sponsor ?? null;
  if (o.email || o.contactName) {
    r.contacts.push({ name: o.contactName ?? null, role: null, affiliation: null, email: o.email ?? null, phone: o.phone ?? null });
  }
  r.enrollment.target = o.target ?? null;
  r.dates.start = o.start ?? null;
  r.dates.registration = o.registered ?? null;
  r.countries = o.countries ?? [];
  r.secondaryIds = o.secondaryIds ?? [];
  r.phase = o.phase ?? null;
  r.description.brief = o.description ?? null;
  return r;
}

/** Background trials: many COVID-19 trials, so that the disease words are common (low IDF), as in real data. */
export function background(n: number): Registration[] {
  const drugs = ['ivermectin', 'tocilizumab', 'remdesivir', 'interferon', 'colchicine', 'anakinra', 'sarilumab',
    'baricitinib', 'famotidine', 'nitazoxanide', 'ribavirin', 'oseltamivir', 'dexamethasone', 'heparin', 'vitamin'];
  const out: Registration[] = [];
  for (let i = 0; i < n; i++) {
    const drug = drugs[i % drugs.length]!;
    const registry: Registry = i % 3 === 0 ? 'ClinicalTrials.gov' : i % 3 === 1 ? 'ChiCTR' : 'IRCT';
    const id = registry === 'ClinicalTrials.gov' ? `NCT0490${String(i).padStart(4, '0')}`
      : registry === 'ChiCTR' ? `ChiCTR200009${String(i).padStart(4, '0')}` : `IRCT2020040${String(i).padStart(4, '0')}N1`;
    out.push(reg(id, registry, {
      publicTitle: `A randomized controlled trial of ${drug} in patients with COVID-19 pneumonia (cohort ${i})`,
      sponsor: `Hospital number ${i}`, target: 50 + i,
    }));
  }
  return out;
}

/** A trial registered in ChiCTR and at ClinicalTrials.gov with differently phrased titles, same contact. */
export const PIRFENIDONE_NCT = reg('NCT04282902', 'ClinicalTrials.gov', {
  publicTitle: 'A Study to Evaluate the Efficacy and Safety of Pirfenidone With Novel Coronavirus Infection',
  scientificTitle: 'A Randomized, Open-label Study to Evaluate the Efficacy and Safety of Pirfenidone in Patients With Severe and Critical Novel Coronavirus Infection',
  sponsor: 'Huilan Zhang', email: 'huilanz_76@163.com', contactName: 'Huilan Zhang, MD', phone: '+86 13391532171', target: 294, start: '2020-02-04', registered: '2020-02-10',
  countries: ['China'], phase: '3',
});
export const PIRFENIDONE_CHICTR = reg('ChiCTR2000030333', 'ChiCTR', {
  publicTitle: 'A randomized, open-label controlled trial for the efficacy and safety of Pirfenidone in patients with severe and critical novel coronavirus pneumonia (COVID-19)',
  scientificTitle: 'A randomized, open-label study to evaluate the efficacy and safety of Pirfenidone in patients with severe and critical novel coronavirus infection (COVID-19)',
  sponsor: 'Tongji Hospital of Tongji Medical College', email: 'huillanz_76@163.com', contactName: 'Zhang Huilan', phone: '+86 133 9153 2171', target: 292, start: '2020-03-04',
  registered: '2020-02-28', countries: ['China'], phase: '4',
});
