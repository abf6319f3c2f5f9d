/**
 * FHIR R4 face: /fhir/metadata, /fhir/ResearchStudy?… (searchset Bundle) and /fhir/ResearchStudy/{id}.
 * Search parameters map onto the query language; errors are OperationOutcome.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';
import { search, studyRegistrations } from '../search/index.js';
import { HttpError } from './errors.js';
import { FHIR_STATUS, PHASE_CODES, fhirId, idsFromFhirId, toBundle, toResearchStudy } from './fhir.js';
import type { CapabilityStatement, ResearchStudy } from './fhir-r4.js';
import { one, values as listValues, type RawParams } from './params.js';
import { storedId } from './resolve.js';
import { normaliseTrialId } from '../normalise/ids.js';

const FHIR_PARAMS = new Set(['_id', 'identifier', 'title', '_content', 'keyword', 'condition', 'focus', 'status', 'phase', 'location', 'sponsor', '_count', '_page', '_format', '_total', '_summary']);

/** FHIR lists are comma-separated; `|` is the system|value separator of a token. */
const values = (p: RawParams, name: string) => listValues(p, name, /,/);

const phrase = (v: string) => `"${v.replace(/"/g, ' ')}"`;

/** FHIR search parameters → one query-language string. */
export function fhirQuery(p: RawParams): string | null | typeof NOTHING {
  for (const k of Object.keys(p)) if (!FHIR_PARAMS.has(k)) throw new HttpError(400, `unsupported search parameter "${k}" (supported: ${[...FHIR_PARAMS].join(', ')})`);
  const parts: string[] = [];
  const ids = [...new Set([...values(p, '_id').flatMap(idsFromFhirId), ...values(p, 'identifier').map((v) => v.split('|').pop()!)]
    .flatMap((i) => [i, normaliseTrialId(i)?.id ?? i]))]; // EUCTR2020-001162-12-FR is EUCTR2020-001162-12
  if (ids.length) parts.push(`(${ids.map((i) => `id:${phrase(i)}`).join(' OR ')})`);
  const title = one(p, 'title');
  if (title) parts.push(`title:(${title})`);
  for (const k of ['_content', 'keyword']) { const v = one(p, k); if (v) parts.push(`(${v})`); }
  const cond = values(p, 'condition');
  if (cond.length) parts.push(`(${cond.map((c) => `cond:${phrase(c)}`).join(' OR ')})`);
  const focus = values(p, 'focus');
  if (focus.length) parts.push(`(${focus.map((c) => `intr:${phrase(c)}`).join(' OR ')})`);
  const loc = values(p, 'location');
  if (loc.length) parts.push(`(${loc.map((c) => `country:${phrase(c)}`).join(' OR ')})`);
  const sponsor = one(p, 'sponsor');
  if (sponsor) parts.push(`sponsor:(${sponsor})`);
  // phase (an R5 search parameter): research-study-phase codes; phase-2 finds Phase 1/2 and 2/3 too, as phase:2 does
  const phases = values(p, 'phase').map((v) => v.split('|').pop()!);
  if (phases.length) {
    const ours = phases.map((c) => {
      const hit = Object.entries(PHASE_CODES).find(([, [code]]) => code === c);
      if (!hit) throw new HttpError(400, `phase: "${c}" is not a research-study-phase code (${Object.values(PHASE_CODES).map(([code]) => code).join(', ')})`);
      return `phase:${hit[0]}`;
    });
    parts.push(`(${ours.join(' OR ')})`);
  }
  const statuses = values(p, 'status');
  if (statuses.length) {
    const unknown = statuses.filter((x) => !R4_STATUSES.has(x));
    if (unknown.length) throw new HttpError(400, `status: ${unknown.join(', ')} is not a FHIR R4 ResearchStudy.status code (${[...R4_STATUSES].join(', ')})`);
    const ours = Object.entries(FHIR_STATUS).filter(([, f]) => statuses.includes(f)).map(([s]) => `status:${s}`);
    if (!ours.length) return NOTHING; // valid codes TrialAtlas never assigns (disapproved…): an empty searchset
    parts.push(`(${ours.join(' OR ')})`);
  }
  return parts.length ? parts.join(' ') : null;
}

/** A search no study matches. */
const NOTHING = Symbol('nothing');

/** The R4 ResearchStudy.status value set (hl7.org/fhir/R4/valueset-research-study-status.html). */
const R4_STATUSES = new Set(['active', 'administratively-completed', 'approved', 'closed-to-accrual', 'closed-to-accrual-and-intervention',
  'completed', 'disapproved', 'in-review', 'temporarily-closed-to-accrual', 'temporarily-closed-to-accrual-and-intervention', 'withdrawn']);

