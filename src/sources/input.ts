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
  if (!stat.isFile()) {
    // a FIFO, socket or device would block the read forever (or never end): not an input
    report(new InputError({ file: path, position: 'whole file', reason: `skipped: not a regular file (${fileKind(stat)})` }), path);
    return;
  }
  try {
    yield* openFile(path, (e) => report(e, path));
  } catch (e) {
    report(e, path);
  }
}

function fileKind(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

async function* openFile(path: string, onMember: (e: unknown) => void): AsyncIterable<InputFile> {
  const raw = await readHead(path, () => createReadStream(path));
  if (startsWith(raw, ZIP_MAGIC) || startsWith(raw, EMPTY_ZIP_MAGIC)) {
    const survey = await surveyZip(path);
    // An office document (XLSX, DOCX…) is a zip too, but it is one input for the format that reads it.
    if (!survey.office) {
      if (survey.files === 0) fail(path, 'zip archive holds no files');
      yield* openZipMembers(path, onMember);
      return;
    }
  }
  yield await materialise(path, () => createReadStream(path), raw);
}

/** An InputFile over bytes held in memory: for tests and pasted text. Gzip content is expanded. */
export async function inputFromBuffer(name: string, buf: Buffer): Promise<InputFile> {
  return materialise(name, () => Readable.from([buf]), buf.subarray(0, HEAD_BYTES));
}

/**
 * Wrap a byte source as an InputFile: gunzip when the magic says so, detect encoding from the head. A stream that
 * fails later (gzip data corrupt past the head, a member cut short) fails `text()` with an InputError naming the file,
 * the byte and `what` went wrong.
 */
async function materialise(name: string, open: Opener, head: Buffer, what = 'cannot read'): Promise<InputFile> {
  if (head.length === 0) fail(name, 'empty file', 'byte 0');
  if (startsWith(head, GZIP_MAGIC)) {
    const gunzipped: Opener = () => pipeline(open(), createGunzip(), () => {});
    const inner = await readHead(name, gunzipped, 'corrupt gzip data');
    return materialise(name, gunzipped, inner, 'corrupt gzip data');
  }
  const { encoding, guess } = readEncoding(head);
  return {
    name,
    head,
    headText: decodeHead(head, encoding),
    encoding,
    ...(guess ? { encodingGuess: guess } : {}),
    bytes: open,
    text: () => decodeStream(open(), encoding, name, what),
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
  return readEncoding(head).encoding;
}

/**
 * The encoding, and `guess`: a sentence when it was not stated (BOM) or plain (valid UTF-8) but guessed — callers put
 * it on every record read, so a wrong guess is visible. Valid UTF-8 always wins over a guess, even with NUL bytes in
 * it: one stray NUL must not turn every accented or Chinese character of a UTF-8 file into Latin-1 mojibake.
 */
export function readEncoding(head: Buffer): { encoding: string; guess: string | null } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', guess: null };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', guess: null };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', guess: null };
  const nul = hasNul(head);
  if (nul) {
    const utf16 = bomlessUtf16(head);
    if (utf16) return { encoding: utf16, guess: `text encoding guessed as ${utf16.toUpperCase()} (no byte-order mark; every other byte is NUL)` };
  }
  if (isStrictUtf8(head) && (!nul || mostlyText(head))) {
    return { encoding: 'utf-8', guess: nul ? 'the text holds NUL bytes; read as UTF-8, which the bytes are valid as' : null };
  }
  if (nul) return { encoding: 'binary', guess: 'binary data (NUL bytes, not valid UTF-8): bytes read as Latin-1' };
  const name = guessLegacyEncoding(head);
  const encoding = name && name !== 'utf-8' && iconv.encodingExists(name) ? name : 'windows-1252';
  return { encoding, guess: `text encoding guessed as ${encoding} (not valid UTF-8, no byte-order mark)` };
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

/** Control bytes (other than tab, line ends, form feed) are at most 1% of the first 8 KiB (or two): text with a stray NUL, not data. */
function mostlyText(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls++;
  }
  return controls <= Math.max(2, n / 100);
}

function hasNul(head: Buffer): boolean {
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

async function* decodeStream(stream: Readable, encoding: string, name: string, what: string): AsyncIterable<string> {
  const decoder = iconv.getDecoder(iconvName(encoding)); // strips a BOM
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      bytes += b.length;
      const s = decoder.write(b);
      if (s) yield s;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    fail(name, `${what}: ${errorText(e)}`, `byte ${bytes}`);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

// ---- zip ----

/** Names that are not members to read: folders, dotfiles, macOS resource forks. */
function isSkippedMember(fileName: string): boolean {
  return fileName.endsWith('/') || baseName(fileName).startsWith('.') || fileName.startsWith('__MACOSX/');
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false — names are decoded and checked here, one member at a time, so that one bad name costs
    // that member only (yauzl would otherwise fail the whole archive on it)
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) => {
      if (err || !zip) reject(new InputError({ file: path, position: 'central directory', reason: `corrupt zip archive: ${errorText(err)}` }));
      else resolve(zip);
    });
  });
}

/** A member's name as text, or the reason it cannot be one. */
function memberName(e: yauzl.Entry): { name: string } | { bad: string } {
  const raw = e.fileName as unknown as Buffer;
  const name = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, false);
  const problem = yauzl.validateFileName(name);
  return problem ? { bad: problem } : { name };
}

/**
 * The central directory's entries, one at a time, in the archive's own order (each entry is read once: the walk is
 * linear in the number of members, and only the current entry is held). `onError` gets a broken directory.
 */
