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

/**
 * How much a text looks like a trial page: moderate scores (≤ 0.6) so structured exports, which are certain of
 * themselves, always win; 0 for data formats (JSON, XML, CSV/TSV headers) and for text naming too few fields.
 */
export function pageScore(text: string): number {
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (/^[[{]/.test(head) || /^<\?xml/i.test(head)) return 0;
  const firstLine = head.split('\n', 1)[0] ?? '';
  if ((firstLine.match(/\t/g) ?? []).length >= 4 || (firstLine.match(/","|",|,"/g) ?? []).length >= 4) return 0;
  // an unquoted CSV header that names fields (ICTRP's `TrialID,Last Refreshed on,Public title,…`)
  const cells = firstLine.split(',');
  if (cells.length >= 5 && cells.filter((c) => fieldOfLabel(c.trim()) !== null).length >= 3) return 0;
  const fields = labelFields(text).size;
  const site = siteOf(text);
  if (site?.markerSuffices && fields < 5) return 0.3;
  if (fields < 3 || (fields < 5 && !site)) return 0;
  return Math.min(0.6, 0.2 + fields * 0.02 + (site ? 0.1 : 0));
}
