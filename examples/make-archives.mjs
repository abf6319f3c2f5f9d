#!/usr/bin/env node
// Builds the bundled archive examples and the input-layer test archives, byte for byte reproducibly:
//   examples/archive-example.zip     ctgov/search-results.csv (the TSV example as the comma-separated download) + ctgov/studies.ndjson
//   examples/archive-example.tsv.gz  the TSV example, gzipped
//   src/sources/__fixtures__/input/  archive.zip, book.xlsx (an office zip), corrupt.zip, truncated.zip
// Run from the repository root or anywhere: `node examples/make-archives.mjs`. Uses only node:zlib (no `zip` needed).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.resolve(HERE, '../src/sources/__fixtures__/input');
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2020 - 1980) << 9) | (7 << 5) | 7; // 2020-07-07

/** A zip archive of `entries` ({name, data?: Buffer, deflate?: boolean}; a name ending in / is a directory). */
export function makeZip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const body = e.deflate ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(e.name.endsWith('/') ? 0x10 : 0, 38);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

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
