/**
 * `npm run eval:linking`: pairwise precision and recall of linking against shared/gold/linking-dev.csv.
 *
 * Ingests the 2020-07-07 WHO ICTRP export and ClinicalTrials.gov download into a temporary SQLite store through the
 * real pipeline (which links incrementally, batch by batch), rebuilds the links (`link --rebuild`), and scores
 * both. Only gold trials' registration numbers present in the store count. Prints P, R, F1, TP/FP/FN, the
 * false positives and misses with their evidence, a similarity-threshold sweep, the score on a deterministic
 * half split of the gold trials, and timings.
 *
 * Options: `--all` also times a rebuild over every file in shared/data; `--db <file>` keeps the store;
 * `--db <file> --no-ingest` re-scores a store ingested before (for tuning).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import type { Link } from '../model/study.js';
import type { Store } from '../store/types.js';
import { clusterRegistrations } from './cluster.js';
import { idKey } from './evidence.js';
import { computeAllLinks, LinkerState, linkingViews, rebuildLinks, SIMILARITY_THRESHOLD } from './index.js';
import { features, scorePair } from './similarity.js';
import { parse as parseCsv } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
export const EVAL_FILES = [
  path.join(SHARED, 'data/ictrp/COVID19-web_7Jul2020.xlsx'),
  path.join(SHARED, 'data/ctgov-tsv/ctgov-covid-20200707.tsv'),
];
const GOLD = path.join(SHARED, 'gold/linking-dev.csv');

/** gold trial → its registration numbers (idKey form), from `trial,trn` CSV text. */
export function readGold(csv: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [trial, trn] = line.split(',').map((s) => s?.trim());
    if (!trial || !trn) continue;
    out.set(trial, [...(out.get(trial) ?? []), idKey(trn)]);
  }
  return out;
}

export interface PairCounts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositives: [string, string][];
  misses: [string, string][];
}

/**
 * Pairs a person checked by hand and found to be one trial although the gold lists them apart (the file gives the
 * reason for each). Reported beside the raw figure, never used by the linker.
 */
const ADJUDICATED = path.join(ROOT, 'src/link/__fixtures__/linking-dev-adjudicated.csv');
export function adjudicatedSame(): Set<string> {
  const rows = parseCsv(readFileSync(ADJUDICATED, 'utf8'), { columns: true }) as { a: string; b: string; verdict: string }[];
  return new Set(rows.filter((r) => r.verdict === 'same').map((r) => [idKey(r.a), idKey(r.b)].sort().join('|')));
}

function pairs(groups: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const ids of groups.values()) {
    const s = [...new Set(ids)].sort();
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) out.add(`${s[i]}|${s[j]}`);
  }
  return out;
}

/**
 * Pairwise P/R. `groupOf` maps each present registration (idKey form) to its predicted study; only gold ids
 * that are present count, and only predicted pairs of two such ids (other registrations are not judged).
 */
export function pairwise(gold: Map<string, string[]>, groupOf: Map<string, string>, trials?: Set<string>): PairCounts {
  const judged = new Map<string, string>();
  const goldGroups = new Map<string, string[]>();
  for (const [trial, ids] of gold) {
    if (trials && !trials.has(trial)) continue;
    const present = ids.filter((id) => groupOf.has(id));
    for (const id of present) judged.set(id, trial);
    if (present.length) goldGroups.set(trial, present);
  }
  const predGroups = new Map<string, string[]>();
  for (const id of judged.keys()) {
    const g = groupOf.get(id)!;
    predGroups.set(g, [...(predGroups.get(g) ?? []), id]);
  }
  const want = pairs(goldGroups);
  const got = pairs(predGroups);
  const falsePositives = [...got].filter((p) => !want.has(p)).map((p) => p.split('|') as [string, string]);
  const misses = [...want].filter((p) => !got.has(p)).map((p) => p.split('|') as [string, string]);
  const tp = got.size - falsePositives.length;
  const precision = got.size ? tp / got.size : 1;
  const recall = want.size ? tp / want.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp: falsePositives.length, fn: misses.length, precision, recall, f1, falsePositives, misses };
}

