/**
 * Search entry points used by ingest, the CLI and the API: keep the index up to date, run a query
 * (grouped by study, with facets and a page token), count for the dashboard. The store-specific part is a
 * SearchBackend (SQLite: src/store/sqlite/search.ts, PostgreSQL: src/store/postgres/search.ts), chosen here from the store.
 */
import type { Database } from 'better-sqlite3';
import type { Registration } from '../model/registration.js';
import type { Store } from '../store/types.js';
import type { Pool } from 'pg';
import { SqliteSearch } from '../store/sqlite/search.js';
import type { PoolOptions } from '../store/sqlite/search-pool.js';
import { PgSearch } from '../store/postgres/search.js';
import { toSearchDoc } from './document.js';
import { buildPlan, type SearchInput } from './plan.js';
import { QueryError } from './query.js';
import { FACETS, type Count, type Facet, type SearchBackend, type SearchResult, type StatsBy } from './types.js';

export { QueryError } from './query.js';
export { buildPlan, type SearchInput } from './plan.js';
export * from './types.js';

const backends = new WeakMap<Store, SearchBackend>();

/** The search backend of a store (one per store object). */
export function backendFor(store: Store): SearchBackend {
  let b = backends.get(store);
  if (b) return b;
  const db = (store as unknown as { db?: Database }).db;
  const pool = (store as unknown as { pool?: Pool }).pool;
  if (store.kind === 'sqlite' && db) b = new SqliteSearch(db);
  else if (store.kind === 'postgres' && pool) b = new PgSearch(pool);
  else throw new Error(`search: no search backend for a ${store.kind} store yet`);
  backends.set(store, b);
  return b;
}

/**
 * Serve this store's searches from worker threads (SQLite in a file; PostgreSQL already runs them on its server):
 * one query then never holds the others, and one past its time bound is stopped with a 503. Returns a closer.
 */
export function searchInWorkers(store: Store, opts: PoolOptions = {}): () => Promise<void> {
  const b = backendFor(store);
  if (!(b instanceof SqliteSearch) || !b.useWorkers(opts)) return async () => {};
  return () => b.closeWorkers();
}

const upgraded = new WeakMap<Store, Promise<void>>();

/**
 * The backend, once its index has the current layout: an index of an older layout (before the stemmed twins) was
 * emptied when opened, and the store's registrations are indexed again here, once, before the first search.
 */
async function readyBackend(store: Store): Promise<SearchBackend> {
  const backend = backendFor(store);
  let ready = upgraded.get(store);
  if (!ready) {
    ready = backend.needsRebuild().then(async (stale) => { if (stale) await rebuildIndex(store); });
    upgraded.set(store, ready);
  }
  await ready;
  return backend;
}

const BATCH = 500;

/** Where each registration sits: its study id and whether it leads the study. */
async function placement(store: Store, ids: string[]): Promise<Map<string, { studyId: string; primary: boolean }>> {
  const out = new Map<string, { studyId: string; primary: boolean }>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const study = await store.studyOf(id);
    if (!study) { out.set(id, { studyId: id, primary: true }); continue; }
    for (const m of study.registrationIds) out.set(m, { studyId: study.studyId, primary: m === study.primaryId });
    if (!out.has(id)) out.set(id, { studyId: study.studyId, primary: id === study.primaryId });
  }
  return out;
}

async function indexPlaced(store: Store, where: Map<string, { studyId: string; primary: boolean }>): Promise<number> {
  const backend = backendFor(store);
  const ids = [...where.keys()];
  let n = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const docs = [];
    const seen = new Set<string>();
    for await (const reg of store.latest(chunk)) {
      const p = where.get(reg.id) ?? { studyId: reg.id, primary: true };
      docs.push(toSearchDoc(reg, p.studyId, p.primary));
      seen.add(reg.id);
    }
    await backend.upsert(docs);
    await backend.remove(chunk.filter((id) => !seen.has(id)));
    n += docs.length;
  }
  return n;
}

/**
 * Bring the search index up to date for these registrations (called by ingest after storing and linking).
 * Every member of their studies is re-indexed too, since linking may have moved them into a new study.
 */
/**
 * These ids and every member of the studies they are in now. Read before relinking: a registration that a relink
 * splits off a study is not among the relinked ids, yet its index document names the old study until re-indexed.
 */
export async function studyMembers(store: Store, ids: string[]): Promise<string[]> {
  const out = new Set(ids);
  for (const id of ids) for (const m of (await store.studyOf(id))?.registrationIds ?? []) out.add(m);
  return [...out];
}

export async function indexRegistrations(store: Store, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await indexPlaced(store, await placement(store, ids));
}

/** Re-index everything (after `link --rebuild`, or to repair). Returns the number of registrations indexed. */
export async function rebuildIndex(store: Store): Promise<number> {
  const where = new Map<string, { studyId: string; primary: boolean }>();
  for await (const s of store.studies()) {
    for (const m of s.registrationIds) where.set(m, { studyId: s.studyId, primary: m === s.primaryId });
  }
  const rest: string[] = [];
  for await (const reg of store.latest()) if (!where.has(reg.id)) rest.push(reg.id);
  for (const id of rest) where.set(id, { studyId: id, primary: true });
  return indexPlaced(store, where);
}

