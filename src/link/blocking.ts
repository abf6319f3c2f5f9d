/**
 * Candidate generation for similarity linking, so that cost grows near-linearly with the number of
 * registrations: an inverted index on rare title tokens, code words, contact emails and phones. Keys shared by
 * more than `maxBlock` registrations (the disease word, common drugs) are skipped when generating candidates,
 * and each registration gets at most `maxCandidates` candidates, ranked by the IDF of the keys they share.
 * Registrations of the same registry are never candidates (different numbers there are different trials).
 *
 * The index also keeps the document frequencies of title tokens: it is the IDF the similarity uses.
 */
import type { Features, Idf } from './similarity.js';
import { idfOf, sameRegistry } from './similarity.js';

export interface BlockingOptions {
  /** keys with more postings than this generate no candidates */
  maxBlock: number;
  /** candidates kept per registration */
  maxCandidates: number;
}

export const DEFAULT_BLOCKING: BlockingOptions = { maxBlock: 150, maxCandidates: 30 };

/** The keys a registration is filed under. */
export function blockingKeys(f: Features): string[] {
  return [
    ...f.titleTokens.map((t) => `t:${t}`),
    ...f.codes.map((c) => `c:${c}`),
    ...f.emails.map((e) => `e:${e}`),
    ...f.phones.map((p) => `p:${p}`),
  ];
}

/** blockingKeys, built once per Features object (features are never changed once built). */
const keyCache = new WeakMap<Features, string[]>();
function keysOf(f: Features): string[] {
  let keys = keyCache.get(f);
  if (!keys) keyCache.set(f, (keys = blockingKeys(f)));
  return keys;
}

/** Whether candidate (id, w) ranks before `other`: higher weight first, then lower id. */
function before(id: string, w: number, other: [string, number]): boolean {
  return w > other[1] || (w === other[1] && id < other[0]);
}

export class BlockIndex {
  readonly features = new Map<string, Features>();
  private readonly postings = new Map<string, Set<string>>();
  readonly idf: Idf = { n: 0, df: new Map(), version: 0 };

  constructor(readonly options: BlockingOptions = DEFAULT_BLOCKING) {}

  get size(): number {
    return this.features.size;
  }

  has(id: string): boolean {
    return this.features.has(id);
  }

  /** File a registration (replacing its previous features when it was filed before). */
  add(f: Features): void {
    if (this.features.has(f.id)) this.remove(f.id);
    this.features.set(f.id, f);
    this.idf.n++;
    this.idf.version!++;
    for (const t of f.titleTokens) this.idf.df.set(t, (this.idf.df.get(t) ?? 0) + 1);
    for (const k of keysOf(f)) {
      let set = this.postings.get(k);
      if (!set) this.postings.set(k, (set = new Set()));
      set.add(f.id);
    }
  }

  remove(id: string): void {
    const f = this.features.get(id);
    if (!f) return;
    this.features.delete(id);
    this.idf.n--;
    this.idf.version!++;
    for (const t of f.titleTokens) {
      const d = (this.idf.df.get(t) ?? 1) - 1;
      if (d <= 0) this.idf.df.delete(t);
      else this.idf.df.set(t, d);
    }
    for (const k of keysOf(f)) this.postings.get(k)?.delete(id);
  }

  /** Weight of a shared key: contacts and codes count as much as a rare word. */
  private keyWeight(key: string): number {
    if (key.startsWith('t:')) return idfOf(this.idf, key.slice(2));
    return idfOf(this.idf, '\u0000never');
  }

  /** The stored registrations most worth comparing with `f` (never itself, never its own registry). */
  candidates(f: Features): string[] {
    const acc = new Map<string, number>();
    for (const k of keysOf(f)) {
      const set = this.postings.get(k);
      if (!set || set.size > this.options.maxBlock) continue;
      const w = this.keyWeight(k);
      for (const id of set) {
        if (id === f.id) continue;
        acc.set(id, (acc.get(id) ?? 0) + w);
      }
    }
    // the best maxCandidates by (weight desc, id asc), a total order: kept sorted as they come, no full sort
    const max = this.options.maxCandidates;
    if (max <= 0) return [];
    const best: [string, number][] = [];
    for (const [id, w] of acc) {
      if (best.length === max && !before(id, w, best[max - 1]!)) continue;
      const g = this.features.get(id);
      if (!g || sameRegistry(f, g)) continue;
      let at = best.length;
      while (at > 0 && before(id, w, best[at - 1]!)) at--;
      best.splice(at, 0, [id, w]);
      if (best.length > max) best.pop();
    }
    return best.map(([id]) => id);
  }
}
