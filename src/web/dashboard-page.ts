/**
 * The dashboard: registrations per month, by registry, phase, status, country and cell source, counted from the
 * stored data (optionally within a search). Each chart has its numbers in a table too (no JS, screen readers).
 */
import type { Store } from '../store/types.js';
import { stats } from '../search/index.js';
import type { Count, StatsBy } from '../search/types.js';
import { searchOptions, withParams, type RawParams } from '../api/params.js';
import { classify } from '../api/errors.js';
import { html, jsonScript, type SafeHtml } from './html.js';
import { label } from './labels.js';
import { page } from './layout.js';

const CHARTS: { by: StatsBy; title: string; kind: 'line' | 'bar'; top?: number }[] = [
  { by: 'month', title: 'Registrations per month', kind: 'line' },
  { by: 'registry', title: 'By registry', kind: 'bar' },
  { by: 'phase', title: 'By phase', kind: 'bar' },
  { by: 'status', title: 'By recruitment status', kind: 'bar' },
  { by: 'country', title: 'By country (top 15)', kind: 'bar', top: 15 },
  { by: 'cellSource', title: 'Cell-therapy trials by cell source', kind: 'bar' },
];

/** Months with no registrations appear as 0, so the timeline's spacing is true. */
export function fillMonths(counts: Count[]): Count[] {
  const known = counts.filter((c) => c.value && /^\d{4}-\d{2}$/.test(c.value));
  if (known.length < 2) return known;
  const by = new Map(known.map((c) => [c.value!, c.count]));
  const out: Count[] = [];
  let [y, m] = known[0]!.value!.split('-').map(Number) as [number, number];
  const last = known[known.length - 1]!.value!;
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ value: key, count: by.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

function chart(i: number, c: (typeof CHARTS)[number], counts: Count[]): SafeHtml {
  const total = counts.reduce((n, x) => n + x.count, 0);
  return html`<figure class="chart">
  <figcaption><h2 id="c${i}-h">${c.title}</h2></figcaption>
  <div class="canvas"><canvas id="c${i}" role="img" aria-labelledby="c${i}-h"></canvas></div>
  <details><summary>Numbers (${total})</summary><table><thead><tr><th scope="col">${c.by}</th><th scope="col">Registrations</th></tr></thead>
  <tbody>${counts.map((x) => html`<tr><td>${label(c.by, x.value)}</td><td>${x.count}</td></tr>`)}</tbody></table></details>
</figure>`;
}

export async function renderDashboard(store: Store, p: RawParams): Promise<{ status: number; body: string }> {
  try {
    const { query, opts } = searchOptions(p);
    const filter = { cond: opts.cond, intr: opts.intr, titles: opts.titles, filters: opts.filters };
    const data = [];
    for (const c of CHARTS) {
      const all = await stats(store, c.by, query, filter);
      const counts = (c.by === 'month' ? fillMonths(all) : all).slice(0, c.top ?? 1200);
      data.push({ ...c, counts: counts.map((x) => ({ label: label(c.by, x.value), count: x.count })), raw: counts });
    }
    const body = html`<h1>Dashboard</h1>
<p>Counts of registrations in this register${query ? html` matching <code>${query}</code>` : ''}. <a href="/${withParams(p, {})}">See them as a list</a>.</p>
<div class="charts">${data.map((d, i) => chart(i, d, d.raw))}</div>
${jsonScript('chart-data', data.map((d) => ({ kind: d.kind, title: d.title, labels: d.counts.map((x) => x.label), values: d.counts.map((x) => x.count) })))}`;
    return { status: 200, body: page({ title: 'Dashboard', nav: 'dashboard', scripts: ['/assets/chart.umd.js', '/assets/dashboard.js'] }, body) };
  } catch (e) {
    const c = classify(e);
    return { status: c.status, body: page({ title: 'Dashboard', nav: 'dashboard' }, html`<h1>Dashboard</h1><div class="error" role="alert">${c.reason}</div>`) };
  }
}