/**
 * The server's CapabilityStatement (kind `instance`: this running server). R4 invariants it keeps: cpb-1 (a rest
 * element), cpb-2 (description, software or implementation: all three), cpb-9 (ResearchStudy once), cpb-12 (search
 * parameter names unique), cpb-14 (an instance has `implementation`, here with the server's own base URL).
 */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-22', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    name: 'TrialAtlasFhirServer', title: 'TrialAtlas FHIR R4 server',
    description: 'Read and search of clinical-trial registrations as FHIR R4 ResearchStudy resources.',
    software: { name: 'TrialAtlas' },
    implementation: { description: 'TrialAtlas FHIR R4 endpoint', url: baseUrl },
    rest: [{ mode: 'server', resource: [{ type: 'ResearchStudy', interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [...FHIR_PARAMS].filter((n) => !n.startsWith('_') || n === '_id' || n === '_content').map((name) => ({ name, type: name === 'title' || name === '_content' ? 'string' : name === 'sponsor' ? 'reference' : 'token' })) }] }],
  };
}

function base(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/fhir`;
}

export function registerFhir(app: FastifyInstance, store: Store): void {
  app.get('/fhir/metadata', async (req, reply) => reply.type('application/fhir+json').send(capabilityStatement(base(req))));

  app.get('/fhir/ResearchStudy', async (req, reply) => {
    const p = req.query as RawParams;
    const query = fhirQuery(p);
    const asked = Number(one(p, '_count') ?? 20);
    if (!Number.isInteger(asked) || asked < 0) throw new HttpError(400, '_count: must be a whole number (0 for the total only)');
    const count = Math.min(asked, 1000); // a server may return fewer than _count asks (FHIR search, paging)
    const summary = one(p, '_summary');
    if (summary !== null && summary !== 'count' && summary !== 'false') throw new HttpError(400, `_summary: only "count" (or "false") is supported, not "${summary}"`);
    // _count=0 or _summary=count: only the total (FHIR search, "Summary")
    const onlyTotal = count === 0 || summary === 'count';
    const res = query === NOTHING ? { hits: [], total: 0, nextPageToken: null }
      : await search(store, query, { pageSize: onlyTotal ? 1 : count, pageToken: one(p, '_page') });
    const resources: ResearchStudy[] = [];
    // _id asks for resources by their id: of a study, the registration with that FHIR id rather than the study's lead
    const wanted = new Set(values(p, '_id'));
    for (const h of onlyTotal ? [] : res.hits) {
      const v = await store.getRegistration(h.registrationIds.find((id) => wanted.has(fhirId(id))) ?? h.lead.id);
      if (!v) continue;
      const linked = h.registrationIds.map((id) => ({ id, registry: id === v.registration.id ? v.registration.registry : guessRegistry(id) }));
      resources.push(toResearchStudy(v.registration, { linked }));
    }
    const self = `${base(req)}/ResearchStudy${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`;
    const nextParams = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    if (res.nextPageToken) nextParams.set('_page', res.nextPageToken);
    return reply.type('application/fhir+json').send(toBundle(resources, {
      type: 'searchset', total: res.total, base: base(req), self,
      next: res.nextPageToken && !onlyTotal ? `${base(req)}/ResearchStudy?${nextParams.toString()}` : null,
    }));
  });

  const read = async (id: string, reply: FastifyReply) => {
    for (const candidate of idsFromFhirId(id)) {
      const stored = await storedId(store, candidate, true);
      const found = stored ? await studyRegistrations(store, stored) : null;
      if (!found) continue;
      const reg = found.registrations.find((r) => r.id === stored || fhirId(r.id) === id) ?? found.registrations[0]!;
      return reply.type('application/fhir+json').send(toResearchStudy(reg, { linked: found.registrations }));
    }
    throw new HttpError(404, `ResearchStudy/${id} is not known`);
  };
  app.get('/fhir/ResearchStudy/:id', async (req, reply) => read((req.params as { id: string }).id, reply));
  // a registry id with an unencoded `/` (CTRI/2020/04/024773) rather than its FHIR id (CTRI-2020-04-024773)
  app.get('/fhir/ResearchStudy/*', async (req, reply) => read((req.params as { '*': string })['*'], reply));
}

/** The registry of an id from its shape, for identifier systems of linked registrations. */
function guessRegistry(id: string): string {
  if (/^NCT\d/i.test(id)) return 'ClinicalTrials.gov';
  if (/^EUCTR/i.test(id)) return 'EUCTR';
  if (/^ISRCTN/i.test(id)) return 'ISRCTN';
  const m = /^(ChiCTR|IRCT|CTRI|DRKS|ACTRN|JPRN|NTR|TCTR|PACTR|KCT|RBR|RPCEC|SLCTR|LBCTR)/i.exec(id);
  return m ? ({ ACTRN: 'ANZCTR', KCT: 'CRiS', RBR: 'ReBEC' } as Record<string, string>)[m[1]!.toUpperCase()] ?? m[1]! : 'other';
}
