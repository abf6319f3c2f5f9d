/**
 * The input formats TrialAtlas recognises, and `readRecords`, the one entry point the CLI and ingest use:
 * paths → InputFiles (./input.ts) → the format that claims each → finished canonical registrations.
 * Adding a format = one file in this folder + one line in FORMATS.
 */
import type { Registration } from '../model/registration.js';
import { collectSecondaryIds } from '../normalise/ids.js';
import { extract } from '../extract/index.js';
import { openInputs, errorText } from './input.js';
import type { InputFile, ParseIssue, SourceFormat } from './types.js';
import { ctgovTsv } from './ctgov-tsv.js';
import { ctgovJson } from './ctgov-json.js';
import { ctgovXml } from './ctgov-xml.js';
import { pageText } from './page-text.js';
import { pageHtml } from './page-html.js';
import { notAPage } from './pages/read-page.js';
import { irctXml } from './irct-xml.js';
import { ictrpXml } from './ictrp-xml.js';
import { ictrpCsv } from './ictrp-csv.js';
import { ictrpXlsx } from './ictrp-xlsx.js';

export const FORMATS: SourceFormat[] = [
  // each format file adds itself here
  ctgovTsv,
  ctgovJson,
  ctgovXml,
  pageText,
  pageHtml,
  irctXml,
  ictrpXml,
  ictrpCsv,
  ictrpXlsx,
];

/** The format whose detect() scores highest (ties: earlier in FORMATS), or null when none claims the input. */
export function detectFormat(input: Pick<InputFile, 'head' | 'headText' | 'name'>): SourceFormat | null {
  let best: SourceFormat | null = null;
  let bestScore = 0;
  for (const f of FORMATS) {
    const s = f.detect(input);
    if (s > bestScore) { best = f; bestScore = s; }
  }
  return best;
}

export function formatById(id: string): SourceFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** What readRecords streams: a file-start marker, a finished registration, or a problem. */
export type ReadItem =
  | { kind: 'file'; file: string; format: string; encoding: string }
  | { kind: 'record'; record: Registration; file: string; position: string }
  | { kind: 'error'; issue: ParseIssue };

export interface ReadOptions {
  /** force a format id instead of detecting it */
  format?: string;
}

/** A single text field longer than this is cut (with a warning on the record) so one hostile field cannot sink a batch. */
export const MAX_FIELD_CHARS = 1024 * 1024;

/**
 * Every registration in the given files/directories/archives, finished (secondary ids collected, characteristics
 * extracted). Problems come out as `error` items naming file, position and reason; the rest goes on.
 */
export async function* readRecords(paths: string[], opts: ReadOptions = {}): AsyncIterable<ReadItem> {
  const forced = opts.format ? formatById(opts.format) : undefined;
  if (opts.format && !forced) {
    const known = FORMATS.map((f) => f.id).join(', ');
    yield { kind: 'error', issue: { file: paths.join(', '), position: 'command line', reason: `unknown format "${opts.format}" (known: ${known})` } };
    return;
  }
  const pending: ParseIssue[] = [];
  for (const path of paths) {
    for await (const input of openInputs(path, { onError: (issue) => pending.push(issue) })) {
      yield* drain(pending);
      yield* readInput(input, forced ?? null);
    }
    yield* drain(pending);
  }
}

function* drain(pending: ParseIssue[]): Iterable<ReadItem> {
  while (pending.length) yield { kind: 'error', issue: pending.shift()! };
}

async function* readInput(input: InputFile, forced: SourceFormat | null): AsyncIterable<ReadItem> {
  const format = forced ?? detectFormat(input);
  if (!format) {
    yield { kind: 'error', issue: { file: input.name, position: 'whole file', reason: `not a trial export: ${input.name} (looked like ${describeContent(input)})` } };
    return;
  }
  yield { kind: 'file', file: input.name, format: format.id, encoding: input.encoding };
  let last = 'start of file';
  try {
    for await (const item of format.parse(input)) {
      if (item.kind === 'error') { yield item; continue; }
      last = item.position;
      if (!item.record.id) {
        yield { kind: 'error', issue: { file: input.name, position: item.position, field: 'id', reason: 'record has no trial id' } };
        continue;
      }
      let record: Registration;
      try {
        record = finishRecord(item.record, input.name, format.id);
        if (input.encodingGuess) record.warnings.push(`${input.encodingGuess}; check accented and non-Latin text`);
      } catch (e) {
        // a bug in a later stage costs this record, not the rest of the file
        yield { kind: 'error', issue: { file: input.name, position: item.position, reason: `could not finish the record: ${errorText(e)}` } };
        continue;
      }
      yield { kind: 'record', record, file: input.name, position: item.position };
    }
  } catch (e) {
    yield { kind: 'error', issue: { file: input.name, position: `after ${last}`, reason: `reading stopped: ${errorText(e)}` } };
  }
}

/** The steps every source shares once a format has read a record. */
export function finishRecord(record: Registration, file: string, formatId: string): Registration {
  record.source.file ??= file;
  if (!record.source.format) record.source.format = formatId;
  guardFieldSizes(record, record.warnings);
  const found = collectSecondaryIds(record).filter((id) => id !== record.id);
  record.secondaryIds = [...new Set([...record.secondaryIds, ...found])].filter((id) => id !== record.id);
  return extract(record);
}

/** Cut every string over MAX_FIELD_CHARS in place, and say which field was cut. */
export function guardFieldSizes(value: unknown, warnings: string[], path = ''): void {
  if (!value || typeof value !== 'object') return;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, v] of entries) {
    const here = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (typeof v === 'string' && v.length > MAX_FIELD_CHARS) {
      (value as Record<string | number, unknown>)[key] = v.slice(0, MAX_FIELD_CHARS);
      warnings.push(`field ${here} was ${v.length} characters long; truncated to ${MAX_FIELD_CHARS}`);
    } else if (v && typeof v === 'object' && v !== warnings) {
      guardFieldSizes(v, warnings, here);
    }
  }
}

/** A few words on what an unclaimed input looked like, for the "not a trial export" message. */
export function describeContent(input: Pick<InputFile, 'headText' | 'encoding'>): string {
  if (input.encoding === 'binary') return 'binary data';
  const not = notAPage(input.headText);
  if (not) return not;
  const t = input.headText.trimStart();
  if (/^<!doctype html|^<html/i.test(t)) return 'an HTML page';
  const xml = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(t);
  if (xml) return `XML with root <${xml[1]}>`;
  if (t.startsWith('{') || t.startsWith('[')) return 'JSON that is not a study export';
  const first = t.split(/\r?\n/, 1)[0] ?? '';
  if (!first) return 'empty text';
  return `text starting "${first.slice(0, 60).replace(/\s+/g, ' ')}${first.length > 60 ? '…' : ''}"`;
}
