/**
 * Versions per source line, and the merged current view — the rules both SQL stores apply (they only load and
 * write rows; the decisions are made here, once).
 *
 * A registration can be carried by several sources: the WHO ICTRP export republishes ClinicalTrials.gov's NCT
 * records, next to the ClinicalTrials.gov download, the API JSON, a saved page. Each source describes the trial its
 * own way (the ClinicalTrials.gov download has no eligibility criteria and no contacts; ICTRP has them), so a
 * difference between two sources is a discrepancy, never a change. A change is a difference between two snapshots
 * of the same source over time.
 *
 * - Every record read is an observation: (registration id, source line, snapshot) → content hash (+ its `source`
 *   block). A snapshot holds one observation per id and line: a later row of the same file replaces it.
 * - A source line's versions are its observations in time order (snapshot dates, see recordDate) with runs of
 *   equal content collapsed: a version is where the content of that source changed. Version numbers run over all
 *   lines of a registration, in that order.
 * - The current view merges the newest version of every line: the lead source's record, its gaps (null, empty
 *   list) filled leaf by leaf from the other sources, with `provenance` naming the source of each filled value.
 *
 * The whole state of a registration is a function of its set of observations, so re-reading a file adds nothing,
 * and re-running an interrupted ingest converges to exactly the state of an uninterrupted one.
 */
import type { Registration, SourceCopy, SourceProvenance } from '../model/registration.js';
import type { PutOutcome } from './types.js';
import { canonicalJson, contentHash } from './hash.js';
import { isProspective } from '../extract/prospective.js';

/** Source lines: the formats that are one source in different encodings share one. */
export function sourceLineOf(format: string): string {
  if (format.startsWith('ictrp-')) return 'ictrp'; // the ICTRP XML, CSV and XLSX exports have the same columns
  if (format.startsWith('page-')) return 'page'; // a trial page saved as text or as HTML
  return format;
}

/** The same rule in SQL (migrations backfill the line of stored versions with it). */
export const SQL_LINE_OF_FORMAT = `CASE WHEN format LIKE 'ictrp-%' THEN 'ictrp' WHEN format LIKE 'page-%' THEN 'page' ELSE format END`;

const LINE_WORDS: Record<string, string> = {
  ictrp: 'WHO ICTRP export',
  'ctgov-tsv': 'ClinicalTrials.gov download',
  'ctgov-json': 'ClinicalTrials.gov API',
  'ctgov-xml': 'ClinicalTrials.gov XML record',
  'irct-xml': 'IRCT download',
  page: 'trial page',
};

/** A source line in words. */
export function sourceLabel(line: string): string {
  return LINE_WORDS[line] ?? line;
}

/**
 * Lines that republish other registries' records (the ICTRP) rank after a registry's own source when the current
 * view is merged: the registry's own record leads, the republished copy fills its gaps.
 */
function republishes(line: string): boolean {
  return line === 'ictrp';
}

/** A file as a reviewer names it: its own name, without the directory it was read from on the server. */
export function fileLabel(file: string | null | undefined): string | null {
  if (!file) return null;
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

export interface ObservationRow {
  id: string;
  line: string;
  snapshotId: number;
  /** its snapshot's date (see snapshotDate; '' when none is known), read with it, not stored with it */
  asOf: string;
  hash: string;
  /** JSON text of the record's `source` block */
  source: string;
}

export interface VersionRecord {
  id: string;
  version: number;
  line: string;
  hash: string;
  json: string;
  snapshotId: number;
}

export interface CurrentRecord {
  id: string;
  registry: string;
  version: number;
  hash: string;
  json: string;
  snapshotId: number;
}

/**
 * The date a record shows its source was at: the newest of the export date it states, the source's last refresh
 * and the trial's last update. A snapshot's date is the newest of its records' (snapshotDate): no snapshot can be
 * older than the newest record in it. Snapshots of a source are put in time order by it, whatever order the files
 * were read in (a directory is read in name order: `COVID19-1135-trials_15Apr2020.csv` before
 * `COVID19-927-trials_7Apr2020.csv`). The stated export date alone cannot do it: the ICTRP export of 7 July 2020
 * states 7 June (Excel serial 43989), while its records were refreshed up to 6 July.
 */
export function recordDate(r: Registration): string {
  let best = '';
  for (const d of [r.source?.exportedAt, r.source?.lastRefreshed, r.dates?.lastUpdate]) if (typeof d === 'string' && d > best) best = d;
  return best;
}

export function snapshotDate(records: Registration[]): string {
  return records.reduce((best, r) => { const d = recordDate(r); return d > best ? d : best; }, '');
}

function latestOf(list: ObservationRow[]): ObservationRow | null {
  return list.reduce<ObservationRow | null>((a, o) => (!a || compareObservations(o, a) > 0 ? o : a), null);
}

/** Observation order: by snapshot date, then by the order snapshots were first read. */
function compareObservations(a: ObservationRow, b: ObservationRow): number {
  return a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.snapshotId - b.snapshotId || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0);
}

