/** Writing text to a stream with back-pressure, so an export of any size runs in constant memory. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** End a stream we opened (a file); stdout is left open. */
export async function finish(out: Writable): Promise<void> {
  if (out === process.stdout || out.writableFinished) return;
  if (!out.writableEnded) out.end();
  await once(out, 'finish');
}
