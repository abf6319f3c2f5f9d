/**
 * The linking stage: evidence → links → studies. (Stub: the linking issue fills it in.)
 */
import type { Store } from '../store/types.js';

/** Compare the given (new or changed) registrations with what is stored; update links and the studies they touch. */
export async function linkIncremental(_store: Store, _ids: string[]): Promise<void> {}

/** Recompute every link and study from scratch, respecting manual overrides. */
export async function rebuildLinks(_store: Store): Promise<void> {}
