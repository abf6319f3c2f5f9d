/** The OpenAPI 3.1 description served at /api/v1/openapi.json. */
import { FACETS, STATS_BY } from '../search/types.js';
import { EXPORT_FORMATS, EXPORT_WHATS } from '../export/index.js';
import { FILTER_PARAMS } from './params.js';
import { REGISTRATION_SCHEMA } from '../model/validate.js';
import { INGEST_LIMITS } from './ingest-route.js';

const str = (description: string, extra: Record<string, unknown> = {}) => ({ schema: { type: 'string', ...extra }, description });
const q = (name: string, description: string, extra: Record<string, unknown> = {}) => ({ name, in: 'query', ...str(description, extra) });
const idParam = { name: 'id', in: 'path', required: true, ...str('any registration id of the study (URL-encode `/`, e.g. CTRI%2F2020%2F04%2F024773)') };
const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

const FILTER_DOC: Record<string, string> = {
  'filter.overallStatus': 'recruitment statuses, comma-separated; ClinicalTrials.gov spellings (RECRUITING, NOT_YET_RECRUITING, ACTIVE_NOT_RECRUITING, COMPLETED…) or ours (recruiting…)',
  'filter.phase': 'phases: early_1, 1, 1_2, 2, 2_3, 3, 4, not_applicable (or PHASE2, EARLY_PHASE1…); `null` = unreported',
  'filter.registry': 'registries: ClinicalTrials.gov, ChiCTR, EUCTR, IRCT…',
  'filter.country': 'countries (English short names)',
  'filter.studyType': 'interventional, observational, expanded_access, other',
  'filter.allocation': 'randomized, non_randomized, not_applicable',
  'filter.masking': 'none, single, double, triple, quadruple, blinded',
  'filter.cellSource': 'cell source of a cell-therapy intervention (umbilical_cord, bone_marrow…)',
  'filter.cellType': 'cell type (msc, nk, t_cell, car_t, hsc, mononuclear, other)',
  'filter.year': 'year of registration: 2020, 2019-2021, >=2020',
  'filter.age': 'age in years of a person who could join (trials whose age limits admit it)',
  'filter.sex': 'female or male: trials a person of this sex could join',
};

const searchParams = [
  q('query.term', 'query language: words, "phrases", AND/OR/NOT, parentheses, field:value (cond:, intr:, title:, phase:, status:, registry:, country:, age:, sex:…)'),
  q('query.cond', 'conditions (same language; bare words search conditions)'),
  q('query.intr', 'interventions (same language; bare words search interventions)'),
  q('query.titles', 'titles and acronyms'),
  q('query.outc', 'outcome measures'),
  q('query.spons', 'sponsors and collaborators'),
  q('query.locn', 'countries of the sites'),
  q('query.id', 'registration ids (the trial\'s own and the secondary ids it lists)'),
  q('query.lead', 'lead sponsor (as query.spons)'),
  q('query.patient', 'words, as query.term'),
  q('filter.advanced', 'a further query ANDed with the rest; ClinicalTrials.gov Essie areas work (AREA[Phase]PHASE2)'),
  q('filter.ids', 'only these registration ids, comma- or pipe-separated'),
  q('expand', 'false: do not add synonyms (MSC, COVID-19…) to the terms; the response lists those added under `expansions`'),
  q('postFilter.ids', 'as filter.ids'),
  ...Object.keys(FILTER_PARAMS).map((k) => q(k, FILTER_DOC[k] ?? k)),
  ...Object.keys(FILTER_PARAMS).map((k) => q(k.replace(/^filter\./, 'postFilter.'), `as ${k} (ANDed with it when both are given)`)),
];

