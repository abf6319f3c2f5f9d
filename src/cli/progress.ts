/** A one-line progress display on stderr (only when stderr is a terminal): records, rate, rejected, current file. */
import path from 'node:path';

export interface Progress {
  update(p: { file: string; records: number; rejected: number; rate: number }): void;
  done(): void;
}

const SPINNER = '|/-\\';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let tick = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = stream.columns ?? 80;
      const text = `${SPINNER[tick++ % 4]} ${p.records.toLocaleString('en')} records  ${Math.round(p.rate).toLocaleString('en')}/s` +
        `  ${p.rejected} rejected  ${path.basename(p.file)}`;
      stream.write(`\r${text.slice(0, width - 1).padEnd(Math.min(width - 1, 100))}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
