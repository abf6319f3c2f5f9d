/**
 * Input format `irct-xml`: the XML download of an IRCT trial page (irct.ir/trial/N/xml), the WHO trial XML
 * (`<trials><trial><main><trial_id>…`, DTD inline). Streamed with saxes, one `<trial>` at a time; each trial's
 * elements are laid out as a WHO ICTRP row and mapped by the shared ICTRP mapping (./ictrp-row.ts), so an IRCT
 * download and the same trial in an ICTRP export give the same registration.
 */
import { SaxesParser } from 'saxes';
import { ictrpRecords, type IctrpRow, type RowItem } from './ictrp-row.js';
import type { InputFile, ParseItem, SourceFormat } from './types.js';

export const FORMAT_ID = 'irct-xml';

/** WHO trial XML element (by its parent when the name alone is ambiguous) → ICTRP column key. */
const COLUMN: Record<string, string> = {
  trial_id: 'trialid', reg_name: 'source_register', date_registration: 'date_registration', primary_sponsor: 'primary_sponsor',
  public_title: 'public_title', acronym: 'acronym', scientific_title: 'scientific_title', date_enrolment: 'date_enrollement',
  target_size: 'target_size', recruitment_status: 'recruitment_status', url: 'web_address', study_type: 'study_type',
  study_design: 'study_design', phase: 'phase', hc_freetext: 'condition', hc_keyword: 'condition', i_freetext: 'intervention',
  i_keyword: 'intervention', results_date_posted: 'results_date_posted', results_date_completed: 'results_date_completed',
  results_url_link: 'results_url_link', country2: 'countries', inclusion_criteria: 'inclusion_criteria', agemin: 'inclusion_agemin',
  agemax: 'inclusion_agemax', gender: 'inclusion_gender', exclusion_criteria: 'exclusion_criteria', prim_outcome: 'primary_outcome',
  sec_outcome: 'secondary_outcome', sponsor_name: 'secondary_sponsor', sec_id: 'secondary_id', firstname: 'contact_firstname',
  lastname: 'contact_lastname', address: 'contact_address', email: 'contact_email', telephone: 'contact_tel',
  affiliation: 'contact_affiliation', source_name: 'source_support', utrn: 'utrn',
};

/** Elements whose text is kept (as raw) though no ICTRP column takes it. */
const KEEP = /^(results_|type_enrolment|scientific_acronym|issuing_authority|hc_code|i_code)/;

async function* trialRows(input: InputFile): AsyncIterable<RowItem> {
  const parser = new SaxesParser({ position: true });
  const queue: RowItem[] = [];
  let row: IctrpRow | null = null;
  let trialNo = 0;
  let trialLine = 0;
  let text = '';
  let errors = 0;
  const add = (key: string, value: string): void => {
    const v = value.trim();
    if (!row || !v) return;
    row[key] = row[key] ? `${row[key]};${v}` : v;
  };
  parser.on('opentag', (tag) => {
    text = '';
    if (tag.name === 'trial') { row = {}; trialNo++; trialLine = parser.line; }
  });
  parser.on('text', (t) => { text += t; });
  parser.on('cdata', (t) => { text += t; });
  parser.on('closetag', (tag) => {
    if (tag.name === 'trial' && row) { queue.push({ row, position: `trial ${trialNo} (line ${trialLine})` }); row = null; return; }
    const key = COLUMN[tag.name] ?? (KEEP.test(tag.name) ? tag.name : null);
    if (key) add(key, text);
    text = '';
  });
  parser.on('error', (e) => {
    errors++;
    queue.push({ issue: { position: `line ${parser.line}, column ${parser.column}`, reason: `malformed XML: ${e.message.replace(/^.*?:\d+:\d+: /, '')}` } });
  });
  for await (const chunk of input.text()) {
    parser.write(chunk);
    while (queue.length) yield queue.shift()!;
    if (errors > 20) return;
  }
  parser.close();
  while (queue.length) yield queue.shift()!;
}

export const irctXml: SourceFormat = {
  id: FORMAT_ID,
  label: 'IRCT trial XML download (WHO trial XML: <trials><trial><main>…)',
  detect(input) {
    const t = input.headText.slice(0, 16384);
    if (/<!ELEMENT trials \(trial\+\)>/.test(t) || /<trials>\s*<trial>\s*<main>\s*<trial_id>/.test(t)) return 0.95;
    return 0;
  },
  parse(input: InputFile): AsyncIterable<ParseItem> {
    return ictrpRecords(trialRows(input), FORMAT_ID, input.name);
  },
};
