/** `trialatlas formats`: the input formats it recognises, with their ids. */
import { FORMATS } from '../../sources/index.js';
import { EXIT_OK } from '../report.js';

export function runFormats(opts: { json?: boolean }): number {
  if (opts.json) {
    process.stdout.write(JSON.stringify(FORMATS.map((f) => ({ id: f.id, label: f.label }))) + '\n');
  } else {
    const w = Math.max(...FORMATS.map((f) => f.id.length), 2);
    for (const f of FORMATS) process.stdout.write(`${f.id.padEnd(w)}  ${f.label}\n`);
  }
  return EXIT_OK;
}
