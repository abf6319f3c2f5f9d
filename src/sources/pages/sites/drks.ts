/** Site profile: DRKS trial pages. */
import { rewriting } from './profile.js';
import { fieldOfLabel } from '../vocabulary.js';

/**
 * DRKS: conditions written `ICD10: U07.1 - COVID-19, virus identified` / `Free text: …`, and the sample size is the
 * actual one when `Planned/Actual: Actual`.
 */
export const drks = rewriting('drks', 'DRKS', /German Clinical Trials Register|Deutsches Register Klinischer Studien|\bDRKS\d{8}/i, (lines) => {
  const actual = lines.some((l) => /^(?:Planned\/Actual|Geplant\/Tatsächlich):\s*(?:Actual|Tatsächlich)$/i.test(l));
  // the 2023 layout heads the record `Trial DRKS00031477` with the title on the next line
  const headAt = lines.findIndex((l) => /^Trial DRKS\d{8}$/.test(l));
  const titleAt = headAt >= 0 ? lines.findIndex((l, i) => i > headAt && l !== '') : -1;
  // the 2024 layout: site navigation (`Contact`, `Back to search results`), the number alone, then
  // `Trial registered in DRKS on 2023-05-22 · Last update 2025-01-08`
  const stampAt = lines.findIndex((l) => /^Trial registered in DRKS on\b/i.test(l));
  const idAt = stampAt > 0 ? lines.slice(0, stampAt).findLastIndex((l) => /^DRKS\d{8}$/.test(l)) : -1;
  return lines.flatMap((l, i) => {
    if (idAt >= 0 && i < idAt) return []; // navigation above the record's own header is no field of it
    if (i === idAt) return [`DRKS-ID: ${l}`];
    if (i === stampAt) {
      return l.split(/\s+[·•|]\s+/).map((part) => part
        .replace(/^Trial registered in DRKS on\s+/i, 'Date of registration in DRKS: ')
        .replace(/^Last update(?:d)?(?: on)?\s+(?=\d)/i, 'Last update: '));
    }
    if (i === headAt) return `DRKS-ID: ${l.replace(/^Trial /, '')}`;
    if (i === titleAt && !fieldOfLabel(l) && !l.includes(':')) return `Title: ${l}`;
    const icd = /^ICD-?10:\s*[A-Z]\d{2}(?:\.\d+)?\s*-\s*(.+)$/i.exec(l);
    if (icd) return icd[1]!;
    const free = /^(?:Free text|Freitext):\s*(.+)$/i.exec(l);
    if (free) return free[1]!;
    // the German layout's `Studiengesundheit: Gesunde Probanden: Nein` (an item under a heading, on one line)
    const healthy = /^[^:]{3,40}:\s*((?:Gesunde Probanden|Healthy volunteers):\s*\S.*)$/i.exec(l);
    if (healthy) return healthy[1]!;
    if (actual && /^Target Sample Size:/i.test(l)) return l.replace(/^Target Sample Size/i, 'Actual sample size');
    return l;
  });
});
