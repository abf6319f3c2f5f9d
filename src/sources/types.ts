/**
 * One small interface every input format implements: detect, then stream canonical registrations out.
 * A format lives in one file of this folder and is listed in ./index.ts.
 */
import type { Readable } from 'node:stream';
import type { Registration } from '../model/registration.js';

/** One logical input: a plain file, a member of a .zip, or the content of a .gz — already decompressed. */
export interface InputFile {
  /** how messages name it: the path as given, `archive.zip!member.csv` inside archives */
  name: string;
  /** the first bytes (up to 64 KiB) of the decompressed content, for detection */
  head: Buffer;
  /** `head` decoded with the detected text encoding (binary formats may ignore it) */
  headText: string;
  /** detected text encoding, e.g. `utf-8`, `gb18030`, `windows-1256` */
  encoding: string;
  /** set when the encoding was guessed (no BOM, not valid UTF-8, or NUL bytes in it): what was guessed and why */
  encodingGuess?: string;
  /** a fresh stream of the whole decompressed content, as bytes (for binary formats such as XLSX) */
  bytes(): Readable;
  /** a fresh stream of the whole content decoded to text with `encoding` (BOM removed) */
  text(): AsyncIterable<string>;
}

/** A problem with one record or with the whole input, in words naming file, position and field. */
export interface ParseIssue {
  file: string;
  /** `row 12`, `line 3401`, `record 7 (NCT04252118)`, `byte 10240`… */
  position: string;
  field?: string;
  reason: string;
}

export type ParseItem =
  | { kind: 'record'; record: Registration; position: string }
  | { kind: 'error'; issue: ParseIssue };

export interface SourceFormat {
  /** stable id, as `trialatlas formats` lists it and `--format` takes it */
  id: string;
  /** one line for humans */
  label: string;
  /**
   * How sure this format is that the input is its own, from content (not the file name, which is only a tie-breaker):
   * 0 = not mine, 1 = certain. The format with the highest score wins.
   */
  detect(input: Pick<InputFile, 'head' | 'headText' | 'name'>): number;
  /** Stream the registrations out. A bad record yields an `error` item and parsing goes on; a fatal problem ends with one. */
  parse(input: InputFile): AsyncIterable<ParseItem>;
}
