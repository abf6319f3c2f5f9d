/** `trialatlas ingest <file-or-dir>…`: the pipeline with a progress bar, rejected records on stderr, a summary. */
import { ingest, type IngestSummary } from '../../pipeline/ingest.js';
import type { Store } from '../../store/types.js';
import { progressBar } from '../progress.js';
import { SqliteStore } from '../../store/sqlite/store.js';
import { DEFAULT_WRITE_WAIT } from '../../store/sqlite/write.js';
import { EXIT_FATAL, EXIT_OK, EXIT_REJECTED, issueLine, summaryLine } from '../report.js';

export async function ingestWithReport(store: Store, paths: string[], opts: { format?: string; json?: boolean; quiet?: boolean }): Promise<IngestSummary> {
  const bar = progressBar();
  // a second ingest on the same SQLite file queues behind the first, and says so
  if (store instanceof SqliteStore) store.setWriteWait({ ...DEFAULT_WRITE_WAIT, onWait: (m) => { bar.done(); process.stderr.write(`waiting: ${m}\n`); } });
  const summary = await ingest(store, paths, {
    format: opts.format,
    onIssue: (i) => { bar.done(); process.stderr.write(issueLine(i) + '\n'); },
    onWarning: (w) => { bar.done(); process.stderr.write(`warning: ${w}\n`); },
    onProgress: (p) => bar.update(p),
  }).finally(() => bar.done());
  for (const e of summary.stageErrors) process.stderr.write(`error: ${e}\n`);
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (!opts.quiet) process.stdout.write(summaryLine(summary) + '\n');
  return summary;
}

export function exitCodeOf(s: IngestSummary): number {
  if (s.stageErrors.length) return EXIT_FATAL;
  return s.rejected ? EXIT_REJECTED : EXIT_OK;
}

export async function runIngest(store: Store, paths: string[], opts: { format?: string; json?: boolean }): Promise<number> {
  return exitCodeOf(await ingestWithReport(store, paths, opts));
}
