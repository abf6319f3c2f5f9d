/**
 * Bench section "search + serve": builds a database from all of ../shared/data through the real ingest, then
 * (1) search latency p50/p95 over a fixed query mix (with facets, as the search page asks), (2) similar-trials
 * latency, (3) requests/s against `serve` on loopback for the API and the HTML search and study pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingest } from '../pipeline/ingest.js';
import { openStore } from '../store/index.js';
import { search } from '../search/index.js';
import { similarStudies } from '../search/similar.js';
import { startServer } from '../api/server.js';
import { dataFiles } from './ingest.js';
import { peakRssMb, type BenchSection } from './section.js';

/** A fixed mix: plain words, phrases, boolean, fields, filters, eligibility, prefix. */
export const QUERY_MIX = [
  'covid', 'hydroxychloroquine', 'cond:"covid-19" intr:mesenchymal', 'phase:2 status:recruiting', 'registry:ChiCTR country:China',
  '"convalescent plasma"', 'tocilizumab OR sarilumab', 'covid NOT vaccine', 'age:72 sex:female pneumonia', 'stem cell*',
  'intr:(favipiravir OR remdesivir) phase:3', 'title:vaccine', 'ivermectin', 'country:"United States" type:observational',
  'masking:double allocation:randomized', 'year:2020 cellSource:umbilical_cord', '(lopinavir AND ritonavir) OR interferon', 'anxiety',
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Requests/s from `clients` concurrent keep-alive clients cycling through urls for `seconds`. */
async function load(urls: string[], clients: number, seconds: number): Promise<{ rps: number; errors: number; p50: number; p95: number }> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const lat: number[] = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    let i = c;
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const r = await fetch(urls[i++ % urls.length]!);
        await r.arrayBuffer();
        if (!r.ok) errors++;
      } catch { errors++; }
      lat.push(performance.now() - t);
      done++;
    }
  }));
  return { rps: done / seconds, errors, p50: pct(lat, 50), p95: pct(lat, 95) };
}

export const searchSection: BenchSection = {
  name: 'search latency and requests/s against serve',
  async run(ctx) {
    if (!ctx.dataDir) { ctx.print('skipped: ../shared/data is absent (the bench needs the shared registry files)'); return; }
    const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-bench-search-'));
    const store = await openStore(path.join(dir, 'bench.db'));
    try {
      let t = performance.now();
      const s = await ingest(store, dataFiles(ctx.dataDir));
      ctx.print(`database: ${s.records} records from ${s.files} files, ${await store.count()} registrations (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

      for (const q of QUERY_MIX) await search(store, q, { pageSize: 20, facets: true }); // warm-up
      const lat: number[] = [];
      const rounds = 10;
      for (let r = 0; r < rounds; r++) {
        for (const q of QUERY_MIX) {
          t = performance.now();
          await search(store, q, { pageSize: 20, facets: true });
          lat.push(performance.now() - t);
        }
      }
      ctx.print(`search (page of 20 + 9 facets), ${QUERY_MIX.length} queries × ${rounds}: p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}, max ${ms(Math.max(...lat))}`);
      const plain: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const q of QUERY_MIX) {
          t = performance.now();
          await search(store, q, { pageSize: 20 });
          plain.push(performance.now() - t);
        }
      }
      ctx.print(`search (page of 20, no facets): p50 ${ms(pct(plain, 50))}, p95 ${ms(pct(plain, 95))}`);

      const seeds = (await search(store, 'covid', { pageSize: 20 })).hits.map((h) => h.lead.id);
      const sim: number[] = [];
      for (const id of seeds) {
        t = performance.now();
        await similarStudies(store, id, 10);
        sim.push(performance.now() - t);
      }
      ctx.print(`similar trials (${seeds.length} studies): p50 ${ms(pct(sim, 50))}, p95 ${ms(pct(sim, 95))}`);

      const server = await startServer({ store, host: '127.0.0.1', port: 0 });
      try {
        const api = QUERY_MIX.map((q) => `${server.url}/api/v1/studies?query.term=${encodeURIComponent(q)}&pageSize=20`);
        const html = QUERY_MIX.map((q) => `${server.url}/?query.term=${encodeURIComponent(q)}`);
        const studies = seeds.map((id) => `${server.url}/study/${encodeURIComponent(id)}`);
        const clients = 16;
        const seconds = 5;
        for (const [name, urls] of [['GET /api/v1/studies', api], ['GET / (search page with facets)', html], ['GET /study/{id}', studies]] as const) {
          const r = await load(urls, clients, seconds);
          ctx.print(`${name}: ${r.rps.toFixed(0)} req/s (${clients} clients, ${seconds} s, latency p50 ${ms(r.p50)} p95 ${ms(r.p95)}, errors ${r.errors})`);
        }
      } finally {
        await server.close();
      }
      ctx.print(`peak RSS ${peakRssMb().toFixed(0)} MB`);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