/** A deterministic half of the gold trials (by a hash of the trial id). */
export function half(gold: Map<string, string[]>, which: 0 | 1): Set<string> {
  const out = new Set<string>();
  for (const trial of gold.keys()) {
    let h = 0;
    for (const c of trial) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    if ((h & 1) === which) out.add(trial);
  }
  return out;
}

function fmt(c: PairCounts): string {
  return `P ${c.precision.toFixed(3)}  R ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}  (TP ${c.tp}, FP ${c.fp}, FN ${c.fn})`;
}

async function studyGroups(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const s of store.studies()) for (const id of s.registrationIds) out.set(idKey(id), s.studyId);
  return out;
}

/** Links in memory down to the lowest threshold swept (no store writes), computed once. */
async function sweepLinks(regs: Registration[], lowest: number): Promise<{ links: Link[]; state: LinkerState }> {
  const state = new LinkerState();
  const { links } = await computeAllLinks(regs, state, lowest);
  return { links, state };
}

/** Clusters at a given threshold from links computed at a lower one: idKey → cluster. */
function groupsAt(regs: Registration[], all: { links: Link[]; state: LinkerState }, threshold: number): Map<string, string> {
  const links = all.links.filter((l) => l.method !== 'similarity' || l.score >= threshold);
  const { clusterOf } = clusterRegistrations(regs.map((r) => r.id), all.state.registryOf, links, []);
  return new Map(regs.map((r) => [idKey(r.id), clusterOf.has(r.id) ? `c${clusterOf.get(r.id)}` : r.id]));
}

async function explainPair(store: Store, a: string, b: string, byKey: Map<string, Registration>): Promise<string> {
  const ra = byKey.get(a);
  const rb = byKey.get(b);
  if (!ra || !rb) return '';
  const links = (await store.links([ra.id])).filter((l) => l.a === rb.id || l.b === rb.id);
  const state = new LinkerState();
  for (const r of byKey.values()) state.add(features(r));
  const s = scorePair(features(ra), features(rb), state.index.idf);
  const direct = links.map((l) => `${l.method} ${l.score}: ${l.evidence ?? ''}`).join(' | ');
  return `${direct ? `links: ${direct}\n      ` : ''}similarity ${s.score.toFixed(3)} (${s.evidence})\n` +
    `      ${ra.id}: ${ra.titles.public ?? ra.titles.scientific ?? ''}\n      ${rb.id}: ${rb.titles.public ?? rb.titles.scientific ?? ''}`;
}

function dataFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of (readdirSafe(d)).sort()) {
      if (name.startsWith('.') || name.endsWith('.md')) continue;
      const p = path.join(d, name);
      if (statIsDir(p)) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function readdirSafe(d: string): string[] {
  try { return readdirSync(d); } catch { return []; }
}
function statIsDir(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

async function main(): Promise<void> {
  if (!existsSync(GOLD)) {
    console.error(`eval-linking: needs ${GOLD} (the shared folder beside the repository)`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const keepDb = args.includes('--db') ? args[args.indexOf('--db') + 1] : null;
  const { openStore } = await import('../store/index.js');
  const { ingest } = await import('../pipeline/ingest.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-link-'));
  const dbPath = keepDb ?? path.join(dir, 'eval.db');
  const store = await openStore(dbPath);
  try {
    const gold = readGold(readFileSync(GOLD, 'utf8'));
    let t = Date.now();
    if (!args.includes('--no-ingest')) {
      const summary = await ingest(store, EVAL_FILES, { onIssue: () => {} });
      const ingestMs = Date.now() - t;
      console.log(`ingested ${summary.records} records (${summary.new} new, ${summary.rejected} rejected) in ${(ingestMs / 1000).toFixed(1)} s, linking incrementally`);
      if (summary.stageErrors.length) console.log(`stage errors: ${summary.stageErrors.slice(0, 3).join(' | ')}`);
      const incremental = pairwise(gold, await studyGroups(store));
      console.log(`incremental (during ingest):  ${fmt(incremental)}`);
    }

    t = Date.now();
    let cpu = process.cpuUsage();
    const rebuild = await rebuildLinks(store);
    console.log(`rebuild: ${rebuild.registrations} registrations, links ${JSON.stringify(rebuild.links)}, ` +
      `${rebuild.multiRegistrationStudies} multi-registration studies, ${rebuild.refusedMerges} refused merges, ` +
      `${((Date.now() - t) / 1000).toFixed(2)} s wall, ${(process.cpuUsage(cpu).user / 1e6).toFixed(2)} s CPU`);
    const groups = await studyGroups(store);
    const result = pairwise(gold, groups);
    console.log(`\nlink --rebuild, threshold ${SIMILARITY_THRESHOLD}:  ${fmt(result)}`);
    console.log(`  half A: ${fmt(pairwise(gold, groups, half(gold, 0)))}`);
    console.log(`  half B: ${fmt(pairwise(gold, groups, half(gold, 1)))}`);

    const byKey = new Map<string, Registration>();
    for await (const r of linkingViews(store)) byKey.set(idKey(r.id), r);
    console.log(`\nfalse positives (${result.fp}):`);
    for (const [a, b] of result.falsePositives.slice(0, 30)) console.log(`  ${a} ~ ${b}\n      ${await explainPair(store, a, b, byKey)}`);
    const checked = result.falsePositives.filter(([a, b]) => adjudicatedSame().has([a, b].sort().join('|'))).length;
    const tp = result.tp + checked;
    console.log(`  of these, ${checked} were checked by hand and are one trial (src/link/__fixtures__/linking-dev-adjudicated.csv); ` +
      `counted as true: P ${(tp / (tp + result.fp - checked)).toFixed(3)}  R ${(tp / (tp + result.fn)).toFixed(3)}`);
    console.log(`\nmisses (${result.fn}):`);
    for (const [a, b] of result.misses.slice(0, 15)) console.log(`  ${a} ~ ${b}\n      ${await explainPair(store, a, b, byKey)}`);

    const regs = [...byKey.values()];
    console.log('\nthreshold sweep (in memory, no overrides):');
    const swept = await sweepLinks(regs, 0.45);
    for (const th of [0.45, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8, 1.01]) {
      const g = groupsAt(regs, swept, th);
      const all = pairwise(gold, g);
      console.log(`  ${th.toFixed(2)}: ${fmt(all)} | A R ${pairwise(gold, g, half(gold, 0)).recall.toFixed(2)} P ${pairwise(gold, g, half(gold, 0)).precision.toFixed(2)}` +
        ` | B R ${pairwise(gold, g, half(gold, 1)).recall.toFixed(2)} P ${pairwise(gold, g, half(gold, 1)).precision.toFixed(2)}`);
    }

    if (args.includes('--all')) {
      await store.close();
      const allDb = path.join(dir, 'all.db');
      const allStore = await openStore(allDb);
      const files = dataFiles(path.join(SHARED, 'data'));
      t = Date.now();
      const s = await ingest(allStore, files, { onIssue: () => {}, stages: false });
      console.log(`\nall of shared/data: ${s.records} records stored in ${((Date.now() - t) / 1000).toFixed(1)} s (no link stage)`);
      t = Date.now();
      cpu = process.cpuUsage();
      const r = await rebuildLinks(allStore);
      console.log(`link --rebuild over ${r.registrations} registrations: ${((Date.now() - t) / 1000).toFixed(2)} s wall, ` +
        `${(process.cpuUsage(cpu).user / 1e6).toFixed(2)} s CPU ` +
        `(links ${JSON.stringify(r.links)}, ${r.multiRegistrationStudies} multi-registration studies)`);
      await allStore.close();
    }
  } finally {
    if (!args.includes('--all')) await store.close().catch(() => {});
    if (!keepDb) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
