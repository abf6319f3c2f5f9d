/**
 * `npm run eval:design` — agreement of the extraction stage with human-consolidated design labels.
 *
 * Reads /work/shared/gold/design-dev-ictrp.csv through the real pipeline (readRecords: format detection, the ICTRP
 * CSV source, extract), joins on TrialID with the labels in design-dev.csv, and prints per-field agreement (n, agree,
 * %) overall and on two halves split by a hash of TrialID (tune on one, check on the other: over-fitting shows as a
 * gap), a confusion summary, and with `--errors [field]` the disagreements with the words they were read from.
 * If no format claims the ICTRP CSV (or the sources fail to load), a small adapter builds registrations from its
 * columns; the first line of the report says which reader was used.
 *
 * Gold → ours (see goldOf below):
 *   randomisation  Yes = allocation randomized; No = non_randomized; "Not applicable" = single-arm (no control arm,
 *                  allocation not_applicable or model single_group); Unreported = null
 *   blinding       Yes = masking single/double/triple/quadruple/blinded; No = none, or single-arm with masking
 *                  unreported (the labels count single-arm trials as unblinded); Unreported = null
 *   control_arm    Yes/No/Unreported = isControlled() true/false/null
 *   phase_clean    highest phase: 1_2 → Phase 2, 2_3 → Phase 3, early_1 → Phase 1; Undefined = not_applicable;
 *                  Unreported = null
 *   primary_purpose Treatment / Prevention / Other (every other purpose); Unreported = null
 *   multicentre    Yes/No/Unreported = true/false/null
 *   sponsor_type   Industry = industry; Non industry = non_industry or government; Investigator = investigator
 *   *_blind        masked roles: Yes/No when masking is stated with roles or is none; NA when blinded without roles
 *   prospective    Yes/No (registered on or before the start of enrolment; a month-only start counts as its first day)
 *
 * design-dev-ictrp.csv leaves the `Retrospective flag` column empty, so `prospective` is also measured on the real
 * ICTRP export of 7 July 2020 (REAL_ICTRP), whose 194 gold trials carry the flag.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { type Registration, type Registry, REGISTRIES, emptyRegistration } from '../model/registration.js';
import { normaliseTrialId } from '../normalise/ids.js';
import { normalisePhase } from '../normalise/phase.js';
import { splitList, cleanLine } from '../normalise/text.js';
import { extract } from './index.js';
import { isControlled } from './control.js';
import { blinded, controlled, randomised } from './characteristics.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOLD_DIR = path.resolve(ROOT, '../shared/gold');

type Row = Record<string, string>;

// ── gold mapping ────────────────────────────────────────────────────────────────────────────────────────────────

const PHASE_GOLD: Record<string, string> = {
  early_1: 'Phase 1', '1': 'Phase 1', '1_2': 'Phase 2', '2': 'Phase 2', '2_3': 'Phase 3', '3': 'Phase 3', '4': 'Phase 4',
  not_applicable: 'Undefined',
};

function role(reg: Registration, r: string): string {
  const m = reg.design.masking;
  if (m === 'none' || (m == null && isControlled(reg) === false)) return 'No';
  if (m == null || reg.design.maskedRoles.length === 0) return 'NA';
  return reg.design.maskedRoles.includes(r as never) ? 'Yes' : 'No';
}

/** Our value for each gold column, in the gold's vocabulary. */
export const FIELDS: Record<string, (reg: Registration) => string> = {
  randomisation: randomised,
  blinding: blinded,
  control_arm: controlled,
  phase_clean: (reg) => (reg.phase == null ? 'Unreported' : PHASE_GOLD[reg.phase] ?? 'Unreported'),
  primary_purpose: (reg) => {
    const p = reg.design.purpose;
    return p == null ? 'Unreported' : p === 'treatment' ? 'Treatment' : p === 'prevention' ? 'Prevention' : 'Other';
  },
  multicentre: (reg) => (reg.design.multicentre == null ? 'Unreported' : reg.design.multicentre ? 'Yes' : 'No'),
  sponsor_type: (reg) => ({ industry: 'Industry', non_industry: 'Non industry', government: 'Non industry', investigator: 'Investigator' })[
    reg.sponsor.type ?? 'x' as 'industry'] ?? 'Unreported',
  prospective: (reg) => (reg.prospective == null ? 'Unreported' : reg.prospective ? 'Yes' : 'No'),
  subject_blind: (reg) => role(reg, 'participant'),
  caregiver_blind: (reg) => role(reg, 'care_provider'),
  investigator_blind: (reg) => role(reg, 'investigator'),
  outcome_blind: (reg) => role(reg, 'outcomes_assessor'),
  analyst_blind: (reg) => role(reg, 'analyst'),
};

