/** The page shell every HTML page shares: head, skip link, header navigation, main landmark, footer. */
import { html, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  /** which navigation item is current */
  nav?: 'search' | 'dashboard' | 'study';
  /** extra scripts (site-relative paths under /assets) */
  scripts?: string[];
  /** skip links, first is first in tab order: [target, text]; default one to the main content */
  skip?: [string, string][];
}

export function page(opts: PageOptions, body: SafeHtml): string {
  const cur = (n: PageOptions['nav']) => (opts.nav === n ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · TrialAtlas</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="data:,">
</head>
<body>
${(opts.skip ?? [['#main', 'Skip to content']]).map(([href, text]) => html`<a class="skip" href="${href}">${text}</a>`)}
<header class="top">
  <a class="brand" href="/">Trial<span>Atlas</span></a>
  <nav aria-label="Main"><a href="/"${cur('search')}>Search</a><a href="/dashboard"${cur('dashboard')}>Dashboard</a><a href="/api/v1/openapi.json">API</a></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="foot">TrialAtlas — an open clinical-trial register. Data as published by each registry; follow the links to the source records.</footer>
<script src="/assets/app.js" defer></script>
${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</body>
</html>`.value;
}
