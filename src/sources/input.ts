/**
 * The input layer: turns a path (file, directory, .gz, .zip) into InputFiles — decompressed, with the text
 * encoding detected — so that formats only ever see content. Nothing here holds a whole file in memory:
 * `head` is at most 64 KiB and `bytes()`/`text()` open a fresh stream each time.
 *
 * Errors (unreadable path, empty file, corrupt archive) are InputErrors naming the file; `openInputs` reports
 * them through `onError` and carries on with the next input, or throws when no `onError` is given.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Readable, PassThrough, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import type { InputFile, ParseIssue } from './types.js';

export const HEAD_BYTES = 64 * 1024;

/** A problem with a whole input (not one record), naming the file. */
export class InputError extends Error {
  constructor(readonly issue: ParseIssue) {
    super(`${issue.file}: ${issue.reason}${issue.position ? ` (${issue.position})` : ''}`);
    this.name = 'InputError';
  }
}

export interface OpenOptions {
  /** called for each input that cannot be opened; iteration goes on. Without it, the first problem throws. */
  onError?: (issue: ParseIssue) => void;
}

type Opener = () => Readable;

const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function fail(file: string, reason: string, position = 'whole file'): never {
  throw new InputError({ file, position, reason });
}

/** Every InputFile under `path`: a file, a directory (recursive, sorted, dotfiles skipped), gzip and zip expanded. */
export async function* openInputs(path: string, opts: OpenOptions = {}): AsyncIterable<InputFile> {
  const report = (e: unknown, file: string): void => {
    const issue = e instanceof InputError ? e.issue : { file, position: 'whole file', reason: errorText(e) };
    if (!opts.onError) throw e instanceof InputError ? e : new InputError(issue);
    opts.onError(issue);
  };
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch (e) {
    report(new InputError({ file: path, position: 'whole file', reason: `cannot read: ${errorText(e)}` }), path);
    return;
  }
  if (stat.isDirectory()) {
    let names: string[];
    try {
      names = (await fsp.readdir(path)).filter((n) => !n.startsWith('.')).sort();
    } catch (e) {
      report(new InputError({ file: path, position: 'whole file', reason: `cannot list directory: ${errorText(e)}` }), path);
      return;
    }
    for (const n of names) yield* openInputs(join(path, n), opts);
    return;
  }
  try {
    yield* openFile(path);
  } catch (e) {
    report(e, path);
  }
}

async function* openFile(path: string): AsyncIterable<InputFile> {
  const raw = await readHead(path, () => createReadStream(path));
  if (startsWith(raw, ZIP_MAGIC) || startsWith(raw, EMPTY_ZIP_MAGIC)) {
    const members = await listZip(path);
    // An office document (XLSX, DOCX…) is a zip too, but it is one input for the format that reads it.
    if (!members.some((m) => m.fileName === '[Content_Types].xml')) {
      yield* openZipMembers(path, members);
      return;
    }
  }
  yield await materialise(path, () => createReadStream(path), raw);
}

/** An InputFile over bytes held in memory: for tests and pasted text. Gzip content is expanded. */
export async function inputFromBuffer(name: string, buf: Buffer): Promise<InputFile> {
  return materialise(name, () => Readable.from([buf]), buf.subarray(0, HEAD_BYTES));
}

/** Wrap a byte source as an InputFile: gunzip when the magic says so, detect encoding from the head. */
async function materialise(name: string, open: Opener, head: Buffer): Promise<InputFile> {
  if (head.length === 0) fail(name, 'empty file', 'byte 0');
  if (startsWith(head, GZIP_MAGIC)) {
    const gunzipped: Opener = () => pipeline(open(), createGunzip(), () => {});
    const inner = await readHead(name, gunzipped, 'corrupt gzip data');
    return materialise(name, gunzipped, inner);
  }
  const encoding = detectEncoding(head);
  return {
    name,
    head,
    headText: decodeHead(head, encoding),
    encoding,
    bytes: open,
    text: () => decodeStream(open(), encoding),
  };
}

