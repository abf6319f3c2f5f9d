/** XLSX export with exceljs's streaming WorkbookWriter: rows are committed as they come (constant memory). */
import { PassThrough, type Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { Row } from './columns.js';
import { spreadsheetText } from './text-formats.js';

/** Excel refuses cells longer than this. */
const MAX_CELL = 32_767;

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
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(Math.max(c.length + 2, 12), 40) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const row of rows) {
    ws.addRow(columns.map((c) => cell(row[c]))).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  await drained;
  return n;
}
