/**
 * A registration id as a client writes it → the stored id: as given, then normalised (any case, EU country
 * suffix `EUCTR2020-001162-12-FR`, bare EudraCT number), then (for studies) as one of the ids a record names.
 */
import type { Store } from '../store/types.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { resolveId } from '../search/index.js';

/** The stored registration id `given` means, or null. `loose`: also accept an id only a record's text names (studies). */
export async function storedId(store: Store, given: string, loose = false): Promise<string | null> {
  const s = given.trim();
  if (!s) return null;
  if (await store.getRegistration(s)) return s;
  const n = normaliseTrialId(s)?.id;
  if (n && n !== s && (await store.getRegistration(n))) return n;
  return loose ? resolveId(store, n ?? s) : null;
}
