/**
 * Fuzzing every source reader with mutated real files (fast-check properties over byte-, line- and field-level
 * mutations of the fixtures and of slices of ../shared/data). For each mutated input, read through detection and
 * through the seed's own format (forced), as `readRecords` does:
 *   - no exception escapes the reader;
 *   - each input finishes within a per-input time bound (a hang shows as the bound exceeded or the test timing out);
 *   - the heap stays bounded;
 *   - every rejected record has a file, a position and a reason;
 *   - every record that is read carries only text that occurs in the input: each word (4+ letters or digits) of its
 *     free-text fields is a word of the decoded input.
 * Used by fuzz.test.ts (a short pass in CI) and by `npm run fuzz` (longer; FUZZ_SECONDS).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Registration } from '../../model/registration.js';
import { cleanText } from '../../normalise/text.js';
import { detectFormat, finishRecord, FORMATS } from '../index.js';
import { InputError, inputFromBuffer } from '../input.js';
import type { InputFile, SourceFormat } from '../types.js';

export interface Seed {
  name: string;
  bytes: Buffer;
  /** the format the unmutated seed is read with */
  format: string | null;
}

/** Slices of the big real files: the first `lines` lines (whole rows), so that one run stays fast. */
function headLines(file: string, lines: number): Buffer {
  const text = readFileSync(file, 'utf8');
  let at = 0;
  for (let i = 0; i < lines && at >= 0; i++) at = text.indexOf('\n', at + 1);
  return Buffer.from(at < 0 ? text : text.slice(0, at + 1));
}

/** Real files to mutate: the reader fixtures, the example exports, the seeds, and slices of ../shared/data. */
export async function loadSeeds(root: string): Promise<Seed[]> {
  const fix = path.join(root, 'src/sources/__fixtures__');
  const files: [string, Buffer][] = [];
  const add = (f: string, bytes?: Buffer): void => { if (existsSync(f)) files.push([f, bytes ?? readFileSync(f)]); };
  for (const f of readdirSync(fix)) if (/\.(json|ndjson|xml|csv)$/.test(f)) add(path.join(fix, f));
  add(path.join(fix, 'irct/irct-trial.xml'));
  for (const f of ['archive.zip', 'book.xlsx']) add(path.join(fix, 'input', f));
  for (const d of readdirSync(fix).filter((d) => d.startsWith('pages'))) {
    for (const f of readdirSync(path.join(fix, d)).filter((f) => /\.(txt|html)$/.test(f)).slice(0, 6)) add(path.join(fix, d, f));
  }
  const examples = path.join(root, 'examples');
  if (existsSync(examples)) for (const f of readdirSync(examples).filter((f) => !f.endsWith('.mjs'))) add(path.join(examples, f));
  const shared = path.resolve(root, '../shared');
  const seeds = path.join(shared, 'seeds');
  if (existsSync(seeds)) for (const f of readdirSync(seeds)) add(path.join(seeds, f));
  const data = path.join(shared, 'data');
  if (existsSync(data)) {
    for (const f of ['ictrp/COVID19-927-trials_7Apr2020.csv', 'ctgov-tsv/ctgov-covid-20200406.tsv', 'ictrp/ICTRP-Results_18Mar2020.xml', 'native/ctis-records.ndjson', 'native/euctr-fulltext-download.txt']) {
      const p = path.join(data, f);
      if (existsSync(p)) add(p, headLines(p, 40));
    }
  }
  const out: Seed[] = [];
  for (const [name, bytes] of files) {
    const input = await inputFromBuffer(name, bytes).catch(() => null);
    out.push({ name: path.relative(root, name), bytes, format: input ? detectFormat(input)?.id ?? null : null });
  }
  return out;
}

// ---- mutations ----

export type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'longLine'; line: number; length: number }
  | { kind: 'field'; at: number; op: 'dropDelimiter' | 'addDelimiter' | 'dropQuote' | 'addQuote' | 'dropClose' | 'dropBrace' | 'addNul' };

