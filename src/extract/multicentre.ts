/**
 * Multicentre: several countries, or wording (`multicentre`, `multi-site`, `single-center`) in the design string,
 * titles or descriptions. Null when nothing says.
 */
import type { Registration } from '../model/registration.js';
import { type Found, type Rule, descriptionTexts, designTexts, firstInFields, record, titleTexts } from './text.js';

const WORDS: Rule<boolean>[] = [
  { re: /\b(?:single|mono|one|uni)[-\s]?(?:cent(?:er|re|ric)|site|institution(?:al)?)\b|\bmonocentric\b|\bunicentric\b/i, value: false },
  { re: /\bmulti[-\s]?(?:cent(?:er|re|ric)s?|site|national|country|institution(?:al)?|regional)\b|\bmulticent|\bmulticountry\b|\b(?:several|multiple|\d{1,4})\s+(?:cent(?:er|re)s|sites|hospitals)\b/i, value: true },
];

export function findMulticentre(reg: Registration): Found<boolean> | null {
  if (reg.countries.length > 1) return { value: true, from: 'countries', text: reg.countries.join('; ') };
  return firstInFields([...designTexts(reg), ...titleTexts(reg), ...descriptionTexts(reg)], WORDS);
}

export function extractMulticentre(reg: Registration): void {
  if (reg.design.multicentre != null) return;
  const m = findMulticentre(reg);
  if (m) { reg.design.multicentre = m.value; record(reg, 'design.multicentre', m); }
}
