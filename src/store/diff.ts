/**
 * Field-level differences between two versions of a registration, at the level a reviewer reads them:
 * nested objects are walked (`status.recruitment`, `enrollment.target`, `dates.lastUpdate`, `raw.Phase`),
 * arrays are compared whole (`countries`, `outcomes.primary`, `interventions`). `source` is never compared.
 */
import { canonicalJson } from './hash.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const SKIPPED_TOP_LEVEL = new Set(['source']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Every leaf (or whole array) that differs between `before` and `after`, in key order. */
export function diffRegistrations(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      if (path === '' && SKIPPED_TOP_LEVEL.has(k)) continue;
      walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (!same(a, b)) out.push({ field: path, before: a ?? null, after: b ?? null });
}
