/**
 * RIS records for reference managers (Zotero, EndNote, Mendeley): one `TY  - DBASE` … `ER  - ` block per registration,
 * with the registry's URL, so a registration can be cited like any other source.
 */
import type { Registration } from '../model/registration.js';

function line(tag: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text ? `${tag}  - ${text}\r\n` : '';
}

/** One RIS record. `TY DBASE` (database entry); `DB` the registry, `AN` the trial number, `UR` the record page. */
export function risRecord(r: Registration, note?: string): string {
  const year = r.dates.registration?.slice(0, 4) ?? null;
  return [
    'TY  - DBASE\r\n',
    line('TI', r.titles.scientific ?? r.titles.public ?? r.id),
    r.titles.scientific && r.titles.public && r.titles.public !== r.titles.scientific ? line('ST', r.titles.public) : '',
    line('AU', r.sponsor.primary),
    line('PY', year),
    line('DA', r.dates.registration?.replace(/-/g, '/') ?? null),
    line('DB', r.registry),
    line('AN', r.id),
    line('UR', r.source?.url ?? null),
    ...r.conditions.slice(0, 20).map((c) => line('KW', c)),
    line('AB', r.description.brief),
    line('N1', [r.status.recruitment && `Status: ${r.status.recruitment}`, r.phase && `Phase: ${r.phase}`,
      r.enrollment.target !== null ? `Target enrollment: ${r.enrollment.target}` : null, note].filter(Boolean).join('. ')),
    'ER  - \r\n',
  ].join('');
}
