/**
 * Links → clusters of registrations (one cluster = one study), by a guarded union-find that explains itself.
 *
 * Links are applied strongest first: curators' `--same`, then certain evidence, then similarity by score.
 * A merge is refused when
 * - a curator said `--different` for any two registrations it would bring together;
 * - it would put two registrations of one registry (different numbers) in one study, unless a curator said
 *   so, the two registrations name each other, they are two spellings of one number (`same_id`), or the link is a
 *   `master_protocol` one (national arms of one trial are often registered in one registry: EU CTR);
 * - the merged cluster would exceed the size cap (certain evidence: `maxCertainSize`, master protocols: `maxMasterSize`,
 *   similarity: `maxSimilarSize`);
 * - it joins two clusters of two or more by similarity alone (one fuzzy link must not merge two studies).
 * Every accepted merge and every refusal is kept, in words, for `show` and for the evaluation.
 */
import type { Link, Override } from '../model/study.js';

export interface ClusterOptions {
  maxCertainSize: number;
  maxSimilarSize: number;
  /** registrations of one master protocol (SOLIDARITY has more than twenty national registrations) */
  maxMasterSize?: number;
}

export const DEFAULT_CLUSTER: ClusterOptions = { maxCertainSize: 12, maxSimilarSize: 4, maxMasterSize: 40 };

export interface Decision {
  link: Link;
  accepted: boolean;
  reason: string;
}

export interface Clustering {
  /** clusters of two or more registrations; everything else is a singleton */
  clusters: string[][];
  /** cluster of each id (ids not in `clusters` are alone) */
  clusterOf: Map<string, number>;
  decisions: Decision[];
}

const METHOD_RANK: Record<Link['method'], number> = {
  manual: 0, same_id: 1, secondary_id: 2, text_mention: 3, master_protocol: 4, similarity: 5,
};

/** Apply order: manual, same id, secondary id, text mention, master protocol, then similarity by descending score; ties by ids. */
export function orderLinks(links: Link[]): Link[] {
  return [...links].sort(
    (x, y) => METHOD_RANK[x.method] - METHOD_RANK[y.method] || y.score - x.score ||
      (x.a + x.b < y.a + y.b ? -1 : x.a + x.b > y.a + y.b ? 1 : 0),
  );
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Curators' overrides with a later one of the same pair replacing an earlier one. */
export function effectiveOverrides(overrides: Override[]): Override[] {
  const last = new Map<string, Override>();
  for (const o of overrides) last.set(pairKey(o.a, o.b), o);
  return [...last.values()];
}

/**
 * Cluster the registrations `ids` (with `registryOf`) using `links` (those naming ids not in `ids` are ignored)
 * and curators' `overrides` (`same: false` forbids, `same: true` asserts).
 */
export function clusterRegistrations(
  ids: Iterable<string>,
  registryOf: (id: string) => string | undefined,
  links: Link[],
  overrides: Override[],
  options: ClusterOptions = DEFAULT_CLUSTER,
): Clustering {
  const present = new Set(ids);
  const parent = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const id of present) {
    parent.set(id, id);
    members.set(id, [id]);
  }
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(x) !== r) {
      const n = parent.get(x)!;
      parent.set(x, r);
      x = n;
    }
    return r;
  };

  overrides = effectiveOverrides(overrides);
  const forbidden = new Set<string>();
  for (const o of overrides) if (!o.same) forbidden.add(pairKey(o.a, o.b));
  const named = new Set<string>();
  for (const l of links) if (l.method === 'secondary_id' || l.method === 'text_mention') named.add(`${l.a}\u0000${l.b}`);
  const sameNumber = new Set<string>();
  for (const l of links) if (l.method === 'same_id') sameNumber.add(pairKey(l.a, l.b));
  // two numbers of one registry may share a study when they name each other or are spellings of one number
  const mutual = (a: string, b: string): boolean =>
    (named.has(`${a}\u0000${b}`) && named.has(`${b}\u0000${a}`)) || sameNumber.has(pairKey(a, b));

  const all: Link[] = [
    ...overrides.filter((o) => o.same).map((o): Link => ({
      a: o.a, b: o.b, method: 'manual', score: 1, evidence: `curator: same trial${o.note ? ` (${o.note})` : ''}`,
    })),
    ...links,
  ];
  const decisions: Decision[] = [];
  const decide = (link: Link, accepted: boolean, reason: string): void => {
    decisions.push({ link, accepted, reason });
  };

  for (const link of orderLinks(all)) {
    if (!present.has(link.a) || !present.has(link.b) || link.a === link.b) continue;
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra === rb) continue;
    const ma = members.get(ra)!;
    const mb = members.get(rb)!;
    const forbid = ma.flatMap((x) => mb.filter((y) => forbidden.has(pairKey(x, y))).map((y) => `${x}/${y}`));
    if (forbid.length) {
      decide(link, false, `curator said different: ${forbid.join(', ')}`);
      continue;
    }
    if (link.method !== 'manual') {
      const size = ma.length + mb.length;
      const cap = link.method === 'similarity' ? options.maxSimilarSize
        : link.method === 'master_protocol' ? options.maxMasterSize ?? DEFAULT_CLUSTER.maxMasterSize! : options.maxCertainSize;
      if (size > cap) {
        decide(link, false, `would make a study of ${size} registrations (cap ${cap} for ${link.method})`);
        continue;
      }
      const conflict = link.method === 'master_protocol' ? [] : ma.flatMap((x) => mb.filter((y) => registryOf(x) === registryOf(y) && registryOf(x) !== 'other')
        .filter((y) => !(link.method !== 'similarity' && mutual(x, y)))
        .map((y) => `${x}/${y}`));
      if (conflict.length) {
        decide(link, false, `would join two numbers of one registry: ${conflict.join(', ')}`);
        continue;
      }
      if (link.method === 'similarity' && ma.length > 1 && mb.length > 1) {
        decide(link, false, `similarity alone does not join two studies (${ma.length} and ${mb.length} registrations)`);
        continue;
      }
    }
    const [big, small] = ma.length >= mb.length ? [ra, rb] : [rb, ra];
    parent.set(small, big);
    members.set(big, [...members.get(big)!, ...members.get(small)!]);
    members.delete(small);
    decide(link, true, `${link.method} ${link.score.toFixed(2)}: ${link.evidence ?? ''}`.trim());
  }

  const clusters: string[][] = [];
  const clusterOf = new Map<string, number>();
  for (const [root, list] of members) {
    if (find(root) !== root || list.length < 2) continue;
    const sorted = [...list].sort();
    for (const id of sorted) clusterOf.set(id, clusters.length);
    clusters.push(sorted);
  }
  return { clusters, clusterOf, decisions };
}
