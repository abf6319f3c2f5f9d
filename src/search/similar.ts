/**
 * Similar trials for a study: candidates from the full-text index (its conditions, interventions and title words),
 * then re-scored on four features — condition 0.3, intervention incl. cell type/source 0.35, design 0.15, text 0.2 — each
 * explained in words, so a reader sees why a trial is listed.
 */
import type { Registration } from '../model/registration.js';
import type { Store } from '../store/types.js';
import { backendFor, studyRegistrations } from './index.js';
import type { PlanNode, StudyHit } from './types.js';

export interface SimilarTrial {
  studyId: string;
  id: string;
  registrationIds: string[];
  title: string | null;
  registry: string;
  status: string | null;
  phase: string | null;
  url: string | null;
  /** 0–1 */
  score: number;
  /** one line per feature that matched, e.g. `Condition: "COVID-19" ~ "Novel coronavirus pneumonia"` */
  reasons: string[];
}

const STOP = new Set(('a an and are as at be by for from in into is of on or the to with without vs versus study trial clinical ' +
  'patients patient effect effects efficacy safety evaluate evaluation treatment randomized randomised controlled ' +
  'double blind single open label phase multicenter multicentre pilot observational prospective retrospective among ' +
  'using use based group groups') .split(/\s+/));

/** Content words of a text, lower-case, without stop words and one-letter tokens. */
export function contentWords(s: string | null | undefined): string[] {
  if (!s) return [];
  return (s.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
}

function wordSet(xs: (string | null | undefined)[]): Set<string> {
  return new Set(xs.flatMap(contentWords));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Pairs of values (seed, candidate) that share most of their words, for the explanation. */
function matchingPairs(seed: string[], cand: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const c of cand) {
    const cw = wordSet([c]);
    let best: [number, string] | null = null;
    for (const s of seed) {
      const j = jaccard(wordSet([s]), cw);
      if (j >= 0.34 && (!best || j > best[0])) best = [j, s];
    }
    if (best) out.push([best[1], c]);
  }
  return out.slice(0, 3);
}

const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;

function cells(regs: Registration[]) {
  return regs.flatMap((r) => r.interventions ?? []).map((i) => i.cellTherapy).filter((c) => !!c);
}

const DESIGN_FIELDS: [string, (r: Registration) => string | null][] = [
  ['type', (r) => r.studyType],
  ['phase', (r) => (r.phase ? `phase ${r.phase.replace('_', '/')}` : null)],
  ['allocation', (r) => (r.design?.allocation === 'not_applicable' ? null : r.design?.allocation ?? null)],
  ['masking', (r) => (r.design?.masking ? (r.design.masking === 'none' ? 'open-label' : `${r.design.masking}-masked`) : null)],
  ['control', (r) => (r.design?.controlType ? `${r.design.controlType.replace(/_/g, ' ')} control` : null)],
  ['purpose', (r) => r.design?.purpose ?? null],
];

/** Score one candidate against the seed study; every part of the score comes with its reason. */
export function compare(seed: Registration[], cand: Registration, textScore: number): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  const seedConds = seed.flatMap((r) => r.conditions ?? []);
  const cond = jaccard(wordSet(seedConds), wordSet(cand.conditions ?? []));
  if (cond > 0) {
    const pairs = matchingPairs(seedConds, cand.conditions ?? []);
    reasons.push(pairs.length
      ? `Condition: ${pairs.map(([s, c]) => (s.toLowerCase() === c.toLowerCase() ? quote(c) : `${quote(c)} ~ ${quote(s)}`)).join('; ')}`
      : `Condition: shares the words ${[...wordSet(seedConds)].filter((w) => wordSet(cand.conditions ?? []).has(w)).slice(0, 5).join(', ')}`);
  }
  const seedIv = seed.flatMap((r) => (r.interventions ?? []).map((i) => i.name));
  const candIv = (cand.interventions ?? []).map((i) => i.name);
  let intr = jaccard(wordSet(seedIv), wordSet(candIv));
  if (intr > 0) {
    const pairs = matchingPairs(seedIv, candIv);
    if (pairs.length) reasons.push(`Intervention: ${pairs.map(([s, c]) => (s.toLowerCase() === c.toLowerCase() ? quote(c) : `${quote(c)} ~ ${quote(s)}`)).join('; ')}`);
    else reasons.push(`Intervention: shares the words ${[...wordSet(seedIv)].filter((w) => wordSet(candIv).has(w)).slice(0, 5).join(', ')}`);
  }
  const sc = cells(seed);
  const cc = cells([cand]);
  const sameType = cc.find((c) => c!.cellType && sc.some((s) => s!.cellType === c!.cellType));
  const sameSource = cc.find((c) => c!.source && sc.some((s) => s!.source === c!.source));
  if (sameType || sameSource) {
    intr = Math.max(intr, (sameType ? 0.5 : 0) + (sameSource ? 0.3 : 0));
    reasons.push(`Cell therapy: same ${[sameType ? `cell type (${sameType.cellType})` : '', sameSource ? `source (${sameSource.source!.replace(/_/g, ' ')})` : ''].filter(Boolean).join(' and ')}`);
  }
  const same: string[] = [];
  let known = 0;
  for (const [, get] of DESIGN_FIELDS) {
    const c = get(cand);
    const s = seed.map(get).find((v) => v !== null) ?? null;
    if (c === null || s === null) continue;
    known++;
    if (c === s) same.push(c.replace(/_/g, ' '));
  }
  const design = known ? same.length / known : 0;
  if (same.length) reasons.push(`Design: both ${same.join(', ')}`);
  const titleWords = [...wordSet(seed.map((r) => r.titles?.public ?? r.titles?.scientific))].filter((w) => wordSet([cand.titles?.public, cand.titles?.scientific]).has(w));
  if (titleWords.length >= 2) reasons.push(`Text: titles share ${titleWords.slice(0, 6).join(', ')}`);
  const score = 0.3 * cond + 0.35 * intr + 0.15 * design + 0.2 * textScore;
  return { score: Math.round(score * 1000) / 1000, reasons };
}

