/** `trialatlas export`: --what × --format, optional --query, to --out or stdout. */
import { createWriteStream, openSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Store } from '../../store/types.js';
import { EXPORT_FORMATS, EXPORT_WHATS, ExportUsageError, checkExport, exportData, type ExportFormat, type ExportWhat } from '../../export/index.js';
import { search } from '../../search/index.js';
import { finish } from '../../export/sink.js';
import { EXIT_OK } from '../report.js';

export class UsageError extends Error {}

export async function runExport(store: Store, opts: { what: string; format: string; query?: string; out?: string; per?: string }): Promise<number> {
  if (!(EXPORT_WHATS as readonly string[]).includes(opts.what)) {
    throw new UsageError(`export: --what must be one of ${EXPORT_WHATS.join(', ')} (got "${opts.what}")`);
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(', ')} (got "${opts.format}")`);
  }
  if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) {
    throw new UsageError('export: --format xlsx is binary; give --out <file.xlsx> or redirect stdout');
  }
  // everything that can be refused is refused before --out is created: a refused export leaves no file behind
  try { checkExport(opts.what as ExportWhat, opts.format as ExportFormat); } catch (e) {
    throw e instanceof ExportUsageError ? new UsageError(e.message) : e;
  }
  if (opts.query) await search(store, opts.query, { pageSize: 1 }); // a query that does not parse fails here
  // the file is opened here, so a folder that does not exist (or cannot be written) is a clear error for every
  // format — a stream opened lazily failed later inside the XLSX writer as an unhandled 'error' event
  let fd: number | undefined;
  if (opts.out) {
    try { fd = openSync(opts.out, 'w'); } catch (e) {
      throw new UsageError(`export: cannot write --out ${opts.out}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (e as Error).message}`);
    }
  }
  const out: Writable = opts.out ? createWriteStream(opts.out, { fd }) : process.stdout;
  try {
    const n = await exportData(store, { what: opts.what as ExportWhat, format: opts.format as ExportFormat, query: opts.query ?? null, per: opts.per === 'study' ? 'study' : 'registration' }, out);
    await finish(out);
    if (opts.out) process.stderr.write(`wrote ${n} ${opts.what} to ${opts.out}\n`);
    return EXIT_OK;
  } catch (e) {
    if (opts.out) { out.destroy(); rmSync(opts.out, { force: true }); } // no half-written file
    if (e instanceof ExportUsageError) throw new UsageError(e.message);
    throw e;
  }
}
