/**
 * Cleaning of one registry cell: HTML line breaks, Excel `_x000D_` escapes, HTML entities, padding and the many
 * ways registries write "nothing" (`N/A`, `-`, `None`, `Not Provided`…). Pure functions shared by every source.
 */
import iconv from 'iconv-lite';

/** Spellings that mean "no value" in registry exports (compared lower-case, trimmed). */
const NULL_TOKENS = new Set([
  '', 'n/a', 'na', 'n.a.', 'n.a', 'n / a', '-', '--', '---', '—', '–', 'none', 'not provided', 'null', 'nil',
  '?', '??', '???', '/', '.', 'not available', 'nd', 'n.d.',
]);
const MAX_NULL_TOKEN = Math.max(...[...NULL_TOKENS].map((t) => t.length));

const HTML_TAG = /<\/?(?:a|b|i|u|s|em|strong|span|font|sup|sub|small|big|center|pre|code|blockquote|hr|img|table|tbody|thead|tr|td|th|h[1-6])(?:\s[^<>]*)?\/?>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', deg: '°', plusmn: '±', ge: '≥', le: '≤', times: '×',
  micro: 'µ', mu: 'μ', alpha: 'α', beta: 'β', gamma: 'γ', kappa: 'κ', middot: '·', bull: '•', reg: '®',
  copy: '©', trade: '™', eacute: 'é', egrave: 'è', uuml: 'ü', ouml: 'ö', auml: 'ä', ccedil: 'ç', szlig: 'ß',
  aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', sup2: '²', sup3: '³', frac12: '½', laquo: '«', raquo: '»',
};

/** `&amp;`, `&#39;`, `&#x2265;`, `&ge;` → characters. Unknown named entities are left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * UTF-8 text once decoded as Mac Roman (a quarter of the ICTRP COVID19-web XLSX rows): `√©` → `é`, `√ó` → `×`,
 * `¬∞` → `°`, `‚Äô` → `’`, `‚Ä¢` → `•`, `‚â•` → `≥`. Only sequences that decode to Latin-1/Latin Extended-A letters
 * and signs (lead bytes C2–C5, shown as `¬ √ ƒ ≈`) or to punctuation, letter-like signs, arrows and maths
 * (E2 80–89, shown as `‚` + `Ä…â`) are repaired: those pairs do not occur in real text, whereas `’é` (l’école) or
 * `“É` would decode to Armenian or Cyrillic marks and are left alone.
 */
const MAC_ROMAN = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'macintosh');
const macByte = (ch: string): number => 0x80 + MAC_ROMAN.indexOf(ch);
const esc = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');
const CONT = `[${esc(MAC_ROMAN.slice(0, 0x40))}]`;
const MOJIBAKE = new RegExp(`[${esc(MAC_ROMAN.slice(0x42, 0x46))}]${CONT}|${esc(MAC_ROMAN[0x62]!)}[${esc(MAC_ROMAN.slice(0, 0x0a))}]${CONT}`, 'g');
const MOJIBAKE_LEADS = new RegExp(`[${esc(MAC_ROMAN.slice(0x42, 0x46) + MAC_ROMAN[0x62]!)}]`);

export function repairMojibake(s: string): string {
  if (!MOJIBAKE_LEADS.test(s)) return s;
  return s.replace(MOJIBAKE, (seq) => {
    const ch = Buffer.from([...seq].map(macByte)).toString('utf8');
    return ch.length === 1 && ch.charCodeAt(0) >= 0xa0 ? ch : seq;
  });
}

/** True when the text is one of the registries' ways of writing "no value". */
export function isNullish(s: string | null | undefined): boolean {
  if (s == null) return true;
  const t = s.trim();
  // lower-casing never shortens a string: text longer than every token is a value (no copy of a long cell made)
  return t.length <= MAX_NULL_TOKEN && NULL_TOKENS.has(t.toLowerCase());
}

/**
 * Raw cell → readable text with line breaks kept: `<br>` → newline, `_x000D_` removed, entities decoded, other HTML
 * tags dropped, runs of spaces collapsed, blank lines squeezed, ends trimmed. "No value" spellings → null.
 */
export function cleanText(value: unknown): string | null {
  if (value == null) return null;
  let s = typeof value === 'string' ? value : String(value);
  // each step runs only when its trigger character is there (long cells mostly have none): same result, no scans
  if (s.includes('_')) s = s.replace(/_x000D_/gi, '').replace(/_x000A_/gi, '\n').replace(/_x0009_/gi, '\t');
  if (s.includes('<')) {
    s = s.replace(/<br\s*\/?\s*>/gi, '\n').replace(/<\/?p\s*>/gi, '\n').replace(/<\/?(?:li|ul|ol|div)\b[^>]*>/gi, '\n');
    // only real HTML tags go: "<or= 300 and >200" is text
    s = s.replace(HTML_TAG, '');
  }
  if (s.includes('&')) s = decodeEntities(s);
  s = repairMojibake(s);
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (ODD_SPACE.test(s)) s = s.replace(/[\u00a0\t\f\v ]+/g, ' ');
  s = s.includes('\n') ? s.split('\n').map((line) => line.trim()).join('\n').replace(/\n{2,}/g, '\n').trim() : s.trim();
  // eslint-disable-next-line no-control-regex
  if (CONTROL.test(s)) s = s.replace(/[\u0000-\u0008\u000b\u000e-\u001f]/g, '');
  return isNullish(s) ? null : s;
}

/** What the space-collapsing step would change: a tab, no-break space, form/line feed or two spaces in a row. */
const ODD_SPACE = /[\u00a0\t\f\v]| {2}/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f]/;

/** Like cleanText, but everything on one line (titles, names, sponsors). */
export function cleanLine(value: unknown): string | null {
  const s = cleanText(value);
  if (s == null) return null;
  if (!s.includes('\n') && !s.includes('  ') && s.trim() === s) return s; // nothing the steps below would change
  const one = s.replace(/\n+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return isNullish(one) ? null : one;
}

/**
 * Split a multi-valued cell into clean items: on `;`, `|` and line breaks (`<br>` included) by default.
 * Empty and "no value" items are dropped, exact duplicates removed, order kept.
 */
export function splitList(value: unknown, separators: RegExp = /[;|\n]+/): string[] {
  const s = cleanText(value);
  if (s == null) return [];
  const out: string[] = [];
  for (const part of s.split(separators)) {
    const item = cleanLine(part);
    if (item != null && !out.includes(item)) out.push(item);
  }
  return out;
}

/** De-duplicate a list of strings, keeping the first spelling and the order (case-insensitive compare). */
export function uniqueCaseless(items: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const k = item.toLowerCase();
    if (!seen.has(k)) { seen.add(k); out.push(item); }
  }
  return out;
}
