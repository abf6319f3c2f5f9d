/**
 * Prospective registration: registered no later than the first enrolment (dates.registration ≤ dates.start).
 * Month-only dates compare at month precision (same month counts as prospective: the registry cannot say otherwise).
 */
import type { Registration } from '../model/registration.js';
import { record } from './text.js';

export function isProspective(registration: string | null, start: string | null): boolean | null {
  if (!registration || !start) return null;
  if (!/^\d{4}-\d{2}/.test(registration) || !/^\d{4}-\d{2}/.test(start)) return null;
  const precise = registration.length >= 10 && start.length >= 10;
  return precise ? registration.slice(0, 10) <= start.slice(0, 10) : registration.slice(0, 7) <= start.slice(0, 7);
}

export function extractProspective(reg: Registration): void {
  if (reg.prospective != null) return;
  const p = isProspective(reg.dates.registration, reg.dates.start);
  if (p == null) return;
  reg.prospective = p;
  record(reg, 'prospective', { from: 'dates', text: `registered ${reg.dates.registration}, started ${reg.dates.start}` });
}
