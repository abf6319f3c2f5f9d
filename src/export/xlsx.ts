/**
 * XLSX export with exceljs's streaming WorkbookWriter: rows are committed as they come (constant memory).
 * The sheet opens ready to work in: a bold header row frozen in place, filters on every column, and dates as real
 * dates (sortable, filterable by month or year) rather than text.
 */
import { PassThrough, type Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { DATE_COLUMNS, type Row } from './columns.js';
import { spreadsheetText } from './text-formats.js';

/** Excel refuses cells longer than this. */
const MAX_CELL = 32_767;

/** Date formats by how much of the date the registry gave: a month-only date shows as a month, not as its 1st. */
const DATE_FORMATS: Record<number, string> = { 4: 'yyyy', 7: 'yyyy-mm', 10: 'yyyy-mm-dd' };

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a UTC date, or null when the text is not such a date. */
export function isoDate(s: string): Date | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // 2020-02-30 is not a date: keep such text as text
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function cell(v: Row[string]): string | number | boolean | null {
  if (typeof v !== 'string') return v ?? null;
  const s = spreadsheetText(v);
  return s.length > MAX_CELL ? s.slice(0, MAX_CELL - 12) + ' [truncated]' : s;
}

export async function writeXlsx(columns: readonly string[], rows: AsyncIterable<Row>, out: Writable, sheet = 'TrialAtlas'): Promise<number> {
  // exceljs ends the stream it writes to: give it its own, so `out` (maybe stdout) stays ours to close
  const zip = new PassThrough();
  zip.pipe(out, { end: false });
  const drained = once(zip, 'end');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(Math.max(c.length + 2, 12), 40) }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const dateAt = columns.map((c) => DATE_COLUMNS.has(c));
  let n = 0;
  for await (const row of rows) {
    const r = ws.addRow(columns.map((c) => cell(row[c])));
    columns.forEach((c, i) => {
      const v = row[c];
      if (!dateAt[i] || typeof v !== 'string') return;
      const d = isoDate(v);
      if (!d) return;
      const target = r.getCell(i + 1);
      target.value = d;
      target.numFmt = DATE_FORMATS[v.length]!;
    });
    r.commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  await drained;
  return n;
}