/** What a store holds for one registration id. */
export interface IdState {
  observations: ObservationRow[];
  versions: VersionRecord[];
  current: CurrentRecord | null;
}

export const emptyState = (): IdState => ({ observations: [], versions: [], current: null });

/** The writes one batch needs. */
export interface Plan {
  observations: ObservationRow[];
  /** versions to insert or overwrite (by id and version number) */
  versions: VersionRecord[];
  /** versions numbered `from` and above that no longer exist */
  dropVersions: { id: string; from: number }[];
  current: CurrentRecord[];
  /** ids whose versions or current view changed: to link and index */
  pending: string[];
}

/**
 * Apply a batch of records read from one snapshot to the loaded states (mutated), and say what to write.
 * Outcomes, per record: `new` (no source had this registration), `newSource` (first copy from this source line of
 * a registration another source has), `changed` (differs from this source's previous snapshot), `unchanged`.
 */
export function applyBatch(states: Map<string, IdState>, records: Registration[], snapshot: { id: number; asOf: string }, format: string,
  rederive: string[] = []): { outcomes: PutOutcome[]; plan: Plan } {
  const line = sourceLineOf(format);
  const snapshotId = snapshot.id;
  const plan: Plan = { observations: [], versions: [], dropVersions: [], current: [], pending: [] };
  const outcomes: PutOutcome[] = [];
  const contents = new Map<string, Registration>();
  // the snapshot's date may have moved on with this batch; `rederive`: ids it had before, when that moved it past another
  for (const state of states.values()) for (const o of state.observations) if (o.snapshotId === snapshotId) o.asOf = snapshot.asOf;
  const dirty = new Set<string>(rederive);
  const written = new Map<string, ObservationRow>();
  for (const reg of records) {
    let state = states.get(reg.id);
    if (!state) { state = emptyState(); states.set(reg.id, state); }
    const hash = contentHash(reg);
    const source = JSON.stringify(reg.source ?? null);
    const here = state.observations.find((o) => o.line === line && o.snapshotId === snapshotId);
    // read before (the same content; under another file name the snapshot keeps the name it was first read under)
    if (here && here.hash === hash) { outcomes.push('unchanged'); continue; }
    const obs: ObservationRow = { id: reg.id, line, snapshotId, asOf: snapshot.asOf, hash, source };
    const others = state.observations.filter((o) => o.line === line && o.snapshotId !== snapshotId);
    const previous = latestOf(others.filter((o) => compareObservations(o, obs) < 0));
    // read out of time order (an older file after a newer one): compared with the source's next snapshot instead
    const next = previous ? null : others.filter((o) => compareObservations(o, obs) > 0).sort(compareObservations)[0] ?? null;
    const neighbour = previous ?? next;
    outcomes.push(neighbour ? (neighbour.hash === hash ? 'unchanged' : 'changed')
      : state.observations.some((o) => o.line !== line) ? 'newSource' : 'new');
    contents.set(hash, reg);
    if (here) Object.assign(here, obs); else state.observations.push(obs);
    written.set(`${reg.id}\u0000${line}`, here ?? obs);
    // the common case — the source's newest snapshot, same content as its previous one — extends a run: nothing to derive
    const extendsRun = !here && previous !== null && previous.hash === hash && !others.some((o) => compareObservations(o, obs) > 0);
    if (!extendsRun) dirty.add(reg.id);
  }
  plan.observations = [...written.values()];
  for (const id of dirty) derive(id, states.get(id)!, contents, plan);
  return { outcomes, plan };
}

