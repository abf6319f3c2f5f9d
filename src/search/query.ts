/**
 * The query language users already know, parsed into a tree:
 *   words and "quoted phrases", AND / OR / NOT (also `-word`), parentheses, and field:value
 *   (`cond:"covid-19" intr:mesenchymal phase:2 status:recruiting registry:ChiCTR country:China age:72 sex:female`).
 * Adjacent terms are ANDed. A trailing `*` on a word is a prefix search, inside a phrase too (`"stem cell*"`).
 * Words match every inflection and synonyms are added (src/search/terms.ts, synonyms.ts) unless the term, or a
 * parenthesised group, is preceded by ClinicalTrials.gov's EXPANSION[Term] (inflections, no synonyms) or
 * EXPANSION[None] / `exact:` (the words as written). Pure: no store, no SQL.
 */

/** How far a term is widened: `concept` (default) inflections and synonyms, `term` inflections only, `none` neither. */
export type ExpansionLevel = 'none' | 'term' | 'concept';

/** ClinicalTrials.gov's EXPANSION[…] levels → ours (Relaxation and Lossy relax more than we ever do: concept). */
const EXPANSION_LEVELS: Record<string, ExpansionLevel> = { none: 'none', term: 'term', concept: 'concept', relaxation: 'concept', lossy: 'concept' };

/** Fields searched as text (full-text index columns). */
export const TEXT_FIELDS = ['title', 'cond', 'intr', 'desc', 'outcome', 'elig', 'sponsor', 'id'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Fields that filter on a structured value. */
export const FILTER_FIELDS = [
  'phase', 'status', 'registry', 'country', 'type', 'allocation', 'masking', 'cellSource', 'cellType', 'year', 'age', 'sex',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Spellings users type → the field they mean (lower-case keys). */
const FIELD_ALIASES: Record<string, TextField | FilterField> = {
  title: 'title', titles: 'title', ti: 'title', acronym: 'title',
  cond: 'cond', condition: 'cond', conditions: 'cond', disease: 'cond',
  intr: 'intr', intervention: 'intr', interventions: 'intr', treatment: 'intr',
  desc: 'desc', description: 'desc', summary: 'desc',
  outcome: 'outcome', outcomes: 'outcome', outc: 'outcome',
  elig: 'elig', eligibility: 'elig', criteria: 'elig',
  sponsor: 'sponsor', spons: 'sponsor', sponsors: 'sponsor',
  id: 'id', ids: 'id', trn: 'id',
  phase: 'phase', status: 'status', overallstatus: 'status', registry: 'registry', source: 'registry',
  country: 'country', countries: 'country', locn: 'country', location: 'country',
  type: 'type', studytype: 'type', allocation: 'allocation', alloc: 'allocation', masking: 'masking', mask: 'masking',
  cellsource: 'cellSource', cell: 'cellSource', celltype: 'cellType', year: 'year', age: 'age', sex: 'sex', gender: 'sex',
  // ClinicalTrials.gov API v2 / Essie field names, as in AREA[InterventionName]aspirin
  brieftitle: 'title', officialtitle: 'title', interventionname: 'intr', interventiontype: 'intr', keyword: 'cond',
  briefsummary: 'desc', detaileddescription: 'desc', primaryoutcomemeasure: 'outcome', secondaryoutcomemeasure: 'outcome',
  eligibilitycriteria: 'elig', leadsponsorname: 'sponsor', collaboratorname: 'sponsor', nctid: 'id', secondaryid: 'id',
  orgstudyid: 'id', locationcountry: 'country',
};

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** `value` is what the user typed; `phrase` when quoted; `prefix` when it ended with `*`; `expansion` when set by EXPANSION[…] */
  | { kind: 'text'; field: TextField | null; value: string; phrase: boolean; prefix: boolean; expansion?: ExpansionLevel }
  | { kind: 'filter'; field: FilterField; value: string };

/** A query the user must fix; `position` is the character offset in the query. */
export class QueryError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'QueryError';
  }
}

/** A query the server gave up on after its time bound (HTTP 503): the request may be retried, or narrowed. */
export class SearchTimeoutError extends Error {
  readonly statusCode = 503;
  constructor(seconds: number) {
    super(`the search took longer than its ${seconds} s bound and was stopped; narrow the query (fewer terms or truncations) or retry`);
    this.name = 'SearchTimeoutError';
  }
}

type Token =
  | { t: 'word'; v: string; pos: number }
  | { t: 'phrase'; v: string; pos: number }
  | { t: 'field'; v: string; pos: number }
  | { t: 'expansion'; v: ExpansionLevel; pos: number }
  | { t: '(' | ')' | 'AND' | 'OR' | 'NOT'; pos: number };