/** Bytes that matter to some format: quotes, delimiters, brackets, line ends, NUL, invalid UTF-8. */
const SPECIAL = [0x22, 0x27, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x3c, 0x3e, 0x2f, 0x7b, 0x7d, 0x5b, 0x5d, 0x5c, 0x26, 0x00, 0xff, 0xc3, 0xe2];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('longLine' as const), line: fc.nat(), length: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({ kind: fc.constant('field' as const), at: fc.nat(), op: fc.constantFrom('dropDelimiter' as const, 'addDelimiter' as const, 'dropQuote' as const, 'addQuote' as const, 'dropClose' as const, 'dropBrace' as const, 'addNul' as const) }),
);

function lineSpans(b: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) { spans.push([start, i + 1]); start = i + 1; }
  if (start < b.length) spans.push([start, b.length]);
  return spans;
}

/** The n-th (mod count) occurrence at or after `at` (wrapping) of any of `needles`, or -1. */
function findFrom(b: Buffer, at: number, needles: string[]): { index: number; needle: string } | null {
  const from = b.length ? at % b.length : 0;
  for (const start of [from, 0]) {
    let best: { index: number; needle: string } | null = null;
    for (const n of needles) {
      const i = b.indexOf(n, start);
      if (i >= 0 && (!best || i < best.index)) best = { index: i, needle: n };
    }
    if (best) return best;
  }
  return null;
}

export function mutate(input: Buffer, ops: Mutation[]): Buffer {
  let b = input;
  for (const op of ops) {
    const at = b.length ? ('at' in op ? op.at % (b.length + 1) : 0) : 0;
    const lines = (): [number, number][] => lineSpans(b);
    switch (op.kind) {
      case 'flip': if (b.length) { b = Buffer.from(b); b[at % b.length] = op.value; } break;
      case 'insert': b = Buffer.concat([b.subarray(0, at), Buffer.from(op.bytes), b.subarray(at)]); break;
      case 'delete': b = Buffer.concat([b.subarray(0, at), b.subarray(at + op.length)]); break;
      case 'duplicate': b = Buffer.concat([b.subarray(0, at + op.length), b.subarray(at, at + op.length), b.subarray(at + op.length)]); break;
      case 'truncate': b = b.subarray(0, at); break;
      case 'deleteLine': { const l = lines(); if (l.length) { const [s, e] = l[op.line % l.length]!; b = Buffer.concat([b.subarray(0, s), b.subarray(e)]); } break; }
      case 'duplicateLine': { const l = lines(); if (l.length) { const [s, e] = l[op.line % l.length]!; b = Buffer.concat([b.subarray(0, e), b.subarray(s, e), b.subarray(e)]); } break; }
      case 'swapLines': {
        const l = lines();
        if (l.length > 1) {
          let [x, y] = [op.a % l.length, op.b % l.length];
          if (x > y) [x, y] = [y, x];
          if (x !== y) {
            const [xs, xe] = l[x]!; const [ys, ye] = l[y]!;
            b = Buffer.concat([b.subarray(0, xs), b.subarray(ys, ye), b.subarray(xe, ys), b.subarray(xs, xe), b.subarray(ye)]);
          }
        }
        break;
      }
      case 'longLine': { const l = lines(); const s = l.length ? l[op.line % l.length]![0] : 0; b = Buffer.concat([b.subarray(0, s), Buffer.alloc(op.length, 0x61), b.subarray(s)]); break; }
      case 'field': {
        const hit = (needles: string[]): { index: number; needle: string } | null => findFrom(b, op.at, needles);
        const replace = (h: { index: number; needle: string } | null, by: string): void => {
          if (h) b = Buffer.concat([b.subarray(0, h.index), Buffer.from(by), b.subarray(h.index + Buffer.byteLength(h.needle))]);
        };
        if (op.op === 'dropDelimiter') replace(hit(['\t', '","', ',']), '');
        else if (op.op === 'addDelimiter') { const h = hit(['\t', ',']); if (h) replace(h, h.needle + h.needle); }
        else if (op.op === 'dropQuote') replace(hit(['"']), '');
        else if (op.op === 'addQuote') b = Buffer.concat([b.subarray(0, at), Buffer.from('"'), b.subarray(at)]);
        else if (op.op === 'dropClose') { const h = hit(['</']); if (h) { const end = b.indexOf('>', h.index); if (end > 0) b = Buffer.concat([b.subarray(0, h.index), b.subarray(end + 1)]); } }
        else if (op.op === 'dropBrace') replace(hit(['}', ']', '{']), '');
        else b = Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
        break;
      }
    }
  }
  return b;
}

// ---- the properties ----

