/**
 * WHO ICTRP search-portal XML export (format `ictrp-xml`): `<Trials_downloaded_from_ICTRP><Trial><TrialID>…`.
 * Streamed one `<Trial>` at a time (./xml-records.ts: a broken trial costs that trial only); each becomes a row for the shared ICTRP mapping (./ictrp-row.ts).
 */
import { xmlRootElement } from './xml-root.js';
import { MAX_RECORD_CHARS, parseXmlRecord, xmlRecordTexts } from './xml-records.js';
import { columnKey, ictrpRecords, type IctrpRow, type RowItem } from './ictrp-row.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'ictrp-xml';

async function* xmlRows(input: InputFile, headers: Record<string, string>): AsyncIterable<RowItem> {
  let trialNo = 0;
  for await (const rec of xmlRecordTexts(input.text(), 'Trial')) {
    trialNo++;
    const position = `record ${trialNo} (line ${rec.line})`;
    if ('tooLong' in rec) { yield { issue: { position, reason: `record of ${rec.tooLong} characters is longer than the limit of ${MAX_RECORD_CHARS}: skipped` } }; continue; }
    const row: IctrpRow = {};
    let depth = 0;
    let field: string | null = null;
    let text = '';
    const broken = parseXmlRecord(rec, {
      opentag(tag) {
        depth++;
        if (depth === 2) { field = columnKey(tag.name); headers[field] ??= tag.name; text = ''; }
      },
      text(t) { if (field) text += t; },
      closetag() {
        if (depth === 2 && field) { row[field] = row[field] ? `${row[field]};${text}` : text; field = null; }
        depth--;
      },
    });
    if (broken) {
      const id = (row['trialid'] ?? '').trim();
      yield { issue: { position: `${position}${id ? ` ${id}` : ''}, line ${broken.line}, column ${broken.column}`, reason: `malformed XML: ${broken.reason}; the trial is skipped` } };
      continue;
    }
    yield { row, position };
  }
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
