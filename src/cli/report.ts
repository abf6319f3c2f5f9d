/** How the CLI words problems and summaries (stderr for problems, one line each, naming file, position and field). */
import type { ParseIssue } from '../sources/types.js';
import type { IngestSummary } from '../pipeline/ingest.js';

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_REJECTED = 2;

export function issueLine(i: ParseIssue): string {
  const where = [i.file, i.position, i.field].filter((x) => x !== undefined && x !== null && x !== '').join(': ');
  return `rejected: ${where}: ${i.reason}`;
}

export function summaryLine(s: IngestSummary): string {
  return `${s.files} file(s), ${s.records.toLocaleString('en')} records: ${s.new} new, ${s.changed} changed, ` +
    `${s.unchanged} unchanged, ${s.rejected} rejected` + (s.duplicates ? `, ${s.duplicates} duplicate ids (last kept)` : '') +
    ` in ${s.seconds.toFixed(1)} s (${Math.round(s.recordsPerSecond).toLocaleString('en')} records/s)`;
}
