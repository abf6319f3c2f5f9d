/**
 * What the page-text and page-html formats share: read the whole (small) input with a size cap, read the page,
 * and turn the result into parse items — an id-less page becomes an error naming the file, not a made-up record.
 */
import type { InputFile, ParseItem } from '../types.js';
import { findTrialIds } from '../../normalise/ids.js';
import { readPage } from './read-page.js';

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

/** Parse items for one page's text (`format` is the format id recorded in `source.format`). */
export function pageItems(file: string, format: string, text: string): ParseItem[] {
  const { record } = readPage(text);
  if (!record.id) {
    // No registration number stated as this trial's own. Numbers the page does show belong to related trials or
    // publications, so guessing one would file this trial under another's id: report the page instead.
    const mentioned = findTrialIds(text);
    const also = mentioned.length ? ` (the page names other trials' numbers: ${mentioned.slice(0, 5).join(', ')}${mentioned.length > 5 ? ', …' : ''})` : '';
    return [{
      kind: 'error',
      issue: { file, position: 'page', field: 'id', reason: `no trial registration number of its own found on the page${also}` },
    }];
  }
  record.source.format = format;
  record.source.file = file;
  record.source.recordId ??= record.id;
  return [{ kind: 'record', record, position: 'page' }];
}
