/**
 * The records of an XML export (`<Trial>…</Trial>`, `<clinical_study>…</clinical_study>`, `<trial>…</trial>`), cut
 * out of the text stream one at a time and each parsed on its own by a fresh saxes parser. A break inside one record
 * (a bad character, a mismatched or unclosed tag, a cut) costs that record only, with one message: the records after
 * it are read. Linear in the text; memory bounded by MAX_RECORD_CHARS.
 *
 * The cut is textual — `<Tag` followed by a space, `>` or `/`, up to the next `</Tag>` — so a record element must not
 * nest in itself (none of the export formats does). A record that opens again before it closes is broken: it is
 * parsed as far as it goes (for saxes' reason) and the new one is read.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MAX_LINE_CHARS } from './input.js';

/** The largest record taken (a ClinicalTrials.gov legacy study with results is a few MB). */
export const MAX_RECORD_CHARS = MAX_LINE_CHARS;

export interface XmlRecordText {
  text: string;
  /** 1-based line and column of the record's `<` in the file */
  line: number;
  column: number;
  /** set when the record never closed: the reason */
  unclosed?: string;
}

/** Raw record texts of `tag` in a stream, in file order. */
export async function* xmlRecordTexts(chunks: AsyncIterable<string>, tag: string, maxChars = MAX_RECORD_CHARS): AsyncIterable<XmlRecordText | { tooLong: number; line: number }> {
  const find = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'g');
  const keep = tag.length + 3; // the longest match plus its look-ahead character
  let carry = '';
  let base = 0; // absolute offset of carry[0]
  let decidedTo = 0; // matches starting before this absolute offset were already handled
  let line = 1;
  let column = 1;
  let countedTo = 0; // absolute offset up to which `line`/`column` are counted
  let rec: { pieces: string[]; size: number; from: number; line: number; column: number; closeAt: number; skipping: boolean } | null = null;
  let recTo = 0; // absolute offset up to which the open record's text is in its pieces

  const countTo = (text: string, textBase: number, to: number): void => {
    for (let i = countedTo - textBase; i < to - textBase; i++) {
      if (text.charCodeAt(i) === 10) { line++; column = 1; } else column++;
    }
    countedTo = to;
  };
  const append = (text: string, textBase: number, to: number): void => {
    if (!rec || to <= recTo) return;
    const piece = text.slice(recTo - textBase, to - textBase);
    recTo = to;
    rec.size += piece.length;
    if (rec.skipping) return;
    if (rec.size > maxChars) { rec.skipping = true; rec.pieces = []; return; }
    rec.pieces.push(piece);
  };
  function* finish(unclosed?: string): Iterable<XmlRecordText | { tooLong: number; line: number }> {
    if (!rec) return;
    const r = rec;
    rec = null;
    if (r.skipping) yield { tooLong: r.size, line: r.line };
    else yield { text: r.pieces.join(''), line: r.line, column: r.column, ...(unclosed ? { unclosed } : {}) };
  }

  for await (const chunk of chunks) {
    const text = carry + chunk;
    if (rec && rec.closeAt >= 0) { // a closing tag whose `>` had not come yet
      const gt = text.indexOf('>', Math.max(0, rec.closeAt - base));
      if (gt >= 0) {
        append(text, base, base + gt + 1);
        countTo(text, base, base + gt + 1);
        yield* finish();
        decidedTo = Math.max(decidedTo, base + gt + 1);
      }
    }
    find.lastIndex = Math.max(0, decidedTo - base);
    let m: RegExpExecArray | null;
    while ((m = find.exec(text)) !== null) {
      const at = base + m.index;
      if (at < decidedTo) continue;
      countTo(text, base, at);
      if (m[1] === '') { // an opening tag
        if (rec) {
          append(text, base, at);
          yield* finish(`it does not close before the next <${tag}> on line ${line}`);
        }
        rec = { pieces: [], size: 0, from: at, line, column, closeAt: -1, skipping: false };
        recTo = at;
      } else if (rec) { // a closing tag: the record ends at the next `>`
        const gt = text.indexOf('>', m.index);
        if (gt >= 0) {
          append(text, base, base + gt + 1);
          countTo(text, base, base + gt + 1);
          yield* finish();
          decidedTo = base + gt + 1;
          find.lastIndex = gt + 1;
          continue;
        }
        rec.closeAt = at; // `>` is in a later chunk
      }
      decidedTo = at + 1;
    }
    const end = base + text.length;
    if (rec) append(text, base, end);
    decidedTo = Math.max(decidedTo, end - keep);
    countTo(text, base, Math.max(countedTo, end - keep));
    carry = text.slice(Math.max(0, text.length - keep));
    base = end - carry.length;
  }
  if (rec) {
    append(carry, base, base + carry.length);
    yield* finish('the file ends inside it');
  }
}

export interface XmlRecordHandlers {
  opentag(tag: SaxesTagPlain): void;
  text(t: string): void;
  closetag(tag: SaxesTagPlain): void;
}

/**
 * Parse one record's text with a fresh parser. Returns null when it parsed, or the first XML error with its position
 * in the file (one message per broken record, however many errors follow from it).
 */
export function parseXmlRecord(rec: XmlRecordText, handlers: XmlRecordHandlers): { line: number; column: number; reason: string } | null {
  const parser = new SaxesParser({ position: true });
  let first: { line: number; column: number; reason: string } | null = null;
  parser.on('opentag', (t) => { if (!first) handlers.opentag(t as SaxesTagPlain); });
  parser.on('text', (t) => { if (!first) handlers.text(t); });
  parser.on('cdata', (t) => { if (!first) handlers.text(t); });
  parser.on('closetag', (t) => { if (!first) handlers.closetag(t as SaxesTagPlain); });
  parser.on('error', (e) => {
    if (first) return;
    const line = rec.line + parser.line - 1;
    const column = parser.line === 1 ? rec.column + parser.column : parser.column + 1;
    first = { line, column, reason: e.message.replace(/^.*?\d+:\d+:\s*/, '') };
  });
  try {
    parser.write(rec.text);
    parser.close();
  } catch (e) {
    // saxes throws when an error handler does not (it does not here), and on writes after a fatal error
    first ??= { line: rec.line, column: rec.column, reason: e instanceof Error ? e.message : String(e) };
  }
  if (!first && rec.unclosed) first = { line: rec.line, column: rec.column, reason: `unclosed record: ${rec.unclosed}` };
  if (first && rec.unclosed && !first.reason.includes(rec.unclosed)) first.reason += ` (the record is cut: ${rec.unclosed})`;
  return first;
}
