/**
 * The input formats TrialAtlas recognises. Adding a format = one file in this folder + one line in FORMATS.
 */
import type { InputFile, SourceFormat } from './types.js';

export const FORMATS: SourceFormat[] = [
  // each format file adds itself here
];

/** The format whose detect() scores highest (ties: earlier in FORMATS), or null when none claims the input. */
export function detectFormat(input: Pick<InputFile, 'head' | 'headText' | 'name'>): SourceFormat | null {
  let best: SourceFormat | null = null;
  let bestScore = 0;
  for (const f of FORMATS) {
    const s = f.detect(input);
    if (s > bestScore) { best = f; bestScore = s; }
  }
  return best;
}

export function formatById(id: string): SourceFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}