const WORD_STOP = /[\s()"]/;

/** Split the query into tokens: words, "phrases", field: prefixes, parentheses, operators. */
export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c, pos: i }); i++; continue; }
    // ClinicalTrials.gov Essie: AREA[Phase]PHASE2 is phase:PHASE2; SEARCH[Location](…) groups what follows
    const essie = /^(AREA|SEARCH|EXPANSION)\[([A-Za-z]+)\]/.exec(q.slice(i));
    if (essie) {
      if (essie[1] === 'AREA') out.push({ t: 'field', v: essie[2]!, pos: i });
      if (essie[1] === 'EXPANSION') {
        const level = EXPANSION_LEVELS[essie[2]!.toLowerCase()];
        if (!level) throw new QueryError(`EXPANSION[${essie[2]}]: use None, Term or Concept`, i);
        out.push({ t: 'expansion', v: level, pos: i });
      }
      i += essie[0].length;
      continue;
    }
    if (c === '"' || c === '\u201c' || c === '\u201d') {
      const end = q.slice(i + 1).search(/["\u201c\u201d]/);
      if (end < 0) throw new QueryError('unclosed quote', i);
      out.push({ t: 'phrase', v: q.slice(i + 1, i + 1 + end), pos: i });
      i += end + 2;
      continue;
    }
    if (c === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!) && (i === 0 || /[\s(]/.test(q[i - 1]!))) {
      out.push({ t: 'NOT', pos: i }); i++; continue;
    }
    let j = i;
    while (j < q.length && !WORD_STOP.test(q[j]!)) {
      if (q[j] === ':' && j > i) break;
      j++;
    }
    const w = q.slice(i, j);
    if (q[j] === ':' && /^[a-z][a-z.]*$/i.test(w)) { out.push({ t: 'field', v: w, pos: i }); i = j + 1; continue; }
    if (q[j] === ':') j++; // a colon inside a word (e.g. a URL): keep it as part of the text
    const word = q.slice(i, j);
    if (word === 'AND' || word === 'OR' || word === 'NOT') out.push({ t: word, pos: i });
    else if (word === '&&') out.push({ t: 'AND', pos: i });
    else if (word === '||') out.push({ t: 'OR', pos: i });
    else out.push({ t: 'word', v: word, pos: i });
    i = j;
  }
  return out;
}

/** Resolve a field name as typed (`cond`, `Condition`, `filter.phase`…) or throw a QueryError listing the known ones. */
export function resolveField(name: string, pos = 0): TextField | FilterField {
  const f = FIELD_ALIASES[name.toLowerCase().replace(/^(query|filter)\./, '')];
  if (!f) {
    throw new QueryError(`unknown field "${name}"; known fields: ${[...TEXT_FIELDS, ...FILTER_FIELDS].join(', ')}`, pos);
  }
  return f;
}

function isTextField(f: string): f is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(f);
}