export interface CheckResult {
  records: number;
  errors: number;
  violations: string[];
  ms: number;
}

/** Wording a reader adds itself (the ClinicalTrials.gov readers label an intervention's other names). */
const READER_WORDING = /\bOther names:/g;

/** Words of 4+ letters/digits, lower-cased. */
const WORD = /[\p{L}\p{N}]{4,}/gu;

/** The input's text with the escapes a reader undoes (XML/HTML entities, JSON \u escapes) undone too. */
function decodedForCheck(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text
    .replace(/&#x([0-9a-f]+);/gi, (m, h: string) => safeChar(parseInt(h, 16), m))
    .replace(/&#(\d+);/g, (m, d: string) => safeChar(parseInt(d, 10), m))
    .replace(/&([a-z]+);/gi, (m, n: string) => named[n.toLowerCase()] ?? m)
    .replace(/\\u([0-9a-fA-F]{4})/g, (m, h: string) => safeChar(parseInt(h, 16), m))
    .replace(/_x000D_/g, '\n');
}
function safeChar(code: number, fallback: string): string {
  try { return String.fromCodePoint(code); } catch { return fallback; }
}

function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(WORD)) out.add(m[0]);
  return out;
}

/** The free-text values of a record: what a reader copies from the input (codes, dates and numbers it derives are not). */
function freeText(r: Registration): [string, string][] {
  const out: [string, string][] = [];
  const add = (field: string, v: string | null | undefined): void => { if (v) out.push([field, v]); };
  add('titles.public', r.titles.public);
  add('titles.scientific', r.titles.scientific);
  add('titles.acronym', r.titles.acronym);
  add('sponsor.primary', r.sponsor.primary);
  r.sponsor.secondary.forEach((s, i) => add(`sponsor.secondary[${i}]`, s));
  r.conditions.forEach((s, i) => add(`conditions[${i}]`, s));
  r.interventions.forEach((s, i) => { add(`interventions[${i}].name`, s.name); add(`interventions[${i}].description`, s.description); });
  r.outcomes.primary.forEach((o, i) => add(`outcomes.primary[${i}].measure`, o.measure));
  r.eligibility.inclusion.forEach((s, i) => add(`eligibility.inclusion[${i}]`, s));
  r.eligibility.exclusion.forEach((s, i) => add(`eligibility.exclusion[${i}]`, s));
  add('description.brief', r.description.brief);
  add('status.raw', r.status.raw);
  r.contacts.forEach((c, i) => { add(`contacts[${i}].name`, c.name); add(`contacts[${i}].affiliation`, c.affiliation); });
  return out;
}

async function textOf(input: InputFile): Promise<string> {
  const parts: string[] = [];
  for await (const c of input.text()) parts.push(c);
  return parts.join('');
}

