/**
 * POST /api/v1/ingest: canonical registrations over HTTP, streamed into the same pipeline the CLI uses
 * (src/pipeline/ingest.ts: the canonical-schema check, batches of one transaction each, linking, indexing).
 *
 * The body is never held whole: a JSON array, `{"registrations": […]}` or NDJSON is cut into records as it arrives,
 * and each record is parsed, checked and stored in batches. Limits (413 beyond them, with what was stored so far):
 * bytes per request, records per request, characters per record; the schema bounds each field.
 * Writes need `Authorization: Bearer <TRIALATLAS_ADMIN_TOKEN>`, checked before a byte of the body is read.
 * One ingest at a time per server; others wait their turn (SQLite has one writer anyway).
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';
import type { Registration } from '../model/registration.js';
import type { ReadItem } from '../sources/index.js';
import type { ParseIssue } from '../sources/types.js';
import { StudyScanner } from '../sources/ctgov-json-scan.js';
import { ingest } from '../pipeline/ingest.js';
import { HttpError, errorBody } from './errors.js';

export interface IngestLimits {
  /** bytes of one request body */
  maxBytes: number;
  /** records in one request */
  maxRecords: number;
  /** characters of one record's JSON */
  maxRecordChars: number;
}

export const INGEST_LIMITS: IngestLimits = { maxBytes: 64 * 1024 * 1024, maxRecords: 10_000, maxRecordChars: 8 * 1024 * 1024 };

/** How many rejected records and warnings a response lists (the counts are always complete). */
const LISTED = 100;

/** The snapshot file name of records posted over HTTP. */
export const API_FILE = 'api:POST /api/v1/ingest';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Writes need the admin token; without one configured the server is read-only. */
export function requireAdmin(adminToken: string | null | undefined, req: FastifyRequest): void {
  if (!adminToken) throw new HttpError(403, 'this server is read-only: start it with TRIALATLAS_ADMIN_TOKEN set to allow writes');
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m || !sameToken(m[1]!.trim(), adminToken)) throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer <TRIALATLAS_ADMIN_TOKEN>)');
}

/** Why reading stopped early (a limit), or null. */
interface Stop { status: number; reason: string }

/**
 * The body as the pipeline's items: a file marker, then one record (or error) per JSON value. `lines`: NDJSON, one
 * value per line (a bad line costs only itself); otherwise JSON text (an array, `{"registrations": […]}`, or values
 * one after another). Stops at a limit, saying so in `stop`.
 */
export async function* bodyItems(body: AsyncIterable<Buffer | string>, lines: boolean, limits: IngestLimits, stop: { value: Stop | null }): AsyncIterable<ReadItem> {
  yield { kind: 'file', file: API_FILE, format: 'canonical-json', encoding: 'utf-8' };
  const decoder = new StringDecoder('utf8');
  const scanner = lines ? null : new StudyScanner({ wrapperKey: 'registrations' });
  let bytes = 0;
  let n = 0;
  let pending = ''; // NDJSON: the line not yet ended
  let sinceValue = 0; // JSON: characters read since the last complete value
  let line = 1;

  const value = (text: string, at: number): ReadItem | null => {
    if (!text.trim()) return null;
    n++;
    if (n > limits.maxRecords) {
      stop.value = { status: 413, reason: `more than ${limits.maxRecords} records in one request: the first ${limits.maxRecords} were ingested, the rest was not read; send the rest in further requests` };
      return null;
    }
    const position = `record ${n} (line ${at})`;
    try {
      const record = JSON.parse(text) as Registration & { studyId?: unknown };
      // the registrations export adds the study each record is linked into: a fact of this register, not content
      if (record && typeof record === 'object') delete record.studyId;
      return { kind: 'record', record, file: API_FILE, position };
    } catch (e) {
      return { kind: 'error', issue: { file: API_FILE, position, reason: `not JSON: ${(e as Error).message}` } };
    }
  };
  const tooBig = (at: number): Stop => ({ status: 413, reason: `record ${n + 1} (line ${at}) is longer than ${limits.maxRecordChars} characters; nothing after it was read` });

  for await (const chunk of body) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > limits.maxBytes) {
      stop.value = { status: 413, reason: `the body is larger than ${limits.maxBytes} bytes: what came before was ingested, the rest was not read; send NDJSON in several requests` };
      return;
    }
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (scanner) {
      sinceValue += text.length;
      for (const f of scanner.feed(text)) {
        if (f.kind === 'error') { yield { kind: 'error', issue: { file: API_FILE, position: `line ${f.line}`, reason: `not JSON: ${f.reason}` } }; continue; }
        sinceValue = 0;
        const item = value(f.text, f.line);
        if (stop.value) return;
        if (item) yield item;
      }
      if (sinceValue > limits.maxRecordChars) { stop.value = tooBig(line); return; }
      continue;
    }
    let from = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', from)) {
      const item = value(pending + text.slice(from, i), line);
      pending = '';
      line++;
      from = i + 1;
      if (stop.value) return;
      if (item) yield item;
    }
    pending += text.slice(from);
    if (pending.length > limits.maxRecordChars) { stop.value = tooBig(line); return; }
  }
  const rest = decoder.end();
  if (scanner) {
    for (const f of [...scanner.feed(rest), ...scanner.end()]) {
      if (f.kind === 'error') { yield { kind: 'error', issue: { file: API_FILE, position: `line ${f.line}`, reason: `not JSON: ${f.reason}` } }; continue; }
      const item = value(f.text, f.line);
      if (stop.value) return;
      if (item) yield item;
    }
  } else {
    const item = value(pending + rest, line);
    if (item && !stop.value) yield item;
  }
}

