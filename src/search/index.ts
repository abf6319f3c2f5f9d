/**
 * Search: query language → plan → store queries; facets; similar trials. (Stub: the search issue fills it in.)
 */
import type { Store } from '../store/types.js';

/** Bring the search index up to date for these registrations (called by ingest after storing and linking). */
export async function indexRegistrations(_store: Store, _ids: string[]): Promise<void> {}
