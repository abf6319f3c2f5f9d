/**
 * Contact roles, one spelling for every source: `PRINCIPAL_INVESTIGATOR` (API v2), `Principal Investigator` (legacy
 * XML, pages), `Study Chair` → `principal_investigator`, `study_chair`; `Contact backup` → `contact_backup`.
 */
export function contactRole(s: string | null | undefined): string | null {
  const key = (s ?? '').trim().toLowerCase().replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '');
  return key || null;
}
