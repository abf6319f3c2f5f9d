/** Streaming writers for NDJSON (one JSON value per line), a JSON array, and RFC 4180 CSV (csv-stringify). */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Row } from './columns.js';
import { write } from './sink.js';

export async function writeNdjson(items: AsyncIterable<unknown>, out: Writable): Promise<number> {
  let n = 0;
  for await (const item of items) { await write(out, JSON.stringify(item) + '\n'); n++; }
  return n;
}

/** A JSON array written element by element: `[` … `]`, never held in memory whole. */
export async function writeJsonArray(items: AsyncIterable<unknown>, out: Writable): Promise<number> {
  let n = 0;
  await write(out, '[');
  for await (const item of items) { await write(out, (n ? ',\n' : '\n') + JSON.stringify(item)); n++; }
  await write(out, n ? '\n]\n' : ']\n');
  return n;
}

/**
 * RFC 4180 with CRLF rows. csv-stringify quotes a cell holding the record delimiter (CRLF) but not one holding a bare
 * LF or CR, which spreadsheet and Python readers then split into rows: quote any line break.
 */
const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** Rows of cells as RFC 4180 CSV text: the one CSV dialect of the exports and the API. */
export function csvRecords(rows: string[][]): string {
  return stringify(rows, CSV_OPTIONS);
}

/**
 * Registry text is hostile: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula (`=HYPERLINK(…)`, `@SUM(…)`). Such text gets a leading `'` so it stays text (OWASP CSV injection).
 * Numbers are numbers, not text, and are left alone.
 */
export function spreadsheetText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * The UTF-8 byte-order mark. Excel opens a CSV without one in the machine's legacy code page, so every accented or
 * Chinese title turns to mojibake; with it, Excel (and LibreOffice, pandas with utf-8-sig, R's readr) reads UTF-8.
 */
export const UTF8_BOM = '\ufeff';

/** CSV with a BOM and a header row; booleans as true/false, null as an empty cell, formula-like text neutralised. */
export async function writeCsv(columns: readonly string[], rows: AsyncIterable<Row>, out: Writable): Promise<number> {
  let n = 0;
  await write(out, UTF8_BOM + csvRecords([[...columns]]));
  for await (const row of rows) {
    const cells = columns.map((c) => { const v = row[c]; return v === null || v === undefined ? '' : typeof v === 'string' ? spreadsheetText(v) : String(v); });
    await write(out, csvRecords([cells]));
    n++;
  }
  return n;
}
