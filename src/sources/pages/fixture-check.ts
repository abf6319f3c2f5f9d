/**
 * Page fixtures and their hand-written expected records: load them, read each page, compare field by field.
 * The expected file lists only what the page states (plus nulls where it states nothing); every listed leaf counts.
 * Shared by the fixture test and by eval-pages (per-field accuracy).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { htmlToText } from './html-to-text.js';
import { readPage } from './read-page.js';

export interface FieldCheck {
  /** path of the compared value, e.g. `design.allocation`, `outcomes.primary[0].timeFrame` */
  path: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

export interface FixtureResult {
  fixture: string;
  checks: FieldCheck[];
}

/** Fixture pages in `dir`: `<name>.txt` or `<name>.html`, each beside `<name>.expected.json`. */
export function fixtureNames(dir: string): string[] {
  const files = readdirSync(dir);
  return files.filter((f) => /\.(txt|html)$/.test(f) && files.includes(f.replace(/\.(txt|html)$/, '.expected.json'))).sort();
}

/** Compare expected against actual: objects key by key, arrays of objects item by item, other values whole. */
export function compare(expected: unknown, actual: unknown, at = ''): FieldCheck[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const a = (actual ?? {}) as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, v]) => compare(v, a[k], at ? `${at}.${k}` : k));
  }
  if (Array.isArray(expected) && expected.some((x) => x !== null && typeof x === 'object')) {
    const a = Array.isArray(actual) ? actual : [];
    const checks = expected.flatMap((x, i) => compare(x, a[i], `${at}[${i}]`));
    checks.push({ path: `${at}.length`, expected: expected.length, actual: a.length, ok: a.length === expected.length });
    return checks;
  }
  const ok = JSON.stringify(expected) === JSON.stringify(actual ?? null);
  return [{ path: at, expected, actual: actual ?? null, ok }];
}

/** Read one fixture page and compare it with its expected record. */
export function checkFixture(dir: string, name: string): FixtureResult {
  const raw = readFileSync(path.join(dir, name), 'utf8');
  const text = name.endsWith('.html') ? htmlToText(raw) : raw;
  const expected = JSON.parse(readFileSync(path.join(dir, name.replace(/\.(txt|html)$/, '.expected.json')), 'utf8')) as unknown;
  return { fixture: name, checks: compare(expected, readPage(text).record) };
}
