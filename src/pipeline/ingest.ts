/**
 * The ingest pipeline: read records (src/sources) → store them in batches (one transaction each) → link and index
 * what is new or changed. One snapshot per input file. A crash between batches leaves the database valid; ids
 * stored but not yet linked/indexed stay "pending" in the store and the next run finishes them first.
 *
 * Within one file the same registration id twice is reported as a warning; the store keeps the last one
 * (see src/store/lines.ts), and the per-file outcome of that id is the outcome of its last row.
 *
 * A snapshot is identified by its input (format + the file's sha256, see snapshotKeyOf), not by when it was read:
 * the same files again, or again after a crash, converge to exactly the state of one uninterrupted run.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readRecords, type ReadItem, type ReadOptions } from '../sources/index.js';
import type { ParseIssue } from '../sources/types.js';
import type { Registration } from '../model/registration.js';
import type { PutOutcome, Snapshot, Store } from '../store/types.js';
import { linkIncremental } from '../link/index.js';
import { indexRegistrations, studyMembers } from '../search/index.js';
import { errorText, validateRegistration } from '../model/validate.js';

export const DEFAULT_BATCH_SIZE = 500;

export interface IngestProgress {
  file: string;
  records: number;
  rejected: number;
  /** records per second since the start */
  rate: number;
}

export interface IngestSummary {
  files: number;
  records: number;
  new: number;
  /** first copies, from another source, of registrations already stored (not a change: see src/store/lines.ts) */
  newSource: number;
  changed: number;
  unchanged: number;
  rejected: number;
  /** rows whose id had already appeared earlier in the same file (the last one is kept) */
  duplicates: number;
  /** failures of the link/index stages (the records themselves are stored; the next run retries them) */
  stageErrors: string[];
  /** where the time went: storing batches, linking, indexing (the rest is reading/parsing/extracting) */
  timings: { store: number; link: number; index: number };
  seconds: number;
  recordsPerSecond: number;
}

export interface IngestOptions extends ReadOptions {
  batchSize?: number;
  /** a rejected record or input, as soon as it is met */
  onIssue?: (issue: ParseIssue) => void;
  /** a non-fatal remark (duplicate ids…) */
  onWarning?: (message: string) => void;
  onProgress?: (p: IngestProgress) => void;
  /** where records come from (default: readRecords from src/sources) — tests inject their own */
  read?: (paths: string[], opts: ReadOptions) => AsyncIterable<ReadItem>;
  /** called after each committed batch (1, 2, …) — tests use it to simulate a crash */
  afterBatch?: (batchNumber: number) => void;
  /** run the link and search-index stages (default true) */
  stages?: boolean;
  now?: () => Date;
}

/**
 * Per-file bookkeeping: the snapshot, and for each id met in this file its position and latest outcome
 * (a few dozen bytes per registration: the only state that grows with a file; records themselves are not kept).
 */
interface FileState {
  snapshot: Snapshot;
  positions: Map<string, string>;
  outcomes: Map<string, PutOutcome>;
}

