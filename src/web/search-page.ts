/**
 * The search page: query box, facets with counts (checkboxes that filter), eligibility filters, ranked results
 * grouped by study, paging, and export buttons for the whole result set. Server-rendered; works without JS.
 */
import type { Store } from '../store/types.js';
import { decodePageToken, encodePageToken, search, type SearchResponse } from '../search/index.js';
import { FACETS, type Count, type Facet, type StudyHit } from '../search/types.js';
import { FACET_PARAM, KNOWN_PARAMS, one, searchOptions, values, withParams, type RawParams } from '../api/params.js';
import { classify } from '../api/errors.js';
import { html, safeUrl, type SafeHtml } from './html.js';
import { FACET_LABELS, label } from './labels.js';
import { page } from './layout.js';

const PAGE_SIZE = 20;
const EXPORTS: [string, string][] = [['csv', 'CSV'], ['xlsx', 'XLSX'], ['ris', 'RIS'], ['json', 'JSON'], ['fhir', 'FHIR bundle']];

export function studyHref(id: string): string {
  return `/study/${encodeURIComponent(id)}`;
}

function facetBox(f: Facet, counts: Count[], p: RawParams): SafeHtml {
  const param = FACET_PARAM[f];
  const active = new Set(values(p, param));
  const shown = counts.filter((c) => c.value !== null || f === 'phase' || f === 'status');
  if (shown.length === 0 && active.size === 0) return html``;
  const id = (v: string | null) => `f-${f}-${(v ?? 'null').replace(/[^A-Za-z0-9]/g, '_')}`;
  return html`<fieldset class="facet"><legend>${FACET_LABELS[f]}</legend>
  ${shown.map((c) => html`<div class="opt"><input type="checkbox" id="${id(c.value)}" name="${param}" value="${c.value ?? 'null'}"${active.has(c.value ?? 'null') ? html` checked` : ''}>
    <label for="${id(c.value)}">${label(f, c.value)} <span class="n">${c.count}</span></label></div>`)}
  ${[...active].filter((v) => !shown.some((c) => (c.value ?? 'null') === v)).map((v) => html`<div class="opt"><input type="checkbox" id="${id(v)}" name="${param}" value="${v}" checked>
    <label for="${id(v)}">${label(f, v)} <span class="n">0</span></label></div>`)}
</fieldset>`;
}

function badge(kind: string, value: string | null): SafeHtml {
  return value ? html`<span class="badge ${kind}-${value.replace(/[^a-z0-9]/gi, '_')}">${label(kind, value)}</span>` : html``;
}

function resultItem(h: StudyHit): SafeHtml {
  const s = h.lead;
  const others = h.registrationIds.filter((id) => id !== s.id);
  const url = safeUrl(s.url);
  return html`<li class="hit">
  <h3><a href="${studyHref(s.id)}">${s.title ?? s.id}</a>${s.acronym ? html` <span class="acr">(${s.acronym})</span>` : ''}</h3>
  <p class="badges"><span class="badge reg">${s.registry}</span>${badge('status', s.status)}${badge('phase', s.phase)}${badge('type', s.studyType)}</p>
  <p class="meta"><span class="ids">${s.id}${others.length ? html` <span class="linked" title="linked registrations">+ ${others.join(', ')}</span>` : ''}</span>
   ${s.registrationDate ? html` · registered ${s.registrationDate}` : ''}${s.enrollment !== null ? html` · ${s.enrollment} participants` : ''}${url ? html` · <a href="${url}" rel="noopener noreferrer external">at ${s.registry}</a>` : ''}</p>
  ${s.conditions.length ? html`<p class="meta"><b>Conditions:</b> ${s.conditions.join('; ')}</p>` : ''}
  ${s.interventions.length ? html`<p class="meta"><b>Interventions:</b> ${s.interventions.join('; ')}</p>` : ''}
  ${s.countries.length ? html`<p class="meta"><b>Countries:</b> ${s.countries.join(', ')}</p>` : ''}
</li>`;
}