const STREAMED_TYPES = ['application/json', 'application/x-ndjson', 'text/plain'];

export function registerIngest(app: FastifyInstance, store: Store, adminToken: string | null | undefined, limits: IngestLimits = INGEST_LIMITS): void {
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  void app.register(async (scope) => {
    // this route reads its body itself, as a stream: no parser may buffer it first
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(STREAMED_TYPES, (_req, payload, done) => done(null, payload));

    scope.post('/api/v1/ingest', {
      // the token is checked on arrival, before the body is read; a declared length over the limit is refused unread
      onRequest: async (req) => {
        requireAdmin(adminToken, req);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > limits.maxBytes) throw new HttpError(413, `the body is ${declared} bytes; at most ${limits.maxBytes} are accepted per request (send NDJSON in several requests)`);
      },
    }, async (req, reply) => {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as Readable).on !== 'function') throw new HttpError(400, 'body: send canonical registrations as a JSON array, {"registrations": […]}, or NDJSON');
      const stop: { value: Stop | null } = { value: null };
      const rejected: { position: string; field?: string; reason: string }[] = [];
      const warnings: string[] = [];
      let rejectedCount = 0;
      let warningCount = 0;
      const summary = await oneAtATime(() => ingest(store, [API_FILE], {
        read: () => bodyItems(body, type !== 'application/json', limits, stop),
        onIssue: (i: ParseIssue) => {
          rejectedCount++;
          if (rejected.length < LISTED) rejected.push({ position: i.position, ...(i.field ? { field: i.field } : {}), reason: i.reason });
        },
        onWarning: (w) => {
          warningCount++;
          if (warnings.length < LISTED) warnings.push(w.startsWith(`${API_FILE}: `) ? w.slice(API_FILE.length + 2) : w);
        },
      }));
      const counts = {
        new: summary.new, changed: summary.changed, unchanged: summary.unchanged, rejected,
        ...(rejectedCount > rejected.length ? { rejectedCount } : {}),
        ...(warningCount ? { warnings, ...(warningCount > warnings.length ? { warningCount } : {}) } : {}),
      };
      if (stop.value) {
        // the rest of the body is not read: close the connection rather than drain it
        return reply.code(stop.value.status).header('connection', 'close').send({ ...errorBody(stop.value.status, stop.value.reason), ...counts });
      }
      if (summary.stageErrors.length) {
        req.log.error({ stageErrors: summary.stageErrors }, 'ingest: linking/indexing failed');
        return reply.code(500).send({
          ...errorBody(500, `the records were stored, but linking/indexing failed for some (the next ingest retries them): ${summary.stageErrors.slice(0, 3).join('; ')}`),
          ...counts,
        });
      }
      if (summary.records === 0 && rejectedCount === 0) throw new HttpError(400, 'body: no records; send canonical registrations as a JSON array, {"registrations": […]}, or NDJSON');
      return reply.code(summary.records === 0 ? 400 : 200).send(summary.records === 0 ? { ...errorBody(400, `no record could be stored: ${rejected[0]?.reason ?? ''}`), ...counts } : counts);
    });
  });
}
