/**
 * The `export` command's dispatch: what (registrations | studies | characteristics | changes) × format
 * (ndjson | json | csv | xlsx | ris | fhir), optionally limited to a search query. Everything streams.
 */
import type { Writable } from 'node:stream';
import type { Registration } from '../model/registration.js';
import type { Study } from '../model/study.js';
import type { Store } from '../store/types.js';
import { matchingRegistrationIds } from '../search/index.js';
import { CHARACTERISTICS_COLUMNS, characteristicsRow } from '../extract/characteristics.js';
import { mergedRegistration } from '../link/study.js';
import { fhirFullUrl, toResearchStudy } from '../api/fhir.js';
import { CHANGE_COLUMNS, changeRow, REGISTRATION_COLUMNS, registrationRow, STUDY_COLUMNS, studyRow, type Row } from './columns.js';
import { writeCsv, writeJsonArray, writeNdjson } from './text-formats.js';
import { writeXlsx } from './xlsx.js';
import { risRecord } from './ris.js';
import { write } from './sink.js';

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

/** The characteristics table with a row per study: which registrations it merges, and where they disagree. */
export const STUDY_CHARACTERISTICS_COLUMNS = ['study_id', 'registration_ids', ...CHARACTERISTICS_COLUMNS, 'discrepancies'] as const;

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

async function* studies(store: Store, query: string | null | undefined): AsyncIterable<Study> {
  const seen = new Set<string>();
  for await (const r of registrations(store, query)) {
    if (seen.has(r.id)) continue;
    const s = (await store.studyOf(r.id)) ?? loneStudy(r);
    for (const id of s.registrationIds) seen.add(id);
    seen.add(r.id);
    yield s;
  }
}

/** One characteristics row per study, from its registrations merged (`mergedRegistration`). */
async function* studyCharacteristics(store: Store, query: string | null | undefined): AsyncIterable<Row> {
  for await (const s of studies(store, query)) {
    const regs: Registration[] = [];
    for await (const r of store.latest(s.registrationIds)) regs.push(r);
    if (regs.length === 0) continue;
    yield {
      study_id: s.studyId,
      registration_ids: s.registrationIds.join('; '),
      ...characteristicsRow(mergedRegistration(regs, s.registrationIds)),
      discrepancies: s.discrepancies.map((d) => `${d.field}: ${d.values.map((v) => `${v.registrationId} ${JSON.stringify(v.value)}`).join(' / ')}`).join('\n') || null,
    };
  }
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

async function writeRis(regs: AsyncIterable<Registration>, out: Writable): Promise<number> {
  let n = 0;
  for await (const r of regs) { await write(out, risRecord(r) + '\r\n'); n++; }
  return n;
}

/** Each study's primary registration, with the study's other registrations (for RIS and FHIR of studies). */
async function* studyLeads(store: Store, query: string | null | undefined): AsyncIterable<{ reg: Registration; linked: { id: string; registry: string }[] }> {
  for await (const s of studies(store, query)) {
    const lead = await store.getRegistration(s.primaryId);
    if (!lead) continue;
    const linked: { id: string; registry: string }[] = [];
    for await (const r of store.latest(s.registrationIds.filter((id) => id !== s.primaryId))) linked.push({ id: r.id, registry: r.registry });
    yield { reg: lead.registration, linked };
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
      const regs = registrations(store, query);
      if (format === 'ndjson') return writeNdjson(regs, out);
      if (format === 'json') return writeJsonArray(regs, out);
      if (format === 'csv' || format === 'xlsx') return tabular(REGISTRATION_COLUMNS.map((c) => c.name), mapAsync(regs, registrationRow), 'registrations');
      if (format === 'ris') return writeRis(regs, out);
      return writeFhir(mapAsync(regs, (reg) => ({ reg })), out, opts.fhirBase);
    }
    case 'studies': {
      const all = studies(store, query);
      if (format === 'ndjson') return writeNdjson(all, out);
      if (format === 'json') return writeJsonArray(all, out);
      if (format === 'csv' || format === 'xlsx') return tabular(STUDY_COLUMNS, mapAsync(all, studyRow), 'studies');
      if (format === 'ris') return writeRis(mapAsync(studyLeads(store, query), (x) => x.reg), out);
      return writeFhir(studyLeads(store, query), out, opts.fhirBase);
    }
    case 'characteristics': {
      const perStudy = opts.per === 'study';
      const rows = perStudy ? studyCharacteristics(store, query) : mapAsync(registrations(store, query), characteristicsRow);
      if (format === 'ndjson') return writeNdjson(rows, out);
      if (format === 'json') return writeJsonArray(rows, out);
      if (format === 'csv' || format === 'xlsx') return tabular(perStudy ? STUDY_CHARACTERISTICS_COLUMNS : CHARACTERISTICS_COLUMNS, rows, 'characteristics');
      throw unsupported();
    }
    case 'changes': {
      const all = changes(store, query);
      if (format === 'ndjson') return writeNdjson(all, out);
      if (format === 'json') return writeJsonArray(all, out);
      if (format === 'csv' || format === 'xlsx') return tabular(CHANGE_COLUMNS, mapAsync(all, changeRow), 'changes');
      throw unsupported();
    }
  }
}
