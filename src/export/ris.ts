/**
 * RIS records for reference managers (Zotero, EndNote, Mendeley): one `TY  - DBASE` … `ER  - ` block per registration,
 * with the registry's URL, so a registration can be cited like any other source.
 *
 * The sponsor is an organisation, and RIS has no organisation tag: reference managers read an `AU` line as
 * "Last, First", splitting at the first comma (Zotero: whatever follows the first comma is the first name; EndNote
 * likewise). A name with a trailing comma and none inside ("World Health Organization,") is the convention both read
 * as one institutional author. So the sponsor always goes whole into `PB` (publisher: one plain text field), and into
 * `AU` only where it has no comma of its own; "University of California, San Francisco" stays out of `AU` rather
 * than becoming Mr San Francisco University of California.
 */
import type { Registration } from '../model/registration.js';

function clean(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\s+/g, ' ').trim();
}

function line(tag: string, value: string | number | null | undefined): string {
  const text = clean(value);
  return text ? `${tag}  - ${text}\r\n` : '';
}

/** The `AU` value that reference managers read as one organisation, or null when no such value exists. */
export function organisationAuthor(name: string | null | undefined): string | null {
  const text = clean(name).replace(/[\s,]+$/, '');
  return text && !text.includes(',') ? `${text},` : null;
}

export interface RisContext {
  /** the study (linked trial) this registration belongs to */
  studyId?: string;
  /** the study's other registrations */
  linkedIds?: string[];
}

/** One RIS record. `TY DBASE` (database entry); `DB` the registry, `AN` the trial number, `UR` the record page. */
export function risRecord(r: Registration, ctx: RisContext = {}): string {
  const year = r.dates.registration?.slice(0, 4) ?? null;
  const linked = (ctx.linkedIds ?? []).filter((id) => id !== r.id);
  return [
    'TY  - DBASE\r\n',
    line('TI', r.titles.scientific ?? r.titles.public ?? r.id),
    r.titles.scientific && r.titles.public && r.titles.public !== r.titles.scientific ? line('ST', r.titles.public) : '',
    line('AU', organisationAuthor(r.sponsor.primary)),
    line('PB', r.sponsor.primary),
    line('PY', year),
    line('DA', r.dates.registration?.replace(/-/g, '/') ?? null),
    line('DB', r.registry),
    line('AN', r.id),
    line('UR', r.source?.url ?? null),
    ...r.conditions.slice(0, 20).map((c) => line('KW', c)),
    line('AB', r.description.brief),
    line('N1', [ctx.studyId && `TrialAtlas study: ${ctx.studyId}`, linked.length ? `Same trial as: ${linked.join(', ')}` : null,
      r.status.recruitment && `Status: ${r.status.recruitment}`, r.phase && `Phase: ${r.phase}`,
      r.enrollment.target !== null ? `Target enrollment: ${r.enrollment.target}` : null].filter(Boolean).join('. ')),
    'ER  - \r\n',
  ].join('');
}
