/**
 * The input layer: files, directories, gzip found by its magic bytes, zip members, office zips kept whole,
 * encodings (UTF-8 ± BOM, UTF-16, GB18030/GBK, Windows-1256) and the errors that name the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { HEAD_BYTES, InputError, OverlongLine, detectEncoding, inputFromBuffer, openInputs, readEncoding, textLines } from './input.js';
import { makeZip } from './zip-writer.js';
import type { InputFile, ParseIssue } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'src/sources/__fixtures__/input');

async function all(p: string): Promise<{ files: InputFile[]; issues: ParseIssue[] }> {
  const files: InputFile[] = [];
  const issues: ParseIssue[] = [];
  for await (const f of openInputs(p, { onError: (i) => issues.push(i) })) files.push(f);
  return { files, issues };
}

async function text(f: InputFile): Promise<string> {
  let s = '';
  for await (const c of f.text()) s += c;
  return s;
}

async function bytes(f: InputFile): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of f.bytes()) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'trialatlas-input-'));
}

test('a directory: recursive, sorted, dotfiles skipped, an empty file reported and the others kept', async () => {
  const dir = tmp();
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'b.txt'), 'bee\n');
  writeFileSync(path.join(dir, 'a.txt'), 'ay\n');
  writeFileSync(path.join(dir, 'sub', 'c.txt'), 'sea\n');
  writeFileSync(path.join(dir, '.secret'), 'hidden\n');
  writeFileSync(path.join(dir, 'empty.csv'), '');
  const { files, issues } = await all(dir);
  assert.deepEqual(files.map((f) => path.relative(dir, f.name)), ['a.txt', 'b.txt', path.join('sub', 'c.txt')]);
  assert.deepEqual(issues, [{ file: path.join(dir, 'empty.csv'), position: 'byte 0', reason: 'empty file' }]);
  assert.equal(await text(files[2]!), 'sea\n');
});

test('bytes() and text() give a fresh stream every time', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'x.txt'), 'one\ntwo\n');
  const [f] = (await all(path.join(dir, 'x.txt'))).files;
  assert.ok(f);
  assert.equal(await text(f), 'one\ntwo\n');
  assert.equal(await text(f), 'one\ntwo\n');
  assert.equal((await bytes(f)).toString(), 'one\ntwo\n');
  assert.equal(f.headText, 'one\ntwo\n');
});

test('gzip is found by its magic bytes, not its name; a corrupt gzip is named', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'data.bin'), gzipSync(Buffer.from('NCT Number\tTitle\n')));
  writeFileSync(path.join(dir, 'bad.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from('not deflate data at all')]));
  const { files, issues } = await all(dir);
  assert.equal(files.length, 1);
  assert.equal(files[0]!.name, path.join(dir, 'data.bin'));
  assert.equal(files[0]!.headText, 'NCT Number\tTitle\n');
  assert.equal(await text(files[0]!), 'NCT Number\tTitle\n');
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.file, path.join(dir, 'bad.gz'));
  assert.match(issues[0]!.reason, /corrupt gzip data/);
  assert.equal(issues[0]!.position, 'byte 0');
});

test('a zip: one input per member named archive.zip!member, in the archive\'s order; folders, dotfiles and __MACOSX skipped', async () => {
  // the archive's own order, not sorted: members stream one by one from the central directory (hundreds of
  // thousands in ClinicalTrials.gov's bulk download), none of them held for sorting
  const zip = path.join(FIX, 'archive.zip');
  const { files, issues } = await all(zip);
  assert.deepEqual(issues, []);
  assert.deepEqual(files.map((f) => f.name), [
    `${zip}!b/second.tsv`, `${zip}!a-first.txt`, `${zip}!nested.tsv.gz`, `${zip}!deflated.txt`,
  ]);
  assert.equal(await text(files[1]!), 'first member\n');
  assert.equal(await text(files[3]!), 'deflated member '.repeat(100));
  // a gzip inside a zip is expanded too, and reading one member twice works, also after the walk has ended
  assert.match(files[2]!.headText, /^NCT Number\tTitle/);
  assert.equal(await text(files[2]!), await text(files[0]!));
  assert.equal((await bytes(files[0]!)).length, (await bytes(files[0]!)).length);
});

test('an office document is a zip but stays one input', async () => {
  const { files, issues } = await all(path.join(FIX, 'book.xlsx'));
  assert.deepEqual(issues, []);
  assert.equal(files.length, 1);
  assert.equal(files[0]!.name, path.join(FIX, 'book.xlsx'));
  assert.equal(files[0]!.head.subarray(0, 2).toString(), 'PK');
});

test('corrupt and truncated zips are named, and a directory holding them goes on', async () => {
  for (const name of ['corrupt.zip', 'truncated.zip']) {
    const { files, issues } = await all(path.join(FIX, name));
    assert.equal(files.length, 0, name);
    assert.equal(issues.length, 1, name);
    assert.equal(issues[0]!.file, path.join(FIX, name));
    assert.match(issues[0]!.reason, /^corrupt zip archive: /);
    assert.equal(issues[0]!.position, 'central directory');
  }
  const { files, issues } = await all(FIX);
  assert.equal(issues.length, 2);
  assert.ok(files.some((f) => f.name.endsWith('archive.zip!a-first.txt')));
});

test('an unreadable path: reported through onError, thrown as InputError without it', async () => {
  const missing = path.join(tmp(), 'nope.tsv');
  const { issues } = await all(missing);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.file, missing);
  assert.match(issues[0]!.reason, /cannot read: ENOENT/);
  await assert.rejects(async () => { for await (const f of openInputs(missing)) void f; }, (e: unknown) => e instanceof InputError && e.message.startsWith(missing));
});

test('GBK (ChiCTR) text is detected as GB18030 and decoded', async () => {
  const chinese = '注册号\t注册题目\nChiCTR2000030261\t间充质干细胞治疗新型冠状病毒肺炎的临床研究\n研究类型\t干预性研究\n';
  const f = await inputFromBuffer('chictr.txt', iconv.encode(chinese, 'gbk'));
  assert.equal(f.encoding, 'gb18030');
  assert.equal(f.headText, chinese);
  assert.equal(await text(f), chinese);
});

test('Windows-1256 (IRCT) text is detected and decoded', async () => {
  const persian = 'عنوان\tحامی\nIRCT20200405046953N1\tدانشگاه علوم پزشکی کرمانشاه، کارآزمایی بالینی تصادفی درمان بیماران کووید-۱۹ با سلول های بنیادی\n';
  const encoded = iconv.encode(persian, 'windows-1256');
  const f = await inputFromBuffer('irct.txt', encoded);
  assert.equal(f.encoding, 'windows-1256');
  assert.equal(await text(f), iconv.decode(encoded, 'windows-1256'));
  assert.match(f.headText, /IRCT20200405046953N1\tدانشگاه/);
});

test('UTF-8 with and without BOM, UTF-16 LE/BE by BOM; the BOM is not part of the text', async () => {
  const s = 'Título\tÄrm\n';
  const withBom = await inputFromBuffer('a', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]));
  assert.equal(withBom.encoding, 'utf-8');
  assert.equal(withBom.headText, s);
  assert.equal(await text(withBom), s);
  assert.equal((await inputFromBuffer('b', Buffer.from(s))).encoding, 'utf-8');
  const le = await inputFromBuffer('c', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
  assert.equal(le.encoding, 'utf-16le');
  assert.equal(await text(le), s);
  const noBom = await inputFromBuffer('e', Buffer.from('NCT Number\tTitle\n', 'utf16le'));
  assert.equal(noBom.encoding, 'utf-16le');
  assert.equal(noBom.headText, 'NCT Number\tTitle\n');
  const beBody = Buffer.from(s, 'utf16le').swap16();
  const be = await inputFromBuffer('d', Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]));
  assert.equal(be.encoding, 'utf-16be');
  assert.equal(be.headText, s);
});

test('a multi-byte character cut by the 64 KiB head is still UTF-8; binary is called binary', async () => {
  const body = Buffer.from('a'.repeat(HEAD_BYTES - 1) + 'é and more');
  const f = await inputFromBuffer('cut.txt', body);
  assert.equal(f.encoding, 'utf-8');
  assert.equal(f.head.length, HEAD_BYTES);
  assert.equal(f.headText.length, HEAD_BYTES - 1);
  assert.equal(detectEncoding(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])), 'binary');
  await assert.rejects(inputFromBuffer('empty', Buffer.alloc(0)), /^InputError: empty: empty file \(byte 0\)$/);
});

test('textLines: \\n, \\r\\n split across chunks, lone \\r, no final newline', async () => {
  async function* chunks(): AsyncIterable<string> { yield 'a\r'; yield '\nb\rc'; yield ''; yield '\n\nd\r'; yield 'e'; }
  const out: string[] = [];
  for await (const l of textLines(chunks())) out.push(String(l));
  assert.deepEqual(out, ['a', 'b', 'c', '', 'd', 'e']);
});

// ---- reliability: shapes that cost quadratic time, a NUL byte, bad member names, FIFOs ----

test('a zip of 3,000 members is read member by member in one walk (re-walking the directory per member never ends)', { timeout: 60_000 }, async () => {
  const dir = tmp();
  const zip = path.join(dir, 'many.zip');
  const n = 3000;
  writeFileSync(zip, makeZip(Array.from({ length: n }, (_, i) => ({ name: `m/${String(i).padStart(5, '0')}.txt`, data: Buffer.from(`member ${i}\n`) }))));
  const { files, issues } = await all(zip);
  assert.deepEqual(issues, []);
  assert.equal(files.length, n);
  assert.equal(files[n - 1]!.headText, `member ${n - 1}\n`);
  assert.equal(await text(files[1234]!), 'member 1234\n'); // a member read again after the walk
});

test('a member with a bad name is rejected with its reason; the archive\'s good members are still read', async () => {
  const dir = tmp();
  const zip = path.join(dir, 'mixed.zip');
  writeFileSync(zip, makeZip([
    { name: 'good-1.txt', data: Buffer.from('one\n') },
    { name: '../escape.txt', data: Buffer.from('bad\n') },
    { name: 'C:\\windows.txt', data: Buffer.from('bad\n') },
    { name: 'good-2.txt', data: Buffer.from('two\n') },
  ]));
  const { files, issues } = await all(zip);
  assert.deepEqual(files.map((f) => path.basename(f.name)), ['mixed.zip!good-1.txt', 'mixed.zip!good-2.txt']);
  assert.equal(issues.length, 2);
  assert.deepEqual(issues.map((i) => i.file), [`${zip}!entry 2`, `${zip}!entry 3`]);
  assert.match(issues[0]!.reason, /member skipped: invalid relative path: \.\.\/escape\.txt/);
  assert.match(issues[1]!.reason, /member skipped: absolute path: C:\/windows\.txt/);
});

test('a FIFO in an input folder is skipped with its reason, never opened (opening it would block forever)', { timeout: 20_000 }, async (t) => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'a.txt'), 'ay\n');
  try {
    execFileSync('mkfifo', [path.join(dir, 'b.pipe')]);
  } catch {
    t.skip('mkfifo is not available here');
    return;
  }
  writeFileSync(path.join(dir, 'c.txt'), 'sea\n');
  const { files, issues } = await all(dir);
  assert.deepEqual(files.map((f) => path.basename(f.name)), ['a.txt', 'c.txt']);
  assert.deepEqual(issues, [{ file: path.join(dir, 'b.pipe'), position: 'whole file', reason: 'skipped: not a regular file (a named pipe)' }]);
});

test('one NUL byte near the start of a UTF-8 file: still UTF-8 (not Latin-1), and the guess is said', async () => {
  const s = 'TrialID\u0000\tTítulo\t注册题目 Ärm\n';
  const f = await inputFromBuffer('nul.txt', Buffer.from(s, 'utf8'));
  assert.equal(f.encoding, 'utf-8');
  assert.equal(await text(f), s);
  assert.match(f.encodingGuess ?? '', /NUL bytes; read as UTF-8/);
  // a plain UTF-8 file is not a guess; a legacy code page is, and says so
  assert.equal((await inputFromBuffer('plain.txt', Buffer.from('Título\n'))).encodingGuess, undefined);
  const latin = await inputFromBuffer('latin.txt', iconv.encode('Título é à ü\n', 'windows-1252'));
  assert.match(latin.encodingGuess ?? '', /^text encoding guessed as \S+ \(not valid UTF-8, no byte-order mark\)$/);
  // binary (NUL and not UTF-8) is still binary
  assert.equal(readEncoding(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])).encoding, 'binary');
});

test('textLines: one 20-million-character line arriving in small chunks is joined once (linear), then the next line', { timeout: 60_000 }, async () => {
  const piece = 'x'.repeat(400);
  const count = 50_000;
  async function* chunks(): AsyncIterable<string> {
    for (let i = 0; i < count; i++) yield piece;
    yield '\nnext\n';
  }
  const out: (string | OverlongLine)[] = [];
  for await (const l of textLines(chunks())) out.push(l);
  assert.equal(out.length, 2);
  assert.equal((out[0] as string).length, piece.length * count);
  assert.equal(out[1], 'next');
});

test('textLines: a line past the limit comes out as an OverlongLine with its length, and reading goes on', async () => {
  async function* chunks(): AsyncIterable<string> { yield 'short\r'; yield '\n' + 'y'.repeat(40); yield 'y'.repeat(40) + '\r\nafter'; }
  const out: (string | OverlongLine)[] = [];
  for await (const l of textLines(chunks(), 50)) out.push(l);
  assert.equal(out[0], 'short');
  assert.ok(out[1] instanceof OverlongLine);
  assert.equal((out[1] as OverlongLine).chars, 80);
  assert.match((out[1] as OverlongLine).reason, /line of 80 characters is longer than the limit of 50: skipped/);
  assert.equal(out[2], 'after');
  assert.equal(out.length, 3);
});

test('gzip data corrupt past the head (found by the fuzzer): text() fails with an InputError naming file, byte and reason', async () => {
  const gz = gzipSync(Buffer.from('NCT Number\tTitle\n' + 'NCT09000001\tA title\n'.repeat(20_000)));
  gz[Math.floor(gz.length * 0.8)]! ^= 0xff;
  const f = await inputFromBuffer('damaged.tsv.gz', gz);
  await assert.rejects(async () => { for await (const c of f.text()) void c; }, (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.issue.file, 'damaged.tsv.gz');
    assert.match(e.issue.position, /^byte \d+$/);
    assert.match(e.issue.reason, /^corrupt gzip data: /);
    return true;
  });
});
