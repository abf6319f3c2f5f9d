/**
 * The study page: every registration of the trial in its own column with differing values highlighted, the
 * linker's evidence and discrepancies, each registration's version history, similar trials with reasons,
 * links back to the registries. Server-rendered.
 */
import { storedId } from '../api/resolve.js';
import type { Registration } from '../model/registration.js';
import type { Store, StoredVersion, Change } from '../store/types.js';
import { studyRegistrations } from '../search/index.js';
import { similarStudies, type SimilarTrial } from '../search/similar.js';
import { registryUrl } from '../search/document.js';
import { changesOf, fieldLabel, valueText } from '../store/change-text.js';
import { fileLabel, newestPerLine, sourceLabel } from '../store/lines.js';
import { html, safeUrl, type SafeHtml } from './html.js';
import { label } from './labels.js';
import { page } from './layout.js';
import { studyHref } from './search-page.js';

type Cell = string | string[] | null;

const ages = (r: Registration): string | null => {
  const { minAgeYears: lo, maxAgeYears: hi } = r.eligibility ?? { minAgeYears: null, maxAgeYears: null };
  if (lo === null && hi === null) return null;
  return `${lo ?? 'no minimum'} – ${hi ?? 'no maximum'} years`;
};

/** The rows of the side-by-side table: what a reviewer compares across registries. */
export const ROWS: [string, (r: Registration) => Cell][] = [
  ['Public title', (r) => r.titles?.public ?? null],
  ['Scientific title', (r) => r.titles?.scientific ?? null],
  ['Acronym', (r) => r.titles?.acronym ?? null],
  ['Recruitment status', (r) => (r.status?.recruitment ? label('status', r.status.recruitment) : r.status?.raw ?? null)],
  ['Phase', (r) => (r.phase ? label('phase', r.phase) : null)],
  ['Study type', (r) => (r.studyType ? label('type', r.studyType) : null)],
  ['Allocation', (r) => (r.design?.allocation ? label('allocation', r.design.allocation) : null)],
  ['Masking', (r) => (r.design?.masking ? label('masking', r.design.masking) : null)],
  ['Control', (r) => (r.design?.controlType ? label('control', r.design.controlType) : null)],
  ['Purpose', (r) => (r.design?.purpose ? label('purpose', r.design.purpose) : null)],
  ['Target enrollment', (r) => (r.enrollment?.target ?? null)?.toString() ?? null],
  ['Actual enrollment', (r) => (r.enrollment?.actual ?? null)?.toString() ?? null],
  ['Registered', (r) => r.dates?.registration ?? null],
  ['Start', (r) => r.dates?.start ?? null],
  ['Primary completion', (r) => r.dates?.primaryCompletion ?? null],
  ['Completion', (r) => r.dates?.completion ?? null],
  ['Last update', (r) => r.dates?.lastUpdate ?? null],
  ['Conditions', (r) => r.conditions ?? []],
  ['Interventions', (r) => (r.interventions ?? []).map((i) => i.name)],
  ['Countries', (r) => r.countries ?? []],
  ['Primary sponsor', (r) => r.sponsor?.primary ?? null],
  ['Ages', ages],
  ['Sex', (r) => (r.eligibility?.sex ? label('sex', r.eligibility.sex) : null)],
  ['Primary outcomes', (r) => (r.outcomes?.primary ?? []).map((o) => o.measure)],
  ['Secondary ids', (r) => r.secondaryIds ?? []], // naturally differ: never flagged (see NEVER_DIFFERS)
];

/** Rows whose values differ by nature between linked registrations. */
const NEVER_DIFFERS = new Set(['Secondary ids']);

function norm(c: Cell): string {
  const list = Array.isArray(c) ? c : c === null ? [] : [c];
  return list.map((x) => x.toLowerCase().replace(/\s+/g, ' ').trim()).sort().join('|');
}

/** True when the registrations that report this value disagree. */
export function differs(cells: Cell[]): boolean {
  const known = cells.map(norm).filter((s) => s !== '');
  return new Set(known).size > 1;
}

function cell(c: Cell): SafeHtml {
  if (c === null || (Array.isArray(c) && c.length === 0)) return html`<span class="none">not reported</span>`;
  if (Array.isArray(c)) return html`<ul>${c.map((x) => html`<li>${x}</li>`)}</ul>`;
  return html`${c}`;
}

