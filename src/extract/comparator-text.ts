/**
 * The registration-wide texts with the comparator's statements taken out. A design or description text often
 * describes both arms ("Control group: saline 5 ml on days 1–5; Experimental group: 10^6 MSCs/kg…"): the dose,
 * route and schedule of a cell product must not be read from what the placebo or control arm receives.
 */
import { namesCellProduct } from './cell-therapy.js';
import { segments } from './segments.js';
import type { TextField } from './text.js';

/** Words that make a statement about the comparator arm. */
const COMPARATOR = /\bplacebo|\b(?:normal\s+)?saline\b|\bvehicle\b|\bsham\b|\bcontrol\s+(?:group|arm|cohort)|\b(?:standard|routine|conventional)\s+(?:care|treatment|therapy)\s+(?:group|arm|alone)/i;

/** Is this statement about the comparator only (names it and no cell product)? */
export function comparatorOnly(statement: string): boolean {
  return COMPARATOR.test(statement) && !namesCellProduct(statement);
}

/** The fields without their comparator-only statements; a field left with nothing is dropped. */
export function withoutComparatorText(fields: TextField[]): TextField[] {
  return fields.flatMap((f) => {
    if (!COMPARATOR.test(f.text)) return [f];
    const kept = segments(f.text).filter((s) => !comparatorOnly(s.text)).map((s) => s.text).join('\n');
    return kept ? [{ from: f.from, text: kept }] : [];
  });
}