/** Ingest files/directories into the store; returns the counts. Rejected inputs go to opts.onIssue as they are met. */
export async function ingest(store: Store, paths: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const read = opts.read ?? readRecords;
  const stages = opts.stages ?? true;
  const summary: IngestSummary = {
    files: 0, records: 0, new: 0, newSource: 0, changed: 0, unchanged: 0, rejected: 0, duplicates: 0,
    stageErrors: [], timings: { store: 0, link: 0, index: 0 }, seconds: 0, recordsPerSecond: 0,
  };
  const rate = () => summary.records / Math.max((Date.now() - started) / 1000, 1e-3);

  if (stages) await finishPending(store, summary, now, opts.onWarning);

  let file: FileState | null = null;
  let batch: Registration[] = [];
  let batches = 0;

  const flush = async (): Promise<void> => {
    if (!file || batch.length === 0) return;
    const current = file;
    if (current.snapshot.exportedAt === null) current.snapshot.exportedAt = batch[0]!.source.exportedAt ?? null;
    const t = performance.now();
    const outcomes = await store.putBatch(batch, current.snapshot);
    summary.timings.store += (performance.now() - t) / 1000;
    const touched: string[] = [];
    batch.forEach((r, i) => {
      current.outcomes.set(r.id, outcomes[i]!);
      if (outcomes[i] !== 'unchanged') touched.push(r.id);
    });
    // and whatever else the store re-derived (a later row restoring an earlier one, versions re-ordered by a
    // snapshot's date): every id it marked pending is linked and indexed now, not by the next run
    if (stages) touched.push(...((await store.pendingIds?.()) ?? []));
    batch = [];
    batches++;
    opts.afterBatch?.(batches);
    if (stages && touched.length) await runStages(store, [...new Set(touched)], summary);
  };

  const closeFile = async (): Promise<void> => {
    await flush();
    if (!file) return;
    for (const o of file.outcomes.values()) summary[o]++;
    file = null;
  };

  const shown = displayNames(paths);
  const shownIn = displayNamesIn(paths);
  for await (const item of read(paths, { format: opts.format })) {
    const readFrom = item.kind === 'error' ? '' : item.file; // the path as read (a snapshot's key hashes that file)
    if (item.kind === 'error') item.issue = { ...item.issue, file: shown(item.issue.file), reason: shownIn(item.issue.reason) };
    else item.file = shown(item.file);
    if (item.kind === 'record' && typeof item.record.source?.file === 'string') item.record.source.file = shown(item.record.source.file);
    if (item.kind === 'file') {
      await closeFile();
      summary.files++;
      file = {
        snapshot: { file: item.file, format: item.format, exportedAt: null, ingestedAt: now().toISOString(), ...(await keyOf(readFrom, item.format)) },
        positions: new Map(), outcomes: new Map(),
      };
    } else if (item.kind === 'error') {
      summary.rejected++;
      opts.onIssue?.(item.issue);
    } else {
      // every record, whatever read it, meets the canonical schema before it is stored (src/model/validate.ts)
      const checked = validateRegistration(item.record, { now: now() });
      if (!checked.record) {
        summary.rejected++;
        const rid = typeof (item.record as { id?: unknown }).id === 'string' ? `record ${String(item.record.id).slice(0, 80)}: ` : '';
        opts.onIssue?.({ file: item.file, position: item.position, field: checked.errors[0]?.field, reason: `${rid}${errorText(checked.errors)}` });
        continue;
      }
      item.record = checked.record;
      for (const w of checked.warnings) opts.onWarning?.(`${item.file}: ${item.position}: ${item.record.id}: ${w}`);
      if (!file) {
        // a reader that gives no file marker: a snapshot for the record's file anyway
        await closeFile();
        summary.files++;
        file = {
          snapshot: { file: item.file, format: item.record.source.format || 'unknown', exportedAt: null, ingestedAt: now().toISOString(),
            ...(await keyOf(readFrom, item.record.source.format || 'unknown')) },
          positions: new Map(), outcomes: new Map(),
        };
      }
      const earlier = file.positions.get(item.record.id);
      if (earlier !== undefined) {
        summary.duplicates++;
        opts.onWarning?.(`${item.file}: ${item.position}: id ${item.record.id} already appeared at ${earlier} in this file; keeping the last one`);
      }
      file.positions.set(item.record.id, item.position);
      summary.records++;
      batch.push(item.record);
      if (batch.length >= batchSize) await flush();
      opts.onProgress?.({ file: item.file, records: summary.records, rejected: summary.rejected, rate: rate() });
    }
  }
  await closeFile();
  summary.seconds = (Date.now() - started) / 1000;
  summary.recordsPerSecond = summary.records / Math.max(summary.seconds, 1e-3);
  return summary;
}

/**
 * File names as the records, snapshots and messages keep them: relative to what the user gave. A path given as
 * absolute (`/srv/data/exports`, or the bundled examples) is shown from its last part (`exports/ictrp.csv`), so the
 * server's directories never reach API responses, exports or pages; a relative path stays as given.
 */
export function displayNames(paths: string[]): (file: string) => string {
  const roots = paths.filter((p) => path.isAbsolute(p)).map((p) => path.resolve(p)).sort((a, b) => b.length - a.length);
  return (file) => {
    for (const root of roots) {
      if (file === root || file.startsWith(root + path.sep) || file.startsWith(root + '!')) {
        const parent = path.dirname(root);
        return file.slice(parent.length + (parent.endsWith(path.sep) ? 0 : 1));
      }
    }
    return file;
  };
}

