/**
 * Bench section "ingest": for every file under ../shared/data, the floor (parsing the bytes with the same parsers,
 * counting records) against the full ingest (parse + store + link + index) into a fresh temporary database.
 * Prints records/s, MB/s, the ingest/parse time ratio and the peak RSS after each file (it should not grow with
 * file size), then a total line.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRecords } from '../sources/index.js';
import { ingest, type IngestSummary } from '../pipeline/ingest.js';
import { openStore } from '../store/index.js';
import { peakRssMb, type BenchSection } from './section.js';

/** Data files under a directory, sorted, skipping READMEs and dotfiles. */
export function dataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || /^readme/i.test(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...dataFiles(full));
    else out.push(full);
  }
  return out;
}

async function parseOnly(file: string): Promise<{ records: number; seconds: number }> {
  const t = performance.now();
  let records = 0;
  for await (const item of readRecords([file])) if (item.kind === 'record') records++;
  return { records, seconds: (performance.now() - t) / 1000 };
}

interface IngestRun { records: number; rejected: number; seconds: number; timings: IngestSummary['timings'] }

async function fullIngest(file: string, dbDir: string): Promise<IngestRun> {
  const dbFile = path.join(dbDir, `${path.basename(file)}.db`);
  const store = await openStore(dbFile);
  try {
    const t = performance.now();
    const s = await ingest(store, [file]);
    return { records: s.records, rejected: s.rejected, seconds: (performance.now() - t) / 1000, timings: s.timings };
  } finally {
    await store.close();
    rmSync(dbFile, { force: true });
    rmSync(`${dbFile}-wal`, { force: true });
    rmSync(`${dbFile}-shm`, { force: true });
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const ingestSection: BenchSection = {
  name: 'ingest throughput (full ingest vs parse-only floor)',
  async run(ctx) {
    if (!ctx.dataDir) { ctx.print('skipped: ../shared/data is absent (the bench needs the shared registry files)'); return; }
    const dbDir = mkdtempSync(path.join(tmpdir(), 'trialatlas-bench-'));
    const total = { bytes: 0, records: 0, parse: 0, ingest: 0, store: 0, link: 0, index: 0 };
    ctx.print(['file'.padEnd(36), 'MB'.padStart(6), 'records'.padStart(8), 'parse rec/s'.padStart(12), 'ingest rec/s'.padStart(13),
      'ingest MB/s'.padStart(12), 'ratio'.padStart(6), 'rejected'.padStart(9), 'peak RSS MB'.padStart(12)].join(' '));
    try {
      for (const file of dataFiles(ctx.dataDir)) {
        const mb = statSync(file).size / 1e6;
        const p = await parseOnly(file);
        const i = await fullIngest(file, dbDir);
        total.bytes += mb; total.records += i.records; total.parse += p.seconds; total.ingest += i.seconds;
        total.store += i.timings.store; total.link += i.timings.link; total.index += i.timings.index;
        ctx.print([path.relative(ctx.dataDir, file).slice(0, 36).padEnd(36), fmt(mb, 2).padStart(6), fmt(i.records).padStart(8),
          fmt(p.records / p.seconds).padStart(12), fmt(i.records / i.seconds).padStart(13), fmt(mb / i.seconds, 2).padStart(12),
          fmt(i.seconds / p.seconds, 2).padStart(6), fmt(i.rejected).padStart(9), fmt(peakRssMb()).padStart(12)].join(' '));
      }
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
    ctx.print([
      'TOTAL'.padEnd(36), fmt(total.bytes, 2).padStart(6), fmt(total.records).padStart(8),
      fmt(total.records / total.parse).padStart(12), fmt(total.records / total.ingest).padStart(13),
      fmt(total.bytes / total.ingest, 2).padStart(12), fmt(total.ingest / total.parse, 2).padStart(6), ''.padStart(9),
      fmt(peakRssMb()).padStart(12),
    ].join(' '));
    const share = (x: number) => `${x.toFixed(1)} s (${Math.round((100 * x) / total.ingest)}%)`;
    ctx.print(`ingest time: parse+extract ${share(total.parse)} (parse-only run), store ${share(total.store)}, ` +
      `link ${share(total.link)}, index ${share(total.index)} — of ${total.ingest.toFixed(1)} s`);
  },
};
