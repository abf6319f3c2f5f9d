/**
 * Finds study objects in a JSON text stream without parsing the whole document: a `{studies: [...]}` page yields
 * each element of `studies` as soon as it closes, a top-level array yields its elements, and top-level objects
 * (one study, or NDJSON/concatenated studies) are yielded whole. Memory is bounded by the largest single study
 * (and by `maxStudyChars`: a longer one is reported and skipped).
 *
 * A break does not cost the studies after it. An API v2 study opens with `{"protocolSection":` — text that can only
 * be structure, since a quote inside a JSON string is escaped — so wherever that opening appears while the scanner is
 * not between studies (a string left open, a bracket too many or too few, a study cut short), the study in progress
 * is reported as broken and scanning starts afresh at the new study.
 */
import { MAX_LINE_CHARS } from './input.js';

export type ScanItem =
  | { kind: 'value'; text: string; line: number; column: number }
  | { kind: 'error'; line: number; column: number; reason: string; /** the error costs a study (it counts in the numbering) */ study?: boolean };

const WS = new Set([' ', '\t', '\n', '\r']);
/** How a study opens; matched at a `{` with the characters held back after it. */
const STUDY_OPENING = /\{\s{0,40}"protocolSection"\s{0,40}:/y;
/** The longest text STUDY_OPENING can match: a `{` this close to a chunk's end may be held back until the next. */
const LOOKAHEAD = 100;

const OPENING = '{"protocolSection":';

/** Where to stop scanning a text whose next chunk is still to come: at a last `{` that may yet open a study. */
function heldFrom(text: string): number {
  const j = text.lastIndexOf('{', text.length - 1);
  if (j < 0 || j < text.length - LOOKAHEAD) return text.length;
  return OPENING.startsWith(text.slice(j).replace(/\s+/g, '')) ? j : text.length;
}

export class StudyScanner {
  private readonly wrapperKey: string;
  private readonly maxStudyChars: number;

  /**
   * `wrapperKey`: the key of a top-level object whose array elements are the values (`studies` in API v2 pages);
   * `maxStudyChars`: a value longer than this is rejected with its length and scanning goes on.
   */
  constructor(opts: { wrapperKey?: string; maxStudyChars?: number } = {}) {
    this.wrapperKey = opts.wrapperKey ?? 'studies';
    this.maxStudyChars = opts.maxStudyChars ?? MAX_LINE_CHARS;
  }

  private stack: ('{' | '[')[] = [];
  private inString = false;
  private escape = false;
  private line = 1;
  private column = 1;
  /** depth at which captured values open (0: top-level values; 1: elements of a top array; 2: elements of `studies`) */
  private elementDepth = 0;
  private capture: string[] | null = null;
  private captureSize = 0;
  private captureLine = 0;
  private captureColumn = 0;
  /** the stack and element depth where the last study opened: where scanning resumes after a break */
  private resume: { stack: ('{' | '[')[]; elementDepth: number } | null = null;
  /** the string just read at depth 1 of the top object, and the key it became after `:` */
  private keyText: string | null = null;
  private key: string | null = null;
  /** after a break: skip to the next study opening */
  private failed = false;
  private held = '';
  /** study openings seen: once there is one, every study of the file is expected to open that way */
  private opensSeen = 0;


  /** Feed one chunk; get the values completed in it. */
  feed(chunk: string): ScanItem[] {
    const text = this.held + chunk;
    const upTo = heldFrom(text);
    this.held = text.slice(upTo);
    return this.scan(text, upTo);
  }

  /** Call at the end of the text: scans what was held back, and reports a document cut short. */
  end(): ScanItem[] {
    const text = this.held;
    this.held = '';
    const out = this.scan(text, text.length);
    if (this.failed || (this.stack.length === 0 && !this.inString)) return out;
    const where = this.capture !== null ? `inside the study that starts on line ${this.captureLine}, column ${this.captureColumn}` : 'inside the document';
    out.push({ kind: 'error', line: this.line, column: this.column, reason: `truncated JSON: the file ends ${where}` });
    return out;
  }

  private scan(text: string, upTo: number): ScanItem[] {
    const out: ScanItem[] = [];
    let from = 0; // start of the part of `text` not yet appended to the capture
    const brokenStudy = (why: string): void => {
      out.push({
        kind: 'error', line: this.captureLine, column: this.captureColumn, study: true,
        reason: `broken JSON in the study that starts on line ${this.captureLine}, column ${this.captureColumn}: ${why}; the study is skipped`,
      });
      this.capture = null;
    };
    for (let i = 0; i < upTo; i++) {
      const c = text[i]!;
      let opening = false;
      if (c === '{') {
        STUDY_OPENING.lastIndex = i;
        opening = STUDY_OPENING.test(text);
        if (opening) {
          this.opensSeen++;
          const between = !this.failed && !this.inString && this.capture === null && this.stack.length === this.elementDepth;
          if (!between) {
            if (this.capture !== null) brokenStudy(`it does not close before the next study opens on line ${this.line}, column ${this.column}`);
            this.failed = false;
            this.inString = false;
            this.escape = false;
            this.keyText = null;
            if (this.resume) { this.stack = [...this.resume.stack]; this.elementDepth = this.resume.elementDepth; } else { this.stack = []; this.elementDepth = 0; }
          }
        }
      }
      if (c === '\n') { this.line++; this.column = 1; } else this.column++;
      if (this.failed) continue;
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
          if (c === '{' && this.opensSeen > 0 && !opening) {
            // studies here open with {"protocolSection": — an object at their level that does not is what is left of
            // a study broken above (already reported): skip to the next study
            this.failed = true;
            continue;
          }
          this.capture = [];
          this.captureSize = 0;
          this.captureLine = this.line;
          this.captureColumn = this.column - 1;
          this.resume = { stack: [...this.stack], elementDepth: this.elementDepth };
          from = i;
        }
        this.stack.push(c);
        continue;
      }
      if (c === '}' || c === ']') {
        const open = this.stack.pop();
        if (open === undefined || (open === '{') !== (c === '}')) {
          if (this.capture !== null) brokenStudy(`unexpected "${c}" on line ${this.line}, column ${this.column - 1}`);
          else out.push({ kind: 'error', line: this.line, column: this.column - 1, reason: `unexpected "${c}"` });
          this.failed = true;
          continue;
        }
        if (this.capture !== null && this.stack.length === this.elementDepth) {
          this.capture.push(text.slice(from, i + 1));
          out.push({ kind: 'value', text: this.capture.join(''), line: this.captureLine, column: this.captureColumn });
          this.capture = null;
        }
        if (this.stack.length === 1 && this.elementDepth === 2 && c === ']') this.elementDepth = -1; // studies closed
        if (this.stack.length === 0 && this.elementDepth !== 0) this.elementDepth = 0;
        continue;
      }
      if (depth === 0 && !WS.has(c) && c !== ',') {
        out.push({ kind: 'error', line: this.line, column: this.column - 1, reason: `unexpected "${c}" between studies` });
        this.failed = true;
      }
    }
    if (this.capture !== null) {
      const piece = text.slice(from, upTo);
      this.captureSize += piece.length;
      if (this.captureSize > this.maxStudyChars) {
        brokenStudy(`longer than the limit of ${this.maxStudyChars} characters`);
        this.failed = true;
      } else this.capture.push(piece);
    }
    return out;
  }
}
