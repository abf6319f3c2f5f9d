/**
 * The ICTRP readers on the bundled examples and on damaged fixtures: detection, the same registrations from all
 * three spellings, EU CTR merging, and bad rows reported with file, position and field while the rest goes through.
 * Needs nothing outside the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { Registration } from '../model/registration.js';
import { inputFromBuffer, openInputs } from './input.js';
import { detectFormat } from './index.js';
import { ictrpCsv } from './ictrp-csv.js';
import { ictrpXlsx, zipHeadMembers } from './ictrp-xlsx.js';
import { ictrpXml } from './ictrp-xml.js';
import { mutate } from './fuzz/fuzz-readers.js';
import { parseTargetSize, criteriaItems, euctrAgeLimits, ictrpInterventions, ictrpOutcomes } from './ictrp-fields.js';
import type { ParseItem, SourceFormat } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const FIXTURES = path.join(ROOT, 'src/sources/__fixtures__');

async function items(file: string, format?: SourceFormat): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const input of openInputs(file)) {
    const f = format ?? detectFormat(input);
    assert.ok(f, `no format for ${file}`);
    for await (const item of f.parse(input)) out.push(item);
  }
  return out;
}

const records = (list: ParseItem[]): Registration[] => list.flatMap((i) => (i.kind === 'record' ? [i.record] : []));

test('each example is claimed by its own format only', async () => {
  const cases: [string, string][] = [
    ['ictrp-export.xml', 'ictrp-xml'], ['ictrp-export.csv', 'ictrp-csv'], ['ictrp-export.xlsx', 'ictrp-xlsx'],
  ];
  for (const [file, id] of cases) {
    for await (const input of openInputs(path.join(EXAMPLES, file))) {
      assert.equal(detectFormat(input)?.id, id, file);
      for (const f of [ictrpXml, ictrpCsv, ictrpXlsx]) if (f.id !== id) assert.equal(f.detect(input), 0, `${f.id} on ${file}`);
    }
  }
  // a ClinicalTrials.gov download is not an ICTRP export, nor is a table of labels that carries a TrialID column
  for await (const input of openInputs(path.join(EXAMPLES, 'ctgov-search-results.tsv'))) {
    assert.equal(ictrpCsv.detect(input), 0);
  }
  const labels = await inputFromBuffer('labels.csv', Buffer.from(
    'TrialID,Scientific_title,Phase,Countries,control_arm,randomisation,blinding,phase_clean,sponsor_type,sample_size\nNCT04252118,x,2,China,Yes,Yes,No,Phase 2,Industry,10\n',
  ));
  assert.equal(ictrpCsv.detect(labels), 0);
});

test('the three examples give the same registrations; EU CTR rows merged', async () => {
  const strip = (r: Registration): string => {
    const c = structuredClone(r);
    c.source.format = '';
    c.source.file = null;
    return JSON.stringify(c);
  };
  const all = await Promise.all(['xml', 'csv', 'xlsx'].map((x) => items(path.join(EXAMPLES, `ictrp-export.${x}`))));
  for (const list of all) assert.deepEqual(list.filter((i) => i.kind === 'error'), []);
  const [xml, csv, xlsx] = all.map(records);
  assert.deepEqual(xml.map((r) => r.id), ['NCT05512345', 'ChiCTR2100045678', 'IRCT20210615051234N2', 'CTRI/2021/07/034567', 'EUCTR2021-004321-17']);
  assert.deepEqual(csv.map(strip), xml.map(strip));
  assert.deepEqual(xlsx.map(strip), xml.map(strip));

  const eu = xml.find((r) => r.id === 'EUCTR2021-004321-17')!;
  assert.equal(eu.source.recordId, 'EUCTR2021-004321-17-DE');
  assert.equal(eu.raw?.['other member-state records'], 'EUCTR2021-004321-17-FR');
  assert.equal(eu.raw?.['member-state sponsors'], 'Nordwind Pharma France SAS');
  assert.deepEqual(eu.countries, ['Germany', 'France']);
  assert.equal(eu.dates.registration, '2021-09-14');
  assert.equal(eu.source.lastRefreshed, '2021-11-01');
  assert.deepEqual(eu.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [['Time to sustained clinical recovery', 'Day 28']]);
  assert.deepEqual(eu.conditions, ['COVID-19']);
  // EU CTR leaves the age columns empty: the age-group table gives 18 and no upper limit, and is no criterion
  assert.deepEqual([eu.eligibility.minAgeYears, eu.eligibility.maxAgeYears], [18, null]);
  assert.deepEqual(eu.eligibility.inclusion, [
    'Adults aged 18 years or older', 'SARS-CoV-2 infection confirmed by PCR within 72 hours', 'Hospitalised and requiring supplemental oxygen',
  ]);

  const msc = xml.find((r) => r.id === 'ChiCTR2100045678')!;
  assert.equal(msc.enrollment.target, 60);
  assert.deepEqual(msc.interventions.map((i) => i.name), [
    'Intravenous infusion of hUC-MSCs 1×10^6 cells/kg on days 1, 3 and 5', 'Intravenous infusion of normal saline on days 1, 3 and 5',
  ]);
  assert.deepEqual(msc.arms.map((a) => [a.label, a.type]), [['Experimental group', 'experimental'], ['Control group', null]]);
  assert.deepEqual(msc.eligibility.inclusion, ['Aged 18 to 75 years', 'Severe COVID-19 pneumonia confirmed by RT-PCR and chest CT', 'Informed consent signed.']);

  const nct = xml.find((r) => r.id === 'NCT05512345')!;
  assert.deepEqual(nct.countries, ['United States', 'Canada']);
  assert.equal(nct.contacts.length, 1);
  assert.deepEqual(nct.outcomes.primary.map((o) => [o.measure, o.timeFrame]), [['Time to clinical recovery', 'Day 28'], ['Viral clearance', 'Day 7']]);
  assert.deepEqual(nct.eligibility.exclusion, ['Requiring mechanical ventilation', 'Known allergy to favipiravir']);
  assert.equal(nct.results.posted, false);
  assert.equal(nct.source.exportedAt, '2021-11-03T09:15:02');

  const irct = xml.find((r) => r.id === 'IRCT20210615051234N2')!;
  assert.deepEqual(irct.interventions.map((i) => [i.name, i.description]), [
    ['Intervention group', 'zinc sulfate 50 mg orally twice daily for 10 days'], ['Control group', 'placebo capsules twice daily for 10 days'],
  ]);
  const ctri = xml.find((r) => r.id === 'CTRI/2021/07/034567')!;
  assert.deepEqual([ctri.eligibility.minAgeYears, ctri.eligibility.maxAgeYears], [30, 70]);
});

test('bad CSV rows: no TrialID is an error naming file, row and field; the rest goes through', async () => {
  const file = path.join(FIXTURES, 'ictrp-bad-rows.csv');
  const list = await items(file, ictrpCsv);
  const errors = list.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.deepEqual(errors, [{ file, position: 'row 1 (line 2)', field: 'TrialID', reason: 'no TrialID' }]);
  const [odd, good] = records(list);
  assert.equal(odd.id, 'XYZ-2021-77');
  assert.equal(odd.registry, 'other');
  assert.equal(odd.dates.registration, null);
  assert.equal(odd.enrollment.target, null);
  assert.deepEqual(odd.countries, ['France']);
  for (const words of ['XYZ-2021-77', '31/02/2021', 'about forty', 'adults', 'Atlantis']) {
    assert.ok(odd.warnings.some((w) => w.includes(words)), `warning about ${words}: ${odd.warnings.join(' | ')}`);
  }
  assert.equal(good.id, 'DRKS00099999');
  assert.deepEqual([good.eligibility.minAgeYears, good.eligibility.maxAgeYears, good.eligibility.sex], [0.5, 17, 'all']);
  assert.equal(good.dates.registration, '2021-05-05');
  assert.equal(good.source.exportedAt, '2021-11-03T09:15:02');
  assert.deepEqual(good.warnings, []);
});

test('a CSV quote never closed: rows before it come out, then one error naming the file and line', async () => {
  const head = 'TrialID,Public title,Scientific title,Primary sponsor,Date registration,Source Register,web address,Countries,Target size,Study type\n';
  const input = await inputFromBuffer('broken.csv', Buffer.from(head
    + 'NCT05599991,Good one,,Acme,01/02/2022,ClinicalTrials.gov,,USA,12,Interventional\n'
    + 'NCT05599992,"Broken title,,Acme,01/02/2022,ClinicalTrials.gov,,USA,12,Interventional\n'));
  const out: ParseItem[] = [];
  for await (const i of ictrpCsv.parse(input)) out.push(i);
  assert.deepEqual(records(out).map((r) => r.id), ['NCT05599991']);
  const errors = out.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].file, 'broken.csv');
  assert.equal(errors[0].position, 'row 2 (line 3)');
  assert.match(errors[0].reason, /unreadable CSV row: unbalanced quote: a quoted cell never closes before the end of the file/);
});

test('truncated XML: the complete trial comes out, then an error with the line', async () => {
  const file = path.join(FIXTURES, 'ictrp-truncated.xml');
  const list = await items(file, ictrpXml);
  const recs = records(list);
  assert.deepEqual(recs.map((r) => [r.id, r.titles.public]), [['ISRCTN12345678', 'Complete trial before the damage & more']]);
  const errors = list.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.ok(errors.length >= 1);
  assert.equal(errors[0].file, file);
  assert.match(errors[0].position, /^record 2 \(line 8\) ACTRN12621000111222, line \d+, column \d+$/);
  assert.match(errors[0].reason, /malformed XML: .*the file ends inside it/);
});

test('a workbook without an ICTRP sheet is one clear error, and binary input does not flood XML errors', async () => {
  const notIctrp = await items(path.join(EXAMPLES, 'ictrp-export.xlsx'), ictrpXml);
  assert.ok(notIctrp.length <= 22, `${notIctrp.length} items`);
  assert.ok(notIctrp.every((i) => i.kind === 'error'));
});

test('zipHeadMembers reads members with sizes and with data descriptors', () => {
  const member = (name: string, text: string, descriptor: boolean): Buffer => {
    const data = deflateRawSync(Buffer.from(text));
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(descriptor ? 0x08 : 0, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(descriptor ? 0 : data.length, 18);
    h.writeUInt16LE(Buffer.byteLength(name), 26);
    const dd = Buffer.alloc(descriptor ? 16 : 0);
    if (descriptor) { dd.writeUInt32LE(0x08074b50, 0); dd.writeUInt32LE(data.length, 8); }
    return Buffer.concat([h, Buffer.from(name), data, dd]);
  };
  const zip = Buffer.concat([
    member('[Content_Types].xml', '<Types/>', true),
    member('xl/sharedStrings.xml', '<sst><si><t>TrialID</t></si><si><t>Public title</t></si></sst>', true),
    member('xl/worksheets/sheet1.xml', '<worksheet/>', false),
  ]);
  assert.deepEqual(zipHeadMembers(zip).map((m) => m.name), ['[Content_Types].xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']);
  assert.equal(ictrpXlsx.detect({ head: zip, headText: '', name: 'export.bin' }), 0.95);
  assert.equal(ictrpXlsx.detect({ head: zip.subarray(0, 40), headText: '', name: 'x.xlsx' }), 0);
});

test('a plain-text CSV from memory (the way pasted text arrives) is read too', async () => {
  const input = await inputFromBuffer('pasted.csv', Buffer.from(
    'TrialID,Public title,Scientific title,Primary sponsor,Date registration,Source Register,web address,Countries,Target size,Study type\n'
    + 'nct 05599999,Pasted trial,,Acme,01/02/2022,ClinicalTrials.gov,https://clinicaltrials.gov/show/NCT05599999,USA,12,Interventional\n',
  ));
  assert.equal(detectFormat(input)?.id, 'ictrp-csv');
  const recs: Registration[] = [];
  for await (const i of ictrpCsv.parse(input)) if (i.kind === 'record') recs.push(i.record);
  assert.deepEqual(recs.map((r) => [r.id, r.source.recordId, r.countries[0], r.dates.registration]), [
    ['NCT05599999', 'nct 05599999', 'United States', '2022-02-01'],
  ]);
});

test('row helpers: target size, criteria items, interventions, outcomes', () => {
  assert.deepEqual(parseTargetSize('survival group:200;died:200;'), { target: 400, warning: null });
  assert.deepEqual(parseTargetSize('Target condition:200;Difficult condition:0'), { target: 200, warning: null });
  assert.deepEqual(parseTargetSize('1,200'), { target: 1200, warning: null });
  assert.match(parseTargetSize('Medical students group; Non-medical students group:1300;').warning ?? '', /not a count/);
  assert.deepEqual(euctrAgeLimits('F.1.1.5 Children (2-11years) yes\nF.1.1.6 Adolescents (12-17 years) yes\nF.1.2 Adults (18-64 years) no\nF.1.3 Elderly (>=65 years) no'), { min: 2, max: 17 });
  assert.equal(euctrAgeLimits('Adults aged 18 or more'), null);
  assert.deepEqual(criteriaItems('Inclusion criteria: 1. Adults\n2) Consent\n- Mobile phone\n‚Ä¢ Ärzte only\nNone'), ['Adults', 'Consent', 'Mobile phone', 'Ärzte only']);
  assert.deepEqual(ictrpInterventions('Drug: A;Biological: B;Dietary Supplement: C').interventions.map((i) => [i.type, i.name]), [
    ['drug', 'A'], ['biological', 'B'], ['dietary_supplement', 'C'],
  ]);
  assert.deepEqual(ictrpInterventions('Gold Standard:PCR;Index test:Rapid antigen test;').interventions.map((i) => i.name), ['PCR', 'Rapid antigen test']);
  assert.deepEqual(ictrpOutcomes('Mortality ( Time Frame: up to 4 weeks );Mortality rate').map((o) => [o.measure, o.timeFrame]), [
    ['Mortality', 'up to 4 weeks'], ['Mortality rate', null],
  ]);
});

// ---- CSV damage: the same guarantees as the ClinicalTrials.gov CSV reader ----

const REAL_CSV = path.resolve(ROOT, '../shared/data/ictrp/COVID19-927-trials_7Apr2020.csv');

/** A record as JSON without the file name, to compare the reads of two spellings of the same rows. */
const same = (r: Registration): string => JSON.stringify({ ...r, source: { ...r.source, file: null } });

