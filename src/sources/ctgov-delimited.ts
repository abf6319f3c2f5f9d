/**
 * Rows of a delimited text file (TSV or CSV), streamed line by line, with recovery: a quote that never closes
 * costs one row (reported), not the rest of the file. Used by the ClinicalTrials.gov search-results reader.
 *
 * `quoting: false` (ClinicalTrials.gov's TSV: quotes inside cells are literal text) splits on the delimiter only;
 * `quoting: true` follows RFC 4180 (`"a ""b"" c"`, line breaks inside quotes).
 */
import { textLines } from './input.js';

export interface Row {
  fields: string[];
  /** 1-based line of the file where the row starts */
  line: number;
}

export interface RowProblem {
  line: number;
  reason: string;
}

export interface DelimitedOptions {
  delimiter: string;
  quoting: boolean;
  /** true when a line, read on its own, is plainly the start of a new row — ends a runaway quoted cell early */
  isRowStart?: (fields: string[]) => boolean;
  /** a quoted cell spanning more lines than this is taken as an unbalanced quote */
  maxLinesPerRow?: number;
}

/** The delimiter a header line uses: tab when it has tabs, else `;` or `,` whichever is commoner. */
export function sniffDelimiter(headerLine: string): string {
  const count = (c: string): number => headerLine.split(c).length - 1;
  if (count('\t') > 0) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

/** Split one line; `open` says a quoted cell is still open at the end of it. */
export function splitLine(line: string, delimiter: string, quoting: boolean): { fields: string[]; open: boolean } {
  if (!quoting) return { fields: line.split(delimiter), open: false };
  const fields: string[] = [];
  let cell = '';
  let inQuotes = false;
  let quotedCell = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') { cell += '"'; i++; } else inQuotes = false;
      } else cell += c;
    } else if (c === '"' && cell.trim() === '' && !quotedCell) {
      inQuotes = true;
      quotedCell = true;
      cell = '';
    } else if (c === delimiter) {
      fields.push(cell);
      cell = '';
      quotedCell = false;
    } else cell += c;
  }
  fields.push(cell);
  return { fields, open: inQuotes };
}

/** Rows (or problems) from a text stream; the first row is the header, as the file has it. */
export async function* delimitedRows(
  chunks: AsyncIterable<string>, opts: DelimitedOptions,
): AsyncIterable<Row | RowProblem> {
  const maxLines = opts.maxLinesPerRow ?? 2000;
  let lineNo = 0;
  let pending: { text: string; line: number; lines: number } | null = null;
  for await (const line of textLines(chunks)) {
    lineNo++;
    if (pending) {
      const alone = splitLine(line, opts.delimiter, opts.quoting);
      if ((!alone.open && opts.isRowStart?.(alone.fields)) || pending.lines >= maxLines) {
        yield { line: pending.line, reason: 'unbalanced quote: a quoted cell never closes' };
        pending = null;
      } else {
        pending.text += `\n${line}`;
        pending.lines++;
        const joined = splitLine(pending.text, opts.delimiter, opts.quoting);
        if (!joined.open) {
          yield { fields: joined.fields, line: pending.line };
          pending = null;
        }
        continue;
      }
    }
    if (line.trim() === '') continue;
    const split = splitLine(line, opts.delimiter, opts.quoting);
    if (split.open) pending = { text: line, line: lineNo, lines: 1 };
    else yield { fields: split.fields, line: lineNo };
  }
  if (pending) yield { line: pending.line, reason: 'unbalanced quote: a quoted cell never closes before the end of the file' };
}

export function isProblem(r: Row | RowProblem): r is RowProblem {
  return 'reason' in r;
}