export function openApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'TrialAtlas API', version: '1',
      description: 'An open clinical-trial register. Parameter names follow the ClinicalTrials.gov API v2 where one exists. Errors are JSON `{error, status, reason}`. Reads allow CORS; writes need `Authorization: Bearer <TRIALATLAS_ADMIN_TOKEN>`.',
    },
    paths: {
      '/api/v1/studies': {
        get: {
          summary: 'Search studies (linked registrations), ranked', operationId: 'searchStudies',
          parameters: [
            ...searchParams,
            q('sort', 'relevance (default), date (newest registration first), updated; also @relevance, StudyFirstPostDate, LastUpdatePostDate'),
            { name: 'pageSize', in: 'query', description: 'studies per page; as at ClinicalTrials.gov, 0 means the default and more than 1000 is coerced down to 1000', schema: { type: 'integer', minimum: 0, default: 10 } },
            q('pageToken', 'nextPageToken of the previous page'),
            q('format', 'json (default) or csv', { enum: ['json', 'csv'] }),
            q('countTotal', 'accepted for compatibility; totalCount is always returned'),
            q('markupFormat', 'accepted for compatibility and ignored: TrialAtlas text has no markup'),
            q('facets', `true, or a comma list of ${FACETS.join(', ')}: counts of studies per value`),
            q('fields', 'only these fields of each study, comma-separated: studyId, primaryId, registrationIds, registry, title, acronym, status, phase, studyType, conditions, interventions, countries, sponsor, registrationDate, lastUpdate, enrollment, url, matchedIds, score (or ClinicalTrials.gov names NCTId, BriefTitle, OverallStatus, Phase…)'),
          ],
          responses: {
            200: { description: '`{studies, nextPageToken, totalCount, facets?}`; nextPageToken is absent on the last page (also in the x-next-page-token header)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/StudyPage' } }, 'text/csv': { schema: { type: 'string' } } } },
            400: error,
          },
        },
      },
      '/api/v1/studies/{id}': { get: { summary: 'One study: its registrations (canonical, primary first), links, discrepancies', parameters: [idParam, q('format', 'json (the only one; accepted for ClinicalTrials.gov clients)', { enum: ['json'] })], responses: { 200: { description: 'study' }, 404: error } } },
      '/api/v1/studies/{id}/similar': {
        get: { summary: 'Similar trials, each with the reasons it is similar', parameters: [idParam, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } }], responses: { 200: { description: '`{id, similar: [{studyId, id, title, score, reasons[]…}]}`' }, 404: error } },
      },
      '/api/v1/registrations/{id}': {
        get: { summary: 'A canonical registration, latest or ?version=N', parameters: [idParam, { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } }], responses: { 200: { description: 'canonical registration (SPEC.md); x-version header' }, 400: error, 404: error } },
      },
      '/api/v1/registrations/{id}/versions': { get: { summary: 'Versions of a registration with their snapshots', parameters: [idParam], responses: { 200: { description: 'versions' }, 404: error } } },
      '/api/v1/stats': {
        get: { summary: 'Counts of registrations by one dimension (optionally within a search)', parameters: [{ name: 'by', in: 'query', required: true, schema: { type: 'string', enum: STATS_BY } }, ...searchParams], responses: { 200: { description: '`{by, unit, counts: [{value, count}]}`' }, 400: error } },
      },
      '/api/v1/export': {
        get: { summary: 'Download a result set', parameters: [q('format', 'file format (csv by default; ris and fhir only for registrations and studies)', { enum: EXPORT_FORMATS }), q('what', 'registrations (default), studies, characteristics or changes', { enum: EXPORT_WHATS }), q('per', 'characteristics: a row per registration (default) or per study', { enum: ['registration', 'study'] }), ...searchParams], responses: { 200: { description: 'attachment' }, 400: error } },
      },
      '/api/v1/ingest': {
        post: {
          summary: 'Store canonical registrations (admin only)', security: [{ bearer: [] }],
          description: `Each record is checked against the Registration schema before anything is stored: a record that does not meet it is rejected with the field and the reason (the rest still go in); text longer than a field's maxLength is cut with a warning; implausible values are kept with a warning. The body is streamed: at most ${INGEST_LIMITS.maxBytes} bytes, ${INGEST_LIMITS.maxRecords} records and ${INGEST_LIMITS.maxRecordChars} characters per record per request (413 beyond, with what was stored so far).`,
          requestBody: {
            content: {
              'application/json': { schema: { oneOf: [{ type: 'array', items: { $ref: '#/components/schemas/Registration' } }, { type: 'object', properties: { registrations: { type: 'array', items: { $ref: '#/components/schemas/Registration' } } } }, { $ref: '#/components/schemas/Registration' }] } },
              'application/x-ndjson': { schema: { type: 'string', description: 'one Registration (JSON) per line' } },
            },
          },
          responses: { 200: { description: '`{new, changed, unchanged, rejected[{position, field, reason}], warnings[]}`' }, 400: error, 401: error, 403: error, 413: error, 503: error },
        },
      },
      '/fhir/metadata': { get: { summary: 'FHIR R4 CapabilityStatement', responses: { 200: { description: 'CapabilityStatement' } } } },
      '/fhir/ResearchStudy': {
        get: { summary: 'FHIR R4 search: Bundle of ResearchStudy', parameters: [q('_id', 'FHIR id or registration id'), q('identifier', 'registration id, optionally system|value'), q('title', 'words of the title'), q('_content', 'full text'), q('keyword', 'full text'), q('condition', 'condition'), q('focus', 'intervention'), q('status', 'FHIR ResearchStudy.status codes'), q('location', 'country'), q('sponsor', 'sponsor'), { name: '_count', in: 'query', description: 'entries per page (at most 1000 are returned); 0: the total only', schema: { type: 'integer', minimum: 0, default: 20 } }, q('_page', 'page token from the next link'), q('_summary', '"count": the total only', { enum: ['count', 'false'] }), q('_total', 'accepted; the total is always given'), q('_format', 'accepted; always JSON')], responses: { 200: { description: 'Bundle (searchset)' }, 400: { description: 'OperationOutcome' } } },
      },
      '/fhir/ResearchStudy/{id}': { get: { summary: 'FHIR R4 ResearchStudy', parameters: [{ ...idParam, description: 'FHIR id (CTRI-2020-04-024773) or any registration id of the study' }], responses: { 200: { description: 'ResearchStudy' }, 404: { description: 'OperationOutcome' } } } },
      '/api/v1/openapi.json': { get: { summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1 document' } } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Registration: REGISTRATION_SCHEMA,
        Error: { type: 'object', required: ['error', 'status', 'reason'], properties: { error: { type: 'string' }, status: { type: 'integer' }, reason: { type: 'string' } } },
        StudyPage: {
          type: 'object', required: ['studies', 'totalCount'],
          properties: {
            studies: { type: 'array', items: { type: 'object', properties: { studyId: { type: 'string' }, primaryId: { type: 'string' }, registrationIds: { type: 'array', items: { type: 'string' } }, title: { type: ['string', 'null'] }, registry: { type: 'string' }, status: { type: ['string', 'null'] }, phase: { type: ['string', 'null'] }, score: { type: 'number' } } } },
            nextPageToken: { type: 'string' }, totalCount: { type: 'integer' }, facets: { type: 'object' },
          },
        },
      },
    },
  };
}
