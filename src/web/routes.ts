/** Web pages and static assets (chart.js comes from node_modules, never a CDN). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types.js';
import type { RawParams } from '../api/params.js';
import { renderSearch } from './search-page.js';
import { renderStudy } from './study-page.js';
import { renderDashboard } from './dashboard-page.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** src/web/assets, from dist/web (compiled) or src/web (ts runners) */
const ASSETS = path.resolve(HERE, '../../src/web/assets');

function chartJsPath(): string {
  const req = createRequire(import.meta.url);
  return path.join(path.dirname(req.resolve('chart.js')), 'chart.umd.min.js');
}

interface Asset { body: Buffer; type: string }

function loadAssets(): Map<string, Asset> {
  const m = new Map<string, Asset>();
  const file = (name: string, type: string) => m.set(name, { body: readFileSync(path.join(ASSETS, name)), type });
  file('style.css', 'text/css; charset=utf-8');
  file('app.js', 'text/javascript; charset=utf-8');
  file('dashboard.js', 'text/javascript; charset=utf-8');
  m.set('chart.umd.js', { body: readFileSync(chartJsPath()), type: 'text/javascript; charset=utf-8' });
  return m;
}

export function registerWeb(app: FastifyInstance, store: Store): void {
  const assets = loadAssets();
  app.get('/assets/:name', async (req, reply) => {
    const a = assets.get((req.params as { name: string }).name);
    if (!a) return reply.code(404).type('text/plain').send('not found');
    return reply.type(a.type).header('cache-control', 'public, max-age=3600').send(a.body);
  });
  app.get('/', async (req, reply) => {
    const r = await renderSearch(store, req.query as RawParams);
    return reply.code(r.status).type('text/html; charset=utf-8').send(r.body);
  });
  app.get('/study/:id', async (req, reply) => {
    const r = await renderStudy(store, (req.params as { id: string }).id);
    return reply.code(r.status).type('text/html; charset=utf-8').send(r.body);
  });
  // an id with an unencoded `/` (CTRI/2020/04/024773) arrives as several path segments
  app.get('/study/*', async (req, reply) => {
    const r = await renderStudy(store, (req.params as { '*': string })['*']);
    return reply.code(r.status).type('text/html; charset=utf-8').send(r.body);
  });
  app.get('/dashboard', async (req, reply) => {
    const r = await renderDashboard(store, req.query as RawParams);
    return reply.code(r.status).type('text/html; charset=utf-8').send(r.body);
  });
}
