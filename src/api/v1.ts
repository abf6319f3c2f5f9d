/**
 * REST API /api/v1: studies (search, one, similar), registrations (any version), stats, export of a result set,
 * and the one write, POST /api/v1/ingest (Bearer TRIALATLAS_ADMIN_TOKEN). Thin: the stages do the work.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';
import { search, stats, studyRegistrations, type StudyHit } from '../search/index.js';
import { STATS_BY, FACETS, type Facet, type StatsBy } from '../search/types.js';
import { similarStudies } from '../search/similar.js';
import { EXPORT_FORMATS, EXPORT_WHATS, checkExport, exportData, type ExportFormat, type ExportWhat } from '../export/index.js';
import { HttpError } from './errors.js';
import { checkKnown, one, searchOptions, toQueryString, values, type RawParams } from './params.js';
import { openApi } from './openapi.js';
import { csvRecords, spreadsheetText } from '../export/text-formats.js';
import { storedId } from './resolve.js';
import { registerIngest, type IngestLimits } from './ingest-route.js';

export { requireAdmin } from './ingest-route.js';

/** One study of a result page, as the API returns it. */
export function apiStudy(h: StudyHit) {
  return {
    studyId: h.studyId, primaryId: h.lead.id, registrationIds: h.registrationIds, matchedIds: h.matchedIds, score: h.score,
    ...h.lead, id: undefined,
  };
}

const CSV_COLUMNS = ['studyId', 'primaryId', 'registrationIds', 'registry', 'title', 'acronym', 'status', 'phase', 'studyType',
  'conditions', 'interventions', 'countries', 'sponsor', 'registrationDate', 'lastUpdate', 'enrollment', 'url'] as const;

/** Spreadsheet programs run cells starting with = + - @ as formulas: such text gets a leading quote (numbers stay numbers). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return spreadsheetText(Array.isArray(v) ? v.join('; ') : String(v));
}

export function studiesCsv(hits: StudyHit[], columns: readonly string[] = CSV_COLUMNS): string {
  const rows = hits.map((h) => {
    const s = apiStudy(h) as Record<string, unknown>;
    return columns.map((c) => csvCell(s[c]));
  });
  return csvRecords([[...columns], ...rows]);
}

/** Fields a study of a result page has, for `fields=`; ClinicalTrials.gov v2 piece names map onto them. */
const STUDY_FIELDS = [...CSV_COLUMNS, 'matchedIds', 'score'] as const;
const CTGOV_FIELDS: Record<string, (typeof STUDY_FIELDS)[number]> = {
  nctid: 'primaryId', brieftitle: 'title', officialtitle: 'title', acronym: 'acronym', overallstatus: 'status', phase: 'phase',
  studytype: 'studyType', condition: 'conditions', interventionname: 'interventions', locationcountry: 'countries',
  leadsponsorname: 'sponsor', studyfirstpostdate: 'registrationDate', lastupdatepostdate: 'lastUpdate', enrollmentcount: 'enrollment',
};

/** `fields=a,b` → the fields to return (null: all); unknown names are a usage error. */
export function studyFields(names: string[]): string[] | null {
  if (!names.length) return null;
  return [...new Set(names.map((n) => {
    const hit = (STUDY_FIELDS as readonly string[]).find((f) => f === n) ?? CTGOV_FIELDS[n.toLowerCase()];
    if (!hit) throw new HttpError(400, `fields: "${n}" is not one of ${STUDY_FIELDS.join(', ')} (or ClinicalTrials.gov names: NCTId, BriefTitle, OverallStatus, Phase, StudyType, Condition, InterventionName, LocationCountry, LeadSponsorName, StudyFirstPostDate, LastUpdatePostDate, EnrollmentCount)`);
    return hit;
  }))];
}

function pick(o: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  return fields ? Object.fromEntries(fields.map((f) => [f, o[f] ?? null])) : o;
}

const EXPORT_TYPES: Record<ExportFormat, [string, string]> = {
  csv: ['text/csv; charset=utf-8', 'csv'], xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ris: ['application/x-research-info-systems; charset=utf-8', 'ris'], json: ['application/json; charset=utf-8', 'json'],
  ndjson: ['application/x-ndjson; charset=utf-8', 'ndjson'], fhir: ['application/fhir+json; charset=utf-8', 'fhir.json'],
};

