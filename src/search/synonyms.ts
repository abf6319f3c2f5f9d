/**
 * Synonyms every reviewer of this register types, added to a term that names one of them (opt-out: the `expand`
 * option / API parameter `expand=false`, CLI `--no-synonyms`, or EXPANSION[Term] / EXPANSION[None] before a term).
 * A term matches a group when its stemmed words are one member's stemmed words: `MSCs`, `MSC`, `"mesenchymal stem
 * cells"` and `"mesenchymal stromal cell"` all name the first group. The result says which synonyms were added.
 */
import { porterStem } from './stem.js';
import { indexWords } from './terms.js';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // mesenchymal stem/stromal cells (MSC), as registrations write them
  ['MSC', 'mesenchymal stem cell', 'mesenchymal stromal cell', 'mesenchymal stem/stromal cell', 'mesenchymal stromal/stem cell'],
  // the disease and its virus, in the names of 2020 (ChiCTR titles say "novel coronavirus pneumonia")
  ['COVID-19', 'COVID19', 'SARS-CoV-2', '2019-nCoV', 'novel coronavirus pneumonia', 'coronavirus disease 2019', '2019 novel coronavirus'],
  // one word or two (health-care is two to the tokenizer)
  ['healthcare worker', 'health care worker', 'HCW'],
];

/** A text's stemmed words, as one key. */
function key(text: string): string {
  return indexWords(text).map(porterStem).join(' ');
}

const GROUP_OF = new Map<string, readonly string[]>();
for (const g of SYNONYM_GROUPS) for (const m of g) GROUP_OF.set(key(m), g);

/** The synonyms of a term (the other members of its group, by stemmed words), or [] when it names none. */
export function synonymsOf(term: string): string[] {
  const k = key(term);
  const group = GROUP_OF.get(k);
  if (!group) return [];
  const seen = new Set([k]);
  return group.filter((m) => {
    const mk = key(m);
    if (seen.has(mk)) return false;
    seen.add(mk);
    return true;
  });
}
