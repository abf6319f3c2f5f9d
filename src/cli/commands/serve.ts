/** `trialatlas serve` and `trialatlas start` (ingest the bundled examples, then serve). */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../store/types.js';
import { startServer } from '../../api/server.js';
import { ingestWithReport } from './ingest.js';
import { EXIT_OK } from '../report.js';
import { SqliteStore } from '../../store/sqlite/store.js';

/** ./examples of the package (not of the working directory), found from this compiled file. */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

/** Files under examples/ that are inputs: helper scripts (*.mjs, *.js…), READMEs and dotfiles are skipped. */
export function exampleFiles(dir = EXAMPLES_DIR): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { out.push(...exampleFiles(full)); continue; }
    if (/\.(mjs|cjs|js|ts|md|sh)$/i.test(e.name) || /^readme/i.test(e.name)) continue;
    out.push(full);
  }
  return out;
}

export async function runServe(store: Store, opts: { host: string; port: string; json?: boolean }): Promise<number> {
  const port = Number(opts.port);
  // a POST that meets a CLI ingest holding the database waits up to 30 s, then gets 503 with Retry-After
  if (store instanceof SqliteStore) store.setWriteWait({ maxWaitMs: 30_000 });
  // one JSON line per request and per error on stderr (stdout keeps the one line saying where it serves)
  const server = await startServer({ store, host: opts.host, port, adminToken: process.env.TRIALATLAS_ADMIN_TOKEN || null, logger: { stream: process.stderr }, shed: {} });
  const writes = Boolean(process.env.TRIALATLAS_ADMIN_TOKEN);
  process.stdout.write(opts.json ? JSON.stringify({ url: server.url, readOnly: !writes }) + '\n' : `TrialAtlas serving on ${server.url}` +
    (writes ? ' (admin writes enabled)' : ' (read-only: set TRIALATLAS_ADMIN_TOKEN to allow ingest over HTTP)') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => { void server.close().then(() => store.close()).then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
}

export async function runStart(store: Store, opts: { host: string; port: string; json?: boolean }): Promise<number> {
  const files = exampleFiles();
  if (files.length === 0) process.stderr.write(`start: no example files in ${EXAMPLES_DIR}; serving what the database holds\n`);
  else {
    if (!opts.json) process.stdout.write(`start: ingesting ${files.length} example file(s) from ${EXAMPLES_DIR}\n`);
    await ingestWithReport(store, files, { json: opts.json });
  }
  return runServe(store, opts);
}
