/**
 * Site profile: a PubMed abstract page. The page is about a publication, not a trial: as with the Cochrane register
 * record (./cochrane.ts), the article becomes a `references` entry, and the record is the registration the article
 * names as its own (`Associated data` links, or the abstract's "This trial is registered with …" sentence), so the
 * linker can attach the publication to that registration. Nothing else of the article is read as trial fields
 * (its title, authors, methods and similar articles are the publication's, not the registration's).
 */
import { findTrialIds } from '../../../normalise/ids.js';
import type { Reference } from '../../../model/registration.js';
import type { SiteProfile } from './profile.js';

/** The trial numbers the article gives as its own: the `Associated data` section, else the registration sentence. */
function ownRegistrations(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^Associated data$/i.test(l));
  if (at >= 0) {
    const ids: string[] = [];
    for (const l of lines.slice(at + 1)) {
      const found = findTrialIds(l);
      if (!found.length) break;
      ids.push(...found);
    }
    if (ids.length) return [...new Set(ids)];
  }
  const sentence = lines.join(' ').match(/\b(?:trial|study) (?:is|was) registered (?:with|at|in|on)\b[^.]*(?:\.\d[^.]*)*\./i)?.[0];
  return sentence ? [...new Set(findTrialIds(sentence))] : [];
}

/**
 * The article's own citation above its abstract: `Journal` / `. 2025 Mar;13(3):241-252.` / ` doi: … Epub …` / title /
 * authors, then `PMID: …` and `DOI: …`; `Comment in` and `Similar articles` below cite other articles and are not read.
 */
function ownArticle(lines: string[]): Reference | null {
  const end = lines.findIndex((l) => /^Abstract$/i.test(l));
  const head = end >= 0 ? lines.slice(0, end) : lines.slice(0, 60);
  const at = head.findIndex((l) => /^\.\s*(?:19|20)\d{2}\b/.test(l));
  if (at < 1) return null;
  const rest = head.slice(at + 1).filter((l) => l !== '' && !/^doi:/i.test(l));
  const title = rest[0] ?? null;
  const abstractEnd = lines.findIndex((l, k) => k > end && /^(?:PubMed Disclaimer|Copyright\b|Comment in|Similar articles)/i.test(l));
  const abstract = end >= 0 ? lines.slice(end + 1, abstractEnd > end ? abstractEnd : undefined).filter((l) => l !== '').join('\n') : null;
  return {
    type: 'journal_article',
    citation: [head[at - 1], head[at], title].filter(Boolean).join(' '),
    title,
    authors: [],
    journal: head[at - 1]!.trim(),
    year: parseInt(/(?:19|20)\d{2}/.exec(head[at]!)![0], 10),
    pmid: head.map((l) => /^PMID:\s*(\d{5,9})\b/i.exec(l)?.[1]).find(Boolean) ?? null,
    doi: head.map((l) => /^DOI:\s*(10\.\d{4,9}\/\S+?)\.?$/i.exec(l)?.[1]).find(Boolean) ?? null,
    abstract: abstract || null,
    registrationIds: findTrialIds(abstract ?? ''),
  };
}

export const pubmed: SiteProfile = {
  id: 'pubmed',
  registry: null,
  marker: /^PubMed Disclaimer$|pubmed\.ncbi\.nlm\.nih\.gov/m,
  markerSuffices: true,
  prepare(lines) {
    const ids = ownRegistrations(lines);
    const article = ownArticle(lines);
    return {
      lines: ids.slice(1).map((x) => `Secondary ID: ${x}`),
      idHint: ids[0] ?? null,
      finish(reg) {
        if (article) reg.references.push(article);
      },
    };
  },
};
