/**
 * Free text cut into statements: sentences, `;`-separated clauses and lines. Extractors that must know which
 * statement a value came from (the dosing sentence of a cell product, the placebo arm's clause) read segments.
 */

export interface Segment {
  text: string;
  /** where the segment starts in the text */
  index: number;
}

/** Splits after `.`/`!`/`?` before a blank or a capital (run-together "admission.Masking"), after `;`, at line ends.
 * Decimals (`0.9%`, `1.5 x 10^6`) are not split. */
const BREAK = /[.!?](?=\s|[A-Z]|$)|;(?=\s|$)|\n/g;

export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ text: t, index: start + lead });
  };
  for (const m of text.matchAll(BREAK)) {
    const end = m.index! + (m[0] === '\n' ? 0 : 1);
    push(end);
    start = m.index! + 1;
  }
  push(text.length);
  return out;
}
