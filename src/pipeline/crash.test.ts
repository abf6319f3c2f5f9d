/**
 * The crash harness: `trialatlas ingest` of real files (../shared/data) killed with SIGKILL at random moments, then
 * run again to completion. Every time, the database must pass its integrity check (src/store/lines.ts: versions and
 * current views re-derived from the observations equal what is stored; SQLite's own check), have nothing pending,
 * and its exports (`registrations`, `studies`, `changes`, NDJSON) must be byte-identical to those of one
 * uninterrupted run. No normalisation is needed: the exports hold no ingest time, and a snapshot is identified by
 * its input (format + the file's sha256), so the run after a crash finds the snapshots the dead run began.
 *
 * Time-boxed for CI: by default 5 kill points on two files (ICTRP XML of 18 March, ClinicalTrials.gov download of
 * 6 April: 884 records, NCT records in both). `npm run test:crash` (TRIALATLAS_CRASH_POINTS=20) kills 20 times
 * during an ingest of three files (1,811 records: the ICTRP CSV of 7 April read first, then the older ICTRP XML of
 * 18 March — out of time order — then the ClinicalTrials.gov download). TRIALATLAS_CRASH_SEED repeats a sequence of kill moments.
 * PostgreSQL too when TRIALATLAS_TEST_PG is set (a schema of its own per run, through the URL's search_path).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../store/index.js';
import { PG_SKIP, PG_URL } from '../store/testing.js';
import { exportData, type ExportWhat } from '../export/index.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const DATA = path.resolve('../shared/data');
const POINTS = Number(process.env.TRIALATLAS_CRASH_POINTS ?? 5);
const FULL = POINTS >= 20 || process.env.TRIALATLAS_CRASH_SET === 'full';
const FILES = (FULL
  ? ['ictrp/COVID19-927-trials_7Apr2020.csv', 'ictrp/ICTRP-Results_18Mar2020.xml', 'ctgov-tsv/ctgov-covid-20200406.tsv']
  : ['ictrp/ICTRP-Results_18Mar2020.xml', 'ctgov-tsv/ctgov-covid-20200406.tsv']).map((f) => path.join(DATA, f));
const SKIP = FILES.every((f) => existsSync(f)) ? false : `../shared/data is absent (${DATA}): the crash harness needs its files`;
const SEED = Number(process.env.TRIALATLAS_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: kill moments that TRIALATLAS_CRASH_SEED repeats. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `trialatlas ingest`; killed with SIGKILL after `killAfterMs` when given. Resolves with the exit code or signal. */
function ingest(db: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--db', db, ...FILES], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (killAfterMs === undefined && code !== 0 && code !== 2) reject(new Error(`ingest exited ${code}: ${stderr}`));
      else resolve({ code, signal, ms: Date.now() - started });
    });
  });
}

const WHATS: ExportWhat[] = ['registrations', 'studies', 'changes'];

/** sha256 and size of each export (NDJSON), read through the store as `trialatlas export` writes it. */
async function exportsOf(db: string): Promise<Record<string, string>> {
  const store = await openStore(db);
  try {
    const out: Record<string, string> = {};
    for (const what of WHATS) {
      const h = createHash('sha256');
      let bytes = 0;
      const sink = new Writable({ write(chunk: Buffer, _e, cb) { h.update(chunk); bytes += chunk.length; cb(); } });
      await exportData(store, { what, format: 'ndjson' }, sink);
      out[what] = `${bytes} bytes sha256:${h.digest('hex')}`;
    }
    return out;
  } finally { await store.close(); }
}

async function checked(db: string): Promise<{ problems: string[]; pending: string[] }> {
  const store = await openStore(db);
  try {
    return { problems: (await store.integrity?.()) ?? ['no integrity check'], pending: (await store.pendingIds?.()) ?? [] };
  } finally { await store.close(); }
}

interface Backend { name: string; skip: string | false; fresh: () => Promise<{ db: string; done: () => Promise<void> }> }

const tmp = () => mkdtempSync(path.join(tmpdir(), 'trialatlas-crash-'));

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

let schemas = 0;
const BACKENDS: Backend[] = [
  {
    name: 'sqlite', skip: false,
    fresh: async () => { const dir = tmp(); return { db: path.join(dir, 'crash.db'), done: async () => rmSync(dir, { recursive: true, force: true }) }; },
  },
  {
    name: 'postgres', skip: PG_SKIP,
    fresh: async () => {
      const schema = `ta_crash_${process.pid}_${schemas++}`;
      await admin(`CREATE SCHEMA ${schema}`);
      const url = new URL(PG_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { db: url.toString(), done: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
    },
  },
];

for (const backend of BACKENDS) {
  test(`${backend.name}: ingest killed (SIGKILL) at ${POINTS} random moments, then run again: integrity holds and the exports are byte-identical to an uninterrupted run (seed ${SEED})`,
    { skip: SKIP || backend.skip }, async (t) => {
      const reference = await backend.fresh();
      let expected: Record<string, string>;
      let duration: number;
      try {
        duration = (await ingest(reference.db)).ms;
        expected = await exportsOf(reference.db);
        assert.deepEqual(await checked(reference.db), { problems: [], pending: [] });
      } finally { await reference.done(); }
      const next = random(SEED);
      let killed = 0;
      for (let point = 1; point <= POINTS; point++) {
        // a moment within the uninterrupted run's time; a run that finishes before it (runs vary) is tried again
        // at half the moment, so that every point is a real crash
        let at = Math.round((0.03 + 0.94 * next()) * duration);
        for (let attempt = 1; ; attempt++) {
          const run = await backend.fresh();
          try {
            const first = await ingest(run.db, at);
            if (first.signal !== 'SIGKILL' && attempt < 6) { at = Math.round(at / 2); continue; }
            if (first.signal === 'SIGKILL') killed++;
            await ingest(run.db);
            const state = await checked(run.db);
            assert.deepEqual(state.problems, [], `point ${point} (killed at ${at} ms): integrity`);
            assert.deepEqual(state.pending, [], `point ${point} (killed at ${at} ms): nothing left pending`);
            assert.deepEqual(await exportsOf(run.db), expected, `point ${point} (killed at ${at} ms of ${duration}): exports`);
            t.diagnostic(`point ${point}: killed at ${at} ms of ${duration} (${first.signal ?? `finished, code ${first.code}`}) → identical`);
            break;
          } finally { await run.done(); }
        }
      }
      t.diagnostic(`${killed} of ${POINTS} runs were killed mid-way; ${FILES.length} files; seed ${SEED}`);
      assert.equal(killed, POINTS, 'every point a real crash');
    });
}
