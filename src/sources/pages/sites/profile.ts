/**
 * What a site profile is: how to recognise a site's pages, and how to rewrite its lines into labelled lines before
 * segmenting (`prepare`) and finish the record afterwards (`finish`). One file per site in this folder.
 */
import type { Registration, Registry } from '../../../model/registration.js';

export interface Prepared {
  lines: string[];
  /** the trial's own number when the profile found it outside an id label */
  idHint: string | null;
  /** every field of the page is `Label: value` (see segment) */
  strictLabels?: boolean;
  finish(reg: Registration): void;
}

export interface SiteProfile {
  id: string;
  registry: Registry | null;
  /** does the page come from this site? (content only) */
  marker: RegExp;
  /** the site's pages name few vocabulary labels (a PubMed abstract): the marker alone makes the text a page */
  markerSuffices?: boolean;
  prepare?(lines: string[]): Prepared;
}

/** A profile whose only work is rewriting lines. */
export function rewriting(id: string, registry: Registry, marker: RegExp, rewrite: (lines: string[]) => string[], strictLabels = false): SiteProfile {
  return { id, registry, marker, prepare: (lines) => ({ lines: rewrite(lines), idHint: null, strictLabels, finish: () => {} }) };
}
