/**
 * Load shedding: past a bound on requests in progress, or while the event loop lags (synchronous SQLite work
 * queues everything behind it), a request is refused at once with 503 and `Retry-After` instead of waiting in a
 * queue without limit. Latency of what is served stays bounded; a client told to retry can.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.js';

export interface ShedOptions {
  /** requests in progress at once (the rest get 503) */
  maxInFlight: number;
  /** refuse new requests while the event loop runs later than this (ms) */
  maxEventLoopDelayMs: number;
  /** what `Retry-After` says */
  retryAfterSeconds: number;
  /** how often the event-loop delay is sampled */
  sampleMs: number;
}

export const SHED_DEFAULTS: ShedOptions = { maxInFlight: 32, maxEventLoopDelayMs: 300, retryAfterSeconds: 1, sampleMs: 100 };

export class OverloadError extends HttpError {
  constructor(reason: string, readonly retryAfterSeconds: number) {
    super(503, reason);
  }
}

export function installLoadShedding(app: FastifyInstance, opts: ShedOptions): void {
  let inFlight = 0;
  // Event-loop lag measured by hand: a timer due every sampleMs, and how late it fires. (perf_hooks'
  // monitorEventLoopDelay does not see a single long iteration — it measures against libuv's cached clock.)
  // While the timer is overdue, the loop is busy right now: that counts too.
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(0, now - last - opts.sampleMs);
    last = now;
  }, opts.sampleMs);
  timer.unref();
  const lag = () => Math.max(lagMs, performance.now() - last - opts.sampleMs);
  app.addHook('onClose', async () => { clearInterval(timer); });
  app.addHook('onRequest', async (req, reply) => {
    if (inFlight >= opts.maxInFlight) throw new OverloadError(`the server is busy (${inFlight} requests in progress); retry in ${opts.retryAfterSeconds} s`, opts.retryAfterSeconds);
    const late = lag();
    if (late > opts.maxEventLoopDelayMs) throw new OverloadError(`the server is busy (it answers ${Math.round(late)} ms late); retry in ${opts.retryAfterSeconds} s`, opts.retryAfterSeconds);
    inFlight++;
    let done = false;
    // 'close' comes once per response, sent or abandoned
    reply.raw.once('close', () => { if (!done) { done = true; inFlight--; } });
    void req;
  });
}
