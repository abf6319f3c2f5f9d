/**
 * `trialatlas show <id>`: the study of any registration id — its registrations side by side (differing rows marked
 * `*`), the discrepancies the linker found, the links and their evidence, and each registration's version history.
 */
import type { Registration } from '../../model/registration.js';
import type { Study } from '../../model/study.js';
import type { Store, StoredVersion } from '../../store/types.js';
import { changesOf } from '../../store/change-text.js';
import { fileLabel, sourceLabel } from '../../store/lines.js';
import { canonicalJson } from '../../store/hash.js';
import { normaliseTrialId } from '../../normalise/ids.js';
import { EXIT_FATAL, EXIT_OK, terminalText } from '../report.js';

const ROWS: [string, (r: Registration) => unknown][] = [
  ['registry', (r) => r.registry],
  ['public title', (r) => r.titles.public],
  ['scientific title', (r) => r.titles.scientific],
  ['sponsor', (r) => r.sponsor.primary],
  ['status', (r) => r.status.recruitment],
  ['study type', (r) => r.studyType],
  ['phase', (r) => r.phase],
  ['allocation', (r) => r.design.allocation],
  ['masking', (r) => r.design.masking],
  ['control', (r) => r.design.controlType],
  ['target enrollment', (r) => r.enrollment.target],
  ['registered', (r) => r.dates.registration],
  ['start', (r) => r.dates.start],
  ['completion', (r) => r.dates.completion],
  ['last update', (r) => r.dates.lastUpdate],
  ['countries', (r) => r.countries.join('; ')],
  ['conditions', (r) => r.conditions.join('; ')],
  ['secondary ids', (r) => r.secondaryIds.join('; ')],
  ['url', (r) => r.source?.url],
];

export interface ShowData {
  study: Study;
  registrations: Registration[];
  versions: Record<string, { version: number; snapshot: StoredVersion['snapshot']; source?: string; changedFields: string[] }[]>;
}

/** Gather what `show` prints, or null when no registration has this id. */
export async function loadShow(store: Store, id: string): Promise<ShowData | null> {
  const first = await store.getRegistration(id);
  if (!first) return null;
  const study: Study = (await store.studyOf(id)) ??
    { studyId: id, registrationIds: [id], primaryId: id, publications: [], characteristics: {}, discrepancies: [], links: [] };
  const ids = [study.primaryId, ...study.registrationIds.filter((x) => x !== study.primaryId)];
  const registrations: Registration[] = [];
  // the current view of each registration (its sources merged), not its newest version of one source
  const versions: ShowData['versions'] = {};
  for (const rid of ids) {
    const all = await store.versions(rid);
    if (!all.length) continue;
    registrations.push((await store.getRegistration(rid))?.registration ?? all[all.length - 1]!.registration);
    const changes = changesOf(all); // over time: each version against its own source's previous one
    versions[rid] = all.map((v) => ({
      version: v.version, snapshot: v.snapshot, source: sourceLabel(v.line ?? ''),
      changedFields: changes.filter((c) => c.toVersion === v.version).map((c) => c.field),
    }));
  }
  return { study, registrations, versions };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '-';
  return String(v).replace(/\s+/g, ' ');
}

/** A plain-text side-by-side table; a `*` marks rows where the registrations disagree. */
export function renderShow(d: ShowData, width = 40): string {
  const out: string[] = [];
  out.push(`Study ${d.study.studyId} — ${d.registrations.length} registration(s), primary ${d.study.primaryId}`);
  out.push('');
  const fit = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width));
  out.push('  ' + ''.padEnd(18) + d.registrations.map((r) => fit(r.id)).join('  '));
  for (const [label, get] of ROWS) {
    const values = d.registrations.map(get);
    const differ = new Set(values.filter((v) => v !== null && v !== '' && v !== undefined).map((v) => canonicalJson(v))).size > 1;
    out.push(`${differ ? '*' : ' '} ${label.padEnd(18)}${values.map((v) => fit(cellText(v))).join('  ')}`);
  }
  if (d.study.discrepancies?.length) {
    out.push('', 'Discrepancies:');
    for (const x of d.study.discrepancies) {
      out.push(`  ${x.field}: ${x.values.map((v) => `${v.registrationId}=${cellText(typeof v.value === 'object' ? JSON.stringify(v.value) : v.value)}`).join(', ')}`);
    }
  }
  if (d.study.links?.length) {
    out.push('', 'Links:');
    for (const l of d.study.links) out.push(`  ${l.a} ~ ${l.b}  ${l.method} ${l.score}${l.evidence ? `  (${l.evidence})` : ''}`);
  }
  if (d.study.publications?.length) {
    out.push('', 'Publications:');
    for (const p of d.study.publications) out.push(`  ${cellText(p.citation ?? p.title)}${p.pmid ? ` PMID ${p.pmid}` : ''}${p.doi ? ` doi:${p.doi}` : ''}`);
  }
  out.push('', 'Version history:');
  for (const [rid, vs] of Object.entries(d.versions)) {
    for (const v of vs) {
      out.push(`  ${rid} v${v.version}  ${v.source ?? ''}  ${fileLabel(v.snapshot.file) ?? '-'}  (ingested ${v.snapshot.ingestedAt})` +
        (v.changedFields.length ? `  changed: ${v.changedFields.join(', ')}` : ''));
    }
  }
  return terminalText(out.join('\n')) + '\n';
}

export async function runShow(store: Store, id: string, opts: { json?: boolean }): Promise<number> {
  // accept the id as people write it (`nct04280705`, `EUCTR2020-001162-12-FR`): try it as given, then normalised
  const normalised = normaliseTrialId(id)?.id;
  const data = (await loadShow(store, id.trim())) ?? (normalised ? await loadShow(store, normalised) : null);
  if (!data) { process.stderr.write(`show: no registration with id "${id}" in the database\n`); return EXIT_FATAL; }
  process.stdout.write(opts.json ? JSON.stringify(data) + '\n' : renderShow(data));
  return EXIT_OK;
}
