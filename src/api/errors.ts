/**
 * One error shape for the whole API: `{error, status, reason}` JSON (FHIR routes: OperationOutcome).
 * Usage errors (bad query, bad parameter) are 400; everything unexpected is a 500 without internals.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryError, SearchTimeoutError } from '../search/query.js';
import { ExportUsageError } from '../export/index.js';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Payload Too Large',
  408: 'Request Timeout', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

export function errorBody(status: number, reason: string) {
  return { error: statusTitle(status), status, reason };
}

/** Status and words for any thrown value. */
export function classify(err: unknown): { status: number; reason: string } {
  if (err instanceof HttpError) return { status: err.status, reason: err.message };
  if (err instanceof QueryError || (err instanceof Error && err.name === 'QueryError') || err instanceof ExportUsageError) {
    return { status: 400, reason: (err as Error).message };
  }
  if (err instanceof SearchTimeoutError) return { status: 503, reason: err.message };
  if (err instanceof Error && err.name === 'StoreBusyError') return { status: 503, reason: err.message };
  const e = err as { statusCode?: number; message?: string; code?: string };
  if (e?.code === 'FST_ERR_BAD_URL') return { status: 400, reason: 'the URL is not valid: a percent sign must start an escape such as %2F' };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return { status: e.statusCode, reason: e.message ?? 'bad request' };
  return { status: 500, reason: 'internal error; the server log has the details' };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const classified = classify(err);
  const status = classified.status;
  let reason = classified.reason;
  reply.header('x-request-id', req.id);
  if (status === 500) {
    req.log.error({ err }, 'request failed');
    reason = `internal error (request id ${req.id}); the server log has the details`;
  } else if (status >= 500) {
    req.log.warn({ status, reason }, 'request refused');
    if (status === 503) reply.header('retry-after', String((err as { retryAfterSeconds?: number }).retryAfterSeconds ?? 5));
  }
  if (req.url.startsWith('/fhir')) {
    return reply.code(status).type('application/fhir+json').send({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: status === 404 ? 'not-found' : status === 400 ? 'invalid' : 'exception', diagnostics: reason }],
    });
  }
  return reply.code(status).type('application/json').send(errorBody(status, reason));
}
