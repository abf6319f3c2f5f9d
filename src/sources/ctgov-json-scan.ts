/**
 * Finds study objects in a JSON text stream without parsing the whole document: a `{studies: [...]}` page yields
 * each element of `studies` as soon as it closes, a top-level array yields its elements, and top-level objects
 * (one study, or NDJSON/concatenated studies) are yielded whole. Memory is bounded by the largest single study.
 */

export type ScanItem =
  | { kind: 'value'; text: string; line: number }
  | { kind: 'error'; line: number; reason: string };

const WS = new Set([' ', '\t', '\n', '\r']);

export class StudyScanner {
  /** `wrapperKey`: the key of a top-level object whose array elements are the values (`studies` in API v2 pages) */
  constructor(private readonly wrapperKey = 'studies') {}

  private stack: ('{' | '[')[] = [];
  private inString = false;
  private escape = false;
  private line = 1;
  /** depth at which captured values open (0: top-level values; 1: elements of a top array; 2: elements of `studies`) */
  private elementDepth = 0;
  private capture: string[] | null = null;
  private captureLine = 0;
  /** the string just read at depth 1 of the top object, and the key it became after `:` */
  private keyText: string | null = null;
  private key: string | null = null;
  private failed = false;

  /** Feed one chunk; get the values completed in it. */
  feed(chunk: string): ScanItem[] {
    const out: ScanItem[] = [];
    if (this.failed) return out;
    let from = 0; // start of the part of `chunk` not yet appended to the capture
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === '\n') this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === '\\') this.escape = true;
        else if (c === '"') this.inString = false;
        else if (this.keyText !== null && this.keyText.length < 64) this.keyText += c;
        continue;
      }
      const depth = this.stack.length;
      if (c === '"') {
        this.inString = true;
        if (depth === 1 && this.stack[0] === '{') this.keyText = '';
        continue;
      }
      if (c === ':' && depth === 1) { this.key = this.keyText; this.keyText = null; continue; }
      if (c === '{' || c === '[') {
        if (depth === 0 && c === '[') { this.elementDepth = 1; this.stack.push(c); continue; }
        if (depth === 1 && c === '[' && this.stack[0] === '{' && this.key === this.wrapperKey && this.elementDepth === 0) {
          this.capture = null; // the page wrapper is not a study: stop keeping it, keep its elements instead
          this.elementDepth = 2;
          this.stack.push(c);
          continue;
        }
        if (depth === this.elementDepth && this.capture === null && (depth === 0 || this.stack[depth - 1] === '[')) {
          this.capture = [];
          this.captureLine = this.line;
          from = i;
        }
        this.stack.push(c);
        continue;
      }
      if (c === '}' || c === ']') {
        const open = this.stack.pop();
        if (open === undefined || (open === '{') !== (c === '}')) {
          out.push({ kind: 'error', line: this.line, reason: `unexpected "${c}"` });
          this.failed = true;
          return out;
        }
        if (this.capture !== null && this.stack.length === this.elementDepth) {
          this.capture.push(chunk.slice(from, i + 1));
          out.push({ kind: 'value', text: this.capture.join(''), line: this.captureLine });
          this.capture = null;
        }
        if (this.stack.length === 1 && this.elementDepth === 2 && c === ']') this.elementDepth = -1; // studies closed
        if (this.stack.length === 0 && this.elementDepth !== 0) this.elementDepth = 0;
        continue;
      }
      if (depth === 0 && !WS.has(c) && c !== ',') {
        out.push({ kind: 'error', line: this.line, reason: `unexpected "${c}" between studies` });
        this.failed = true;
        return out;
      }
    }
    if (this.capture !== null) this.capture.push(chunk.slice(from));
    return out;
  }

  /** Call at the end of the text: reports a document cut short. */
  end(): ScanItem[] {
    if (this.failed || (this.stack.length === 0 && !this.inString)) return [];
    const where = this.capture !== null ? `inside the study that starts on line ${this.captureLine}` : 'inside the document';
    return [{ kind: 'error', line: this.line, reason: `truncated JSON: the file ends ${where}` }];
  }
}
