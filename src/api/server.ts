/**
 * HTTP face: REST API (/api/v1), FHIR (/fhir) and the web UI, on fastify. `buildApp` wires the routes (tests use
 * it with inject); `startServer` listens. Security headers everywhere; CORS for reads only.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Store } from '../store/types.js';
import { searchInWorkers } from '../search/index.js';
import { registerV1 } from './v1.js';
import { registerFhir } from './fhir-routes.js';
import { errorBody, sendError, statusTitle } from './errors.js';
import { INGEST_LIMITS, type IngestLimits } from './ingest-route.js';
import { installLoadShedding, SHED_DEFAULTS, type ShedOptions } from './shed.js';
import { registerWeb } from '../web/routes.js';

export interface ServerOptions {
  store: Store;
  host: string;
  port: number;
  /** from TRIALATLAS_ADMIN_TOKEN; without it the server is read-only */
  adminToken?: string | null;
  /** structured (JSON) log of requests and errors: true = stdout, or a stream (serve: stderr); default off */
  logger?: boolean | { stream: NodeJS.WritableStream; level?: string };
  /** POST /api/v1/ingest limits (default INGEST_LIMITS) */
  ingestLimits?: Partial<IngestLimits>;
  /** load shedding: SHED_DEFAULTS overridden by what is given (`serve` gives {}); absent or false: off */
  shed?: Partial<ShedOptions> | false;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Scripts only from this origin, no inline script, no plugins: injected markup cannot run even if escaping failed. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Request ids: a random prefix per server start and a counter — unique in its log, short enough to quote. */
function requestIds(): () => string {
  const boot = randomBytes(3).toString('hex');
  let n = 0;
  return () => `${boot}-${(++n).toString(36)}`;
}

/**
 * Errors the HTTP parser meets before fastify sees a request (headers too large, a malformed request line):
 * the same `{error, status, reason}` JSON as every other error, then the connection closes.
 */
function clientError(app: () => FastifyInstance) {
  return (err: Error & { code?: string }, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const reason = status === 431 ? 'the request headers are too large (at most 16 KiB in all)' : status === 408 ? 'the request took too long to arrive' : 'the request is not valid HTTP';
    app().log.warn({ status, code: err.code }, 'client error');
    const body = JSON.stringify(errorBody(status, reason));
    socket.end(`HTTP/1.1 ${status} ${statusTitle(status)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  };
}

/** Responses that are data (JSON, CSV, files): nothing in them may load or run, even if a browser renders one. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export async function buildApp(opts: Omit<ServerOptions, 'host' | 'port'>): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] = opts.logger === true ? { level: 'info' }
    : opts.logger ? { level: opts.logger.level ?? 'info', stream: opts.logger.stream } as FastifyServerOptions['logger'] : false;
  let self: FastifyInstance | null = null;
  const app = Fastify({
    logger, genReqId: requestIds(), routerOptions: { maxParamLength: 300 },
    // bad URLs (a stray %) and other router errors answer in the API's own error shape
    frameworkErrors: (err, req, reply) => sendError(req, reply, err),
    clientErrorHandler: clientError(() => self!),
    // a request must arrive within 30 s; an idle connection is closed after 5 s
    requestTimeout: 30_000, keepAliveTimeout: 5_000,
  });
  self = app;

  // every response names its request, so a client can quote it and the log can be searched for it
  app.addHook('onRequest', async (req, reply) => { reply.header('x-request-id', req.id); });
  if (opts.shed) installLoadShedding(app, { ...SHED_DEFAULTS, ...opts.shed });

  app.addHook('onRequest', async (req, reply) => {
    const api = req.url.startsWith('/api/') || req.url.startsWith('/fhir');
    if (api) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'x-next-page-token, x-total-count, x-version, x-request-id');
      if (req.method === 'OPTIONS') {
        // preflight: reads only; writes are not offered cross-origin
        return reply.code(204).header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
          .header('access-control-allow-headers', 'Accept, Content-Type').header('access-control-max-age', '600').send();
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') reply.removeHeader('access-control-allow-origin');
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-site');
    const type = String(reply.getHeader('content-type') ?? '');
    reply.header('content-security-policy', type.startsWith('text/html') ? CSP : DATA_CSP);
    return payload;
  });

  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/fhir')) {
      return sendError(req, reply, Object.assign(new Error(`no such endpoint: ${req.method} ${req.url.split('?')[0]} (see /api/v1/openapi.json)`), { statusCode: 404 }));
    }
    return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>Not found</title><p>Not found. <a href="/">Search TrialAtlas</a></p>');
  });

  // searches run in worker threads: one slow query holds only its worker, never the other requests
  const closeSearch = searchInWorkers(opts.store);
  app.addHook('onClose', async () => { await closeSearch(); });

  registerV1(app, opts.store, opts.adminToken, { ...INGEST_LIMITS, ...opts.ingestLimits });
  registerFhir(app, opts.store);
  registerWeb(app, opts.store);
  return app;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(opts);
  await app.listen({ host: opts.host, port: opts.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
