/**
 * Input format `page-text`: a trial page copied or saved as text, from any registry's site or portal
 * (ClinicalTrials.gov, WHO ICTRP, Cochrane register, ISRCTN, ANZCTR, ChiCTR, EU CTR, IRCT, CTRI, DRKS, …).
 * One page = one registration. The reading itself lives in ./pages.
 */
import type { SourceFormat } from './types.js';
import { pageScore } from './pages/read-page.js';
import { pageItems, readWhole, PAGE_MAX_CHARS } from './pages/page-format.js';

export const pageText: SourceFormat = {
  id: 'page-text',
  label: 'Trial page as text (copied or saved from a registry or portal web page)',
  detect(input) {
    if (/^\s*</.test(input.headText)) return 0; // markup is page-html's (or XML's)
    return pageScore(input.headText);
  },
  async *parse(input) {
    const text = await readWhole(input);
    if (text === null) {
      yield { kind: 'error', issue: { file: input.name, position: 'file', reason: `larger than ${PAGE_MAX_CHARS} characters: not a trial page` } };
      return;
    }
    yield* pageItems(input.name, 'page-text', text);
  },
};
