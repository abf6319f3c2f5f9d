/** `trialatlas link`: rebuild every link and study, or record a curator's override (--same / --different A B). */
import type { Store } from '../../store/types.js';
import { linkIncremental, rebuildLinks } from '../../link/index.js';
import { indexRegistrations, rebuildIndex, studyMembers } from '../../search/index.js';
import { EXIT_OK } from '../report.js';
import { UsageError } from './export.js';

export async function runLink(store: Store, opts: { rebuild?: boolean; same?: string[]; different?: string[]; note?: string; json?: boolean }): Promise<number> {
  const pair = opts.same ?? opts.different;
  if (!opts.rebuild && !pair) throw new UsageError('link: give --rebuild, --same A B or --different A B');
  if (pair) {
    if (pair.length !== 2) throw new UsageError('link: --same/--different take exactly two registration ids');
    const [a, b] = pair as [string, string];
    for (const id of [a, b]) {
      if (!(await store.getRegistration(id))) throw new UsageError(`link: no registration with id "${id}" in the database`);
    }
    await store.putOverride({ a, b, same: Boolean(opts.same), note: opts.note ?? null, createdAt: new Date().toISOString() });
    if (!opts.rebuild) {
      const before = await studyMembers(store, [a, b]); // --different splits a study: its old members need re-indexing
      await linkIncremental(store, [a, b]);
      const members = new Set(before);
      for (const id of [a, b]) for (const m of (await store.studyOf(id))?.registrationIds ?? []) members.add(m);
      await indexRegistrations(store, [...members]);
      const s = await store.studyOf(a);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ override: { a, b, same: Boolean(opts.same) }, studyId: s?.studyId ?? a, registrationIds: s?.registrationIds ?? [a] }) + '\n');
      } else {
        process.stdout.write(`${a} and ${b} ${opts.same ? 'asserted the same trial' : 'asserted different trials'}; ` +
          `${a} is now in study ${s?.studyId ?? a} (${(s?.registrationIds ?? [a]).join(', ')})\n`);
      }
    }
  }
  if (opts.rebuild) {
    const started = Date.now();
    const summary = await rebuildLinks(store);
    const indexed = await rebuildIndex(store);
    let studies = 0;
    for await (const _ of store.studies()) studies++;
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) process.stdout.write(JSON.stringify({ ...summary, studies, indexed, seconds }) + '\n');
    else process.stdout.write(`rebuilt links: ${studies} studies, ${indexed} registrations indexed in ${seconds.toFixed(1)} s\n`);
  }
  return EXIT_OK;
}
