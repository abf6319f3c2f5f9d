/** Words for people: canonical enum values and facet names as the pages show them. */
import type { Facet } from '../search/types.js';

export const FACET_LABELS: Record<Facet, string> = {
  status: 'Recruitment status', phase: 'Phase', type: 'Study type', registry: 'Registry', country: 'Country',
  allocation: 'Allocation', masking: 'Masking', cellSource: 'Cell source', year: 'Year registered',
};

/** `not_yet_recruiting` → `Not yet recruiting`; phases → `Phase 1/2`; null → `Not reported`. */
export function label(facet: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'Not reported';
  if (facet === 'phase') {
    if (value === 'not_applicable') return 'Not applicable';
    if (value === 'early_1') return 'Early phase 1';
    return `Phase ${value.replace('_', '/')}`;
  }
  if (facet === 'registry' || facet === 'country' || facet === 'year' || facet === 'month') return value;
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
