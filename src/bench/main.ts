/**
 * `npm run bench`: runs the bench sections in order and prints their figures. No assertions: this measures.
 * Adding a section = one file exporting a BenchSection + one line in SECTIONS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './section.js';
import { ingestSection } from './ingest.js';
import { searchSection } from './search.js';

const SECTIONS: BenchSection[] = [
  ingestSection,
  searchSection,
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(ROOT, '../shared/data');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const ctx = { root: ROOT, dataDir: existsSync(DATA) ? DATA : null, print: (l: string) => process.stdout.write(`  ${l}\n`) };
  process.stdout.write(`TrialAtlas bench — node ${process.version}, ${new Date().toISOString()}\n`);
  for (const s of SECTIONS) {
    if (only.length && !only.some((o) => s.name.includes(o))) continue;
    process.stdout.write(`\n## ${s.name}\n`);
    const t = performance.now();
    await s.run(ctx);
    process.stdout.write(`  (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
  }
}

main().catch((e) => { process.stderr.write(`bench: ${e instanceof Error ? e.stack : e}\n`); process.exitCode = 1; });
