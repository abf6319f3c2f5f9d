/**
 * The linking stage: evidence → links → studies, through the Store interface only.
 *
 * - `linkIncremental(store, ids)` (called by ingest after each batch): compares the new or changed registrations
 *   with what is stored (blocking index kept per store in memory, built once by streaming the store), replaces
 *   their links, and rebuilds only the studies their links reach.
 * - `rebuildLinks(store)` (`trialatlas link --rebuild`): every link and study from scratch; curators' overrides
 *   are stored separately and respected.
 * - `applyOverride(store, a, b, same)` (`link --same/--different`), `studyForDisplay(store, id)` (`show`).
 */
import type { Reference, Registration } from '../model/registration.js';
import type { Link, Override, Study } from '../model/study.js';
import type { Store } from '../store/types.js';
import { BlockIndex } from './blocking.js';
import { clusterRegistrations, effectiveOverrides, type Decision } from './cluster.js';
import { certainLinks, idKey, referenceIds, sameIdLinks } from './evidence.js';
import { features, scorePair, type Features } from './similarity.js';
import { protocolFeatures, ProtocolIndex } from './master-protocol.js';
import { buildStudy } from './study.js';

/**
 * Similarity score from which two registrations of different registries are linked. Calibrated on
 * gold/linking-dev.csv (see eval-linking.ts): the highest score before recall falls (0.60–0.65 keep every
 * pair the dev split finds; 0.70 loses two), on both halves of a deterministic split.
 */
export const SIMILARITY_THRESHOLD = 0.65;

const AUTO_METHODS: Link['method'][] = ['same_id', 'secondary_id', 'text_mention', 'similarity', 'master_protocol'];
/** Links found from both sides of a pair (recomputed for whichever side changes), not directed from one. */
const SYMMETRIC: Link['method'][] = ['similarity', 'master_protocol'];
/** Incremental linking walks at most this many registrations beyond the batch (a guard, not a normal case). */
const MAX_COMPONENT = 400;

/** What linking keeps in memory per store: the blocking index, the trial names stated, and the id spellings. */
export class LinkerState {
  readonly index = new BlockIndex();
  readonly protocols = new ProtocolIndex();
  private readonly byKey = new Map<string, string>();

  /** File a registration; returns the stored id it is another spelling of, if any (a `same_id` link). */
  add(f: Features, reg?: Registration): string | null {
    this.index.add(f);
    if (reg) this.protocols.add(protocolFeatures(reg, f.titleTokens));
    const k = idKey(f.id);
    const other = this.byKey.get(k);
    this.byKey.set(k, f.id);
    return other && other !== f.id ? other : null;
  }