/** The exports offered for a result set: what a reviewer takes away, each in the formats that exist for it. */
const EXPORT_GROUPS: { what: string; per?: string; title: string; hint: string; formats: [string, string][] }[] = [
  { what: 'characteristics', per: 'study', title: 'Characteristics, a row per trial', hint: 'linked registrations merged; each value names the registration it came from',
    formats: [['csv', 'CSV'], ['xlsx', 'XLSX']] },
  { what: 'characteristics', title: 'Characteristics, a row per registration', hint: 'with the study id that links registrations of one trial', formats: [['csv', 'CSV'], ['xlsx', 'XLSX']] },
  { what: 'registrations', title: 'Registrations', hint: 'full records, each with its study id', formats: [...EXPORTS] },
];

function exportBar(p: RawParams, total: number): SafeHtml {
  // only what the export endpoint takes: a stray parameter on the page (utm_source, fields) would make it answer 400
  const q: RawParams = Object.fromEntries(Object.entries(p).filter(([k]) => KNOWN_PARAMS.has(k) && k !== 'fields' && k !== 'facets'));
  return html`<details class="exports">
  <summary>Export all ${total} ${total === 1 ? 'study' : 'studies'}</summary>
  <ul>${EXPORT_GROUPS.map((g) => html`<li><span class="what">${g.title}</span> <span class="hint">(${g.hint})</span>
    <span class="formats">${g.formats.map(([f, name]) => html`<a class="button" href="/api/v1/export${withParams(q, { format: f, what: g.what, per: g.per ?? null, pageToken: null, sort: null, pageSize: null })}" download data-what="${g.what}" data-per="${g.per ?? 'registration'}" data-format="${f}">${name}<span class="vh"> — ${g.title}</span></a>`)}</span></li>`)}</ul>
</details>`;
}

/** Which filters are on, each a link that takes it off; empty when none is. */
export function activeFilters(p: RawParams): { label: string; href: string }[] {
  const out: { label: string; href: string }[] = [];
  for (const f of FACETS) {
    const param = FACET_PARAM[f];
    const on = values(p, param);
    for (const v of on) {
      const rest = on.filter((x) => x !== v);
      out.push({ label: `${FACET_LABELS[f]}: ${label(f, v === 'null' ? null : v)}`, href: `/${withParams(p, { [param]: rest.length ? rest : null, pageToken: null })}` });
    }
  }
  const age = one(p, 'filter.age');
  if (age) out.push({ label: `Could join at age ${age}`, href: `/${withParams(p, { 'filter.age': null, pageToken: null })}` });
  const sex = one(p, 'filter.sex');
  if (sex) out.push({ label: `Open to: ${label('sex', sex)}`, href: `/${withParams(p, { 'filter.sex': null, pageToken: null })}` });
  return out;
}

function filterChips(p: RawParams): SafeHtml {
  const on = activeFilters(p);
  if (on.length === 0) return html``;
  const clear = `/${withParams(Object.fromEntries(Object.entries(p).filter(([k]) => k === 'query.term' || k === 'sort')), {})}`;
  return html`<div class="chips" id="filters-on" tabindex="-1" role="group" aria-label="Filters on (${on.length})">
  <span class="chips-h">Filters on:</span>
  <ul>${on.map((c) => html`<li><a class="chip" href="${c.href}" data-focus-after="filters-on">${c.label}<span aria-hidden="true" class="x">×</span><span class="vh"> (remove this filter)</span></a></li>`)}</ul>
  <a class="clear" href="${clear}" data-focus-after="results-h">Clear all filters</a>
</div>`;
}

/** Previous / next (and first) page links; a page is PAGE_SIZE studies from an offset the page token carries. */
function pager(p: RawParams, res: SearchResponse): SafeHtml {
  let offset = 0;
  try { offset = decodePageToken(one(p, 'pageToken')); } catch { offset = 0; }
  const prev = offset > 0 ? Math.max(0, offset - PAGE_SIZE) : null;
  const link = (o: number) => `/${withParams(p, { pageToken: o > 0 ? encodePageToken(o) : null })}`;
  if (prev === null && !res.nextPageToken) return html``;
  return html`<nav class="pager" aria-label="Pages">
  ${prev !== null ? html`<a rel="prev" href="${link(prev)}" data-focus-after="results-h">← Previous page</a>` : ''}
  <span class="where">Studies ${offset + 1}–${offset + res.hits.length} of ${res.total}</span>
  ${res.nextPageToken ? html`<a rel="next" href="/${withParams(p, { pageToken: res.nextPageToken })}" data-focus-after="results-h">Next page →</a>` : ''}
  ${prev !== null && prev > 0 ? html`<a href="${link(0)}" data-focus-after="results-h">First page</a>` : ''}
</nav>`;
}

