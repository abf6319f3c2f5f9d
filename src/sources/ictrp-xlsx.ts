/**
 * WHO ICTRP "COVID19-web" export saved as XLSX (format `ictrp-xlsx`): one sheet, a header row TrialID, Public title…,
 * cells holding `_x000D_` escapes and `<br>`, dates as Excel day numbers. Streamed with exceljs' WorkbookReader, one
 * row at a time (the shared-strings table is held, as XLSX requires); rows go to the shared ICTRP mapping.
 *
 * Detection sees only the first 64 KiB: the zip signature, then the members inside the head are inflated as far as
 * they go, looking for the ICTRP header words in the shared strings or the first sheet.
 */
import { inflateRawSync, constants } from 'node:zlib';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { columnKey, ictrpHeaderScore, ictrpRecords, type IctrpRow, type RowItem } from './ictrp-row.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ictrp-xlsx';

/** Local zip members found in a head of bytes: name and as much of the content as the head holds, inflated. */
export function zipHeadMembers(head: Buffer): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  let at = 0;
  while (at + 30 <= head.length && head.readUInt32LE(at) === 0x04034b50) {
    const flags = head.readUInt16LE(at + 6);
    const method = head.readUInt16LE(at + 8);
    const size = head.readUInt32LE(at + 18);
    const nameLen = head.readUInt16LE(at + 26);
    const extraLen = head.readUInt16LE(at + 28);
    const name = head.subarray(at + 30, at + 30 + nameLen).toString('utf8');
    const start = at + 30 + nameLen + extraLen;
    const sizeLater = (flags & 0x08) !== 0 && size === 0; // sizes follow the data, in a data descriptor
    const data = head.subarray(start, sizeLater ? head.length : Math.min(head.length, start + size));
    let text = '';
    let used = size;
    try {
      if (method === 0) text = data.toString('utf8');
      else if (method === 8) {
        const res = inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
        text = res.buffer.toString('utf8');
        if (sizeLater) used = res.engine.bytesWritten;
      }
    } catch {
      text = '';
    }
    out.push({ name, text });
    if (sizeLater && method !== 8) break; // a stored member of unknown length: cannot find the next one
    let next = start + used;
    if (sizeLater) next += next + 4 <= head.length && head.readUInt32LE(next) === 0x08074b50 ? 16 : 12;
    if (next > head.length || next <= at) break;
    at = next;
  }
  return out;
}

/** The text of an Excel cell value, whatever exceljs made of it. Numbers stay numbers in text (date serials too). */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    if (o.error) return '';
  }
  return String(v);
}

/** The largest workbook taken (the COVID19-web exports are 3–4 MB). */
export const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;

/**
 * The workbook's bytes, once every member was found in the central directory and inflated whole — or the reason it
 * cannot be read. exceljs' streaming reader waits forever on some damaged zips (found by the fuzzer: a deleted range
 * plus one extra byte), so nothing reaches it that has not passed this check.
 */
async function checkedWorkbook(input: InputFile): Promise<Buffer | string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of input.bytes()) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_WORKBOOK_BYTES) return `larger than ${MAX_WORKBOOK_BYTES} bytes`;
    parts.push(b);
  }
  const buf = Buffer.concat(parts);
  const problem = await new Promise<string | null>((resolve) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, decodeStrings: false }, (err, zip) => {
      if (err || !zip) { resolve(`corrupt zip: ${err?.message ?? 'unreadable'}`); return; }
      zip.on('error', (e: Error) => resolve(`corrupt zip: ${e.message}`));
      zip.on('end', () => resolve(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) { resolve(`corrupt zip member: ${e?.message ?? 'unreadable'}`); return; }
          stream.on('error', (se: Error) => resolve(`corrupt zip member: ${se.message}`));
          stream.on('end', () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  });
  return problem ?? buf;
}

async function* xlsxRows(input: InputFile, headers: Record<string, string>): AsyncIterable<RowItem> {
  const workbook = await checkedWorkbook(input);
  if (typeof workbook === 'string') {
    yield { issue: { position: 'workbook', reason: `corrupt or unreadable workbook: ${workbook}` } };
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([workbook]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  let sheetNo = 0;
  let found = false;
  let lastRow = 0;
  try {
    for await (const sheet of reader) {
      sheetNo++;
      let keys: string[] | null = null;
      let n = 0;
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (!keys) {
          const candidate = values.map((h) => columnKey(h));
          if (ictrpHeaderScore(candidate) >= 0.6) {
            keys = candidate;
            candidate.forEach((k, i) => { headers[k] ??= values[i].trim(); });
          }
          continue;
        }
        if (values.every((v) => v.trim() === '')) continue;
        const rec: IctrpRow = {};
        keys.forEach((k, i) => { if (k) rec[k] = values[i] ?? ''; });
        n++;
        lastRow = row.number;
        yield { row: rec, position: `${sheetNo > 1 ? `sheet ${sheetNo} ` : ''}row ${row.number}` };
      }
      if (keys) found = true;
      if (keys && n === 0) yield { issue: { position: `sheet ${sheetNo}`, reason: 'ICTRP header row but no registrations' } };
    }
  } catch (e) {
    // a damaged workbook (corrupt deflate data, broken sheet XML): the rows before the damage stand
    const where = sheetNo ? `sheet ${sheetNo}${lastRow ? ` after row ${lastRow}` : ''}` : 'workbook';
    yield { issue: { position: where, reason: `corrupt or unreadable workbook: ${e instanceof Error ? e.message : String(e)}` } };
    return;
  }
  if (!found) yield { issue: { position: 'workbook', reason: 'no sheet has an ICTRP header row (TrialID, Public title, …)' } };
}

export const ictrpXlsx: SourceFormat = {
  id: FORMAT_ID,
  label: 'WHO ICTRP COVID19-web export saved as XLSX',
  detect(input) {
    const h = input.head;
    if (h.length < 4 || h.readUInt32LE(0) !== 0x04034b50) return 0;
    const members = zipHeadMembers(h);
    if (!members.some((m) => m.name.startsWith('xl/'))) return 0;
    const words = members.filter((m) => /sharedStrings|worksheets\/sheet/.test(m.name)).map((m) => m.text).join('\n');
    if (/>TrialID</.test(words) && /Public title|Scientific title/.test(words)) return 0.95;
    return /\.xlsx$/i.test(input.name) ? 0.3 : 0.1;
  },
  parse(input: InputFile): AsyncIterable<ParseItem> {
    const headers: Record<string, string> = {};
    return ictrpRecords(xlsxRows(input, headers), FORMAT_ID, input.name, headers);
  },
};
