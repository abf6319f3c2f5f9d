/** Site profile: the Cochrane COVID-19 Study Register study record (a registration with its journal articles). */
import { normaliseDate } from '../../../normalise/dates.js';
import { findTrialIds, normaliseTrialId } from '../../../normalise/ids.js';
import { readCitation, readAuthors } from '../people.js';
import { readResultsPosted } from '../values.js';
import type { SiteProfile } from './profile.js';

const MONTH_FIRST = /^((?:19|20)\d{2})\s+([A-Za-z]{3,9})\s+(\d{1,2})$/;
/** Cochrane writes `2020 Apr 1`. */
function cochraneDate(s: string): string | null {
  const m = MONTH_FIRST.exec(s.trim());
  return m ? normaliseDate(`${m[3]} ${m[2]} ${m[1]}`) : normaliseDate(s);
}

/**
 * Cochrane COVID-19 Study Register study record: a header `ChiCTR2000030261First Published: …Updated Date: …`, the
 * classification as numbered pairs (`1. Study Type` / `2. Interventional`), then "Reference record" blocks — a
 * journal article (title, authors, type, abstract) that becomes a `references` entry, and the trial registry record
 * whose text is read like any page.
 */
export const cochrane: SiteProfile = {
  id: 'cochrane',
  registry: null,
  marker: /Cochrane (?:COVID-19 )?Study Register|Cochrane Central Register/i,
  prepare(lines) {
    let idHint: string | null = null;
    const out: string[] = [];
    const raw: Record<string, string> = {};
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const head = /^(\S+?)\s*First Published:\s*(.+?)\s*(?:Updated Date:\s*(.+))?$/.exec(l);
      if (head) {
        idHint = normaliseTrialId(head[1]!)?.id ?? null;
        raw.cochraneFirstPublished = head[2]!;
        if (head[3]) raw.cochraneUpdated = head[3];
        continue;
      }
      const pair = /^1\.\s+(.+)$/.exec(l);
      const val = /^2\.\s+(.+)$/.exec(lines[i + 1] ?? '');
      if (pair && val) { out.push(`${pair[1]}: ${val[1]}`); i++; continue; }
      out.push(l);
    }
    // split off the reference records
    const firstRef = out.findIndex((l) => /^Reference record$/i.test(l));
    const body = firstRef < 0 ? out : out.slice(0, firstRef);
    const records: string[][] = [];
    if (firstRef >= 0) for (const l of out.slice(firstRef)) { if (/^Reference record$/i.test(l)) records.push([]); else records[records.length - 1]!.push(l); }
    const refs: { title: string | null; authors: string[]; kind: string; results: string | null; meta?: { journal?: string; year?: number; doi?: string; pmid?: string }; text: string[] }[] = [];
    for (const rec of records) {
      const ls = rec.filter((l) => l !== '');
      const kindAt = ls.findIndex((l) => /^(journal article|trial registry record|conference (?:abstract|proceeding)|preprint|review|letter)$/i.test(l));
      if (kindAt < 0) continue;
      const before = ls.slice(0, kindAt);
      const authors = before.length > 1 ? readAuthors(before[before.length - 1]!) : [];
      const title = (authors.length ? before.slice(0, -1) : before).join(' ') || null;
      // the article's source lines under its kind: `Journal. 2022;13(1):418`, `DOI: 10.…`, `PubMed: 35978372`
      let at = kindAt + 1;
      const meta: { journal?: string; year?: number; doi?: string; pmid?: string } = {};
      for (let m: RegExpExecArray | null; at < ls.length; at++) {
        const l = ls[at]!;
        if ((m = /^DOI:?\s*(10\.\d{4,9}\/\S+?)\.?$/i.exec(l))) meta.doi = m[1]!;
        else if ((m = /^(?:PubMed(?: ID)?|PMID):?\s*(\d{5,9})$/i.exec(l))) meta.pmid = m[1]!;
        else if (!meta.journal && at === kindAt + 1 && (m = /^([^.;:]{3,120}?)\.?\s+((?:19|20)\d{2})\b[^.]{0,40}$/.exec(l))) { meta.journal = m[1]!.trim(); meta.year = parseInt(m[2]!, 10); }
        else break;
      }
      const next = ls[at] ?? '';
      const hasResults = /^(report results|no results|results)$/i.test(next);
      refs.push({ title, authors, kind: ls[kindAt]!, results: hasResults ? next : null, meta, text: ls.slice(at + (hasResults ? 1 : 0)) });
    }
    const registryRecords = refs.filter((r) => /trial registry record/i.test(r.kind));
    const lines2 = [...body];
    // the registry record's text is the registration itself: read it with the vocabulary
    for (const r of registryRecords) lines2.push('', ...r.text.filter((l) => !/^(ChiCTR|NCT|IRCT|ISRCTN|DRKS|CTRI|ACTRN|EUCTR)\S*$/.test(l)));
    // the page's title line (before the classification) is the registration's title
    const titleLine = body.find((l) => l !== '' && !/:/.test(l) && l.length > 30 && !/register|study record/i.test(l)) ?? null;
    return {
      lines: lines2,
      idHint,
      finish(reg) {
        reg.titles.public ??= titleLine ?? registryRecords[0]?.title ?? null;
        if (raw.cochraneUpdated) reg.source.lastRefreshed ??= cochraneDate(raw.cochraneUpdated);
        for (const [k, v] of Object.entries(raw)) reg.raw = { ...(reg.raw ?? {}), [k]: v };
        for (const r of registryRecords) {
          const posted = readResultsPosted(r.results);
          if (posted !== null) reg.results.posted ??= posted;
        }
        for (const r of refs.filter((x) => !/trial registry record/i.test(x.kind))) {
          const abstract = r.text.join('\n').trim() || null;
          const ref = readCitation([r.authors.join(', '), r.title].filter(Boolean).join('. '));
          ref.type = r.kind.toLowerCase().replace(/\s+/g, '_');
          ref.title = r.title;
          ref.authors = r.authors;
          ref.journal ??= r.meta?.journal ?? null;
          ref.year ??= r.meta?.year ?? null;
          ref.doi ??= r.meta?.doi ?? null;
          ref.pmid ??= r.meta?.pmid ?? null;
          ref.abstract = abstract;
          ref.registrationIds = findTrialIds(abstract ?? '');
          reg.references.push(ref);
          // "TRIAL REGISTRATION: …, ChiCTR2000030261. Registered on 26 February 2020" states this trial's registration date
          const m = abstract ? /trial registration:?[^.]*?(\S+?)\.?\s+registered (?:on )?(\d{1,2} \w+ \d{4}|\w+ \d{1,2},? \d{4})/i.exec(abstract) : null;
          if (m && normaliseTrialId(m[1]!.replace(/[.,;]$/, ''))?.id === reg.id) reg.dates.registration ??= normaliseDate(m[2]!);
        }
      },
    };
  },
};
