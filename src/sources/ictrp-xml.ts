/**
 * WHO ICTRP search-portal XML export (format `ictrp-xml`): `<Trials_downloaded_from_ICTRP><Trial><TrialID>…`.
 * Streamed with saxes, one `<Trial>` at a time; each becomes a row for the shared ICTRP mapping (./ictrp-row.ts).
 */
import { xmlRootElement } from './xml-root.js';
import { SaxesParser } from 'saxes';
import { columnKey, ictrpRecords, type IctrpRow, type RowItem } from './ictrp-row.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ictrp-xml';

/** Stop after this many XML errors: the rest of such a file is noise. */
const MAX_XML_ERRORS = 20;

async function* xmlRows(input: InputFile, headers: Record<string, string>): AsyncIterable<RowItem> {
  const parser = new SaxesParser({ position: true });
  const queue: RowItem[] = [];
  let depth = 0;
  let trialNo = 0;
  let trialLine = 0;
  let row: IctrpRow | null = null;
  let field: string | null = null;
  let text = '';
  let errors = 0;

  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 2 && tag.name === 'Trial') { row = {}; trialNo++; trialLine = parser.line; }
    else if (depth === 3 && row) { field = columnKey(tag.name); headers[field] ??= tag.name; text = ''; }
  });
  parser.on('text', (t) => { if (field) text += t; });
  parser.on('cdata', (t) => { if (field) text += t; });
  parser.on('closetag', () => {
    if (depth === 3 && row && field) { row[field] = row[field] ? `${row[field]};${text}` : text; field = null; }
    else if (depth === 2 && row) { queue.push({ row, position: `record ${trialNo} (line ${trialLine})` }); row = null; }
    depth--;
  });
  parser.on('error', (e) => {
    if (++errors > MAX_XML_ERRORS) return;
    queue.push({ issue: { position: `line ${parser.line}, column ${parser.column}`, reason: `malformed XML: ${e.message.replace(/^.*?:\d+:\d+: /, '')}` } });
  });

  for await (const chunk of input.text()) {
    parser.write(chunk);
    while (queue.length) yield queue.shift()!;
    if (errors >= MAX_XML_ERRORS) {
      yield { issue: { position: `line ${parser.line}`, reason: `too many XML errors; stopped reading after record ${trialNo}` } };
      return;
    }
  }
  parser.close();
  while (queue.length) yield queue.shift()!;
}

export const ictrpXml: SourceFormat = {
  id: FORMAT_ID,
  label: 'WHO ICTRP XML export (<Trials_downloaded_from_ICTRP>)',
  detect(input) {
    const root = xmlRootElement(input.headText);
    if (root === 'Trials_downloaded_from_ICTRP') return 0.99;
    if (root && /<Trial>\s*<TrialID>/.test(input.headText)) return 0.8;
    return 0;
  },
  parse(input: InputFile): AsyncIterable<ParseItem> {
    const headers: Record<string, string> = {};
    return ictrpRecords(xmlRows(input, headers), FORMAT_ID, input.name, headers);
  },
};
