/**
 * WHO ICTRP CSV export (format `ictrp-csv`): the COVID19-*-trials downloads and the design gold file; quoted fields,
 * `<br>` and line breaks inside cells, very long padded strings. Detected by the header row (TrialID, Public title, …),
 * streamed row by row with the same delimited reader as ClinicalTrials.gov's CSV (./ctgov-delimited.ts), so it gives
 * the same guarantees: every row's cell count is checked against the header, a damaged row (a quote that never
 * closes, a stray quote that shifts the columns, a short or long row) is rejected with its row and line, and the rows
 * after it are read.
 */
import { columnKey, ictrpHeaderScore, ictrpRecords, type RowItem } from './ictrp-row.js';
import { delimitedRows, isProblem } from './ctgov-delimited.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ictrp-csv';

function headerLine(headText: string): string {
  return headText.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '';
}

function sniffDelimiter(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][0];
}

/** A TrialID as registries write them: a letter, then letters, digits and `-/_.` with a digit somewhere; no spaces. */
const TRIAL_ID = /^[A-Za-z][A-Za-z0-9/_.-]*\d[A-Za-z0-9/_.-]*$/;

async function* csvRows(input: InputFile, headers: Record<string, string>): AsyncIterable<RowItem> {
  const delimiter = sniffDelimiter(headerLine(input.headText));
  let keys: string[] | null = null;
  let idCol = -1;
  let n = 0;
  // a line that on its own is a whole row starting with a TrialID ends a runaway quoted cell above it
  const isRowStart = (fields: string[]): boolean =>
    keys !== null && fields.length === keys.length && TRIAL_ID.test((fields[idCol] ?? '').trim());
  for await (const row of delimitedRows(input.text(), { delimiter, quoting: true, isRowStart })) {
    if (!keys) {
      if (isProblem(row)) { yield { issue: { position: `line ${row.line}`, reason: `header: ${row.reason}` } }; return; }
      keys = row.fields.map((h) => { const k = columnKey(h); headers[k] ??= h.trim(); return k; });
      idCol = keys.indexOf('trialid');
      continue;
    }
    n++;
    const position = `row ${n} (line ${row.line})`;
    if (isProblem(row)) { yield { issue: { position, reason: `unreadable CSV row: ${row.reason}` } }; continue; }
    if (row.fields.length !== keys.length) {
      const id = (row.fields[idCol] ?? '').trim();
      yield {
        issue: {
          position: `${position}${id && TRIAL_ID.test(id) ? ` ${id}` : ''}`,
          reason: `unreadable CSV row: expected ${keys.length} "${delimiter}"-separated cells, found ${row.fields.length} (a stray or missing quote, or a cut row)`,
        },
      };
      continue;
    }
    const cells: Record<string, string> = {};
    keys.forEach((k, i) => { if (k) cells[k] = row.fields[i]!; });
    yield { row: cells, position };
  }
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
