/** Test helpers: a registration built from the few fields a test sets, run through the extraction stage. */
import { type Registration, type Registry, emptyRegistration } from '../../model/registration.js';
import { extract } from '../index.js';

export interface Given {
  design?: string;
  title?: string;
  publicTitle?: string;
  registry?: Registry;
  interventions?: { name: string; description?: string }[];
  arms?: Registration['arms'];
  countries?: string[];
  sponsor?: string;
  sponsorClass?: string;
  description?: string;
  eligibility?: string;
  registration?: string;
  start?: string;
  timeFrames?: string[];
}

export function registration(g: Given): Registration {
  const reg = emptyRegistration('TEST-1', g.registry ?? 'other');
  reg.design.raw = g.design ?? null;
  reg.titles.scientific = g.title ?? null;
  reg.titles.public = g.publicTitle ?? null;
  reg.interventions = (g.interventions ?? []).map((i) => ({ type: null, name: i.name, description: i.description ?? null, cellTherapy: null }));
  reg.arms = g.arms ?? [];
  reg.countries = g.countries ?? [];
  reg.sponsor.primary = g.sponsor ?? null;
  if (g.sponsorClass) reg.sponsor.class = g.sponsorClass;
  reg.description.detailed = g.description ?? null;
  reg.eligibility.raw = g.eligibility ?? null;
  reg.dates.registration = g.registration ?? null;
  reg.dates.start = g.start ?? null;
  reg.outcomes.primary = (g.timeFrames ?? []).map((t) => ({ measure: 'm', description: null, timeFrame: t, timepointsDays: [] }));
  return reg;
}

export function extracted(g: Given): Registration {
  return extract(registration(g));
}
