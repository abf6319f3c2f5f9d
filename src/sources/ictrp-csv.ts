/**
 * WHO ICTRP CSV export (format `ictrp-csv`): the COVID19-*-trials downloads and the design gold file; quoted fields,
 * `<br>` inside cells, very long padded strings. Detected by the header row (TrialID, Public title, …), streamed
 * with csv-parse; a row csv-parse cannot read is reported with its line and skipped.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { columnKey, ictrpHeaderScore, ictrpRecords, type RowItem } from './ictrp-row.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ictrp-csv';

function headerLine(headText: string): string {
  return headText.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '';
}

function sniffDelimiter(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][0];
}

async function* csvRows(input: InputFile, headers: Record<string, string>): AsyncIterable<RowItem> {
  const skipped: RowItem[] = [];
  const parser = parse({
    delimiter: sniffDelimiter(headerLine(input.headText)), bom: true, relax_quotes: true, relax_column_count: true,
    skip_empty_lines: true, info: true, skip_records_with_error: true,
    columns: (names: string[]) => names.map((h) => { const k = columnKey(h); headers[k] ??= h.trim(); return k; }),
  });
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ issue: { position: `line ${err.lines ?? '?'}`, reason: `unreadable CSV row: ${err.message}` } });
  });
  const source = Readable.from(input.text());
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let n = 0;
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    n++;
    yield { row: item.record, position: `row ${n} (line ${item.info.lines})` };
  }
  while (skipped.length) yield skipped.shift()!;
}

export const ictrpCsv: SourceFormat = {
  id: FORMAT_ID,
  label: 'WHO ICTRP CSV export (TrialID, Public title, … one registration per row)',
  detect(input) {
    const line = headerLine(input.headText);
    if (!/trialid/i.test(line)) return 0;
    const keys = line.split(sniffDelimiter(line)).map((h) => columnKey(h.replace(/^"|"$/g, '')));
    return ictrpHeaderScore(keys);
  },
  parse(input: InputFile): AsyncIterable<ParseItem> {
    const headers: Record<string, string> = {};
    return ictrpRecords(csvRows(input, headers), FORMAT_ID, input.name, headers);
  },
};
