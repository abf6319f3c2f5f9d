/**
 * readRecords, the one entry point of the CLI and ingest: file markers, format detection and forcing, inputs
 * no format claims, bad archives among good files, secondary ids collected from text, the field-size guard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { emptyRegistration } from '../model/registration.js';
import { FORMATS, describeContent, detectFormat, formatById, guardFieldSizes, MAX_FIELD_CHARS, readRecords, type ReadItem } from './index.js';
import { inputFromBuffer } from './input.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__');
const EXAMPLES = path.join(ROOT, 'examples');

async function items(paths: string[], format?: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const it of readRecords(paths, format ? { format } : {})) out.push(it);
  return out;
}

const kinds = (xs: ReadItem[]) => xs.map((x) => (x.kind === 'record' ? `record ${x.record.id}` : x.kind === 'file' ? `file ${path.basename(x.file)} ${x.format}` : `error ${path.basename(x.issue.file)}`));

test('the ClinicalTrials.gov formats are registered, with distinct ids', () => {
  for (const id of ['ctgov-tsv', 'ctgov-json', 'ctgov-xml']) assert.equal(formatById(id)?.id, id);
  assert.equal(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
});

test('a file marker before each file\'s records; a bad archive among good files is named and the rest goes on', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-read-'));
  writeFileSync(path.join(dir, 'broken.zip'), Buffer.from('PK\u0003\u0004 nothing else'));
  const out = await items([path.join(FIX, 'ctgov-legacy.xml'), dir, path.join(EXAMPLES, 'ctgov-studies.ndjson')]);
  assert.deepEqual(kinds(out), [
    'file ctgov-legacy.xml ctgov-xml', 'record NCT09200001', 'record NCT09200002', 'error ctgov-legacy.xml',
    'error broken.zip',
    'file ctgov-studies.ndjson ctgov-json', 'record NCT09400001', 'record NCT09400002',
  ]);
  const rec = out[1]!;
  assert.ok(rec.kind === 'record');
  assert.equal(rec.file, path.join(FIX, 'ctgov-legacy.xml'));
  assert.match(rec.position, /^study 1 \(line \d+\) NCT09200001$/);
  assert.equal(rec.record.source.file, path.join(FIX, 'ctgov-legacy.xml'));
});

test('an input no format claims: "not a trial export" with what it looked like', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-read-'));
  writeFileSync(path.join(dir, 'notes.txt'), 'Meeting notes\nnothing to see here\n');
  writeFileSync(path.join(dir, 'empty.tsv'), '');
  writeFileSync(path.join(dir, 'gbk.txt'), iconv.encode('这不是临床试验导出文件，只是一段中文说明。\n', 'gbk'));
  const out = await items([dir]);
  const reasons = out.map((x) => (x.kind === 'error' ? `${path.basename(x.issue.file)}: ${x.issue.reason}` : x.kind));
  assert.deepEqual(reasons, [
    'empty.tsv: empty file',
    `gbk.txt: not a trial export: ${path.join(dir, 'gbk.txt')} (looked like text starting "这不是临床试验导出文件，只是一段中文说明。")`,
    `notes.txt: not a trial export: ${path.join(dir, 'notes.txt')} (looked like text starting "Meeting notes")`,
  ]);
  assert.deepEqual(out.map((x) => (x.kind === 'error' ? x.issue.position : x.kind)), ['byte 0', 'whole file', 'whole file']);
  assert.equal(describeContent(await inputFromBuffer('p', Buffer.from('<!DOCTYPE html><html><body>hello</body></html>'))), 'an HTML page');
});

test('--format forces a format; an unknown format id is one clear error', async () => {
  const forced = await items([path.join(EXAMPLES, 'ctgov-search-results.tsv')], 'ctgov-tsv');
  assert.equal(forced.filter((x) => x.kind === 'record').length, 4);
  const wrong = await items([path.join(EXAMPLES, 'ctgov-search-results.tsv')], 'ctgov-xml');
  assert.ok(wrong.some((x) => x.kind === 'error' && /^no <clinical_study> element in the file/.test(x.issue.reason)));
  const unknown = await items([path.join(EXAMPLES, 'ctgov-search-results.tsv')], 'no-such-format');
  assert.equal(unknown.length, 1);
  assert.ok(unknown[0]!.kind === 'error' && /unknown format "no-such-format" \(known: .*ctgov-tsv/.test(unknown[0]!.issue.reason));
});

test('archives: zip members and gzip read like plain files', async () => {
  const out = await items([path.join(EXAMPLES, 'archive-example.zip'), path.join(EXAMPLES, 'archive-example.tsv.gz')]);
  assert.deepEqual(out.filter((x) => x.kind === 'error'), []);
  const files = out.flatMap((x) => (x.kind === 'file' ? [`${path.relative(EXAMPLES, x.file)} ${x.format}`] : []));
  assert.deepEqual(files, [
    'archive-example.zip!ctgov/search-results.csv ctgov-tsv', 'archive-example.zip!ctgov/studies.ndjson ctgov-json',
    'archive-example.tsv.gz ctgov-tsv',
  ]);
  const csv = out.filter((x) => x.kind === 'record' && x.file.endsWith('search-results.csv'));
  const gz = out.filter((x) => x.kind === 'record' && x.file.endsWith('.tsv.gz'));
  assert.equal(csv.length, 4);
  // the same studies, whichever way they were packed
  const strip = (x: ReadItem) => (x.kind === 'record' ? { ...x.record, source: null } : null);
  assert.deepEqual(csv.map(strip), gz.map(strip));
});

test('registry numbers written anywhere in the record join secondaryIds, the own id never', async () => {
  const tsv = [
    'NCT Number\tTitle\tStatus\tConditions\tOther IDs',
    'NCT09000001\tTwin of ChiCTR2000030261 (also NCT09000001)\tRecruiting\tCOVID-19\tEUCTR2020-001162-12-FR|SPONSOR-1',
  ].join('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-read-'));
  writeFileSync(path.join(dir, 'x.tsv'), tsv);
  const out = await items([dir]);
  const rec = out.find((x) => x.kind === 'record');
  assert.ok(rec && rec.kind === 'record');
  assert.deepEqual([...rec.record.secondaryIds].sort(), ['ChiCTR2000030261', 'EUCTR2020-001162-12']);
});

test('guardFieldSizes cuts over-long strings anywhere and says which field', () => {
  const r = emptyRegistration('NCT09000001', 'ClinicalTrials.gov');
  r.interventions.push({ type: 'drug', name: 'x', description: 'd'.repeat(MAX_FIELD_CHARS + 10), cellTherapy: null });
  r.titles.public = 'short';
  guardFieldSizes(r, r.warnings);
  assert.equal(r.interventions[0]!.description!.length, MAX_FIELD_CHARS);
  assert.equal(r.titles.public, 'short');
  assert.deepEqual(r.warnings, [`field interventions[0].description was ${MAX_FIELD_CHARS + 10} characters long; truncated to ${MAX_FIELD_CHARS}`]);
});

test('describeContent and detectFormat on what the head shows', async () => {
  assert.equal(describeContent(await inputFromBuffer('a', Buffer.from('<?xml version="1.0"?>\n<Trials_downloaded_from_ICTRP>'))), 'XML with root <Trials_downloaded_from_ICTRP>');
  assert.equal(describeContent(await inputFromBuffer('a', Buffer.from('{"resourceType": "Bundle"}'))), 'JSON that is not a study export');
  assert.equal(describeContent(await inputFromBuffer('a', Buffer.from([0, 1, 2, 3]))), 'binary data');
  assert.equal(detectFormat(await inputFromBuffer('x', Buffer.from('{"protocolSection": {}}')))?.id, 'ctgov-json');
});

test('a record that breaks a later stage is reported alone; the next one still comes out', async () => {
  const boom = {
    id: 'test-boom',
    label: 'test only',
    detect: () => 0,
    async *parse() {
      const bad = emptyRegistration('NCT09000001', 'ClinicalTrials.gov');
      Object.defineProperty(bad, 'conditions', { enumerable: true, get() { throw new Error('boom'); } });
      yield { kind: 'record' as const, record: bad, position: 'row 1' };
      yield { kind: 'record' as const, record: emptyRegistration('NCT09000002', 'ClinicalTrials.gov'), position: 'row 2' };
    },
  };
  FORMATS.push(boom);
  try {
    const out = await items([path.join(EXAMPLES, 'ctgov-search-results.tsv')], 'test-boom');
    assert.deepEqual(out.map((x) => (x.kind === 'error' ? `${x.issue.position}: ${x.issue.reason}` : x.kind === 'record' ? x.record.id : x.kind)), [
      'file', 'row 1: could not finish the record: boom', 'NCT09000002',
    ]);
  } finally {
    FORMATS.splice(FORMATS.indexOf(boom), 1);
  }
});

test('a download saved as GBK or Windows-1256 reads with its own script intact', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-read-'));
  const header = 'Rank\tNCT Number\tTitle\tStatus\tSponsor/Collaborators\tLocations';
  const zh = `${header}\n1\tNCT09000011\t间充质干细胞治疗新型冠状病毒肺炎\tRecruiting\t武汉大学人民医院\t武汉大学人民医院, Wuhan, Hubei, China\n`;
  const fa = `${header}\n1\tNCT09000012\tCOVID-19 stem cell trial\tRecruiting\tدانشگاه علوم پزشکی تهران\tبیمارستان امام, Tehran, Iran, Islamic Republic of\n`;
  writeFileSync(path.join(dir, 'zh.tsv'), iconv.encode(zh, 'gbk'));
  writeFileSync(path.join(dir, 'fa.tsv'), iconv.encode(fa, 'windows-1256'));
  const out = await items([dir]);
  assert.deepEqual(out.filter((x) => x.kind === 'error'), []);
  const files = out.flatMap((x) => (x.kind === 'file' ? [[path.basename(x.file), x.encoding]] : []));
  assert.deepEqual(files, [['fa.tsv', 'windows-1256'], ['zh.tsv', 'gb18030']]);
  const recs = out.flatMap((x) => (x.kind === 'record' ? [x.record] : []));
  assert.equal(recs[0]!.sponsor.primary, iconv.decode(iconv.encode('دانشگاه علوم پزشکی تهران', 'windows-1256'), 'windows-1256'));
  assert.deepEqual(recs[0]!.countries, ['Iran']);
  assert.equal(recs[1]!.titles.public, '间充质干细胞治疗新型冠状病毒肺炎');
  assert.equal(recs[1]!.sponsor.primary, '武汉大学人民医院');
  assert.deepEqual(recs[1]!.countries, ['China']);
});
