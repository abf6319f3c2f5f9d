/**
 * HTTP face: REST API (/api/v1), FHIR (/fhir) and the web UI, on fastify. `buildApp` wires the routes (tests use
 * it with inject); `startServer` listens. Security headers everywhere; CORS for reads only.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/types.js';
import { searchInWorkers } from '../search/index.js';
import { registerV1 } from './v1.js';
import { registerFhir } from './fhir-routes.js';
import { sendError } from './errors.js';
import { registerWeb } from '../web/routes.js';

export interface ServerOptions {
  store: Store;
  host: string;
  port: number;
  /** from TRIALATLAS_ADMIN_TOKEN; without it the server is read-only */
  adminToken?: string | null;
  /** log requests (default: off) */
  logger?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Scripts only from this origin, no inline script, no plugins: injected markup cannot run even if escaping failed. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export async function buildApp(opts: Omit<ServerOptions, 'host' | 'port'>): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, routerOptions: { maxParamLength: 300 } });

  app.addHook('onRequest', async (req, reply) => {
    const api = req.url.startsWith('/api/') || req.url.startsWith('/fhir');
    if (api) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'x-next-page-token, x-total-count, x-version');
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
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) reply.header('content-security-policy', CSP);
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

  registerV1(app, opts.store, opts.adminToken);
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
