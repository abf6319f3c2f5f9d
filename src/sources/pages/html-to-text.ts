/**
 * Saved trial page HTML → the structured text the page-text reader understands: block elements end lines, table rows
 * become `label: value` lines (th/td pairs), dt/dd pairs become a label line (closed with a colon) and value lines, list items keep a
 * `* ` bullet, script/style/head dropped, entities decoded (htmlparser2 does that).
 */
import { Parser } from 'htmlparser2';
import { fieldOfLabel } from './vocabulary.js';

/** Inline elements that hold a field's label (`<span class="label">`, `<label>`): a tab separates them from the value. */
const LABEL_CLASS = /(?:^|[\s_-])(?:label|field-?name|key|term)(?:$|[\s_-])/i;
const BOLD = new Set(['b', 'strong']);

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'button', 'select', 'option']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'dl', 'dt', 'dd', 'form', 'fieldset', 'legend', 'blockquote',
  'pre', 'figure', 'figcaption', 'details', 'summary', 'address', 'hr', 'body', 'html', 'center',
]);

interface Row { cells: { text: string; header: boolean }[] }

/** Collapse whitespace runs within a line; keep line breaks; trim each line; drop blank runs. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').replace(/ ?\t ?/g, '\t').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One table row as text lines. Two cells → `label: value`; th/td pairs → one line each; else one line per cell. */
export function rowText(row: Row): string {
  const cells = row.cells.map((c) => ({ ...c, text: tidy(c.text) })).filter((c) => c.text !== '');
  if (cells.length === 0) return '';
  const pair = (l: string, v: string): string => `${l.replace(/[:：]\s*$/, '')}: ${v}`;
  // (a wider row with an empty cell — an outcome with no description — is not a label/value pair)
  const wide = row.cells.length >= 3 && row.cells.some((c) => tidy(c.text) === '');
  if (cells.length === 2 && !wide && !cells[1]!.header && cells[0]!.text.length <= 120 && !cells[0]!.text.includes('\n')) {
    return pair(cells[0]!.text, cells[1]!.text);
  }
  if (cells.length % 2 === 0 && cells.every((c, i) => c.header === (i % 2 === 0))) {
    const out: string[] = [];
    for (let i = 0; i < cells.length; i += 2) out.push(pair(cells[i]!.text, cells[i + 1]!.text));
    return out.join('\n');
  }
  // a header row (`Outcome Measure | Measure Description | Time Frame`) stays one tab-separated line, as a browser copies it
  if (cells.length >= 2 && cells.every((c) => c.header && !c.text.includes('\n'))) return cells.map((c) => c.text).join('\t');
  return cells.map((c) => c.text).join('\n');
}

/** The whole document as structured text. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  // where text goes: the document, or the innermost open table cell
  const sinks: string[][] = [out];
  const rows: Row[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  const sink = (): string[] => sinks[sinks.length - 1]!;
  // open inline elements that may be a label: where their text starts in the sink, and whether the class says so
  const labels: { name: string; at: number; sink: string[]; byClass: boolean }[] = [];
  /** Close a label-like inline element: `Recruitment Status` + `Recruiting` → `Recruitment Status<TAB>Recruiting`. */
  const endLabel = (name: string): void => {
    const top = labels[labels.length - 1];
    if (!top || top.name !== name) return;
    labels.pop();
    if (top.sink !== sink()) return;
    const text = top.sink.slice(top.at).join('').trim();
    const lineBefore = top.sink.slice(0, top.at).join('').split('\n').pop()!.trim();
    if (!text || text.length > 120 || /[:：]$/.test(text) || lineBefore !== '') return;
    if (top.byClass || fieldOfLabel(text) !== null) sink().push('\t');
  };
  const newline = (): void => { sink().push('\n'); };
  // an open `<dt>`: where its text starts. A term is a label even when the vocabulary only takes its word with a
  // colon (`<dt>Sponsor</dt>`, `<dt>Status</dt>` in a news page's glance box), so it closes with one.
  const terms: { at: number; sink: string[] }[] = [];
  const endTerm = (): void => {
    const t = terms.pop();
    if (!t || t.sink !== sink()) return;
    const text = t.sink.slice(t.at).join('').trim();
    if (text && text.length <= 80 && !/[:：]$/.test(text)) sink().push(':');
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skipDepth > 0 || SKIP.has(name)) { if (SKIP.has(name)) skipDepth++; return; }
        if (name === 'label' || BOLD.has(name) || (name === 'span' && LABEL_CLASS.test(attrs.class ?? ''))) {
          labels.push({ name, at: sink().length, sink: sink(), byClass: name !== 'b' && name !== 'strong' });
        }
        if (name === 'pre') preDepth++;
        if (name === 'dt') { newline(); terms.push({ at: sink().length, sink: sink() }); return; }
        if (name === 'tr') { rows.push({ cells: [] }); newline(); return; }
        if (name === 'td' || name === 'th') { sinks.push([]); return; }
        if (name === 'br') { newline(); return; }
        if (name === 'sup') { sink().push('^'); return; } // 10<sup>6</sup> → 10^6, as registries write it in text
        if (name === 'li') { newline(); sink().push('* '); return; }
        if (BLOCK.has(name)) newline();
      },
      ontext(text) {
        if (skipDepth > 0) return;
        sink().push(preDepth > 0 ? text : text.replace(/\s+/g, ' '));
      },
      onclosetag(name, implied) {
        void implied;
        if (SKIP.has(name)) { if (skipDepth > 0) skipDepth--; return; }
        if (skipDepth > 0) return;
        if (name === 'pre' && preDepth > 0) preDepth--;
        if (name === 'label' || BOLD.has(name) || name === 'span') endLabel(name);
        if (name === 'dt') endTerm();
        if ((name === 'td' || name === 'th') && sinks.length > 1) {
          const text = sinks.pop()!.join('');
          const row = rows[rows.length - 1];
          if (row) row.cells.push({ text, header: name === 'th' });
          else sink().push(`\n${text}\n`);
          return;
        }
        if (name === 'tr') {
          const row = rows.pop();
          if (row) sink().push(`\n${rowText(row)}\n`);
          return;
        }
        if (BLOCK.has(name) || name === 'li') newline();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidy(out.join(''));
}