  /** The stored id that `id` is a spelling of, or `id` itself. */
  canonical(id: string): string {
    return this.byKey.get(idKey(id)) ?? id;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  registryOf = (id: string): string | undefined => this.index.features.get(id)?.registry;
}

const states = new WeakMap<Store, LinkerState>();

/**
 * What linking reads of a registration: its latest version, with the secondary ids, contacts, countries and
 * references of its earlier versions added. One id arrives from several sources (an NCT record in the WHO
 * export carries contacts, the ClinicalTrials.gov download carries Other IDs): whichever came last, the
 * evidence of the others is kept.
 */
export function linkingView(versions: Registration[]): Registration {
  const latest = versions[versions.length - 1]!;
  if (versions.length < 2) return latest;
  const uniqBy = <T>(xs: T[], key: (x: T) => string): T[] => {
    const seen = new Set<string>();
    return xs.filter((x) => {
      const k = key(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  const newestFirst = [...versions].reverse();
  // a title one source format leaves out (the ClinicalTrials.gov download has no scientific title) is another's, as
  // that format gave it last (a record its own source rewrote without it has lost it)
  const otherSources = new Map<string, Registration>();
  for (const v of newestFirst) {
    const format = v.source?.format ?? '';
    if (format !== (latest.source?.format ?? '') && !otherSources.has(format)) otherSources.set(format, v);
  }
  const titles = { ...latest.titles };
  for (const k of ['public', 'scientific', 'acronym'] as const) {
    titles[k] ??= [...otherSources.values()].find((v) => v.titles[k])?.titles[k] ?? null;
  }
  return {
    ...latest,
    titles,
    secondaryIds: uniqBy(newestFirst.flatMap((v) => v.secondaryIds), (x) => idKey(x)),
    contacts: uniqBy(newestFirst.flatMap((v) => v.contacts), (c) => `${c.name ?? ''}|${c.email ?? ''}|${c.phone ?? ''}`.toLowerCase()),
    countries: uniqBy(newestFirst.flatMap((v) => v.countries), (c) => c),
    references: uniqBy(newestFirst.flatMap((v) => v.references), (r) => JSON.stringify([r.pmid, r.doi, r.citation, r.title])),
  };
}

/**
 * The linking view of each registration (ids given, or all), streamed. `known`: views already built from the
 * store as it is now (their earlier versions are not read again).
 */
export async function* linkingViews(store: Store, ids?: string[], known?: Map<string, Registration>): AsyncIterable<Registration> {
  for await (const reg of store.latest(ids)) {
    const view = known?.get(reg.id);
    if (view) { yield view; continue; }
    const versions = await store.versions(reg.id);
    // the sources' own records (src/store/lines.ts), newest last — not the merged current view, whose gaps filled
    // from another source would make one source's values confirm themselves
    yield versions.length > 1 ? linkingView(versions.map((v) => v.registration)) : reg;
  }
}

async function stateFor(store: Store): Promise<LinkerState> {
  let state = states.get(store);
  if (state) return state;
  state = new LinkerState();
  for await (const reg of linkingViews(store)) state.add(features(reg), reg);
  states.set(store, state);
  return state;
}

/** Certain links a registration makes, their targets mapped onto stored spellings. */
export function certainLinksOf(reg: Registration, state: LinkerState): Link[] {
  return certainLinks(reg)
    .map((l) => ({ ...l, b: state.canonical(l.b) }))
    .filter((l) => l.b !== l.a);
}

/** Master-protocol links of one filed registration with the others filed. */
export function masterProtocolLinksOf(id: string, state: LinkerState): Link[] {
  const p = state.protocols.features.get(id);
  return p ? state.protocols.linksOf(p) : [];
}

/** Similarity links of one registration with its blocking candidates, above the threshold. */
export function similarityLinksOf(f: Features, state: LinkerState, threshold = SIMILARITY_THRESHOLD): Link[] {
  const out: Link[] = [];
  for (const id of state.index.candidates(f)) {
    const g = state.index.features.get(id)!;
    const s = scorePair(f, g, state.index.idf, threshold);
    // text alone links nothing: it needs corroboration or agreeing facts (Verdict in similarity.ts)
    if (s.score >= threshold && s.verdict.accepted) {
      const [a, b] = f.id < g.id ? [f.id, g.id] : [g.id, f.id];
      out.push({ a, b, method: 'similarity', score: Math.round(s.score * 1000) / 1000, evidence: s.evidence });
    }
  }
  return out;
}

function dedupeLinks(links: Link[]): Link[] {
  const seen = new Map<string, Link>();
  for (const l of links) {
    const k = `${l.a}\u0000${l.b}\u0000${l.method}`;
    const prev = seen.get(k);
    if (!prev || prev.score < l.score) seen.set(k, l);
  }
  return [...seen.values()];
}

function manualLinks(overrides: Override[]): Link[] {
  return effectiveOverrides(overrides).filter((o) => o.same).map((o) => ({
    a: o.a, b: o.b, method: 'manual' as const, score: 1, evidence: `curator: same trial${o.note ? ` (${o.note})` : ''}`,
  }));
}

/** Links among a set of ids (plus curators' same-trial assertions among them). */
function linksWithin(ids: string[], links: Link[], overrides: Override[]): Link[] {
  const set = new Set(ids);
  return dedupeLinks([...links, ...manualLinks(overrides)].filter((l) => set.has(l.a) && set.has(l.b)));
}

/** References that name registrations (other than their own), by the registration they name. */
function namedPublications(reg: Registration, into: Map<string, Reference[]>): void {
  for (const ref of reg.references) {
    for (const id of referenceIds(ref)) {
      if (idKey(id) === idKey(reg.id)) continue;
      const list = into.get(id);
      if (list) list.push(ref);
      else into.set(id, [ref]);
    }
  }
}

/** Studies of the given registrations, clustered with the given links and overrides. */
function studiesOf(regs: Registration[], links: Link[], overrides: Override[], state: LinkerState,
  extra: Map<string, Reference[]> = new Map()): { studies: Study[]; decisions: Decision[] } {
  const byId = new Map(regs.map((r) => [r.id, r]));
  const { clusters, clusterOf, decisions } = clusterRegistrations(byId.keys(), state.registryOf, links, overrides);
  const studies: Study[] = clusters.map((ids) => buildStudy(
    ids.map((id) => byId.get(id)!),
    linksWithin(ids, links, overrides),
    ids.flatMap((id) => extra.get(id) ?? []),
  ));
  for (const reg of regs) {
    if (!clusterOf.has(reg.id)) studies.push(buildStudy([reg], [], extra.get(reg.id) ?? []));
  }
  return { studies, decisions };
}

/** Every registration that the links of `ids` reach (and the members of their current studies), bounded. */
async function component(store: Store, state: LinkerState, ids: string[]): Promise<{ ids: string[]; links: Link[] }> {
  const seen = new Set(ids.filter((id) => state.has(id)));
  const links: Link[] = [];
  let frontier = [...seen];
  const limit = seen.size + MAX_COMPONENT;
  while (frontier.length > 0 && seen.size < limit) {
    const next: string[] = [];
    for (const l of await store.links(frontier)) {
      links.push(l);
      for (const id of [l.a, l.b]) {
        if (!seen.has(id) && state.has(id)) {
          seen.add(id);
          next.push(id);
        }
      }
    }
    for (const id of frontier) {
      const study = await store.studyOf(id);
      for (const m of study?.registrationIds ?? []) {
        if (!seen.has(m) && state.has(m)) {
          seen.add(m);
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  return { ids: [...seen], links: dedupeLinks(links) };
}

/** Compare the given (new or changed) registrations with what is stored; update links and the studies they touch. */
export async function linkIncremental(store: Store, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const state = await stateFor(store);
  const regs: Registration[] = [];
  for await (const reg of linkingViews(store, ids)) regs.push(reg);
  const fresh: Link[] = [];
  for (const reg of regs) {
    const other = state.add(features(reg), reg);
    if (other) fresh.push(...sameIdLinks([other, reg.id]));
  }
  for (const reg of regs) {
    fresh.push(...certainLinksOf(reg, state), ...similarityLinksOf(state.index.features.get(reg.id)!, state),
      ...masterProtocolLinksOf(reg.id, state));
  }
  const touched = new Set(regs.map((r) => r.id));
  // links other registrations made naming these ids stay: they are evidence of the others, not of these
  const kept = (await store.links([...touched])).filter(
    (l) => l.method !== 'manual' && !SYMMETRIC.includes(l.method) && !touched.has(l.a),
  );
  await store.deleteLinks({ ids: [...touched], methods: AUTO_METHODS });
  await store.putLinks(dedupeLinks([...kept, ...fresh]));
  // only links changed since the views were read: restudy reuses them
  await restudy(store, state, [...touched], new Map(regs.map((r) => [r.id, r])));
}

/** Recompute the studies that the links of `ids` reach (`known`: linking views already read, by id). */
async function restudy(store: Store, state: LinkerState, ids: string[], known?: Map<string, Registration>): Promise<void> {
  const comp = await component(store, state, ids);
  const regs: Registration[] = [];
  for await (const reg of linkingViews(store, comp.ids, known)) regs.push(reg);
  const { studies } = studiesOf(regs, comp.links, await store.overrides(), state);
  await store.replaceStudies(studies, comp.ids);
}

export interface RebuildSummary {
  registrations: number;
  links: Record<string, number>;
  studies: number;
  multiRegistrationStudies: number;
  refusedMerges: number;
  ms: number;
}

/** All links of all stored registrations (pure over an iterable, so the evaluation can time it alone). */
export async function computeAllLinks(regs: AsyncIterable<Registration> | Iterable<Registration>, state: LinkerState,
  threshold = SIMILARITY_THRESHOLD): Promise<{ links: Link[]; publications: Map<string, Reference[]> }> {
  const raw: Link[] = [];
  const rawPublications = new Map<string, Reference[]>();
  const ids: string[] = [];
  for await (const reg of regs) {
    state.add(features(reg), reg);
    ids.push(reg.id);
    raw.push(...certainLinks(reg));
    namedPublications(reg, rawPublications);
  }
  // targets are mapped onto stored spellings once every id is known
  const certain = [
    ...sameIdLinks(ids),
    ...raw.map((l) => ({ ...l, b: state.canonical(l.b) })).filter((l) => l.a !== l.b),
  ];
  const publications = new Map<string, Reference[]>();
  for (const [id, refs] of rawPublications) {
    const k = state.canonical(id);
    publications.set(k, [...(publications.get(k) ?? []), ...refs]);
  }
  const similar: Link[] = [];
  for (const f of state.index.features.values()) similar.push(...similarityLinksOf(f, state, threshold));
  for (const p of state.protocols.features.values()) similar.push(...state.protocols.linksOf(p));
  return { links: dedupeLinks([...certain, ...similar]), publications };
}

/** Recompute every link and study from scratch, respecting manual overrides. */
export async function rebuildLinks(store: Store): Promise<RebuildSummary> {
  const t0 = Date.now();
  const state = new LinkerState();
  const { links, publications } = await computeAllLinks(linkingViews(store), state);
  await store.deleteLinks({ methods: AUTO_METHODS });
  for (let i = 0; i < links.length; i += 2000) await store.putLinks(links.slice(i, i + 2000));
  const overrides = await store.overrides();
  const { clusters, clusterOf, decisions } = clusterRegistrations(state.index.features.keys(), state.registryOf, links, overrides);

  const pending = new Map<number, Registration[]>();
  let batch: Study[] = [];
  let first = true;
  let count = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && !first) return;
    await store.replaceStudies(batch, first ? undefined : batch.flatMap((s) => s.registrationIds));
    first = false;
    count += batch.length;
    batch = [];
  };
  for await (const reg of linkingViews(store)) {
    const c = clusterOf.get(reg.id);
    if (c === undefined) {
      batch.push(buildStudy([reg], [], publications.get(reg.id) ?? []));
    } else {
      const got = pending.get(c) ?? [];
      got.push(reg);
      if (got.length === clusters[c]!.length) {
        pending.delete(c);
        const ids = clusters[c]!;
        batch.push(buildStudy(got, linksWithin(ids, links, overrides), ids.flatMap((id) => publications.get(id) ?? [])));
      } else pending.set(c, got);
    }
    if (batch.length >= 1000) await flush();
  }
  await flush();
  states.set(store, state);
  const byMethod: Record<string, number> = {};
  for (const l of links) byMethod[l.method] = (byMethod[l.method] ?? 0) + 1;
  return {
    registrations: state.index.size,
    links: byMethod,
    studies: count,
    multiRegistrationStudies: clusters.length,
    refusedMerges: decisions.filter((d) => !d.accepted).length,
    ms: Date.now() - t0,
  };
}

/** A curator's `link --same A B` / `--different A B`: stored, then the studies of A and B are recomputed. */
export async function applyOverride(store: Store, a: string, b: string, same: boolean, note: string | null = null): Promise<void> {
  await store.putOverride({ a, b, same, note, createdAt: new Date().toISOString() });
  const state = await stateFor(store);
  await restudy(store, state, [a, b]);
}

export interface StudyDisplay {
  study: Study;
  /** latest version of each registration, primary first */
  registrations: Registration[];
  /** how the study came together: accepted merges and refused ones touching it */
  decisions: Decision[];
}

/** What `show <any id>` needs: the study of the id, its registrations side by side, and why they are linked. */
export async function studyForDisplay(store: Store, id: string): Promise<StudyDisplay | null> {
  let study = await store.studyOf(id);
  if (!study) {
    const reg = await store.getRegistration(id);
    if (!reg) return null;
    study = buildStudy([reg.registration], []);
  }
  const regs: Registration[] = [];
  for await (const r of store.latest(study.registrationIds)) regs.push(r);
  const order = new Map(study.registrationIds.map((x, i) => [x, i]));
  regs.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
  const links = await store.links(study.registrationIds);
  const registry = new Map(regs.map((r) => [r.id, r.registry as string]));
  // registrations outside the study that a link points to: their refused merges explain the study's edges
  for (const id of new Set(links.flatMap((l) => [l.a, l.b]))) {
    if (registry.has(id)) continue;
    const other = await store.getRegistration(id);
    if (other) registry.set(id, other.registration.registry);
  }
  const { decisions } = clusterRegistrations(registry.keys(), (x) => registry.get(x), links, await store.overrides());
  return { study, registrations: regs, decisions };
}
