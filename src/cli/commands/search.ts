/** `trialatlas search <query>`: the API's query language; prints one line per study (or the response with --json). */
import type { Store } from '../../store/types.js';
import { search } from '../../search/index.js';
import { EXIT_OK, terminalText } from '../report.js';

export async function runSearch(store: Store, query: string, opts: { json?: boolean; limit?: string; sort?: string; synonyms?: boolean }): Promise<number> {
  const pageSize = opts.limit ? Number(opts.limit) : 20;
  const res = await search(store, query, { pageSize, expand: opts.synonyms !== false, ...(opts.sort ? { sort: opts.sort as never } : {}) });
  if (opts.json) { process.stdout.write(JSON.stringify(res) + '\n'); return EXIT_OK; }
  process.stdout.write(`${res.total} stud${res.total === 1 ? 'y' : 'ies'}\n`);
  for (const e of res.expansions ?? []) {
    process.stdout.write(terminalText(`also searched for ${e.term}: ${e.added.join('; ')} (--no-synonyms to turn off)`) + '\n');
  }
  for (const h of res.hits) {
    const l = h.lead;
    const others = h.registrationIds.filter((id) => id !== l.id);
    process.stdout.write(terminalText([l.id.padEnd(22), (l.status ?? '-').padEnd(20), `phase ${l.phase ?? '-'}`.padEnd(12),
      (l.title ?? '').replace(/\s+/g, ' ').slice(0, 100)].join(' ') + (others.length ? `  (+ ${others.join(', ')})` : '')) + '\n');
  }
  return EXIT_OK;
}
