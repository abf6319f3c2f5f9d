/**
 * The `export` command's dispatch: what (registrations | studies | characteristics | changes) × format
 * (ndjson | json | csv | xlsx | ris | fhir), optionally limited to a search query. Everything streams.
 */
import type { Writable } from 'node:stream';
import type { Registration } from '../model/registration.js';
import type { Study } from '../model/study.js';
import type { Store } from '../store/types.js';
import { matchingRegistrationIds } from '../search/index.js';
import { characteristicsRow } from '../extract/characteristics.js';
import { compareForPrimary, findDiscrepancies, mergeCharacteristics } from '../link/study.js';
import { fhirFullUrl, toResearchStudy } from '../api/fhir.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { CHANGE_COLUMNS, changeRow, REGISTRATION_COLUMNS, registrationRow, STUDY_COLUMNS, studyRow, type Row } from './columns.js';
import { writeCsv, writeJsonArray, writeNdjson } from './text-formats.js';
import { writeXlsx } from './xlsx.js';
import { risRecord } from './ris.js';
import { write } from './sink.js';
import { REGISTRATION_CHARACTERISTICS_COLUMNS, STUDY_CHARACTERISTICS_COLUMNS, studyCharacteristicsRow } from './study-row.js';

export { STUDY_CHARACTERISTICS_COLUMNS } from './study-row.js';

export const EXPORT_WHATS = ['registrations', 'studies', 'characteristics', 'changes'] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];
export const EXPORT_FORMATS = ['ndjson', 'json', 'csv', 'xlsx', 'ris', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  what: ExportWhat;
  format: ExportFormat;
  /** a query in the search language; only matching studies' registrations are exported */
  query?: string | null;
  /** characteristics: a row per registration (default) or per study (linked registrations merged) */
  per?: 'registration' | 'study';
  /** FHIR: the server's FHIR base URL (entries get their URLs there); without one, urn:uuid fullUrls */
  fhirBase?: string | null;
}

/** A usage error: the combination asked for does not exist. */
export class ExportUsageError extends Error {}

/** Throws ExportUsageError unless `format` exists for `what` (RIS and FHIR describe trials, not rows of a table). */
export function checkExport(what: ExportWhat, format: ExportFormat): void {
  if ((what === 'characteristics' || what === 'changes') && (format === 'ris' || format === 'fhir')) {
    throw new ExportUsageError(`export: --format ${format} is not available for --what ${what} (use ndjson, json, csv or xlsx)`);
  }
}

async function* mapAsync<T, U>(items: AsyncIterable<T>, f: (t: T) => U): AsyncIterable<U> {
  for await (const t of items) yield f(t);
}

/** Latest registrations, all or those of the studies a query matches. */
async function* registrations(store: Store, query: string | null | undefined): AsyncIterable<Registration> {
  if (!query) { yield* store.latest(); return; }
  const seen = new Set<string>();
  for await (const ids of matchingRegistrationIds(store, query)) {
    const fresh = ids.filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    if (fresh.length) yield* store.latest(fresh);
  }
}

/** A registration no linker has placed yet is a study of its own (SPEC: every registration is in one study). */
function loneStudy(r: Registration): Study {
  return { studyId: r.id, registrationIds: [r.id], primaryId: r.id, publications: r.references, characteristics: {}, discrepancies: [], links: [] };
}

type Membership = Pick<Study, 'studyId' | 'registrationIds'>;

/** The registry a trial number belongs to, read from the number itself. */
const registryOfId = (id: string): string => normaliseTrialId(id)?.registry ?? 'other';

/** Each item (a registration, a change) with the study its registration is linked into (looked up once per study). */
async function* withStudyOf<T>(store: Store, items: AsyncIterable<T>, idOf: (t: T) => string): AsyncIterable<{ item: T; study: Membership }> {
  const known = new Map<string, Membership>();
  for await (const item of items) {
    const id = idOf(item);
    let study = known.get(id);
    if (!study) {
      const s = await store.studyOf(id);
      study = s ? { studyId: s.studyId, registrationIds: s.registrationIds } : { studyId: id, registrationIds: [id] };
      for (const rid of study.registrationIds) known.set(rid, study);
      known.set(id, study);
    }
    yield { item, study };
  }
}

