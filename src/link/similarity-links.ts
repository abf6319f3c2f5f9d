/**
 * `node dist/link/similarity-links.js --db FILE [--brief]`: every merge a store's studies owe to similarity alone
 * (a similarity link that joined two registrations no certain evidence joins), with both records' defining facts
 * side by side, for a person to re-read and judge. Reads only what the store holds, so it lists the links of
 * whichever linker built the store (before and after a change to linking).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import type { Link, Study } from '../model/study.js';
import type { Store } from '../store/types.js';
import { clusterRegistrations } from './cluster.js';
import { LinkerState, linkingViews } from './index.js';
import { features, scorePair, type Verdict } from './similarity.js';

/** The similarity links that made a merge in the studies of a store (a study's own links, re-clustered). */
export async function similarityMerges(store: Store): Promise<{ study: Study; link: Link }[]> {
  const out: { study: Study; link: Link }[] = [];
  for await (const study of store.studies()) {
    if (study.registrationIds.length < 2) continue;
    const registry = new Map<string, string>();
    for await (const r of store.latest(study.registrationIds)) registry.set(r.id, r.registry);
    const { decisions } = clusterRegistrations(study.registrationIds, (id) => registry.get(id), study.links, []);
    for (const d of decisions) if (d.accepted && d.link.method === 'similarity') out.push({ study, link: d.link });
  }
  return out.sort((x, y) => (x.link.a + x.link.b < y.link.a + y.link.b ? -1 : 1));
}

/**
 * The invariant of similarity linking, checked over a store: no study joins two registrations by similarity alone
 * when their defining facts (sponsor, start date, target size, phase, allocation) disagree, unless something two
 * independent teams would not share corroborates them (a contact, a protocol code) — or, for one sponsor's two
 * registrations, only one fact disagrees and their start dates agree. Returns the merges breaking it.
 */
export async function similarityViolations(store: Store): Promise<{ link: Link; verdict: Verdict }[]> {
  const state = new LinkerState();
  for await (const r of linkingViews(store)) state.add(features(r));
  const out: { link: Link; verdict: Verdict }[] = [];
  for (const { link } of await similarityMerges(store)) {
    const a = state.index.features.get(link.a);
    const b = state.index.features.get(link.b);
    if (!a || !b) continue;
    const verdict = scorePair(a, b, state.index.idf).verdict;
    if (verdict.corroboration.length) continue;
    const against = [...verdict.disagree, ...verdict.hard];
    const startAgrees = verdict.agree.some((x) => x.startsWith('start '));
    const ok = verdict.sameSponsor ? against.length === 0 || (against.length === 1 && startAgrees) : against.length === 0;
    if (!ok) out.push({ link, verdict });
  }
  return out;
}

/** One registration's defining facts on a line or two. */
export function factLine(r: Registration): string {
  const contacts = r.contacts.map((c) => [c.name, c.email, c.phone].filter(Boolean).join(' ')).filter(Boolean);
  const arms = r.arms.length ? r.arms.map((a) => a.label).join(' / ') : r.interventions.map((i) => i.name).join(' / ');
  return [
    `${r.id} [${r.registry}] ${r.titles.public ?? r.titles.scientific ?? ''}`,
    `    sponsor: ${r.sponsor.primary ?? '?'}${r.sponsor.secondary.length ? ` (+ ${r.sponsor.secondary.join('; ')})` : ''}` +
      ` | contacts: ${contacts.join('; ') || '?'}`,
    `    start ${r.dates.start ?? '?'} | registered ${r.dates.registration ?? '?'} | target ${r.enrollment.target ?? '?'}` +
      ` | phase ${r.phase ?? '?'} | allocation ${r.design.allocation ?? '?'} | ages ${r.eligibility.minAgeYears ?? '-'}–${r.eligibility.maxAgeYears ?? '-'}` +
      ` | countries ${r.countries.join(', ') || '?'}`,
    `    arms: ${arms.slice(0, 200) || '?'}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const db = args.includes('--db') ? args[args.indexOf('--db') + 1] : null;
  if (!db) {
    console.error('usage: similarity-links --db FILE [--brief]');
    process.exit(1);
  }
  const { openStore } = await import('../store/index.js');
  const store = await openStore(db);
  try {
    const merges = await similarityMerges(store);
    console.log(`${merges.length} merges by similarity alone`);
    for (const { link } of merges) {
      console.log(`\n${link.a} ~ ${link.b}  score ${link.score}: ${link.evidence ?? ''}`);
      if (args.includes('--brief')) continue;
      for (const id of [link.a, link.b]) {
        const v = await store.getRegistration(id);
        if (v) console.log(factLine(v.registration));
      }
    }
  } finally {
    await store.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