function sideBySide(regs: Registration[]): SafeHtml {
  const rows = ROWS.map(([name, get]) => ({ name, cells: regs.map(get) }))
    .filter((r) => r.cells.some((c) => c !== null && !(Array.isArray(c) && c.length === 0)));
  // explicit roles: on a phone the table is laid out as cards (CSS display changes), and browsers drop a table's
  // meaning for screen readers when its display changes unless the roles say it
  return html`<div class="scroll sbs-wrap" role="region" aria-labelledby="sbs-h" tabindex="0">
<table class="sbs${regs.length > 1 ? ' multi' : ''}" role="table">
  <caption class="vh">Registrations side by side; rows marked “differs” disagree between registries</caption>
  <thead role="rowgroup"><tr role="row"><th scope="col" class="corner" role="columnheader">Field</th>${regs.map((r) => {
    const url = safeUrl(registryUrl(r));
    return html`<th scope="col" class="regcol" role="columnheader"><span class="badge reg">${r.registry}</span> <span class="rid">${r.id}</span>
    ${url ? html`<br><a href="${url}" rel="noopener noreferrer external">View at ${r.registry}<span class="vh"> (opens the registry)</span></a>` : ''}</th>`;
  })}</tr></thead>
  <tbody role="rowgroup">${rows.map((row) => {
    const d = regs.length > 1 && !NEVER_DIFFERS.has(row.name) && differs(row.cells);
    return html`<tr role="row"${d ? html` class="differs"` : ''}><th scope="row" role="rowheader">${row.name}${d ? html` <span class="diff-flag">differs</span>` : ''}</th>${row.cells.map((c, i) => html`<td role="cell" data-reg="${regs[i]!.id}">${cell(c)}</td>`)}</tr>`;
  })}</tbody>
</table></div>`;
}

/** Enum-valued discrepancy fields, shown in the words the side-by-side table uses. */
const ENUM_FIELDS = new Set(['status.recruitment', 'studyType', 'design.allocation', 'design.masking', 'design.model', 'design.purpose', 'eligibility.sex']);