/** The fields the issue sets a ≥95% bar for. */
export const KEY_FIELDS = ['randomisation', 'blinding', 'control_arm', 'phase_clean', 'primary_purpose'];

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Deterministic half (0/1) of a TrialID: FNV-1a hash, low bit. */
export function halfOf(id: string): 0 | 1 {
  let h = 0x811c9dc5;
  for (const ch of id.toUpperCase()) { h ^= ch.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
  return (h & 1) as 0 | 1;
}

/** Join key: upper-case id as ICTRP writes it (EUCTR keeps its country suffix). */
const keyOf = (s: string) => s.trim().toUpperCase();

/** Fallback when no source format claims the ICTRP CSV: the columns the file carries, mapped by hand. */
function adapt(row: Row, n: number): Registration {
  const parsed = normaliseTrialId(row.TrialID);
  const registry = (REGISTRIES as readonly string[]).includes(parsed?.registry ?? '') ? parsed!.registry as Registry : 'other';
  const reg = emptyRegistration(parsed?.id ?? row.TrialID!, registry, { format: 'eval-adapter', recordId: row.TrialID!, file: `row ${n}` });
  reg.titles = { public: cleanLine(row['Public title']), scientific: cleanLine(row['Scientific title']), acronym: cleanLine(row.Acronym) };
  reg.sponsor.primary = cleanLine(row['Primary sponsor']);
  reg.design.raw = row['Study design'] || null;
  reg.phaseRaw = row.Phase || null;
  reg.phase = normalisePhase(row.Phase ?? null);
  reg.countries = splitList(row.Countries);
  reg.conditions = splitList(row.Condition);
  const iv = cleanLine(row.Intervention);
  if (iv) reg.interventions = [{ type: null, name: iv.slice(0, 200), description: iv, cellTherapy: null }];
  reg.dates.registration = /^\d{4}-\d{2}-\d{2}/.test(row['Date registration'] ?? '') ? row['Date registration']!.slice(0, 10) : null;
  reg.dates.start = /^\d{4}-\d{2}-\d{2}/.test(row['Date enrollement'] ?? '') ? row['Date enrollement']!.slice(0, 10) : null;
  return extract(reg);
}

async function registrations(file: string): Promise<{ regs: Registration[]; via: string }> {
  let sources: typeof import('../sources/index.js') | null = null;
  try { sources = await import('../sources/index.js'); } catch (e) {
    process.stderr.write(`eval-design: source formats unavailable (${e instanceof Error ? e.message.split('\n')[0] : e})\n`);
  }
  const head = readFileSync(file).subarray(0, 65536);
  if (sources && sources.detectFormat({ name: file, head, headText: head.toString('utf8') })) {
    const regs: Registration[] = [];
    let via = 'readRecords';
    for await (const item of sources.readRecords([file])) {
      if (item.kind === 'record') regs.push(item.record);
      else if (item.kind === 'file') via = `readRecords (format ${item.format})`;
      else process.stderr.write(`${item.issue.file} ${item.issue.position}: ${item.issue.reason}\n`);
    }
    return { regs, via };
  }
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as Row[];
  return { regs: rows.map((r, i) => adapt(r, i + 2)), via: 'eval adapter (no format claims the ICTRP CSV yet)' };
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Pair { id: string; gold: Row; reg: Registration }

const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : '—').padStart(6);

/** Our "does not say" in each field's vocabulary. */
const UNSTATED = new Set(['Unreported', 'NA']);

export interface Agreement {
  /** gold rows with a label, and how many of them we match (our null counts as Unreported) */
  n: number; agree: number;
  /** of those, the rows where we state a value (coverage = stated / n), and how many of them match */
  stated: number; statedAgree: number;
}

function agreement(pairs: Pair[], field: string): Agreement {
  const rated = pairs.filter((p) => p.gold[field] != null && p.gold[field] !== '');
  const stated = rated.filter((p) => !UNSTATED.has(FIELDS[field]!(p.reg)));
  return {
    n: rated.length, agree: rated.filter((p) => FIELDS[field]!(p.reg) === p.gold[field]).length,
    stated: stated.length, statedAgree: stated.filter((p) => FIELDS[field]!(p.reg) === p.gold[field]).length,
  };
}

function evidence(reg: Registration, field: string): string {
  const paths: Record<string, RegExp> = {
    randomisation: /allocation|model|controlType/, blinding: /masking/, control_arm: /controlType|allocation|model/,
    phase_clean: /phase/, primary_purpose: /purpose/, multicentre: /multicentre/, sponsor_type: /sponsor/, prospective: /prospective/,
  };
  const re = paths[field] ?? /maskedRoles|masking/;
  const prov = (reg.extracted ?? []).filter((p) => re.test(p.path)).map((p) => `${p.path}←${p.from}: "${p.text}"`);
  const raw = field === 'phase_clean' ? `phase: ${JSON.stringify(reg.phaseRaw ?? null)}`
    : field === 'sponsor_type' ? `sponsor: ${JSON.stringify(reg.sponsor.primary)}`
    : field === 'multicentre' ? `countries: ${JSON.stringify(reg.countries)}`
    : `design: ${JSON.stringify((reg.design.raw ?? '').slice(0, 160))}`;
  return [...prov, raw].join(' | ');
}

export interface FieldAgreement extends Agreement { field: string; halves: [Agreement, Agreement] }

/** Read the gold trials through the pipeline and join them with their labels; null when ../shared is absent. */
export async function evaluate(): Promise<{ via: string; read: number; gold: number; pairs: Pair[]; fields: FieldAgreement[] } | null> {
  const goldFile = path.join(GOLD_DIR, 'design-dev.csv');
  const ictrpFile = path.join(GOLD_DIR, 'design-dev-ictrp.csv');
  if (!existsSync(goldFile) || !existsSync(ictrpFile)) return null;
  const gold = new Map((parse(readFileSync(goldFile), { columns: true, bom: true }) as Row[]).map((r) => [keyOf(r.TrialID!), r]));
  const { regs, via } = await registrations(ictrpFile);
  const pairs: Pair[] = [];
  for (const reg of regs) {
    const g = gold.get(keyOf(reg.source.recordId ?? reg.id)) ?? gold.get(keyOf(reg.id));
    if (g) pairs.push({ id: g.TrialID!, gold: g, reg });
  }
  const halves = [pairs.filter((p) => halfOf(p.id) === 0), pairs.filter((p) => halfOf(p.id) === 1)];
  const fields = Object.keys(FIELDS).map((field) => ({
    field, ...agreement(pairs, field), halves: [agreement(halves[0]!, field), agreement(halves[1]!, field)] as FieldAgreement['halves'],
  }));
  return { via, read: regs.length, gold: gold.size, pairs, fields };
}

// ── prospective registration on a real ICTRP export ────────────────────────────────────────────────────────────

/** The real ICTRP export the gold's COVID-19 trials come from (its `Retrospective flag` column is filled). */
export const REAL_ICTRP = path.resolve(ROOT, '../shared/data/ictrp/COVID19-web_7Jul2020.xlsx');

/** The gold rows by TrialID key; null when ../shared is absent. */
export function goldRows(): Map<string, Row> | null {
  const goldFile = path.join(GOLD_DIR, 'design-dev.csv');
  if (!existsSync(goldFile)) return null;
  return new Map((parse(readFileSync(goldFile), { columns: true, bom: true }) as Row[]).map((r) => [keyOf(r.TrialID!), r]));
}

export interface ProspectiveAgreement {
  /** gold trials found among the registrations */
  n: number;
  /** ours stated (not null), and of those agreeing with the gold's label */
  stated: number; agree: number;
  /** the same registrations judged by the export's flag alone: read by its name (Yes = retrospective) and by its data (Yes = prospective) */
  flagByName: number; flagByData: number; flagged: number;
}

/**
 * `prospective` of registrations read from a real ICTRP export against the gold's prospective label (which means
 * registered on or before the start of enrolment: see eval-design.test.ts), joined on TrialID (EU CTR on any of its
 * member-state records).
 */
export function prospectiveAgreement(regs: Registration[], gold: Map<string, Row>): ProspectiveAgreement {
  const out: ProspectiveAgreement = { n: 0, stated: 0, agree: 0, flagByName: 0, flagByData: 0, flagged: 0 };
  for (const reg of regs) {
    const keys = [reg.source.recordId ?? reg.id, reg.id, ...(reg.raw?.['other member-state records'] ?? '').split('; ').filter(Boolean)];
    const g = keys.map((k) => gold.get(keyOf(k))).find(Boolean);
    if (!g || !/^(?:Yes|No)$/.test(g.prospective ?? '')) continue;
    const want = g.prospective === 'Yes';
    out.n++;
    if (reg.prospective != null) { out.stated++; if (reg.prospective === want) out.agree++; }
    const flag = (reg.raw?.['Retrospective flag'] ?? '').toLowerCase();
    if (flag === 'yes' || flag === 'no') {
      out.flagged++;
      if ((flag === 'no') === want) out.flagByName++;
      if ((flag === 'yes') === want) out.flagByData++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const result = await evaluate();
  if (!result) {
    console.error(`eval-design: needs ${GOLD_DIR}/design-dev.csv and design-dev-ictrp.csv (the shared gold folder beside the repository)`);
    process.exit(1);
  }
  const { pairs, fields } = result;
  console.log(`design-dev: ${result.gold} labelled trials, ${result.read} registrations read via ${result.via}, ${pairs.length} joined\n`);
  console.log(`${'field'.padEnd(20)} ${'n'.padStart(5)} ${'agree'.padStart(6)}      %   half A %  half B %   coverage %  agree when stated %`);
  for (const { field, n, agree, stated, statedAgree, halves: [a, b] } of fields) {
    const mark = KEY_FIELDS.includes(field) ? (agree / n >= 0.95 ? ' ✓' : ' ✗ (<95%)') : '';
    console.log(`${field.padEnd(20)} ${String(n).padStart(5)} ${String(agree).padStart(6)} ${pct(agree, n)}   ${pct(a.agree, a.n)}    ${pct(b.agree, b.n)}`
      + `       ${pct(stated, n)}        ${pct(statedAgree, stated)}${mark}`);
  }
  console.log('\nconfusion (gold → ours: count), disagreements only:');
  for (const field of Object.keys(FIELDS)) {
    const counts = new Map<string, number>();
    for (const p of pairs) {
      const ours = FIELDS[field]!(p.reg);
      if (ours !== p.gold[field]) counts.set(`${p.gold[field]} → ${ours}`, (counts.get(`${p.gold[field]} → ${ours}`) ?? 0) + 1);
    }
    const top = [...counts].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, v]) => `${k}: ${v}`).join('; ');
    console.log(`  ${field.padEnd(20)} ${top || '—'}`);
  }
  const gold = goldRows();
  if (gold && existsSync(REAL_ICTRP)) {
    const real = await registrations(REAL_ICTRP);
    const p = prospectiveAgreement(real.regs, gold);
    console.log(`\nprospective on the real ICTRP export ${path.basename(REAL_ICTRP)} (${real.regs.length} registrations, ${p.n} gold trials):`);
    console.log(`  ours: agree ${p.agree}/${p.n} = ${pct(p.agree, p.n).trim()}%, coverage ${pct(p.stated, p.n).trim()}%, agree when stated ${pct(p.agree, p.stated).trim()}%`);
    console.log(`  the export's "Retrospective flag" alone (${p.flagged} rows): read by its name (Yes = retrospective) ${pct(p.flagByName, p.flagged).trim()}%, `
      + `read by its data (Yes = prospective) ${pct(p.flagByData, p.flagged).trim()}%`);
  }
  const ei = args.indexOf('--errors');
  if (ei >= 0) {
    const only = args[ei + 1] && !args[ei + 1]!.startsWith('--') ? [args[ei + 1]!] : KEY_FIELDS;
    for (const field of only) {
      console.log(`\n── disagreements: ${field}`);
      for (const p of pairs) {
        const ours = FIELDS[field]!(p.reg);
        if (ours !== p.gold[field]) console.log(`${p.id}\tgold ${p.gold[field]}\tours ${ours}\t${evidence(p.reg, field)}`);
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
