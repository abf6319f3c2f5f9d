/**
 * The Porter stemmer (M. F. Porter, 1980, "An algorithm for suffix stripping"), as in Porter's reference C
 * implementation and SQLite FTS5's `porter` tokenizer (with its two departures: -bli → -ble, -logi → -log).
 * Both search backends stem in JS with this one function, at index time (the `_s` twin of every text column) and at
 * query time, so SQLite and PostgreSQL match the same word forms; stem.test.ts checks it against FTS5's own porter
 * tokenizer over the vocabulary of the real registry exports.
 *
 * Only words of plain letters a–z, 3 to 64 long, are stemmed (FTS5 passes shorter and longer tokens through);
 * words with digits or other scripts are returned as they are.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Is the letter at i a consonant? (y is one at the start and after a vowel.) */
function cons(w: string, i: number): boolean {
  const c = w[i]!;
  if (VOWELS.has(c)) return false;
  if (c === 'y') return i === 0 ? true : !cons(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel–consonant sequences in w ([C](VC){m}[V]). */
function measure(w: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < w.length; i++) {
    const v = !cons(w, i);
    if (prevVowel && !v) m++;
    prevVowel = v;
  }
  return m;
}

function hasVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!cons(w, i)) return true;
  return false;
}

/** Ends in a double consonant. */
function doubleCons(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && cons(w, n - 1);
}

/** Ends consonant–vowel–consonant, the last not w, x or y (*o). */
function cvc(w: string): boolean {
  const n = w.length;
  if (n < 3 || !cons(w, n - 1) || cons(w, n - 2) || !cons(w, n - 3)) return false;
  const c = w[n - 1]!;
  return c !== 'w' && c !== 'x' && c !== 'y';
}

/**
 * Of a list of [suffix, replacement], the first suffix the word ends with decides: it is replaced when the
 * rest passes `cond`, and no later suffix is tried either way (as Porter's C code does).
 */
function firstSuffix(w: string, rules: readonly (readonly [string, string])[], cond: (stem: string, suffix: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    return cond(stem, suffix) ? stem + replacement : w;
  }
  return w;
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'], ['alli', 'al'],
  ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
  ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4: readonly (readonly [string, string])[] = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
].map((s) => [s, ''] as const);

/** Step 2, 3, 4 group suffixes by their next-to-last letter; within a group the first match decides. */
function grouped(w: string, rules: readonly (readonly [string, string])[], cond: (stem: string, suffix: string) => boolean): string {
  const group = rules.filter(([s]) => s[s.length - 2] === w[w.length - 2]);
  return firstSuffix(w, group, cond);
}

/** The Porter stem of one lower-case word. */
export function porterStem(word: string): string {
  if (word.length < 3 || word.length > 64 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // step 1a: plurals
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 3) w = w.slice(0, -2); // FTS5 keeps "ies" itself as "ie"
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // step 1b: -eed, -ed, -ing
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : null;
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleCons(w)) { if (!/[lsz]$/.test(w)) w = w.slice(0, -1); }
      else if (measure(w) === 1 && cvc(w)) w += 'e';
    }
  }
  // step 1c: y → i
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // steps 2–4: derivational suffixes
  w = grouped(w, STEP2, (stem) => measure(stem) > 0);
  w = grouped(w, STEP3, (stem) => measure(stem) > 0);
  w = grouped(w, STEP4, (stem, suffix) => measure(stem) > 1 && (suffix !== 'ion' || /[st]$/.test(stem)));
  // step 5a: final e; 5b: -ll
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !cvc(stem))) w = stem;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}