/** Recompute one registration's versions and current view from its observations; record what differs in `plan`. */
function derive(id: string, state: IdState, incoming: Map<string, Registration>, plan: Plan): void {
  const contentOf = (hash: string): Registration => {
    const fresh = incoming.get(hash);
    if (fresh && fresh.id === id) return fresh;
    const stored = state.versions.find((v) => v.hash === hash);
    if (!stored) throw new Error(`store: no content for ${id} (${hash.slice(0, 12)}) — observations and versions disagree`);
    return JSON.parse(stored.json) as Registration;
  };
  // each line's runs of equal content, in snapshot order
  const ordered = [...state.observations].sort(compareObservations);
  const lastOfLine = new Map<string, string>();
  const starts: ObservationRow[] = [];
  for (const o of ordered) {
    if (lastOfLine.get(o.line) === o.hash) continue;
    lastOfLine.set(o.line, o.hash);
    starts.push(o);
  }
  const versions: VersionRecord[] = starts.map((o, i) => {
    // a version stored before (same source, content and snapshot: the same record) is not rebuilt
    const stored = state.versions.find((v) => v.snapshotId === o.snapshotId && v.line === o.line && v.hash === o.hash);
    if (stored) return { ...stored, version: i + 1 };
    const record = { ...contentOf(o.hash) } as Registration;
    record.source = JSON.parse(o.source) as Registration['source'];
    return { id, version: i + 1, line: o.line, hash: o.hash, json: JSON.stringify(record), snapshotId: o.snapshotId };
  });
  let changed = false;
  for (const v of versions) {
    const old = state.versions.find((x) => x.version === v.version);
    if (old && old.line === v.line && old.hash === v.hash && old.json === v.json && old.snapshotId === v.snapshotId) continue;
    plan.versions.push(v);
    changed = true;
  }
  if (state.versions.some((v) => v.version > versions.length)) {
    plan.dropVersions.push({ id, from: versions.length + 1 });
    changed = true;
  }
  state.versions = versions;

  const current = currentOf(id, versions, state.current);
  const old = state.current;
  if (!old || old.json !== current.json || old.version !== current.version || old.snapshotId !== current.snapshotId || old.registry !== current.registry) {
    plan.current.push(current);
    state.current = current;
    changed = true;
  }
  if (changed) plan.pending.push(id);
}

/**
 * What is wrong with a registration's stored state: its versions and current view re-derived from its observations
 * must be exactly what is stored (the integrity check after a crash).
 */
export function checkState(id: string, state: IdState): string[] {
  const out: string[] = [];
  if (state.observations.length === 0) out.push(`${id}: stored without any observation`);
  for (const v of state.versions) {
    if (contentHash(JSON.parse(v.json) as Registration) !== v.hash) out.push(`${id}: version ${v.version}'s content does not match its hash`);
  }
  const copy: IdState = { observations: state.observations, versions: state.versions, current: state.current };
  const plan: Plan = { observations: [], versions: [], dropVersions: [], current: [], pending: [] };
  try {
    derive(id, copy, new Map(), plan);
  } catch (e) {
    return [...out, `${id}: ${(e as Error).message}`];
  }
  for (const v of plan.versions) out.push(`${id}: version ${v.version} is not what its observations give`);
  for (const d of plan.dropVersions) out.push(`${id}: versions from ${d.from} on have no observations`);
  if (plan.current.length) out.push(`${id}: the current view is not the merge of its sources' newest versions`);
  return out;
}

/** Each line's newest version, the lead first (a registry's own source before a republished copy; then the newest). */
export function newestPerLine<V extends { line: string; version: number }>(versions: V[]): V[] {
  const newest = new Map<string, V>();
  for (const v of versions) {
    const had = newest.get(v.line);
    if (!had || v.version > had.version) newest.set(v.line, v);
  }
  return [...newest.values()].sort((a, b) =>
    Number(republishes(a.line)) - Number(republishes(b.line)) || b.version - a.version);
}

