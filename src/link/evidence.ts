/**
 * Certain evidence that two registrations are one trial, read from ids alone:
 * - `secondary_id`: the registration lists the other's number among its secondary ids
 *   (ClinicalTrials.gov Other IDs, ICTRP secondary ids, EU CTR member-state rows folded into one id);
 * - `text_mention`: the other's number is written in a title, description, reference or raw field;
 * - `same_id`: two stored ids that are spellings of one number (case, punctuation, `JPRN-` prefix…).
 *
 * A certain link is directed: `a` is the registration that names `b` (b may not be stored yet: the link waits
 * for it, which is what makes incremental linking find mentions made before the named registration arrived).
 */
import type { Reference, Registration } from '../model/registration.js';
import type { Link } from '../model/study.js';
import { findTrialIds } from '../normalise/ids.js';

/** Where a number was found: the field path and a few words around it, for a person to check. */
export interface Mention {
  id: string;
  method: 'secondary_id' | 'text_mention';
  field: string;
  context: string;
}

/** A key under which two spellings of one registry number compare equal. */
export function idKey(id: string): string {
  return id.toUpperCase().replace(/^JPRN-/, '').replace(/[^A-Z0-9]/g, '');
}

/** Up to `width` characters either side of the first occurrence of `id` in `text` (whitespace collapsed). */
export function contextOf(text: string, id: string, width = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  const digits = id.replace(/^[A-Za-z-]+/, '').slice(0, 8);
  let at = flat.toUpperCase().indexOf(id.toUpperCase());
  if (at < 0 && digits) at = flat.indexOf(digits);
  if (at < 0) return flat.slice(0, 2 * width);
  const from = Math.max(0, at - width);
  return (from > 0 ? '…' : '') + flat.slice(from, at + id.length + width) + (at + id.length + width < flat.length ? '…' : '');
}

/** The free-text fields of a registration that may name another registry number, with their paths. */
export function textFields(reg: Registration): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const add = (field: string, text: string | null | undefined): void => {
    if (typeof text === 'string' && text.trim() !== '') out.push({ field, text });
  };
  add('titles.public', reg.titles.public);
  add('titles.scientific', reg.titles.scientific);
  add('titles.acronym', reg.titles.acronym);
  add('description.brief', reg.description.brief);
  add('description.detailed', reg.description.detailed);
  for (const [k, v] of Object.entries(reg.raw ?? {})) add(`raw.${k}`, v);
  return out;
}

/** Registry numbers a reference names: its `registrationIds`, else those written in its citation or title. */
export function referenceIds(ref: Reference): string[] {
  if (ref.registrationIds && ref.registrationIds.length > 0) return ref.registrationIds;
  return findTrialIds([ref.citation, ref.title].filter((s): s is string => !!s).join(' \n '));
}

/**
 * Every other registry number the registration names, once per id (secondary ids win over text mentions).
 * A reference naming several trials (a pooled analysis) is not evidence that they are one trial: only
 * references naming exactly one other number count.
 */
export function mentionedIds(reg: Registration): Mention[] {
  const own = idKey(reg.id);
  const seen = new Map<string, Mention>();
  const put = (m: Mention): void => {
    const k = idKey(m.id);
    if (k === own || seen.has(k)) return;
    seen.set(k, m);
  };
  for (const id of reg.secondaryIds) {
    put({ id, method: 'secondary_id', field: 'secondaryIds', context: reg.secondaryIds.join('; ') });
  }
  for (const { field, text } of textFields(reg)) {
    for (const id of findTrialIds(text)) put({ id, method: 'text_mention', field, context: contextOf(text, id) });
  }
  reg.references.forEach((ref, i) => {
    const ids = referenceIds(ref).filter((id) => idKey(id) !== own);
    if (ids.length !== 1) return;
    const text = ref.citation ?? ref.title ?? ids[0]!;
    put({ id: ids[0]!, method: 'text_mention', field: `references[${i}]`, context: contextOf(text, ids[0]!) });
  });
  return [...seen.values()];
}

/** Certain links from one registration to the numbers it names. */
export function certainLinks(reg: Registration): Link[] {
  return mentionedIds(reg).map((m) => ({
    a: reg.id,
    b: m.id,
    method: m.method,
    score: 1,
    evidence: `${reg.id} ${m.field}: ${m.context}`,
  }));
}

/** `same_id` links between stored ids that are spellings of one number (`ids` are all stored ids). */
export function sameIdLinks(ids: Iterable<string>): Link[] {
  const byKey = new Map<string, string[]>();
  for (const id of ids) {
    const k = idKey(id);
    const list = byKey.get(k);
    if (list) list.push(id);
    else byKey.set(k, [id]);
  }
  const links: Link[] = [];
  for (const list of byKey.values()) {
    for (let i = 1; i < list.length; i++) {
      links.push({ a: list[0]!, b: list[i]!, method: 'same_id', score: 1, evidence: `${list[0]} and ${list[i]} are one number` });
    }
  }
  return links;
}

/** True when the link was certain (not similarity), i.e. it needs no threshold. */
export function isCertain(link: Link): boolean {
  return link.method !== 'similarity';
}
