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
  415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function errorBody(status: number, reason: string) {
  return { error: TITLES[status] ?? 'Error', status, reason };
}

/** Status and words for any thrown value. */
export function classify(err: unknown): { status: number; reason: string } {
  if (err instanceof HttpError) return { status: err.status, reason: err.message };
  if (err instanceof QueryError || (err instanceof Error && err.name === 'QueryError') || err instanceof ExportUsageError) {
    return { status: 400, reason: (err as Error).message };
  }
  if (err instanceof SearchTimeoutError) return { status: 503, reason: err.message };
  const e = err as { statusCode?: number; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return { status: e.statusCode, reason: e.message ?? 'bad request' };
  return { status: 500, reason: 'internal error; the server log has the details' };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const { status, reason } = classify(err);
  if (status >= 500) req.log.error(err);
  if (req.url.startsWith('/fhir')) {
    return reply.code(status).type('application/fhir+json').send({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: status === 404 ? 'not-found' : status === 400 ? 'invalid' : 'exception', diagnostics: reason }],
    });
  }
  return reply.code(status).type('application/json').send(errorBody(status, reason));
}