/** The current view of a registration from its versions (all lines). */
export function currentOf(id: string, versions: VersionRecord[], before: CurrentRecord | null = null): CurrentRecord {
  const lines = newestPerLine(versions);
  const lead = lines[0]!;
  const top = versions.length;
  if (lines.length === 1) {
    const registry = before?.json === lead.json ? before.registry : (JSON.parse(lead.json) as Registration).registry;
    return { id, registry, version: top, hash: lead.hash, json: lead.json, snapshotId: lead.snapshotId };
  }
  const copies = lines.map((v) => ({ v, reg: JSON.parse(v.json) as Registration }));
  const merged = mergeCopies(copies.map(({ v, reg }) => ({ line: v.line, version: v.version, reg })));
  return { id, registry: merged.registry, version: top, hash: contentHash(merged), json: JSON.stringify(merged), snapshotId: lead.snapshotId };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Fields that describe one source's reading and are never filled from another source. */
const OWN_FIELDS = new Set(['source', 'warnings', 'provenance']);

/**
 * The lead copy (first) with each empty leaf (null, "", []) filled from the first other copy that has a value;
 * objects are walked, lists taken whole. `provenance` lists the copies and which source filled which field.
 */
export function mergeCopies(copies: { line: string; version: number; reg: Registration }[]): Registration {
  const [lead, ...others] = copies;
  const fields: Record<string, string> = {};
  const fill = (into: Record<string, unknown>, from: { line: string; value: Record<string, unknown> }[], path: string): void => {
    const keys = new Set(Object.keys(into));
    for (const f of from) for (const k of Object.keys(f.value)) keys.add(k);
    for (const k of keys) {
      if (path === '' && OWN_FIELDS.has(k)) continue;
      const p = path ? `${path}.${k}` : k;
      const mine = into[k];
      if (isPlainObject(mine)) {
        const copy = { ...mine };
        fill(copy, from.filter((f) => isPlainObject(f.value[k])).map((f) => ({ line: f.line, value: f.value[k] as Record<string, unknown> })), p);
        into[k] = copy;
        continue;
      }
      if (!isEmpty(mine)) continue;
      const donor = from.find((f) => !isEmpty(f.value[k]));
      if (!donor) continue;
      into[k] = structuredClone(donor.value[k]);
      // a whole object taken from another source: every leaf of it is that source's
      fields[p] = donor.line;
    }
  };
  const merged = structuredClone(lead!.reg) as unknown as Record<string, unknown>;
  fill(merged, others.map((c) => ({ line: c.line, value: c.reg as unknown as Record<string, unknown> })), '');
  registrationDateAndProspective(merged as unknown as Registration, copies, fields);
  const sources: SourceCopy[] = copies.map((c) => ({
    source: sourceLabel(c.line), line: c.line, format: c.reg.source?.format ?? c.line,
    file: fileLabel(c.reg.source?.file), exportedAt: c.reg.source?.exportedAt ?? null, version: c.version,
  }));
  const provenance: SourceProvenance = { sources, fields };
  merged.provenance = provenance;
  return merged as unknown as Registration;
}

/** A date's sort key: a month-only date after the full dates of its month (`2020-07` → `2020-07-99`). */
const dateKey = (d: string): string => (d.length >= 10 ? d.slice(0, 10) : `${d.slice(0, 7)}-99`);

/**
 * The merged registration date is the earliest any source gives, and `prospective` is decided again from the merged
 * dates. Sources mean different events by it: ClinicalTrials.gov's download has only "First Posted" (after its
 * review), while the ICTRP copy of the same trial gives the date the registry received it, days or weeks earlier.
 * Filling leaf by leaf would otherwise put one source's `prospective` next to another source's dates that say the
 * opposite (a start taken from one copy, a registration date and its verdict from another).
 */
function registrationDateAndProspective(merged: Registration, copies: { line: string; reg: Registration }[], fields: Record<string, string>): void {
  const dated = copies.flatMap((c) => (typeof c.reg.dates?.registration === 'string' && c.reg.dates.registration ? [{ line: c.line, d: c.reg.dates.registration }] : []));
  const first = dated.sort((a, b) => (dateKey(a.d) < dateKey(b.d) ? -1 : dateKey(a.d) > dateKey(b.d) ? 1 : 0))[0];
  if (first && merged.dates && first.d !== merged.dates.registration) {
    merged.dates.registration = first.d;
    fields['dates.registration'] = first.line;
  }
  const verdict = isProspective(merged.dates?.registration ?? null, merged.dates?.start ?? null);
  if (verdict === null) return;
  const fromCopies = fields['dates.registration'] ?? copies[0]!.line;
  const startFrom = fields['dates.start'] ?? copies[0]!.line;
  if (verdict !== merged.prospective || fromCopies !== copies[0]!.line || startFrom !== copies[0]!.line) {
    merged.prospective = verdict;
    fields.prospective = fromCopies === startFrom ? fromCopies : `${fromCopies}+${startFrom}`;
    merged.extracted = [...(merged.extracted ?? []).filter((e) => e.path !== 'prospective'),
      { path: 'prospective', from: 'dates', text: `registered ${merged.dates.registration} (${fromCopies}), started ${merged.dates.start} (${startFrom})` }];
  }
}

/** Whether two values are the same content (canonical JSON). */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
