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
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readRecords, type ReadItem, type ReadOptions } from '../sources/index.js';
import type { ParseIssue } from '../sources/types.js';
import type { Registration } from '../model/registration.js';
import type { PutOutcome, Snapshot, Store } from '../store/types.js';
import { linkIncremental } from '../link/index.js';
import { indexRegistrations, studyMembers } from '../search/index.js';

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

  if (stages) await finishPending(store, summary);

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

  for await (const item of read(paths, { format: opts.format })) {
    if (item.kind === 'file') {
      await closeFile();
      summary.files++;
      file = {
        snapshot: { file: item.file, format: item.format, exportedAt: null, ingestedAt: now().toISOString(), ...(await keyOf(item.file, item.format)) },
        positions: new Map(), outcomes: new Map(),
      };
    } else if (item.kind === 'error') {
      summary.rejected++;
      opts.onIssue?.(item.issue);
    } else {
      const problem = checkRecord(item.record);
      if (problem) {
        summary.rejected++;
        opts.onIssue?.({ file: item.file, position: item.position, field: problem.field, reason: problem.reason });
        continue;
      }
      if (!file) {
        // a reader that gives no file marker: a snapshot for the record's file anyway
        await closeFile();
        summary.files++;
        file = {
          snapshot: { file: item.file, format: item.record.source.format || 'unknown', exportedAt: null, ingestedAt: now().toISOString(),
            ...(await keyOf(item.file, item.record.source.format || 'unknown')) },
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

/** What the store cannot hold: a record without an id or registry. */
function checkRecord(r: Registration): { field: string; reason: string } | null {
  if (typeof r.id !== 'string' || r.id.trim() === '') return { field: 'id', reason: 'record has no trial id' };
  if (typeof r.registry !== 'string' || !r.registry) return { field: 'registry', reason: `record ${r.id} has no registry` };
  return null;
}

/** Link and index these ids; on success they are no longer pending. A failure is recorded, not fatal. */
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
    summary.stageErrors.push(`linking/indexing ${ids.length} registrations (${ids[0]}…) failed: ${(e as Error).message}`);
  }
}

/** Ids a previous, interrupted run stored but did not link/index. */
async function finishPending(store: Store, summary: IngestSummary): Promise<void> {
  const pending = (await store.pendingIds?.()) ?? [];
  for (let i = 0; i < pending.length; i += DEFAULT_BATCH_SIZE) {
    await runStages(store, pending.slice(i, i + DEFAULT_BATCH_SIZE), summary);
  }
}
