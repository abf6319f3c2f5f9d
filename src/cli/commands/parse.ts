/** `trialatlas parse <file>…`: detect, parse, print canonical registrations (NDJSON, or a JSON array with --json). */
import { readRecords } from '../../sources/index.js';
import { write } from '../../export/sink.js';
import { EXIT_OK, EXIT_REJECTED, issueLine } from '../report.js';

export async function runParse(files: string[], opts: { format?: string; json?: boolean }): Promise<number> {
  let rejected = 0;
  let n = 0;
  if (opts.json) await write(process.stdout, '[');
  for await (const item of readRecords(files, { format: opts.format })) {
    if (item.kind === 'error') { rejected++; process.stderr.write(issueLine(item.issue) + '\n'); continue; }
    if (item.kind !== 'record') continue;
    const text = JSON.stringify(item.record);
    await write(process.stdout, opts.json ? (n ? ',\n' : '\n') + text : text + '\n');
    n++;
  }
  if (opts.json) await write(process.stdout, n ? '\n]\n' : ']\n');
  return rejected ? EXIT_REJECTED : EXIT_OK;
}
