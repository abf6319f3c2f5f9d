/**
 * Recall of the labelled query set (./__fixtures__/recall.json) on a store: for each query, how many of the
 * registrations a reviewer must get are in the matching studies. Usage:
 *   node dist/search/eval-recall.js --db trialatlas.db   (the 7 July 2020 ICTRP XLSX + ClinicalTrials.gov TSV ingested)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/types.js';
import { search } from './index.js';

export interface RecallQuery { query: string; concept: string; mustFind: string[]; missed: Record<string, string> }

export function recallSet(): RecallQuery[] {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/search/__fixtures__/recall.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: RecallQuery[] }).queries;
}

/** Every registration id of every study the query matches. */
export async function foundIds(store: Store, query: string): Promise<Set<string>> {
  const out = new Set<string>();
  let pageToken: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof search>> = await search(store, query, { pageSize: 1000, pageToken });
    for (const h of page.hits) for (const id of h.registrationIds) out.add(id);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--db');
  const db = i > 0 ? process.argv[i + 1]! : 'trialatlas.db';
  const { openStore } = await import('../store/index.js');
  const store = await openStore(db);
  let found = 0;
  let total = 0;
  try {
    for (const q of recallSet()) {
      const got = await foundIds(store, q.query);
      const hit = q.mustFind.filter((id) => got.has(id));
      found += hit.length;
      total += q.mustFind.length;
      const missing = q.mustFind.filter((id) => !got.has(id));
      process.stdout.write(`${q.query.padEnd(45)} ${hit.length}/${q.mustFind.length}${missing.length ? `  missed: ${missing.join(' ')}` : ''}\n`);
    }
  } finally {
    await store.close();
  }
  process.stdout.write(`recall ${found}/${total} = ${(100 * found / total).toFixed(1)} %\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => { process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`); process.exit(1); });
}