/** Each registration with the study it is linked into. */
const withStudies = (store: Store, regs: AsyncIterable<Registration>): AsyncIterable<{ reg: Registration; study: Membership }> =>
  mapAsync(withStudyOf(store, regs, (r) => r.id), ({ item, study }) => ({ reg: item, study }));

/** A registration as JSON with its study id next to its own id. */
function registrationWithStudy({ reg, study }: { reg: Registration; study: Membership }): Registration & { studyId: string } {
  const { id, ...rest } = reg;
  return { id, studyId: study.studyId, ...rest };
}

/** The latest versions of a study's registrations, in leading order (the primary first). */
async function studyRegistrations(store: Store, s: Study): Promise<Registration[]> {
  const regs: Registration[] = [];
  for await (const r of store.latest(s.registrationIds)) regs.push(r);
  // the study's primary leads (a master protocol's international registration, not a national arm), then the rest
  return regs.sort((a, b) => Number(b.id === s.primaryId) - Number(a.id === s.primaryId) || compareForPrimary(a, b));
}

/**
 * Every study once. Its merged characteristics and discrepancies are computed from its registrations as they are
 * now, so each value names the registration it came from and equals what that registration says (a stored study
 * may predate a registration's newest version; a registration no linker placed has none stored).
 */
async function* studies(store: Store, query: string | null | undefined): AsyncIterable<Study> {
  for await (const x of studiesWithRegistrations(store, query)) yield x.s;
}

async function* studiesWithRegistrations(store: Store, query: string | null | undefined): AsyncIterable<{ s: Study; regs: Registration[] }> {
  const seen = new Set<string>();
  for await (const r of registrations(store, query)) {
    if (seen.has(r.id)) continue;
    const stored = (await store.studyOf(r.id)) ?? loneStudy(r);
    for (const id of stored.registrationIds) seen.add(id);
    seen.add(r.id);
    const regs = await studyRegistrations(store, stored);
    if (regs.length === 0) continue;
    yield { s: { ...stored, characteristics: mergeCharacteristics(regs), discrepancies: findDiscrepancies(regs) }, regs };
  }
}

/** One characteristics row per study: each value with the registration it came from (`<column>_from`). */
async function* studyCharacteristics(store: Store, query: string | null | undefined): AsyncIterable<Row> {
  for await (const { s, regs } of studiesWithRegistrations(store, query)) yield studyCharacteristicsRow(s, regs);
}

async function* changes(store: Store, query: string | null | undefined) {
  if (!query) { yield* store.changes(); return; }
  for await (const ids of matchingRegistrationIds(store, query)) yield* store.changes(ids);
}

/** A FHIR R4 Bundle (type collection) of ResearchStudy resources (mapper: src/api/fhir.ts), written entry by entry. */
async function writeFhir(items: AsyncIterable<{ reg: Registration; linked?: { id: string; registry: string }[] }>, out: Writable, base?: string | null): Promise<number> {
  await write(out, `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(new Date().toISOString())},"entry":[`);
  let n = 0;
  for await (const { reg, linked } of items) {
    const resource = toResearchStudy(reg, linked ? { linked } : {});
    await write(out, (n ? ',\n' : '\n') + JSON.stringify({ fullUrl: fhirFullUrl(resource.id ?? reg.id, base), resource }));
    n++;
  }
  await write(out, '\n]}\n');
  return n;
}

async function writeRis(items: AsyncIterable<{ reg: Registration; study: Membership }>, out: Writable): Promise<number> {
  let n = 0;
  for await (const { reg, study } of items) { await write(out, risRecord(reg, { studyId: study.studyId, linkedIds: study.registrationIds }) + '\r\n'); n++; }
  return n;
}