/** Read `bytes` as `readRecords` would (detected format, or `forced`), checking the properties. */
export async function checkInput(name: string, bytes: Buffer, forced: SourceFormat | null): Promise<CheckResult> {
  const t0 = performance.now();
  const violations: string[] = [];
  let records = 0;
  let errors = 0;
  let input: InputFile;
  try {
    input = await inputFromBuffer(name, bytes);
  } catch (e) {
    // an InputError (empty file, corrupt gzip) is a rejection with a reason; anything else escaped
    if (!(e instanceof Error && e.name === 'InputError' && /\S/.test(e.message))) violations.push(`inputFromBuffer threw ${String(e)}`);
    return { records, errors: 1, violations, ms: performance.now() - t0 };
  }
  const format = forced ?? detectFormat(input);
  if (!format) return { records, errors: 1, violations, ms: performance.now() - t0 };
  let words: Set<string> | null = null;
  let haystack = '';
  const binary = input.encoding === 'binary' || format.id === 'ictrp-xlsx';
  try {
    for await (const item of format.parse(input)) {
      if (item.kind === 'error') {
        errors++;
        const i = item.issue;
        if (!i.file || !i.position || !i.reason || !i.reason.trim()) violations.push(`a rejection without file, position or reason: ${JSON.stringify(i)}`);
        continue;
      }
      records++;
      if (!item.record.id) continue; // readRecords rejects it ("record has no trial id")
      const record = finishRecord(item.record, name, format.id);
      if (binary) continue;
      if (!words) {
        // the words of the input as it is (a reader may keep `&apos;` as written), decoded, and as the readers' own cleaning gives it (entities decoded, tags and
        // control characters removed, mojibake repaired): removing a NUL from `h\0story` is cleaning, not inventing
        const raw = await textOf(input);
        const text = decodedForCheck(raw);
        // (and with quotes and control characters taken out: a CSV reader removes the quoting around a cell's text)
        const unquoted = text.replace(/["\u0000-\u0008\u000b\u000e-\u001f]/g, '');
        words = new Set([...wordsOf(raw), ...wordsOf(text), ...wordsOf(cleanText(text) ?? ''), ...wordsOf(unquoted)]);
        // a word cut short (a value truncated at a length limit) is still the input's: found as a substring
        haystack = `${raw}\n${text}\n${unquoted}`.normalize('NFC').toLowerCase();
      }
      for (const [field, value] of freeText(record)) {
        const missing = [...wordsOf(value.replace(READER_WORDING, ' '))].filter((w) => !words!.has(w) && !haystack.includes(w));
        if (missing.length) violations.push(`${format.id} ${item.position}: ${field} holds words that are not in the input: ${missing.slice(0, 5).join(', ')}`);
      }
    }
  } catch (e) {
    // an InputError (the bytes themselves fail: gzip data corrupt past the head) names file, byte and reason, and
    // readRecords reports it; anything else escaped the reader
    if (e instanceof InputError && e.issue.reason.trim()) errors++;
    else violations.push(`${format.id} threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  return { records, errors, violations, ms: performance.now() - t0 };
}

export interface FuzzStats {
  executions: number;
  records: number;
  rejections: number;
  slowest: { ms: number; seed: string };
  failure: string | null;
}

export interface FuzzOptions {
  seconds: number;
  /** per-input bound: an input read slower than this is a failure (a hang, or a cost out of proportion) */
  perInputMs: number;
  /** heap bound in bytes */
  maxHeap: number;
  seed?: number;
  /** stop after this many inputs (default: as many as `seconds` allows) */
  runs?: number;
}

/** Run the properties for `seconds`; stops at the first failure (fast-check shrinks it) and reports it. */
export async function runFuzz(seeds: Seed[], opts: FuzzOptions): Promise<FuzzStats> {
  const stats: FuzzStats = { executions: 0, records: 0, rejections: 0, slowest: { ms: 0, seed: '' }, failure: null };
  const byId = new Map(FORMATS.map((f) => [f.id, f]));
  const prop = fc.asyncProperty(
    fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(),
    async (seedIndex, ops, forceOwn) => {
      const seed = seeds[seedIndex]!;
      const bytes = mutate(seed.bytes, ops);
      const forced = forceOwn && seed.format ? byId.get(seed.format) ?? null : null;
      const r = await checkInput(`fuzz/${path.basename(seed.name)}`, bytes, forced);
      stats.executions++;
      stats.records += r.records;
      stats.rejections += r.errors;
      if (r.ms > stats.slowest.ms) stats.slowest = { ms: Math.round(r.ms), seed: seed.name };
      const heap = process.memoryUsage().heapUsed;
      if (heap > opts.maxHeap) r.violations.push(`heap ${Math.round(heap / 1e6)} MB over the bound of ${Math.round(opts.maxHeap / 1e6)} MB`);
      if (r.ms > opts.perInputMs) r.violations.push(`took ${Math.round(r.ms)} ms, over the per-input bound of ${opts.perInputMs} ms`);
      if (r.violations.length) throw new Error(`${seed.name} (${seed.format ?? 'no format'}${forced ? ', forced' : ''}): ${r.violations.join('\n')}`);
    },
  );
  const result = await fc.check(prop, {
    // `timeout`: a run whose promise never settles (a stream that never ends) fails instead of stalling the pass
    interruptAfterTimeLimit: opts.seconds * 1000, timeout: opts.perInputMs, numRuns: opts.runs ?? Number.MAX_SAFE_INTEGER, ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  if (result.failed) {
    const [seedIndex, ops, forceOwn] = result.counterexample ?? [];
    const message = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    stats.failure = `${message}\nreplay: seed file ${seeds[seedIndex as number]?.name}, mutations ${JSON.stringify(ops)}, forced ${forceOwn} (fast-check seed ${result.seed}, path ${result.counterexamplePath})`;
  }
  return stats;
}
