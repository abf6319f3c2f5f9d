/**
 * How text becomes index words and how a query term becomes the words it matches, shared by both backends so
 * SQLite FTS5 and PostgreSQL agree word for word.
 *
 * Every text column is indexed twice: as written (FTS5's unicode61 words: letters and digits, case and diacritics
 * folded) and stemmed (the same words through the Porter stemmer, in the column's `_s` twin). A term matches
 * every inflection — `cells` finds cell, cells; `"stem cells"` finds "stem cell" — by matching its stemmed words
 * on the twins. A term is matched on the words as written when the user says so: `EXPANSION[None]` (or `exact:`),
 * an `id:` term, or any truncation (`cell*`, `"stem cell*"`): truncation is the user's own control of word forms,
 * as in CENTRAL, and a prefix must be compared with words, not stems (`mesenchymal*` would miss the stem mesenchym).
 */
import { porterStem } from './stem.js';
import type { PlanNode, TextColumn } from './types.js';

export type TextLeaf = Extract<PlanNode, { kind: 'text' }>;

/** Words of a text as FTS5's unicode61 tokenizer (remove_diacritics) sees them: lower case, no diacritics. */
export function indexWords(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean).map((w) => w.normalize('NFC'));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Stems of the words seen so far (a register's vocabulary is tens of thousands of words; bounded all the same). */
const STEMS = new Map<string, string>();

function stemOf(word: string): string {
  let s = STEMS.get(word);
  if (s === undefined) {
    if (STEMS.size >= 200_000) STEMS.clear();
    s = porterStem(word);
    STEMS.set(word, s);
  }
  return s;
}

/** The stemmed twin of a column's text: its index words, stemmed, one space apart. */
export function stemmedText(text: string): string {
  return indexWords(text).map(stemOf).join(' ');
}

/** Index words already split → their stems (the PostgreSQL backend splits once for both copies). */
export function stemWords(words: string[]): string[] {
  return words.map(stemOf);
}

/** The stemmed twin of a text column. */
export function stemColumn(c: TextColumn): `${TextColumn}_s` {
  return `${c}_s`;
}

export interface TermWord { word: string; prefix: boolean }

/** The words of a query term, in order, each marked as a prefix when a `*` follows it (`"stem cell*"`). */
export function queryWords(value: string, prefixLast = false): TermWord[] {
  const folded = fold(value);
  const out: TermWord[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}\p{Co}]+/gu)) {
    out.push({ word: m[0].normalize('NFC'), prefix: folded[m.index + m[0].length] === '*' });
  }
  if (prefixLast && out.length) out[out.length - 1]!.prefix = true;
  return out;
}

/** How a text term is matched: its words, stemmed and on the `_s` twins, or as written on the columns themselves. */
export function leafMatch(n: TextLeaf): { stemmed: boolean; words: TermWord[] } {
  const words = queryWords(n.value, n.prefix);
  const stemmed = !n.exact && n.column !== 'ids' && !words.some((w) => w.prefix);
  return { stemmed, words: stemmed ? words.map((w) => ({ word: porterStem(w.word), prefix: false })) : words };
}
