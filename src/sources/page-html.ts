/**
 * Input format `page-html`: a trial page saved as HTML. The HTML becomes structured text (./pages/html-to-text)
 * and is then read exactly like `page-text`.
 */
import type { SourceFormat } from './types.js';
import { htmlToText } from './pages/html-to-text.js';
import { pageScore } from './pages/read-page.js';
import { pageItems, readWhole, PAGE_MAX_CHARS } from './pages/page-format.js';

const HTML = /<(?:!doctype html|html|body|div|table|p|h[1-6]|dl|section)\b/i;

export const pageHtml: SourceFormat = {
  id: 'page-html',
  label: 'Trial page saved as HTML (from a registry or portal web page)',
  detect(input) {
    if (!HTML.test(input.headText)) return 0;
    return pageScore(htmlToText(input.headText));
  },
  async *parse(input) {
    const html = await readWhole(input);
    if (html === null) {
      yield { kind: 'error', issue: { file: input.name, position: 'file', reason: `larger than ${PAGE_MAX_CHARS} characters: not a trial page` } };
      return;
    }
    yield* pageItems(input.name, 'page-html', htmlToText(html));
  },
};