function show(field: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map((x) => show(field, x)).join(', ');
  if (typeof v === 'string') return field === 'phase' ? label('phase', v) : ENUM_FIELDS.has(field) ? label('', v) : v;
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** A change's values: inline when short, behind a disclosure when long (every value can be read in full). */
function changeItem(c: Change): SafeHtml {
  const before = valueText(c.field, c.before);
  const after = valueText(c.field, c.after);
  const name = c.label ?? fieldLabel(c.field);
  if (before.length + after.length <= 240) return html`<li><b>${name}</b>: <del>${before}</del> → <ins>${after}</ins></li>`;
  return html`<li><details><summary><b>${name}</b> changed</summary><p>Before:</p><del class="long">${before}</del><p>After:</p><ins class="long">${after}</ins></details></li>`;
}

/** What a version says: the first copy from a source, or what changed since that source's previous snapshot. */
function whatChanged(v: StoredVersion, changes: Change[], firstOfLine: boolean): SafeHtml | string {
  const source = sourceLabel(v.line ?? '');
  if (firstOfLine) return `first copy from the ${source}`;
  if (changes.length === 0) return `${source}: only the source's own columns or the reader's remarks changed, no field of the trial`;
  const list = html`<ul class="changes">${changes.map(changeItem)}</ul>`;
  return changes.length <= 8 ? list : html`<details><summary>${changes.length} fields changed</summary>${list}</details>`;
}

/**
 * One registration's history: each source's versions, each against that source's previous snapshot (a change over
 * time), every change listed; and where the sources' newest copies disagree, the differing fields side by side.
 */
function historyTable(id: string, versions: StoredVersion[]): SafeHtml {
  const changes = changesOf(versions);
  const seen = new Set<string>();
  const rows = versions.map((v) => {
    const first = !seen.has(v.line ?? '');
    seen.add(v.line ?? '');
    const ch = changes.filter((c) => c.toVersion === v.version);
    return html`<tr><td><a href="/api/v1/registrations/${encodeURIComponent(id)}?version=${v.version}">${v.version}</a></td><td>${sourceLabel(v.line ?? '')}</td><td>${fileLabel(v.snapshot.file) ?? '—'}</td><td>${v.snapshot.asOf || v.snapshot.exportedAt || '—'}</td><td>${v.snapshot.ingestedAt.slice(0, 10)}</td>
    <td>${whatChanged(v, ch, first)}</td></tr>`;
  });
  return html`<h3>${id}</h3>
<div class="scroll" role="region" aria-label="Version history of ${id}" tabindex="0"><table class="hist">
<thead><tr><th scope="col">Version</th><th scope="col">Source</th><th scope="col">Snapshot</th><th scope="col"><abbr title="the newest date the snapshot's records show">As of</abbr></th><th scope="col">Ingested</th><th scope="col">What changed</th></tr></thead>
<tbody>${rows}</tbody></table></div>${sourceDiscrepancies(id, versions)}`;
}

/** The rows where the newest copies of a registration from different sources disagree (discrepancies, not changes). */
function sourceDiscrepancies(id: string, versions: StoredVersion[]): SafeHtml | string {
  const copies = newestPerLine(versions.map((v) => ({ ...v, line: v.line ?? '' })));
  if (copies.length < 2) return '';
  const rows = ROWS.filter(([name]) => !NEVER_DIFFERS.has(name))
    .map(([name, get]) => ({ name, cells: copies.map((c) => get(c.registration)) }))
    .filter((r) => differs(r.cells));
  if (rows.length === 0) return html`<p>The ${copies.map((c) => sourceLabel(c.line)).join(' and the ')} agree on every field shown above.</p>`;
  return html`<div class="scroll" role="region" aria-label="Where the sources of ${id} disagree" tabindex="0"><table class="sbs">
<caption>Where the sources of ${id} disagree (their newest copies; these are discrepancies between sources, not changes over time)</caption>
<thead><tr><th scope="col">Field</th>${copies.map((c) => html`<th scope="col">${sourceLabel(c.line)}<br><span class="rid">${fileLabel(c.snapshot.file) ?? ''}, version ${c.version}</span></th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr class="differs"><th scope="row">${r.name}</th>${r.cells.map((c) => html`<td>${cell(c)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

function similarList(sim: SimilarTrial[]): SafeHtml {
  if (sim.length === 0) return html`<p>No similar trials found.</p>`;
  return html`<ol class="similar">${sim.map((s) => html`<li>
  <a href="${studyHref(s.id)}">${s.title ?? s.id}</a> <span class="badge reg">${s.registry}</span>${s.status ? html` <span class="badge">${label('status', s.status)}</span>` : ''}
  <span class="score" title="similarity score">${Math.round(s.score * 100)}%</span>
  <ul class="why">${s.reasons.map((r) => html`<li>${r}</li>`)}</ul></li>`)}</ol>`;
}

export async function renderStudy(store: Store, id: string): Promise<{ status: number; body: string }> {
  const stored = await storedId(store, id, true);
  const found = stored ? await studyRegistrations(store, stored) : null;
  if (!found) {
    return { status: 404, body: page({ title: 'Not found', nav: 'study' }, html`<h1>No such trial</h1><p>No registration has the id <code>${id}</code>. <a href="/">Search</a></p>`) };
  }
  const regs = found.registrations;
  const lead = regs[0]!;
  const study = await store.studyOf(found.primaryId);
  const history: SafeHtml[] = [];
  for (const r of regs) {
    history.push(historyTable(r.id, await store.versions(r.id)));
  }
  const sim = (await similarStudies(store, found.primaryId, 8)) ?? [];
  const title = lead.titles?.public ?? lead.titles?.scientific ?? lead.id;
  const body = html`
<p class="crumbs"><a href="/">Search</a> › ${found.studyId}</p>
<h1>${title}</h1>
<p class="badges"><span class="badge reg">${lead.registry}</span>${lead.status?.recruitment ? html`<span class="badge">${label('status', lead.status.recruitment)}</span>` : ''}${lead.phase ? html`<span class="badge">${label('phase', lead.phase)}</span>` : ''}
 <span class="nreg">${regs.length} registration${regs.length === 1 ? '' : 's'}: ${regs.map((r) => r.id).join(', ')}</span></p>
<div class="exports" role="group" aria-label="Download this study"><span>Download:</span>
 <a class="button" href="/api/v1/export?what=characteristics&amp;per=study&amp;format=csv&amp;query.id=${encodeURIComponent(found.primaryId)}" download data-what="characteristics" data-per="study" data-format="csv">Characteristics CSV</a>
 <a class="button" href="/api/v1/export?what=characteristics&amp;per=study&amp;format=xlsx&amp;query.id=${encodeURIComponent(found.primaryId)}" download data-what="characteristics" data-per="study" data-format="xlsx">Characteristics XLSX</a>
 <a class="button" href="/api/v1/export?what=registrations&amp;format=ris&amp;query.id=${encodeURIComponent(found.primaryId)}" download data-what="registrations" data-format="ris">RIS</a>
 <a class="button" href="/api/v1/studies/${encodeURIComponent(found.primaryId)}">JSON</a>
 <a class="button" href="/fhir/ResearchStudy/${encodeURIComponent(found.primaryId)}">FHIR</a></div>
${lead.description?.brief ? html`<p class="lede">${lead.description.brief}</p>` : ''}
<section aria-labelledby="sbs-h"><h2 id="sbs-h">${regs.length > 1 ? 'Registrations side by side' : 'Registration'}</h2>${sideBySide(regs)}</section>
${study && (study.discrepancies.length || study.links.length) ? html`<section aria-labelledby="disc-h"><h2 id="disc-h">Why these are one trial, and where they disagree</h2>
  ${study.links.length ? html`<ul class="links">${study.links.map((l) => html`<li><b>${l.a}</b> = <b>${l.b}</b> — ${l.method.replace(/_/g, ' ')} (score ${l.score})${l.evidence ? html`: ${l.evidence}` : ''}</li>`)}</ul>` : ''}
  ${study.discrepancies.length ? html`<ul class="disc">${study.discrepancies.map((d) => html`<li><span class="field" title="${d.field}">${fieldLabel(d.field)}</span>: ${d.values.map((v, i) => html`${i ? ' vs ' : ''}<b>${show(d.field, v.value)}</b> (${v.registrationId})`)}</li>`)}</ul>` : ''}
</section>` : ''}
<section aria-labelledby="hist-h"><h2 id="hist-h">Version history</h2>${history}</section>
<section aria-labelledby="sim-h"><h2 id="sim-h">Similar trials</h2>${similarList(sim)}</section>`;
  return { status: 200, body: page({ title, nav: 'study' }, body) };
}