/** Parse a query string. `defaultField` scopes bare words (the API's query.cond → `cond`). Empty query → null. */
export function parseQuery(q: string, defaultField: TextField | null = null): QueryNode | null {
  if (q.length > 2000) throw new QueryError('query longer than 2000 characters', 2000);
  const toks = tokenize(q);
  let k = 0;
  const peek = () => toks[k];

  const leaf = (tok: Token, field: TextField | FilterField | null): QueryNode => {
    const raw = tok.t === 'word' || tok.t === 'phrase' ? tok.v : '';
    if (field && !isTextField(field)) return { kind: 'filter', field, value: raw.trim() };
    const prefix = tok.t === 'word' && raw.length > 1 && raw.endsWith('*');
    return { kind: 'text', field: field as TextField | null, value: prefix ? raw.slice(0, -1) : raw, phrase: tok.t === 'phrase', prefix };
  };

  const primary = (field: TextField | FilterField | null): QueryNode | null => {
    const tok = peek();
    if (!tok) throw new QueryError('query ends where a term was expected', q.length);
    if (tok.t === '(') {
      k++;
      const inner = orExpr(field);
      if (peek()?.t !== ')') throw new QueryError('missing closing parenthesis', peek()?.pos ?? q.length);
      k++;
      return inner;
    }
    if (tok.t === 'expansion' || (tok.t === 'field' && tok.v.toLowerCase() === 'exact')) {
      k++;
      if (!peek() || peek()!.t === ')' || peek()!.t === 'AND' || peek()!.t === 'OR') throw new QueryError('EXPANSION[…] or exact: needs a term after it', tok.pos);
      const inner = primary(field);
      if (inner) setExpansion(inner, tok.t === 'expansion' ? tok.v : 'none');
      return inner;
    }
    if (tok.t === 'field') {
      k++;
      const f = resolveField(tok.v, tok.pos);
      const next = peek();
      if (!next || next.t === ')' || next.t === 'AND' || next.t === 'OR') throw new QueryError(`no value after "${tok.v}:"`, tok.pos);
      return primary(f);
    }
    if (tok.t === 'word' || tok.t === 'phrase') {
      k++;
      const n = leaf(tok, field ?? defaultField);
      return n.kind === 'text' && !/[\p{L}\p{N}]/u.test(n.value) ? null : n;
    }
    throw new QueryError(`unexpected ${tok.t}`, tok.pos);
  };

  const notExpr = (field: TextField | FilterField | null): QueryNode | null => {
    if (peek()?.t === 'NOT') {
      const pos = peek()!.pos;
      k++;
      const child = notExpr(field);
      if (!child) throw new QueryError('NOT needs a term after it', pos);
      return { kind: 'not', child };
    }
    return primary(field);
  };

  const andExpr = (field: TextField | FilterField | null): QueryNode | null => {
    const parts: QueryNode[] = [];
    for (;;) {
      const tok = peek();
      if (!tok || tok.t === ')' || tok.t === 'OR') break;
      if (tok.t === 'AND') { k++; continue; }
      const n = notExpr(field);
      if (n) parts.push(n);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : { kind: 'and', children: parts };
  };

  const orExpr = (field: TextField | FilterField | null): QueryNode | null => {
    const parts: QueryNode[] = [];
    const first = andExpr(field);
    if (first) parts.push(first);
    while (peek()?.t === 'OR') {
      k++;
      const n = andExpr(field);
      if (n) parts.push(n);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : { kind: 'or', children: parts };
  };

  const tree = orExpr(null);
  if (k < toks.length) throw new QueryError('unbalanced closing parenthesis', toks[k]!.pos);
  if (tree && onlyNegative(tree)) return { kind: 'and', children: [tree] };
  return tree;
}

/** Set the expansion level of every text term under `n` that has none yet (the innermost EXPANSION[…] wins). */
function setExpansion(n: QueryNode, level: ExpansionLevel): void {
  if (n.kind === 'text') n.expansion ??= level;
  else if (n.kind === 'not') setExpansion(n.child, level);
  else if (n.kind === 'and' || n.kind === 'or') n.children.forEach((c) => setExpansion(c, level));
}

/** True when the tree has no positive term (`NOT x`): still valid, it just matches everything else. */
function onlyNegative(n: QueryNode): boolean {
  return n.kind === 'not';
}

/** AND the given nodes together, dropping nulls. */
export function andAll(nodes: (QueryNode | null | undefined)[]): QueryNode | null {
  const kept = nodes.filter((n): n is QueryNode => !!n);
  if (kept.length === 0) return null;
  if (kept.length === 1) return kept[0]!;
  return { kind: 'and', children: kept.flatMap((n) => (n.kind === 'and' ? n.children : [n])) };
}

/** OR of filter values for one field (`filter.overallStatus=RECRUITING,COMPLETED`). */
export function anyOf(field: FilterField, values: string[]): QueryNode | null {
  const kids = values.map((v) => v.trim()).filter(Boolean).map((value): QueryNode => ({ kind: 'filter', field, value }));
  if (kids.length === 0) return null;
  return kids.length === 1 ? kids[0]! : { kind: 'or', children: kids };
}

/** Back to text, for echoing a query (tests, logs). */
export function formatQuery(n: QueryNode): string {
  switch (n.kind) {
    case 'and': return n.children.map((c) => (c.kind === 'or' ? `(${formatQuery(c)})` : formatQuery(c))).join(' AND ');
    case 'or': return n.children.map(formatQuery).join(' OR ');
    case 'not': return `NOT ${n.child.kind === 'text' || n.child.kind === 'filter' ? formatQuery(n.child) : `(${formatQuery(n.child)})`}`;
    case 'text': return `${n.expansion ? `EXPANSION[${n.expansion}]` : ''}${n.field ? `${n.field}:` : ''}${n.phrase ? `"${n.value}"` : n.value}${n.prefix ? '*' : ''}`;
    case 'filter': return `${n.field}:${/\s/.test(n.value) ? `"${n.value}"` : n.value}`;
  }
}
