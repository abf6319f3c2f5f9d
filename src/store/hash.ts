/**
 * Content identity of a registration: what decides "changed" between snapshots.
 *
 * The hash is sha256 over a canonical JSON of the registration WITHOUT its `source` block (file name, record id,
 * export and refresh dates differ between weekly snapshots even when the trial itself did not change).
 * Canonical = object keys sorted at every depth, `undefined` members dropped, arrays kept in their order.
 */
import { createHash } from 'node:crypto';
import type { Registration } from '../model/registration.js';

/** JSON text with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The registration less `source`: the part whose change makes a new version. */
export function contentOf(reg: Registration): Omit<Registration, 'source'> {
  const { source: _source, ...content } = reg;
  return content;
}

/** sha256 (hex) of the canonical JSON of the registration without `source`. */
export function contentHash(reg: Registration): string {
  return createHash('sha256').update(canonicalJson(contentOf(reg))).digest('hex');
}