export function registerV1(app: FastifyInstance, store: Store, adminToken: string | null | undefined, ingestLimits?: IngestLimits): void {
  app.get('/api/v1/openapi.json', async () => openApi());

  app.get('/api/v1/studies', async (req, reply) => {
    const p = req.query as RawParams;
    checkKnown(p);
    const format = one(p, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new HttpError(400, `format: "${format}" is not json or csv (other formats: /api/v1/export)`);
    const { query, opts } = searchOptions(p);
    const facetNames = values(p, 'facets');
    const facets = facetNames.includes('true') ? true : facetNames.length ? facetNames.map((f) => {
      if (!(FACETS as readonly string[]).includes(f)) throw new HttpError(400, `facets: "${f}" is not one of ${FACETS.join(', ')}`);
      return f as Facet;
    }) : false;
    const res = await search(store, query, { ...opts, facets });
    if (res.nextPageToken) reply.header('x-next-page-token', res.nextPageToken);
    reply.header('x-total-count', String(res.total));
    const fields = studyFields(values(p, 'fields'));
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(studiesCsv(res.hits, fields ?? CSV_COLUMNS));
    return {
      studies: res.hits.map((h) => pick(apiStudy(h), fields)),
      ...(res.nextPageToken ? { nextPageToken: res.nextPageToken } : {}),
      totalCount: res.total,
      ...(res.expansions ? { expansions: res.expansions } : {}),
      ...(res.facets ? { facets: res.facets } : {}),
    };
  });

  const study = async (req: FastifyRequest, given: string) => {
    const p = req.query as RawParams;
    checkKnown(p, new Set(['format']));
    const format = one(p, 'format');
    if (format !== null && format !== 'json') throw new HttpError(400, `format: "${format}" is not json (FHIR: /fhir/ResearchStudy/{id}; files: /api/v1/export)`);
    const id = await storedId(store, given, true);
    const found = id ? await studyRegistrations(store, id) : null;
    if (!found) throw new HttpError(404, `no registration with id "${given}"`);
    const s = await store.studyOf(found.primaryId);
    return {
      studyId: found.studyId, primaryId: found.primaryId, registrationIds: found.registrations.map((r) => r.id),
      links: s?.links ?? [], discrepancies: s?.discrepancies ?? [], publications: s?.publications ?? [],
      characteristics: s?.characteristics ?? {}, registrations: found.registrations,
    };
  };

  const similar = async (req: FastifyRequest, given: string) => {
    const p = req.query as RawParams;
    checkKnown(p, new Set(['limit']));
    const limit = Number(one(p, 'limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HttpError(400, 'limit: must be a whole number from 1 to 100');
    const id = await storedId(store, given, true);
    const found = id ? await similarStudies(store, id, limit) : null;
    if (!found) throw new HttpError(404, `no registration with id "${given}"`);
    return { id, similar: found };
  };

  const registration = async (req: FastifyRequest, reply: FastifyReply, given: string) => {
    const p = req.query as RawParams;
    checkKnown(p, new Set(['version']));
    const vs = one(p, 'version');
    if (vs !== null && !/^[1-9]\d{0,6}$/.test(vs)) throw new HttpError(400, `version: "${vs}" is not a version number (1, 2, …)`);
    const id = await storedId(store, given);
    const v = id ? await store.getRegistration(id, vs === null ? undefined : Number(vs)) : null;
    if (!v) {
      const exists = id && vs !== null && (await store.getRegistration(id));
      throw new HttpError(404, exists ? `registration "${id}" has no version ${vs} (latest is ${exists.version})` : `no registration with id "${given}"`);
    }
    reply.header('x-version', String(v.version));
    return v.registration;
  };

  const versions = async (req: FastifyRequest, given: string) => {
    checkKnown(req.query as RawParams, new Set());
    const id = await storedId(store, given);
    const vs = id ? await store.versions(id) : [];
    if (vs.length === 0) throw new HttpError(404, `no registration with id "${given}"`);
    return { id, versions: vs.map((v) => ({ version: v.version, hash: v.hash, snapshot: v.snapshot })) };
  };

  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  app.get('/api/v1/studies/:id', async (req) => study(req, idOf(req)));
  app.get('/api/v1/studies/:id/similar', async (req) => similar(req, idOf(req)));
  app.get('/api/v1/registrations/:id', async (req, reply) => registration(req, reply, idOf(req)));
  app.get('/api/v1/registrations/:id/versions', async (req) => versions(req, idOf(req)));
  // ids with an unencoded `/` (CTRI/2020/04/024773, SLCTR/2020/011) arrive as several path segments
  app.get('/api/v1/studies/*', async (req) => {
    const rest = (req.params as { '*': string })['*'];
    return rest.endsWith('/similar') ? similar(req, rest.slice(0, -'/similar'.length)) : study(req, rest);
  });
  app.get('/api/v1/registrations/*', async (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    return rest.endsWith('/versions') ? versions(req, rest.slice(0, -'/versions'.length)) : registration(req, reply, rest);
  });

  app.get('/api/v1/stats', async (req) => {
    const p = req.query as RawParams;
    checkKnown(p);
    const by = one(p, 'by');
    if (!by || !(STATS_BY as readonly string[]).includes(by)) throw new HttpError(400, `by: must be one of ${STATS_BY.join(', ')}`);
    const { query, opts } = searchOptions(p);
    const counts = await stats(store, by as StatsBy, query, { cond: opts.cond, intr: opts.intr, titles: opts.titles, filters: opts.filters });
    return { by, unit: 'registrations', counts };
  });

  app.get('/api/v1/export', async (req, reply) => {
    const p = req.query as RawParams;
    checkKnown(p);
    const format = (one(p, 'format') ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new HttpError(400, `format: "${format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
    const what = (one(p, 'what') ?? 'registrations') as ExportWhat;
    if (!EXPORT_WHATS.includes(what)) throw new HttpError(400, `what: "${what}" is not one of ${EXPORT_WHATS.join(', ')}`);
    const per = one(p, 'per') ?? 'registration';
    if (per !== 'registration' && per !== 'study') throw new HttpError(400, 'per: must be registration or study');
    checkExport(what, format); // before the first byte: a stream cannot turn into an error response
    const query = toQueryString(p);
    if (query) await search(store, query, { pageSize: 1 }); // a bad query fails with 400 before streaming starts
    const [type, ext] = EXPORT_TYPES[format];
    const out = new PassThrough();
    reply.type(type).header('content-disposition', `attachment; filename="trialatlas-${what}${per === 'study' ? '-per-study' : ''}.${ext}"`);
    exportData(store, { what, format, query, per, fhirBase: `${req.protocol}://${req.host}/fhir` }, out).then(() => out.end(), (e: unknown) => { req.log.error(e); out.destroy(e as Error); });
    return reply.send(out);
  });

  registerIngest(app, store, adminToken, ingestLimits);
}