export interface SearchOptions extends Omit<SearchInput, 'q'> {
  /** studies per page (1–1000, default 10) */
  pageSize?: number;
  /** from a previous result's nextPageToken */
  pageToken?: string | null;
  /** facets to count (default none) */
  facets?: readonly Facet[] | boolean;
  /** values per facet (default 30) */
  facetLimit?: number;
}

export interface SearchResponse extends SearchResult {
  nextPageToken: string | null;
  facets?: Partial<Record<Facet, Count[]>>;
}

export const MAX_PAGE_SIZE = 1000;

export function encodePageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** Page token → offset; a token we did not issue is a usage error. */
export function decodePageToken(token: string | null | undefined): number {
  if (!token) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw new QueryError(`pageToken: "${token.slice(0, 40)}" is not a token this server issued`, 0);
  return Number(m[1]);
}

/** Run a query in the query language (plus the API's separate parameters) and return one page of studies. */
export async function search(store: Store, query: string | null, opts: SearchOptions = {}): Promise<SearchResponse> {
  const plan = buildPlan({ ...opts, q: query });
  const limit = opts.pageSize ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new QueryError(`pageSize: must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 0);
  }
  const offset = decodePageToken(opts.pageToken);
  const backend = await readyBackend(store);
  const facets = opts.facets ? { names: opts.facets === true ? FACETS : opts.facets, limit: opts.facetLimit ?? 30 } : undefined;
  const res = await backend.search(plan, { offset, limit }, facets);
  if (facets && res.facets) {
    // a facet the user filters on counts as if its own filter were off, so the other values stay selectable
    for (const f of facets.names) {
      const own = f as keyof NonNullable<SearchInput['filters']>;
      if (!opts.filters?.[own]?.length) continue;
      const others = buildPlan({ ...opts, q: query, filters: { ...opts.filters, [own]: [] } });
      res.facets[f] = (await backend.facets(others, [f], facets.limit))[f];
    }
  }
  const next = offset + res.hits.length < res.total && res.hits.length > 0 ? encodePageToken(offset + res.hits.length) : null;
  return { ...res, ...(plan.expansions ? { expansions: plan.expansions } : {}), nextPageToken: next };
}

/** Counts of registrations by one dimension, optionally within a query (the dashboard, /api/v1/stats). */
export async function stats(store: Store, by: StatsBy, query: string | null = null, opts: Omit<SearchInput, 'q'> = {}): Promise<Count[]> {
  const plan = query || Object.keys(opts).length ? buildPlan({ ...opts, q: query }) : undefined;
  return (await readyBackend(store)).stats(by, plan);
}

/** Every registration id of every matching study, in result order, page by page (for exports of a result set). */
export async function* matchingRegistrationIds(store: Store, query: string | null, opts: Omit<SearchOptions, 'pageToken' | 'pageSize'> = {}, max = 100_000): AsyncIterable<string[]> {
  let token: string | null = null;
  let seen = 0;
  do {
    const page: SearchResponse = await search(store, query, { ...opts, facets: false, pageSize: 500, pageToken: token });
    yield page.hits.map((h) => h.registrationIds).flat();
    seen += page.hits.length;
    token = page.nextPageToken;
  } while (token && seen < max);
}

/**
 * An id as users type it (any case), or a registry number only named as a secondary id of a stored registration:
 * the registration it finds through the index's id column, when exactly one study has it.
 */
export async function resolveId(store: Store, given: string): Promise<string | null> {
  const value = given.trim();
  if (!/[\p{L}\p{N}]/u.test(value) || value.length > 100) return null;
  const res = await (await readyBackend(store)).search({ where: { kind: 'text', column: 'ids', value, phrase: true, prefix: false }, sort: 'relevance' }, { offset: 0, limit: 2 });
  if (res.total !== 1) return null;
  const hit = res.hits[0]!;
  const exact = hit.registrationIds.find((r) => r.toLowerCase() === value.toLowerCase());
  return exact ?? hit.matchedIds[0] ?? hit.lead.id;
}

/** The registrations of one study (or of a lone registration), primary first. Null when the id is unknown. */
export async function studyRegistrations(store: Store, given: string): Promise<{ studyId: string; primaryId: string; registrations: Registration[] } | null> {
  const id = (await store.getRegistration(given)) ? given : await resolveId(store, given);
  if (!id) return null;
  const study = await store.studyOf(id);
  const ids = study ? [study.primaryId, ...study.registrationIds.filter((x) => x !== study.primaryId)] : [id];
  const regs: Registration[] = [];
  for (const x of ids) {
    const v = await store.getRegistration(x);
    if (v) regs.push(v.registration);
  }
  if (regs.length === 0) return null;
  return { studyId: study?.studyId ?? id, primaryId: study?.primaryId ?? id, registrations: regs };
}
