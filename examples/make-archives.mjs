#!/usr/bin/env node
// Builds the bundled archive examples and the input-layer test archives, byte for byte reproducibly:
//   examples/archive-example.zip     ctgov/search-results.csv (the TSV example as the comma-separated download) + ctgov/studies.ndjson
//   examples/archive-example.tsv.gz  the TSV example, gzipped
//   src/sources/__fixtures__/input/  archive.zip, book.xlsx (an office zip), corrupt.zip, truncated.zip
// Run from the repository root or anywhere, after a build: `node examples/make-archives.mjs` (no `zip` needed).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// the project's zip writer, compiled by `npm install` (or `npm run build`)
import { makeZip as makeZipAt } from '../dist/sources/zip-writer.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.resolve(HERE, '../src/sources/__fixtures__/input');
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2020 - 1980) << 9) | (7 << 5) | 7; // 2020-07-07

/** A zip archive of `entries` ({name, data?: Buffer, deflate?: boolean}; a name ending in / is a directory), dated 2020-07-07. */
const makeZip = (entries) => makeZipAt(entries, { dosTime: DOS_TIME, dosDate: DOS_DATE });

/** The TSV download rewritten as the comma-separated download (RFC 4180 quoting). */
function tsvToCsv(tsv) {
  const quote = (cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return tsv.split(/\r?\n/).filter(Boolean).map((line) => line.split('\t').map(quote).join(',')).join('\r\n') + '\r\n';
}

const gzip = (buf) => {
  const out = gzipSync(buf);
  out.writeUInt32LE(0, 4); // no timestamp: the same bytes on every run
  return out;
};

const tsv = readFileSync(path.join(HERE, 'ctgov-search-results.tsv'));
const ndjson = readFileSync(path.join(HERE, 'ctgov-studies.ndjson'));

writeFileSync(path.join(HERE, 'archive-example.zip'), makeZip([
  { name: 'ctgov/' },
  { name: 'ctgov/search-results.csv', data: Buffer.from(tsvToCsv(tsv.toString('utf8'))), deflate: true },
  { name: 'ctgov/studies.ndjson', data: ndjson, deflate: true },
]));
writeFileSync(path.join(HERE, 'archive-example.tsv.gz'), gzip(tsv));

mkdirSync(FIX, { recursive: true });
const small = Buffer.from('NCT Number\tTitle\tStatus\tConditions\tInterventions\nNCT09000001\tFirst\tRecruiting\tCOVID-19\tDrug: X\n');
const archive = makeZip([
  { name: 'b/second.tsv', data: small },
  { name: 'a-first.txt', data: Buffer.from('first member\n') },
  { name: 'dir/' },
  { name: '.hidden', data: Buffer.from('skipped\n') },
  { name: '__MACOSX/._a-first.txt', data: Buffer.from('skipped\n') },
  { name: 'nested.tsv.gz', data: gzip(small) },
  { name: 'deflated.txt', data: Buffer.from('deflated member '.repeat(100)), deflate: true },
]);
writeFileSync(path.join(FIX, 'archive.zip'), archive);
writeFileSync(path.join(FIX, 'truncated.zip'), archive.subarray(0, Math.floor(archive.length / 2)));
writeFileSync(path.join(FIX, 'corrupt.zip'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('this is not really a zip archive')]));
writeFileSync(path.join(FIX, 'book.xlsx'), makeZip([
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
]));
console.log('wrote examples/archive-example.zip, examples/archive-example.tsv.gz and', path.relative(process.cwd(), FIX));
