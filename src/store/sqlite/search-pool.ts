/**
 * Searches of a served SQLite store run in worker threads (./search-worker.ts), each with its own read-only
 * connection: better-sqlite3 is synchronous, so a query run on the server's thread holds every other request
 * until it ends. In a worker it holds only its worker; past `timeoutMs` the worker is ended (SQLite cannot be
 * interrupted otherwise) and the request answered 503 (SearchTimeoutError); a new worker takes its place.
 */
import { Worker } from 'node:worker_threads';
import { SearchTimeoutError } from '../../search/query.js';

type Op = 'search' | 'facets' | 'stats';
interface Job { op: Op; args: unknown[]; resolve: (v: unknown) => void; reject: (e: unknown) => void }
interface Slot { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null }

export interface PoolOptions {
  /** worker threads (default 2) */
  size?: number;
  /** longest one search may run (default 10 s) */
  timeoutMs?: number;
}

export class SearchPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private seq = 0;
  private closed = false;
  readonly size: number;
  readonly timeoutMs: number;

  constructor(private readonly file: string, opts: PoolOptions = {}) {
    this.size = opts.size ?? 2;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  run<T>(op: Op, args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('search: the search pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, args, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./search-worker.js', import.meta.url), { workerData: { file: this.file } });
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref();
    worker.on('message', (m: { ok?: unknown; error?: { name: string; message: string } }) => {
      const job = this.finish(slot);
      if (!job) return;
      if (m.error) job.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else job.resolve(m.ok);
    });
    worker.on('error', (e) => { this.finish(slot)?.reject(e); this.drop(slot); });
    worker.on('exit', () => { this.finish(slot)?.reject(new Error('search: the search worker stopped')); this.drop(slot); });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot): Job | null {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    queueMicrotask(() => this.dispatch());
    return job;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // a pending search keeps the process alive
      slot.timer = setTimeout(() => {
        const stuck = this.finish(slot);
        this.drop(slot);
        void slot.worker.terminate();
        stuck?.reject(new SearchTimeoutError(this.timeoutMs / 1000));
      }, this.timeoutMs);
      slot.worker.postMessage({ id: ++this.seq, op: job.op, args: job.args });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('search: the search pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => { if (s.timer) clearTimeout(s.timer); return s.worker.terminate(); }));
  }
}
