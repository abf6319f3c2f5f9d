/**
 * `trialatlas parse <file>…`: detect, parse, print canonical registrations (NDJSON, or a JSON array with --json).
 * Each file's tally goes to stderr, so that a row count can be checked against the output: EU CTR member-state rows
 * folded into one registration are counted (`4,098 rows → 4,083 registrations`).
 */
import { readRecords } from '../../sources/index.js';
import type { Registration } from '../../model/registration.js';
import { write } from '../../export/sink.js';
import { EXIT_OK, EXIT_REJECTED, issueLine } from '../report.js';

interface Tally { file: string; format: string; registrations: number; folded: number; rejected: number }

/** Rows of other member states folded into this registration (ICTRP exports of EU CTR trials). */
function foldedRows(r: Registration): number {
  const others = r.raw?.['other member-state records'];
  return others ? others.split('; ').length : 0;
}

function tallyLine(t: Tally): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const rows = t.folded ? `${n(t.registrations + t.folded)} rows → ` : '';
  const folded = t.folded ? ` (${n(t.folded)} EU CTR member-state rows folded in)` : '';
  return `parse: ${t.file} [${t.format}]: ${rows}${n(t.registrations)} registrations${folded}, ${n(t.rejected)} rejected`;
}

export async function runParse(files: string[], opts: { format?: string; json?: boolean; quiet?: boolean }): Promise<number> {
  let rejected = 0;
  let n = 0;
  let tally: Tally | null = null;
  const flush = (): void => { if (tally && !opts.quiet) process.stderr.write(tallyLine(tally) + '\n'); tally = null; };
  if (opts.json) await write(process.stdout, '[');
  for await (const item of readRecords(files, { format: opts.format })) {
    if (item.kind === 'file') { flush(); tally = { file: item.file, format: item.format, registrations: 0, folded: 0, rejected: 0 }; continue; }
    if (item.kind === 'error') {
      rejected++;
      if (tally) tally.rejected++;
      process.stderr.write(issueLine(item.issue) + '\n');
      continue;
    }
    if (tally) { tally.registrations++; tally.folded += foldedRows(item.record); }
    const text = JSON.stringify(item.record);
    await write(process.stdout, opts.json ? (n ? ',\n' : '\n') + text : text + '\n');
    n++;
  }
  flush();
  if (opts.json) await write(process.stdout, n ? '\n]\n' : ']\n');
  return rejected ? EXIT_REJECTED : EXIT_OK;
}