test('real ICTRP CSV, damaged four ways: each damaged row is rejected with its row and line, every other row reads as before', { skip: !existsSync(REAL_CSV) && 'needs ../shared/data (absent)' }, async () => {
  const text = readFileSync(REAL_CSV, 'utf8');
  const clean = await inputFromBuffer('clean.csv', Buffer.from(text));
  const before: Registration[] = [];
  for await (const i of ictrpCsv.parse(clean)) if (i.kind === 'record') before.push(i.record);
  const ids = before.map((r) => r.source.recordId!);
  let damaged = text;
  const edit = (id: string, change: (row: string) => string): void => {
    const from = damaged.indexOf(`\n"${id}",`) + 1;
    const next = ids[ids.indexOf(id) + 1]!;
    const to = damaged.indexOf(`\n"${next}",`) + 1;
    damaged = damaged.slice(0, from) + change(damaged.slice(from, to)) + damaged.slice(to);
  };
  const [missing, stray, short, long] = [ids[5]!, ids[10]!, ids[15]!, ids[20]!];
  edit(missing, (row) => row.replace(/"(\r?\n)$/, '$1')); // the row's last closing quote lost
  edit(stray, (row) => row.replace(`"${stray}","`, `"${stray}","5" screen, `)); // a stray quote: one cell more
  edit(short, (row) => row.replace(/,"[^"]*"(\r?\n)$/, '$1')); // the last cell cut off
  edit(long, (row) => row.replace(/(\r?\n)$/, ',"extra"$1')); // one cell too many
  const input = await inputFromBuffer('damaged.csv', Buffer.from(damaged));
  const out: ParseItem[] = [];
  for await (const i of ictrpCsv.parse(input)) out.push(i);
  const errors = out.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.deepEqual(errors.map((e) => e.position.replace(/ \(line \d+\).*/, '')), ['row 6', 'row 11', 'row 16', 'row 21']);
  for (const e of errors) assert.match(e.reason, /^unreadable CSV row: (unbalanced quote|expected 40 ","-separated cells, found (39|41))/);
  const after = records(out);
  const lost = new Set([missing, stray, short, long]);
  assert.deepEqual(after.map((r) => r.source.recordId), ids.filter((id) => !lost.has(id)));
  const was = new Map(before.map((r) => [r.source.recordId, same(r)]));
  for (const r of after) assert.equal(same(r), was.get(r.source.recordId), `${r.id} reads as before the damage`);
});

test('examples/ictrp-export.csv: every row has the header\'s 40 cells and all six rows read', async () => {
  const list = await items(path.join(EXAMPLES, 'ictrp-export.csv'), ictrpCsv);
  assert.deepEqual(list.filter((i) => i.kind === 'error'), []);
  assert.equal(records(list).length, 5); // six rows, the two EU CTR member-state rows folded into one
});

const REAL_XML = path.resolve(ROOT, '../shared/data/ictrp/ICTRP-Results_18Mar2020.xml');

test('real ICTRP XML with a break in two trials: one message each, every other trial reads as before', { skip: !existsSync(REAL_XML) && 'needs ../shared/data (absent)' }, async () => {
  const text = readFileSync(REAL_XML, 'utf8');
  const read = async (t: string): Promise<ParseItem[]> => {
    const out: ParseItem[] = [];
    for await (const i of ictrpXml.parse(await inputFromBuffer('ictrp.xml', Buffer.from(t)))) out.push(i);
    return out;
  };
  const before = records(await read(text));
  assert.equal(before.length, 578);
  // trial 10: a mismatched closing tag; trial 20: its </Trial> lost (it runs into trial 21)
  const starts: number[] = [];
  for (let at = text.indexOf('<Trial>'); at >= 0; at = text.indexOf('<Trial>', at + 1)) starts.push(at);
  const t10 = text.slice(starts[9], starts[10]).replace('</Public_title>', '</Public_titl>');
  const t20 = text.slice(starts[19], starts[20]).replace('</Trial>', '');
  const damaged = text.slice(0, starts[9]) + t10 + text.slice(starts[10], starts[19]) + t20 + text.slice(starts[20]);
  const out = await read(damaged);
  const errors = out.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.equal(errors.length, 2, errors.map((e) => `${e.position}: ${e.reason}`).join('\n'));
  assert.match(errors[0]!.position, /^record 10 \(line \d+\) \S+, line \d+, column \d+$/);
  assert.match(errors[0]!.reason, /^malformed XML: unexpected close tag.*; the trial is skipped$/);
  assert.match(errors[1]!.position, /^record 20 \(line \d+\)/);
  assert.match(errors[1]!.reason, /does not close before the next <Trial>/);
  const lost = new Set([9, 19].map((i) => before[i]!.source.recordId));
  const after = records(out);
  assert.deepEqual(after.map((r) => r.source.recordId), before.map((r) => r.source.recordId).filter((id) => !lost.has(id)));
  const was = new Map(before.map((r) => [r.source.recordId, same(r)]));
  for (const r of after) assert.equal(same(r), was.get(r.source.recordId), `${r.id} reads as before the damage`);
});

test('a damaged workbook (found by the fuzzer: corrupt deflate data) is one error with its reason, not an exception', async () => {
  const bytes = mutate(readFileSync(path.join(EXAMPLES, 'ictrp-export.xlsx')), [
    { kind: 'truncate', at: 271636221 }, { kind: 'deleteLine', line: 978346117 }, { kind: 'delete', at: 113326958, length: 88 }, { kind: 'flip', at: 1806053044, value: 39 },
  ]);
  const out: ParseItem[] = [];
  for await (const i of ictrpXlsx.parse(await inputFromBuffer('damaged.xlsx', bytes))) out.push(i);
  const errors = out.flatMap((i) => (i.kind === 'error' ? [i.issue] : []));
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.reason, /^corrupt or unreadable workbook: /);
});

test('a workbook whose zip is damaged (found by the fuzzer: exceljs waited forever on it) is one error, and reading ends', { timeout: 20_000 }, async () => {
  const bytes = mutate(readFileSync(path.join(EXAMPLES, 'ictrp-export.xlsx')), [
    { kind: 'delete', at: 89288858, length: 323 }, { kind: 'field', at: 209049690, op: 'addDelimiter' },
  ]);
  const out: ParseItem[] = [];
  for await (const i of ictrpXlsx.parse(await inputFromBuffer('damaged.xlsx', bytes))) out.push(i);
  assert.deepEqual(out.map((i) => (i.kind === 'error' ? i.issue.reason.replace(/:.*/, '') : i.kind)), ['corrupt or unreadable workbook']);
});
