/**
 * Input format `irct-xml`: the XML download of an IRCT trial page (irct.ir/trial/N/xml), the WHO trial XML
 * (`<trials><trial><main><trial_id>…`, DTD inline). Streamed one `<trial>` at a time (./xml-records.ts: a broken trial costs that trial only); each trial's
 * elements are laid out as a WHO ICTRP row and mapped by the shared ICTRP mapping (./ictrp-row.ts), so an IRCT
 * download and the same trial in an ICTRP export give the same registration.
 */
import { MAX_RECORD_CHARS, parseXmlRecord, xmlRecordTexts } from './xml-records.js';
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
  let trialNo = 0;
  for await (const rec of xmlRecordTexts(input.text(), 'trial')) {
    trialNo++;
    const position = `trial ${trialNo} (line ${rec.line})`;
    if ('tooLong' in rec) { yield { issue: { position, reason: `trial of ${rec.tooLong} characters is longer than the limit of ${MAX_RECORD_CHARS}: skipped` } }; continue; }
    const row: IctrpRow = {};
    let text = '';
    const add = (key: string, value: string): void => {
      const v = value.trim();
      if (v) row[key] = row[key] ? `${row[key]};${v}` : v;
    };
    const broken = parseXmlRecord(rec, {
      opentag() { text = ''; },
      text(t) { text += t; },
      closetag(tag) {
        if (tag.name === 'trial') return;
        const key = COLUMN[tag.name] ?? (KEEP.test(tag.name) ? tag.name : null);
        if (key) add(key, text);
        text = '';
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