/**
 * A snapshot's identity, from the input itself: the format and the sha256 of the file's bytes, so that reading the
 * same file again — a re-run, a run after a crash, the same download under another name — is the same snapshot
 * (its records then change nothing). A name that is no file of its own (inside an archive, a test's reader) gets
 * no key: the store identifies it by name and ingest time, since the same name may hold other content next time.
 */
export async function snapshotKeyOf(file: string, format: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).isFile()) {
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
      return `${format} sha256:${hash.digest('hex')}`;
    }
  } catch { /* not a file of its own */ }
  return undefined;
}

async function keyOf(file: string, format: string): Promise<{ key?: string }> {
  const key = await snapshotKeyOf(file, format);
  return key ? { key } : {};
}

/** The same, for file names inside a message ("not a trial export: /srv/data/x.md" → "not a trial export: data/x.md"). */
export function displayNamesIn(paths: string[]): (text: string) => string {
  const parents = [...new Set(paths.filter((p) => path.isAbsolute(p)).map((p) => path.dirname(path.resolve(p))))]
    .filter((p) => p !== path.sep).sort((a, b) => b.length - a.length);
  return (text) => parents.reduce((t, parent) => t.split(parent + path.sep).join(''), text);
}

/**
 * Link and index these ids; on success they are no longer pending. A failure is recorded, not fatal, and costs only
 * the registrations that cause it: a failing batch is split until the failing ids are alone, so one bad record
 * cannot keep the rest of a batch (or of every later run) unlinked and unsearchable.
 */
async function runStages(store: Store, ids: string[], summary: IngestSummary): Promise<void> {
  try {
    let t = performance.now();
    const before = await studyMembers(store, ids); // the old studies' members: a relink may split some off
    await linkIncremental(store, ids);
    summary.timings.link += (performance.now() - t) / 1000;
    t = performance.now();
    await indexRegistrations(store, before);
    summary.timings.index += (performance.now() - t) / 1000;
    await store.clearPending?.(ids);
  } catch (e) {
    if (ids.length > 1) {
      const half = Math.ceil(ids.length / 2);
      await runStages(store, ids.slice(0, half), summary);
      await runStages(store, ids.slice(half), summary);
      return;
    }
    summary.stageErrors.push(`linking/indexing ${ids[0]} failed: ${(e as Error).message}`);
  }
}

/** The snapshot a repaired stored record is filed under. */
const REPAIR_FORMAT = 'trialatlas-repair';

/**
 * Ids a previous, interrupted run stored but did not link/index. A pending record that does not meet the canonical
 * schema (stored before the schema was enforced, e.g. `"titles":{"public":42}` through an older API) gets a new
 * version with the offending fields read as unknown and a warning naming each; the bad version stays in its history.
 */
async function finishPending(store: Store, summary: IngestSummary, now: () => Date, onWarning?: (m: string) => void): Promise<void> {
  const pending = (await store.pendingIds?.()) ?? [];
  for (let i = 0; i < pending.length; i += DEFAULT_BATCH_SIZE) {
    const part = pending.slice(i, i + DEFAULT_BATCH_SIZE);
    await repairStored(store, part, now, onWarning);
    await runStages(store, part, summary);
  }
}

async function repairStored(store: Store, ids: string[], now: () => Date, onWarning?: (m: string) => void): Promise<void> {
  const repaired: Registration[] = [];
  for await (const r of store.latest(ids)) {
    const strict = validateRegistration(r);
    if (strict.record) continue;
    const fixed = validateRegistration(r, { repair: true });
    if (!fixed.record) continue; // an id or registry that is none: nothing to file a repair under (runStages reports it)
    repaired.push(fixed.record);
    onWarning?.(`stored registration ${fixed.record.id} did not meet the canonical schema; stored a repaired version: ${fixed.warnings.join('; ')}`);
  }
  if (repaired.length) {
    await store.putBatch(repaired, { file: 'trialatlas: repair of stored records', format: REPAIR_FORMAT, exportedAt: null, ingestedAt: now().toISOString() });
  }
}
