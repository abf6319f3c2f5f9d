/**
 * What the page-text and page-html formats share: read the whole (small) input with a size cap, read the page,
 * and turn the result into parse items. A page that states no registration number of its own is still a record:
 * it is filed under a provisional id derived from its text (./provisional-id.ts), never under a number it shows.
 */
import type { InputFile, ParseItem } from '../types.js';
import type { Registration } from '../../model/registration.js';
import { findTrialIds } from '../../normalise/ids.js';
import { notAPage, readPage } from './read-page.js';
import { provisionalPageId } from './provisional-id.js';

/** A trial page is tens of kilobytes; anything past this is not a page and is refused rather than held in memory. */
export const PAGE_MAX_CHARS = 8 * 1024 * 1024;

/** The input's text, or null when it is larger than a page can be. */
export async function readWhole(input: InputFile): Promise<string | null> {
  let text = '';
  for await (const chunk of input.text()) {
    text += chunk;
    if (text.length > PAGE_MAX_CHARS) return null;
  }
  return text;
}

/**
 * No registration number stated as this trial's own: numbers the page does show belong to related trials or
 * publications, so guessing one would file this trial under another's id. File it under a provisional id instead
 * (stable: the same page always gets the same one) and tell the curator what to do.
 */
function fileUnderProvisionalId(record: Registration, text: string): void {
  record.id = provisionalPageId(text);
  record.registry = 'other';
  const mentioned = findTrialIds(text);
  const related = mentioned.length
    ? `; the trials it lists as related (${mentioned.slice(0, 5).join(', ')}${mentioned.length > 5 ? ', …' : ''}) are other trials and were not taken as its numbers`
    : '';
  record.warnings.push(
    `the page states no registration number of its own; stored under the provisional id ${record.id}${related}. `
    + 'Find the trial\'s own registration number (e.g. on the registry the page was built from) and ingest that registration to link it.',
  );
}

/** Parse items for one page's text (`format` is the format id recorded in `source.format`). */
export function pageItems(file: string, format: string, text: string): ParseItem[] {
  // also when the format was forced: code, Markdown or binary never becomes a version of a trial
  const not = notAPage(text);
  if (not) return [{ kind: 'error', issue: { file, position: 'whole file', reason: `not a trial page: the text is ${not}` } }];
  const { record } = readPage(text);
  if (!record.id) fileUnderProvisionalId(record, text);
  record.source.format = format;
  record.source.file = file;
  record.source.recordId ??= record.id;
  return [{ kind: 'record', record, position: 'page' }];
}