async function* zipEntries(path: string, zip: yauzl.ZipFile): AsyncIterable<{ entry: yauzl.Entry; index: number }> {
  let index = 0;
  let waiting: ((v: yauzl.Entry | null | Error) => void) | null = null;
  const queue: (yauzl.Entry | null | Error)[] = [];
  const push = (v: yauzl.Entry | null | Error): void => { if (waiting) { const w = waiting; waiting = null; w(v); } else queue.push(v); };
  zip.on('entry', (e: yauzl.Entry) => push(e));
  zip.on('end', () => push(null));
  zip.on('error', (err: unknown) => push(err instanceof Error ? err : new Error(String(err))));
  for (;;) {
    zip.readEntry();
    const next = queue.length ? queue.shift()! : await new Promise<yauzl.Entry | null | Error>((r) => { waiting = r; });
    if (next === null) return;
    if (next instanceof Error) {
      throw new InputError({ file: path, position: index === 0 ? 'central directory' : `entry ${index + 1}`, reason: `corrupt zip archive: ${next.message}` });
    }
    yield { entry: next, index: index++ };
  }
}

/** What the first walk of the directory finds: an office document, and how many members there are to read. */
async function surveyZip(path: string): Promise<{ office: boolean; files: number }> {
  const zip = await openZip(path);
  try {
    let files = 0;
    for await (const { entry } of zipEntries(path, zip)) {
      const n = memberName(entry);
      if ('name' in n && n.name === '[Content_Types].xml') return { office: true, files };
      if (!('name' in n) || !isSkippedMember(n.name)) files++;
    }
    return { office: false, files };
  } finally {
    zip.close();
  }
}

/**
 * Every member as an InputFile, in the archive's order; a member with a bad name or a corrupt head is reported
 * through `onMember` and the walk goes on. One open archive serves the whole walk (linear in members).
 */
async function* openZipMembers(path: string, onMember: (e: unknown) => void): AsyncIterable<InputFile> {
  const zip = await openZip(path);
  try {
    for await (const { entry, index } of zipEntries(path, zip)) {
      const n = memberName(entry);
      if (!('name' in n)) {
        onMember(new InputError({ file: `${path}!entry ${index + 1}`, position: 'member name', reason: `member skipped: ${n.bad}` }));
        continue;
      }
      if (isSkippedMember(n.name)) continue;
      const name = `${path}!${n.name}`;
      const open: Opener = () => zipMemberStream(path, zip, entry, name);
      try {
        const head = await readHead(name, open, 'corrupt zip member');
        yield await materialise(name, open, head);
      } catch (e) {
        onMember(e);
      }
    }
  } finally {
    zip.close();
  }
}

/** A fresh stream of one member; when the walk's archive is already closed, the archive is opened again for it. */
function zipMemberStream(path: string, walkZip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Readable {
  const out = new PassThrough();
  const failOut = (err: unknown): void => {
    if (!out.destroyed) out.destroy(new InputError({ file: name, position: 'member data', reason: `corrupt zip member: ${errorText(err)}` }));
  };
  const own = walkZip.isOpen ? null : openZip(path);
  (own ?? Promise.resolve(walkZip))
    .then((zip) => {
      const done = (): void => { if (own) zip.close(); };
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) { failOut(err); done(); return; }
        pipeline(stream, out, (e) => { done(); if (e) failOut(e); });
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

/**
 * The longest line a line-based reader takes (NDJSON, TSV/CSV): 32 Mi characters, well past the largest real record
 * (a ClinicalTrials.gov study with results is a few MB). A longer line is not held: it is counted, skipped and
 * reported as an OverlongLine, and the reader goes on with the next line.
 */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

/** A line that was longer than the limit, in place of its text. */
export class OverlongLine {
  constructor(readonly chars: number, readonly limit: number) {}
  get reason(): string {
    return `line of ${this.chars} characters is longer than the limit of ${this.limit}: skipped`;
  }
}

/**
 * The lines of a text stream (`\n`, `\r\n` or `\r` endings), without their endings. Linear in the input: each chunk is
 * scanned once and a line's pieces are joined once, at its end; memory is bounded by `maxLineChars` (a longer line
 * comes out as an OverlongLine).
 */
export async function* textLines(chunks: AsyncIterable<string>, maxLineChars = MAX_LINE_CHARS): AsyncIterable<string | OverlongLine> {
  let pieces: string[] = []; // the current line so far, none of them holding a line end
  let size = 0; // characters of the current line so far (counted on after it went past the limit)
  let skipLF = false; // the previous chunk ended with \r: a \n opening this one belongs to it
  const take = (piece: string): void => {
    if (size <= maxLineChars && size + piece.length <= maxLineChars) pieces.push(piece);
    else pieces = [];
    size += piece.length;
  };
  const end = (): string | OverlongLine => {
    const line = size > maxLineChars ? new OverlongLine(size, maxLineChars) : pieces.length === 1 ? pieces[0]! : pieces.join('');
    pieces = [];
    size = 0;
    return line;
  };
  for await (const chunk of chunks) {
    if (!chunk) continue;
    let start = skipLF && chunk.charCodeAt(0) === 10 ? 1 : 0;
    skipLF = false;
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      take(chunk.slice(start, i));
      yield end();
      if (c === 13) {
        if (i === chunk.length - 1) skipLF = true;
        else if (chunk.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < chunk.length) take(chunk.slice(start));
  }
  if (size > 0) yield end();
}
