/**
 * The root element of an XML document, read from its head: what an XML format's detect() should test, so that a
 * Markdown or HTML file that merely mentions `<Trials_downloaded_from_ICTRP>` is not taken for an export.
 */

/** Name of the first element after the prolog (BOM, `<?xml …?>`, comments, DOCTYPE), or null when the text is not XML. */
export function xmlRootElement(head: string): string | null {
  let i = 0;
  const n = head.length;
  if (head.charCodeAt(0) === 0xfeff) i = 1;
  for (;;) {
    while (i < n && /\s/.test(head[i]!)) i++;
    if (head[i] !== '<') return null;
    if (head.startsWith('<?', i)) {
      const end = head.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (head.startsWith('<!--', i)) {
      const end = head.indexOf('-->', i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (head.startsWith('<!DOCTYPE', i) || head.startsWith('<!doctype', i)) {
      i = skipDoctype(head, i);
      if (i < 0) return null;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(head.slice(i, i + 256));
      return m ? m[1]! : null;
    }
  }
}

/** Index just past a DOCTYPE declaration, internal subset `[…]` included; -1 when it does not end in the head. */
function skipDoctype(head: string, start: number): number {
  let depth = 0;
  for (let i = start + 2; i < head.length; i++) {
    const c = head[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return -1;
}
