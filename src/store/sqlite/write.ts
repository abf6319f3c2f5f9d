/**
 * Writing to a SQLite database another process may be writing to (a second `trialatlas ingest`, a server taking
 * POSTs during a CLI ingest).
 *
 * A deferred transaction (better-sqlite3's default `BEGIN`) starts as a reader and upgrades to a writer at its first
 * write; when another connection holds the write lock, that upgrade fails with SQLITE_BUSY at once, whatever
 * busy_timeout says (waiting could deadlock two upgrading readers). So every write transaction here starts with
 * `BEGIN IMMEDIATE`, which takes the write lock first and is allowed to wait. The wait itself is asynchronous:
 * busy_timeout is kept short (it blocks the thread, and with it every reader of a server) and a busy BEGIN is
 * retried after a pause that lets the event loop run, for up to `maxWaitMs`, telling `onWait` once that it waits.
 * Readers never wait: WAL lets them read the last committed state while a writer works.
 */
import type Database from 'better-sqlite3';

/** How long one BEGIN IMMEDIATE may block the thread before it is retried asynchronously. */
export const BUSY_TIMEOUT_MS = 200;

/** Another connection held the write lock for longer than a writer would wait. */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
  constructor(readonly file: string, readonly waitedMs: number) {
    super(`the database ${file} is locked: another process (another ingest?) has been writing to it for ${Math.round(waitedMs / 1000)} s; try again when it is done`);
  }
}

export interface WriteWaitOptions {
  /** give up after this long (ms) */
  maxWaitMs: number;
  /** told once per transaction that it waits for another writer */
  onWait?: (message: string) => void;
}

/** Each database's wait options (set by its store; the search index writes through the same handle). */
const waits = new WeakMap<Database.Database, WriteWaitOptions>();
/** Default: a CLI ingest waits for another to finish (ten minutes at most). */
export const DEFAULT_WRITE_WAIT: WriteWaitOptions = { maxWaitMs: 10 * 60_000 };

export function setWriteWait(db: Database.Database, opts: WriteWaitOptions): void {
  waits.set(db, opts);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/** Run `fn` in a BEGIN IMMEDIATE transaction, waiting (asynchronously) for another writer to finish first. */
export async function writeTransaction<T>(db: Database.Database, fn: () => T, opts: WriteWaitOptions = waits.get(db) ?? DEFAULT_WRITE_WAIT): Promise<T> {
  const started = Date.now();
  let told = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return db.transaction(fn).immediate();
    } catch (e) {
      if (!isBusy(e) || db.inTransaction) throw e;
      const waited = Date.now() - started;
      if (waited >= opts.maxWaitMs) throw new StoreBusyError(db.name, waited);
      if (!told) {
        told = true;
        opts.onWait?.(`another process is writing to ${db.name}; waiting for it to finish (up to ${Math.round(opts.maxWaitMs / 1000)} s)`);
      }
      await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 250));
    }
  }
}
