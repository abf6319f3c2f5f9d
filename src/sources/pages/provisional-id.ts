/**
 * The provisional id of a page that states no registration number of its own: `PAGE-` + the first 12 hex digits of
 * the SHA-256 of the page's normalised text. Normalising (BOM, Unicode form, line ends, runs of blanks) makes the id
 * stable across copies of one page, so ingesting the same page twice stores one record.
 */
import { createHash } from 'node:crypto';

export const PROVISIONAL_PREFIX = 'PAGE-';

/** The page's text as the id sees it: NFC, no BOM, every run of whitespace one space, ends trimmed. */
export function normalisedPageText(text: string): string {
  return text.replace(/^\ufeff/, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function provisionalPageId(text: string): string {
  const hex = createHash('sha256').update(normalisedPageText(text), 'utf8').digest('hex');
  return `${PROVISIONAL_PREFIX}${hex.slice(0, 12)}`;
}

/** Is this id a provisional page id (no registry's number)? */
export function isProvisionalPageId(id: string): boolean {
  return /^PAGE-[0-9a-f]{12}$/.test(id);
}
