/**
 * Rows of a delimited text file (TSV or CSV), streamed line by line, with recovery: a quote that never closes
 * costs one row (reported), not the rest of the file. Used by the ClinicalTrials.gov search-results and the WHO ICTRP CSV readers.
 *
 * `quoting: false` (ClinicalTrials.gov's TSV: quotes inside cells are literal text) splits on the delimiter only;
 * `quoting: true` follows RFC 4180 (`"a ""b"" c"`, line breaks inside quotes).
 */
import { MAX_LINE_CHARS, OverlongLine, textLines } from './input.js';

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
  /** a line, or a row in total, longer than this is a problem, not a row (default MAX_LINE_CHARS) */
  maxRowChars?: number;
}

/** The delimiter a header line uses: tab when it has tabs, else `;` or `,` whichever is commoner. */
export function sniffDelimiter(headerLine: string): string {
  const count = (c: string): number => headerLine.split(c).length - 1;
  if (count('\t') > 0) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

/**
 * A cell splitter fed one line at a time: a quoted cell open at the end of a line goes on with the next (`feed` again
 * with `continued`), so a row of many lines is scanned once — never re-split from its start.
 */
class RowSplitter {
  fields: string[] = [];
  private cell = '';
  private inQuotes = false;
  private quotedCell = false;
  chars = 0;
  constructor(private readonly delimiter: string, private readonly quoting: boolean) {}

  get open(): boolean {
    return this.inQuotes;
  }

  feed(line: string, continued = false): this {
    this.chars += line.length;
    if (!this.quoting) { this.fields.push(...line.split(this.delimiter)); return this; }
    if (continued) this.cell += '\n';
    const d = this.delimiter;
    let i = 0;
    while (i < line.length) {
      if (this.inQuotes) {
        const q = line.indexOf('"', i);
        if (q < 0) { this.cell += line.slice(i); break; }
        this.cell += line.slice(i, q);
        if (line[q + 1] === '"') { this.cell += '"'; i = q + 2; } else { this.inQuotes = false; i = q + 1; }
        continue;
      }
      const c = line[i]!;
      if (c === '"' && this.cell.trim() === '' && !this.quotedCell) {
        this.inQuotes = true;
        this.quotedCell = true;
        this.cell = '';
      } else if (c === d) {
        this.fields.push(this.cell);
        this.cell = '';
        this.quotedCell = false;
      } else this.cell += c;
      i++;
    }
    return this;
  }

  /** The row's cells (call once the row is complete). */
  finish(): string[] {
    if (this.quoting) this.fields.push(this.cell);
    return this.fields;
  }
}

/** Split one line; `open` says a quoted cell is still open at the end of it. */
export function splitLine(line: string, delimiter: string, quoting: boolean): { fields: string[]; open: boolean } {
  const s = new RowSplitter(delimiter, quoting).feed(line);
  const open = s.open;
  return { fields: s.finish(), open };
}

/**
 * Rows (or problems) from a text stream; the first row is the header, as the file has it. Linear in the text: a row
 * spanning many lines is split as it comes. A line past MAX_LINE_CHARS, or a row past it in total, is one problem.
 */
export async function* delimitedRows(
  chunks: AsyncIterable<string>, opts: DelimitedOptions,
): AsyncIterable<Row | RowProblem> {
  const maxLines = opts.maxLinesPerRow ?? 2000;
  const maxChars = opts.maxRowChars ?? MAX_LINE_CHARS;
  let lineNo = 0;
  let pending: { split: RowSplitter; line: number; lines: number } | null = null;
  for await (const line of textLines(chunks, maxChars)) {
    lineNo++;
    if (line instanceof OverlongLine) {
      if (pending) { yield { line: pending.line, reason: `a quoted cell runs into line ${lineNo}, which is too long: ${line.reason}` }; pending = null; }
      else yield { line: lineNo, reason: line.reason };
      continue;
    }
    if (pending) {
      const alone = splitLine(line, opts.delimiter, opts.quoting);
      if ((!alone.open && opts.isRowStart?.(alone.fields)) || pending.lines >= maxLines || pending.split.chars + line.length > maxChars) {
        const why = pending.lines >= maxLines ? ` within ${maxLines} lines` : pending.split.chars + line.length > maxChars ? ` within ${maxChars} characters` : '';
        yield { line: pending.line, reason: `unbalanced quote: a quoted cell never closes${why}` };
        pending = null;
      } else {
        pending.split.feed(line, true);
        pending.lines++;
        if (!pending.split.open) {
          yield { fields: pending.split.finish(), line: pending.line };
          pending = null;
        }
        continue;
      }
    }
    if (line.trim() === '') continue;
    const split = new RowSplitter(opts.delimiter, opts.quoting).feed(line);
    if (split.open) pending = { split, line: lineNo, lines: 1 };
    else yield { fields: split.finish(), line: lineNo };
  }
  if (pending) yield { line: pending.line, reason: 'unbalanced quote: a quoted cell never closes before the end of the file' };
}

export function isProblem(r: Row | RowProblem): r is RowProblem {
  return 'reason' in r;
}