/** Up to HEAD_BYTES from a fresh stream, which is then closed. */
async function readHead(name: string, open: Opener, what = 'cannot read'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = open();
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(b);
      size += b.length;
      if (size >= HEAD_BYTES) break;
    }
  } catch (e) {
    fail(name, `${what}: ${errorText(e)}`, `byte ${size}`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

// ---- encodings ----

/** `utf-8`, `utf-16le`, `utf-16be`, a chardet/iconv name such as `gb18030` or `windows-1256`, or `binary`. */
export function detectEncoding(head: Buffer): string {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  if (looksBinary(head)) return bomlessUtf16(head) ?? 'binary';
  if (isStrictUtf8(head)) return 'utf-8';
  const name = guessLegacyEncoding(head);
  if (name && name !== 'utf-8' && iconv.encodingExists(name)) return name;
  return 'windows-1252';
}

const MULTI_BYTE = /^(?:gb|big5|shift_jis|euc-|iso-2022|utf-)/;

/**
 * chardet on the head. Registry exports are mostly ASCII (ids, dates, column names), which drowns the statistics of
 * a single-byte code page (an IRCT file in Windows-1256 scores as Windows-1252): for those, the guess is made again on
 * the words that hold non-ASCII bytes only. Multi-byte guesses (GB18030, Big5…) are kept as they are, since their
 * trail bytes can be ASCII.
 */
function guessLegacyEncoding(head: Buffer): string | null {
  const first = chardet.detect(head)?.toLowerCase() ?? null;
  if (first && MULTI_BYTE.test(first)) return first;
  const words = nonAsciiWords(head);
  if (words.length < 16) return first;
  return chardet.detect(words)?.toLowerCase() ?? first;
}

/** The words of `buf` that contain a byte ≥ 0x80, joined by spaces. */
function nonAsciiWords(buf: Buffer): Buffer {
  const out: number[] = [];
  let start = 0;
  let high = false;
  for (let i = 0; i <= buf.length; i++) {
    const b = i < buf.length ? buf[i]! : 0x20;
    const wordByte = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
    if (wordByte) { if (b >= 0x80) high = true; continue; }
    if (high) { for (let j = start; j < i; j++) out.push(buf[j]!); out.push(0x20); }
    start = i + 1;
    high = false;
  }
  return Buffer.from(out);
}

function isStrictUtf8(head: Buffer): boolean {
  try {
    // stream:true: a multi-byte character cut by the 64 KiB boundary is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Text in UTF-16 without a BOM: (nearly) every other byte is NUL, on the same side. */
function bomlessUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 8192) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.9 * pairs && evenZero < 0.1 * pairs) return 'utf-16le';
  if (evenZero > 0.9 * pairs && oddZero < 0.1 * pairs) return 'utf-16be';
  return null;
}

function looksBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

function iconvName(encoding: string): string {
  return encoding === 'binary' ? 'latin1' : encoding;
}

function decodeHead(head: Buffer, encoding: string): string {
  // a decoder that is never ended leaves a character cut at the boundary out instead of garbling it
  const text = iconv.getDecoder(iconvName(encoding)).write(head);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function* decodeStream(stream: Readable, encoding: string): AsyncIterable<string> {
  const decoder = iconv.getDecoder(iconvName(encoding)); // strips a BOM
  for await (const chunk of stream) {
    const s = decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

// ---- zip ----

interface ZipMember {
  fileName: string;
  index: number;
}

function openZip(path: string, autoClose: boolean): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose }, (err, zip) => {
      if (err || !zip) reject(new InputError({ file: path, position: 'central directory', reason: `corrupt zip archive: ${errorText(err)}` }));
      else resolve(zip);
    });
  });
}

/** Walk the central directory; `visit` returns true to stop (the zip is then left open for the caller). */
function walkZip(path: string, zip: yauzl.ZipFile, visit: (e: yauzl.Entry, index: number) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let index = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      if (visit(e, index++)) resolve();
      else zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: unknown) =>
      reject(new InputError({ file: path, position: `entry ${index + 1}`, reason: `corrupt zip archive: ${errorText(err)}` })));
    zip.readEntry();
  });
}

async function listZip(path: string): Promise<ZipMember[]> {
  const zip = await openZip(path, true);
  const members: ZipMember[] = [];
  await walkZip(path, zip, (e, index) => {
    members.push({ fileName: e.fileName, index });
    return false;
  });
  return members;
}

async function* openZipMembers(path: string, members: ZipMember[]): AsyncIterable<InputFile> {
  const files = members
    .filter((m) => !m.fileName.endsWith('/') && !baseName(m.fileName).startsWith('.') && !m.fileName.startsWith('__MACOSX/'))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  if (files.length === 0) fail(path, 'zip archive holds no files');
  for (const m of files) {
    const name = `${path}!${m.fileName}`;
    const open: Opener = () => zipMemberStream(path, m, name);
    const head = await readHead(name, open, 'corrupt zip member');
    yield await materialise(name, open, head);
  }
}

/** A fresh stream of one member: reopens the archive, so every call is independent of the others. */
function zipMemberStream(path: string, member: ZipMember, name: string): Readable {
  const out = new PassThrough();
  const failOut = (err: unknown): void => {
    out.destroy(new InputError({ file: name, position: 'member data', reason: `corrupt zip member: ${errorText(err)}` }));
  };
  openZip(path, false)
    .then(async (zip) => {
      let found: yauzl.Entry | null = null;
      await walkZip(path, zip, (e, index) => {
        if (index === member.index) found = e;
        return found !== null;
      });
      const entry = found as yauzl.Entry | null;
      if (!entry) { zip.close(); throw new Error('member vanished from the archive'); }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) { failOut(err); zip.close(); return; }
        pipeline(stream, out, (e) => { zip.close(); if (e && !out.destroyed) failOut(e); });
      });
    })
    .catch(failOut);
  return out;
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function errorText(e: unknown): string {
  if (e instanceof InputError) return e.issue.reason;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The lines of a text stream (`\n`, `\r\n` or `\r` endings), without their endings; memory bounded by the longest line. */
export async function* textLines(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let rest = '';
  let skipLF = false; // the previous chunk ended with \r: a \n opening this one belongs to it
  for await (const chunk of chunks) {
    if (!chunk) continue;
    const scanFrom = rest.length; // what is already in `rest` was scanned and holds no line end
    rest += skipLF && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    skipLF = false;
    let start = 0;
    for (let i = scanFrom; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      yield rest.slice(start, i);
      if (c === 13 && i === rest.length - 1) skipLF = true;
      else if (c === 13 && rest.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    rest = rest.slice(start);
  }
  if (rest) yield rest;
}