/** Each study's primary registration, with the study's other registrations (for RIS and FHIR of studies). */
async function* studyLeads(store: Store, query: string | null | undefined): AsyncIterable<{ reg: Registration; study: Membership; linked: { id: string; registry: string }[] }> {
  for await (const { s, regs } of studiesWithRegistrations(store, query)) {
    const lead = regs.find((r) => r.id === s.primaryId) ?? regs[0]!;
    yield { reg: lead, study: s, linked: regs.filter((r) => r !== lead).map((r) => ({ id: r.id, registry: r.registry })) };
  }
}

/** Write the export; returns the number of items written. */
export async function exportData(store: Store, opts: ExportOptions, out: Writable): Promise<number> {
  const { what, format, query } = opts;
  checkExport(what, format);
  const unsupported = () => new ExportUsageError(`export: --format ${format} is not available for --what ${what}`);
  const tabular = async (columns: readonly string[], rows: AsyncIterable<Row>, sheet: string) =>
    format === 'csv' ? writeCsv(columns, rows, out) : writeXlsx(columns, rows, out, sheet);

  switch (what) {
    case 'registrations': {
      // every row names its study: registrations with one study id are one trial
      const regs = withStudies(store, registrations(store, query));
      if (format === 'ndjson') return writeNdjson(mapAsync(regs, registrationWithStudy), out);
      if (format === 'json') return writeJsonArray(mapAsync(regs, registrationWithStudy), out);
      if (format === 'csv' || format === 'xlsx') return tabular(REGISTRATION_COLUMNS.map((c) => c.name), mapAsync(regs, (x) => registrationRow(x.reg, x.study.studyId)), 'registrations');
      if (format === 'ris') return writeRis(regs, out);
      // FHIR: the study's other registrations become secondary identifiers of each ResearchStudy
      return writeFhir(mapAsync(regs, ({ reg, study }) => ({ reg, linked: study.registrationIds.filter((id) => id !== reg.id).map((id) => ({ id, registry: registryOfId(id) })) })), out, opts.fhirBase);
    }
    case 'studies': {
      const all = studies(store, query);
      if (format === 'ndjson') return writeNdjson(all, out);
      if (format === 'json') return writeJsonArray(all, out);
      if (format === 'csv' || format === 'xlsx') return tabular(STUDY_COLUMNS, mapAsync(all, studyRow), 'studies');
      if (format === 'ris') return writeRis(studyLeads(store, query), out);
      return writeFhir(studyLeads(store, query), out, opts.fhirBase);
    }
    case 'characteristics': {
      const perStudy = opts.per === 'study';
      const rows = perStudy ? studyCharacteristics(store, query)
        : mapAsync(withStudies(store, registrations(store, query)), ({ reg, study }): Row => { const { id, ...rest } = characteristicsRow(reg); return { id, study_id: study.studyId, ...rest }; });
      if (format === 'ndjson') return writeNdjson(rows, out);
      if (format === 'json') return writeJsonArray(rows, out);
      if (format === 'csv' || format === 'xlsx') return tabular(perStudy ? STUDY_CHARACTERISTICS_COLUMNS : REGISTRATION_CHARACTERISTICS_COLUMNS, rows, 'characteristics');
      throw unsupported();
    }
    case 'changes': {
      // each change names the study its registration is linked into
      const all = withStudyOf(store, changes(store, query), (c) => c.registrationId);
      const json = mapAsync(all, ({ item: { registrationId, ...rest }, study }) => ({ registrationId, studyId: study.studyId, ...rest }));
      if (format === 'ndjson') return writeNdjson(json, out);
      if (format === 'json') return writeJsonArray(json, out);
      if (format === 'csv' || format === 'xlsx') return tabular(CHANGE_COLUMNS, mapAsync(all, ({ item, study }) => changeRow(item, study.studyId)), 'changes');
      throw unsupported();
    }
  }
}
