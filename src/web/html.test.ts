/** Escaping by construction: interpolations are text unless they are html output; JSON blocks cannot close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, jsonScript, raw, safeUrl } from './html.js';
import { differs } from './study-page.js';
import { fillMonths } from './dashboard-page.js';

test('interpolated registry text is escaped, nested html is not', () => {
  const evil = `"><script>alert(1)</script><img src=x onerror='x'>`;
  const out = html`<a title="${evil}">${evil}</a>${html`<b>${evil}</b>`}`.value;
  assert.doesNotMatch(out, /<script>|<img/);
  assert.equal((out.match(/<b>/g) ?? []).length, 1);
  assert.equal(escapeHtml('a&b<c>"\'`'), 'a&amp;b&lt;c&gt;&quot;&#39;&#96;');
  assert.equal(html`${null}${undefined}${false}${['x', '<y>']}`.value, 'x&lt;y&gt;');
  assert.equal(html`${raw('<i>ok</i>')}`.value, '<i>ok</i>');
});

test('JSON for a script block cannot close the block', () => {
  const out = jsonScript('d', { label: '</script><script>alert(1)</script>' }).value;
  assert.equal((out.match(/<\/script>/g) ?? []).length, 1, 'only the real end tag');
  const inner = out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'));
  assert.deepEqual(JSON.parse(inner), { label: '</script><script>alert(1)</script>' });
});

test('only http(s) and site-relative links', () => {
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl(' JAVASCRIPT:alert(1)'), null);
  assert.equal(safeUrl('data:text/html,x'), null);
  assert.equal(safeUrl('//evil.example/x'), null);
  assert.equal(safeUrl('https://clinicaltrials.gov/study/NCT1'), 'https://clinicaltrials.gov/study/NCT1');
  assert.equal(safeUrl('/study/NCT1'), '/study/NCT1');
});

test('side-by-side difference: case, spacing and order do not count; unreported does not count', () => {
  assert.equal(differs(['Phase 1', 'phase  1']), false);
  assert.equal(differs([['China', 'Iran'], ['iran', 'china']]), false);
  assert.equal(differs(['20', null]), false);
  assert.equal(differs(['20', '120']), true);
});

test('month timeline fills empty months', () => {
  assert.deepEqual(fillMonths([{ value: '2019-11', count: 2 }, { value: '2020-02', count: 1 }]).map((c) => `${c.value}=${c.count}`),
    ['2019-11=2', '2019-12=0', '2020-01=0', '2020-02=1']);
});
