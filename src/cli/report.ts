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
  return `${s.files} file(s), ${s.records.toLocaleString('en')} records: ${s.new} new, ` +
    (s.newSource ? `${s.newSource} more source copies of known registrations, ` : '') + `${s.changed} changed, ` +
    `${s.unchanged} unchanged, ${s.rejected} rejected` + (s.duplicates ? `, ${s.duplicates} duplicate ids (last kept)` : '') +
    ` in ${s.seconds.toFixed(1)} s (${Math.round(s.recordsPerSecond).toLocaleString('en')} records/s)`;
}

/**
 * Registry text for a terminal: control characters (ESC sequences could retitle, clear or rewrite the screen) and
 * bidirectional overrides (text that displays unlike it reads) become `?`; line breaks stay.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}