export async function renderSearch(store: Store, p: RawParams): Promise<{ status: number; body: string }> {
  let res: SearchResponse | null = null;
  let error: string | null = null;
  let status = 200;
  try {
    const { query, opts } = searchOptions(p);
    res = await search(store, query, { ...opts, pageSize: PAGE_SIZE, facets: true, facetLimit: 15 });
  } catch (e) {
    const c = classify(e);
    status = c.status;
    error = c.reason;
  }
  const q = one(p, 'query.term') ?? '';
  const sort = one(p, 'sort') ?? 'relevance';
  const age = one(p, 'filter.age') ?? '';
  const sex = one(p, 'filter.sex') ?? '';
  const nOn = activeFilters(p).length;
  const body = html`
<form class="search" method="get" action="/" role="search">
  <div class="searchrow">
    <label for="q" class="vh">Search trials</label>
    <input id="q" name="query.term" type="search" value="${q}" placeholder='e.g. cond:"covid-19" intr:mesenchymal phase:2 status:recruiting' autocomplete="off">
    <label for="sort" class="vh">Sort by</label>
    <select id="sort" name="sort">${[['relevance', 'Relevance'], ['date', 'Newest registered'], ['updated', 'Recently updated']].map(([v, t]) => html`<option value="${v}"${sort === v ? html` selected` : ''}>${t}</option>`)}</select>
    <button type="submit">Search</button>
  </div>
  <p class="hint">Words, <code>"phrases"</code>, <code>AND</code> / <code>OR</code> / <code>NOT</code>, parentheses, and fields such as <code>cond:</code> <code>intr:</code> <code>title:</code> <code>phase:2</code> <code>status:recruiting</code> <code>registry:ChiCTR</code> <code>country:China</code>.</p>
  <div class="layout">
    <aside class="facets" id="filters" tabindex="-1" aria-labelledby="filters-h">
      <h2 id="filters-h">Filters</h2>
      <fieldset class="facet"><legend>Who could join</legend>
        <div class="opt"><label for="age">Age (years)</label> <input id="age" name="filter.age" inputmode="numeric" size="4" value="${age}"></div>
        <div class="opt"><label for="sex">Sex</label> <select id="sex" name="filter.sex"><option value="">Any</option>${[['female', 'Female'], ['male', 'Male']].map(([v, t]) => html`<option value="${v}"${sex === v ? html` selected` : ''}>${t}</option>`)}</select></div>
      </fieldset>
      ${res?.facets ? FACETS.map((f) => facetBox(f, res!.facets![f] ?? [], p)) : ''}
      <button type="submit" class="apply">Apply filters</button>
      <p><a href="/">Clear all</a> <a class="to-results" href="#results">Back to the results</a></p>
    </aside>
    <section class="results" id="results" tabindex="-1" aria-labelledby="results-h">
      ${error ? html`<div class="error" role="alert"><h2 id="results-h" tabindex="-1">The search could not run</h2><p>${error}</p></div>` : ''}
      ${res ? html`<div class="count-row"><h2 id="results-h" class="count" tabindex="-1" aria-live="polite">${res.total} ${res.total === 1 ? 'study' : 'studies'}</h2>
      <a class="to-filters" href="#filters">Filters${nOn ? ` (${nOn} on)` : ''} ↓</a></div>
      ${filterChips(p)}
      ${exportBar(p, res.total)}
      <ol class="hits">${res.hits.map(resultItem)}</ol>
      ${pager(p, res)}` : ''}
    </section>
  </div>
</form>`;
  return {
    status,
    body: page({ title: q ? `Search: ${q}` : 'Search', nav: 'search', skip: [['#results', 'Skip to results'], ['#filters', 'Skip to filters']] }, body),
  };
}
