/**
 * One page's text → one canonical registration (or the reason it cannot be one). The pipeline:
 * lines → site profile `prepare` → labelled blocks → field mappers → profile `finish`.
 * Also the detection score shared by the page-text and page-html formats.
 */
import type { Registration } from '../../model/registration.js';
import { pageLines, segment, unflattenTables } from './blocks.js';
import { mapBlocks, ownTrialId } from './map.js';
import { siteOf, type Prepared } from './sites.js';
import { fieldOfLabel, isCutLabel, type PageField } from './vocabulary.js';
import { labelledLine } from './blocks.js';

export interface PageResult {
  /** the record; its `id` is '' when the page states no registration number of its own (page-format.ts then files it under a provisional id) */
  record: Registration;
  /** the site profile that read it (`ictrp`, `cochrane`, `ctgov-portal`…), or null for an unknown site */
  site: string | null;
}

/** Read a page's text. Never throws on content; an id-less page gives a record with `id: ''` (callers decide). */
export function readPage(page: string): PageResult {
  const text = withoutCutLabel(page);
  const site = siteOf(text);
  const lines = unflattenTables(pageLines(text));
  const prepared: Prepared = site?.prepare?.(lines) ?? { lines, idHint: null, finish: () => {} };
  const blocks = segment(prepared.lines, prepared.strictLabels ?? false);
  const id = ownTrialId(blocks, prepared.idHint, site?.registry ?? null);
  const record = mapBlocks(blocks, id, site?.registry ?? null);
  prepared.finish(record);
  return { record, site: site?.id ?? null };
}

/**
 * A page that arrives partial may stop in the middle of its last line. When that line is a label cut short (`Study le`,
 * `Inter`, an EU CTR item `F.1.3 Elderly` with no answer yet) it is no value: left alone, it would run into the value of
 * the block above (`Baseline, day 3 and day 7 Inter`). Dropped; a text ending with a line break is whole and kept as is.
 */
function withoutCutLabel(text: string): string {
  if (/\n\s*$/.test(text)) return text;
  const cut = text.lastIndexOf('\n');
  const last = text.slice(cut + 1).trim();
  if (last === '' || last.length > 60 || /[:：\t]/.test(last)) return text;
  const euItem = /^[A-H](?:\.\d+)+\.?\s+\S/.test(last) && !/\b(?:yes|no)$/i.test(last);
  return euItem || isCutLabel(last) ? text.slice(0, Math.max(cut, 0)) : text;
}

/** Distinct vocabulary fields a text's lines name (label alone on a line, or `Label: value`). */
export function labelFields(text: string): Set<PageField> {
  const found = new Set<PageField>();
  for (const line of pageLines(text).slice(0, 3000)) {
    if (line === '' || line.length > 400) continue;
    const f = fieldOfLabel(line) ?? labelledLine(line)?.field ?? null;
    if (f && f !== 'section') found.add(f);
  }
  return found;
}

/** A line of program code or of a data literal in code (`'Public title': 'A trial…',`). */
const CODE_LINE = new RegExp([
  String.raw`^\s*(?:import\s|export\s|const\s|let\s|var\s|function[\s*(]|class\s|return\b|if\s*\(|for\s*\(|while\s*\(|async\s|await\s|#!|\/\/|\/\*|\*\/|def\s|from\s+\S+\s+import|package\s|public\s|private\s|#include|\}|\{$)`,
  String.raw`[;{]\s*$`, '=>', String.raw`\)\s*\{`, String.raw`^\s*[\]})]+[;,]?\s*$`, String.raw`['"\x60],\s*$`, String.raw`^\s*\+\s*['"\x60]`,
  String.raw`^\s*['"][^'"]+['"]\s*:\s`,
].join('|'));
/** A line of Markdown structure: heading, fence, link, table row, quote. */
const MARKDOWN_LINE = /^\s*#{1,6}\s|^\s*```|\[[^\]\n]+\]\([^)\s]+\)|^\s*\|.*\|\s*$|^\s*[-*]\s+\[|^\s*>\s/;

/**
 * Why a text is not a trial page although it may name trial fields, or null: mostly program code (a script that
 * builds example records holds every label and a real-looking id), mostly Markdown (a README describing the formats),
 * or mostly binary. Measured on the real pages: code lines are at most 18% of a page's lines, Markdown lines at most
 * 1%; scripts run at 84–99% code, READMEs and specs at 38–59% Markdown.
 */
export function notAPage(text: string): string | null {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 3000);
  if (lines.length === 0) return null;
  let bad = 0;
  const sample = text.slice(0, 65536);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (bad > sample.length * 0.02) return 'binary data';
  const code = lines.filter((l) => l.length < 2000 && CODE_LINE.test(l)).length;
  if (code >= lines.length * 0.4) return `program code (${Math.round((100 * code) / lines.length)}% of its lines)`;
  const markdown = lines.filter((l) => l.length < 2000 && MARKDOWN_LINE.test(l)).length;
  if (markdown >= lines.length * 0.2) return `Markdown text (${Math.round((100 * markdown) / lines.length)}% of its lines are headings, links or tables)`;
  return null;
}

/** Fields a page must name when it states no registration number of its own (a partial copy): the real ones name 10–22. */
const FIELDS_WITHOUT_ID = 8;

/**
 * How much a text looks like a trial page: moderate scores (≤ 0.6) so structured exports, which are certain of
 * themselves, always win; 0 for data formats (JSON, XML, CSV/TSV headers), for code, Markdown and binary (notAPage),
 * and for text that does not look like a trial record: a page names several fields of one and states a registration
 * number of its own, or names many fields (a partial copy); a publication page (PubMed) is known by its site.
 */
export function pageScore(text: string): number {
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (/^[[{]/.test(head) || /^<\?xml/i.test(head)) return 0;
  const firstLine = head.split('\n', 1)[0] ?? '';
  if ((firstLine.match(/\t/g) ?? []).length >= 4 || (firstLine.match(/","|",|,"/g) ?? []).length >= 4) return 0;
  // an unquoted CSV header that names fields (ICTRP's `TrialID,Last Refreshed on,Public title,…`)
  const cells = firstLine.split(',');
  if (cells.length >= 5 && cells.filter((c) => fieldOfLabel(c.trim()) !== null).length >= 3) return 0;
  if (notAPage(text)) return 0;
  const fields = labelFields(text).size;
  const site = siteOf(text);
  if (site?.markerSuffices && fields < 5) return 0.3;
  if (fields < 3 || (fields < 5 && !site)) return 0;
  if (fields < FIELDS_WITHOUT_ID && !readPage(text).record.id) return 0;
  return Math.min(0.6, 0.2 + fields * 0.02 + (site ? 0.1 : 0));
}