/** Candidate query: the study's conditions and interventions as phrases, and its rarest-looking title words. */
export function candidatePlan(seed: Registration[]): PlanNode | null {
  const leaves: PlanNode[] = [];
  const add = (column: 'conditions' | 'interventions' | 'title', value: string, phrase: boolean) => {
    if (/[\p{L}\p{N}]/u.test(value)) leaves.push({ kind: 'text', column, value, phrase, prefix: false });
  };
  for (const c of new Set(seed.flatMap((r) => r.conditions ?? []).slice(0, 6))) add('conditions', c.slice(0, 200), true);
  for (const i of new Set(seed.flatMap((r) => (r.interventions ?? []).map((x) => x.name)).slice(0, 6))) {
    for (const w of contentWords(i).slice(0, 4)) add('interventions', w, false);
  }
  const tw = [...wordSet(seed.map((r) => r.titles?.public ?? r.titles?.scientific))].sort((a, b) => b.length - a.length).slice(0, 8);
  for (const w of tw) add('title', w, false);
  return leaves.length ? { kind: 'or', children: leaves } : null;
}

/** Trials similar to the study of `id`, best first. Null when the id is unknown. */
export async function similarStudies(store: Store, id: string, limit = 10): Promise<SimilarTrial[] | null> {
  const seed = await studyRegistrations(store, id);
  if (!seed) return null;
  const where = candidatePlan(seed.registrations);
  if (!where) return [];
  const { hits } = await backendFor(store).search({ where, sort: 'relevance' }, { offset: 0, limit: 60 });
  const others = hits.filter((h) => h.studyId !== seed.studyId && !h.registrationIds.some((x) => seed.registrations.some((r) => r.id === x)));
  const top = Math.max(...others.map((h) => h.score), 1e-9);
  const scored: SimilarTrial[] = [];
  for (const h of others) {
    const v = await store.getRegistration(h.lead.id);
    if (!v) continue;
    const { score, reasons } = compare(seed.registrations, v.registration, h.score / top);
    if (reasons.length) scored.push(toSimilar(h, score, reasons));
  }
  return scored.sort((a, b) => b.score - a.score || a.studyId.localeCompare(b.studyId)).slice(0, limit);
}

function toSimilar(h: StudyHit, score: number, reasons: string[]): SimilarTrial {
  return {
    studyId: h.studyId, id: h.lead.id, registrationIds: h.registrationIds, title: h.lead.title, registry: h.lead.registry,
    status: h.lead.status, phase: h.lead.phase, url: h.lead.url, score, reasons,
  };
}
