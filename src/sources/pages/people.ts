/**
 * Contacts and publications as pages lay them out: contact blocks (`Name:`/`Telephone:`/`Email:` lines, ClinicalTrials.gov
 * `Study Chair: Name, MD Affiliation` lines, portal `Name / Role: … / Affiliation` triples) and citations in the
 * Vancouver style registries print (`Authors. Title. Journal. 2022 Mar 7;13(1):96. doi: … PMID: …`).
 */
import type { Contact, Reference } from '../../model/registration.js';
import { findTrialIds } from '../../normalise/ids.js';
import { contactRole } from '../../normalise/role.js';


const ROLE_PREFIX = /^(Principal Investigator|Study Chair|Study Director|Sub-Investigator|Study leader|Study coordinator|Trial coordinator|Applicant|Contact|Scientific contact|Public contact|Central contact)\s*:\s*(.+)$/i;
const DEGREES = /^(?:M\.?D\.?|Ph\.?\s?D\.?|MBBS|MSc|M\.?Sc\.?|BSc|MPH|DrPH|PharmD|RN|DO|DDS|MS|MA|FRCP|FRACP|Prof\.?|Dr\.?|MBChB|DPhil|MPhil|MMed|MBA)$/i;

/**
 * `Jianming Tan Tan, M.D and Ph.D Fuzhou General Hospital` → name with degrees, and the affiliation after them.
 * Without degrees to mark the end of the name, the whole text is the name.
 */
export function splitNameAffiliation(s: string): { name: string; affiliation: string | null } {
  const comma = s.indexOf(',');
  if (comma < 0) return { name: s.trim(), affiliation: null };
  const words = s.slice(comma + 1).trim().split(/\s+/);
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.replace(/[,;]$/, '');
    const parts = w.split('/');
    if (parts.every((p) => DEGREES.test(p)) || (/^(and|&)$/i.test(w) && i + 1 < words.length && DEGREES.test(words[i + 1]!.replace(/[,;]$/, '')))) i++;
    else break;
  }
  if (i === 0) return { name: s.trim(), affiliation: null };
  const name = `${s.slice(0, comma + 1)} ${words.slice(0, i).join(' ')}`.replace(/\s+/g, ' ').replace(/[,;]$/, '').trim();
  const rest = words.slice(i).join(' ').trim();
  return { name, affiliation: rest || null };
}

/** A line that names a person: a title before it or degrees after it. */
function looksLikePerson(line: string): boolean {
  return /^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Assoc\.? Prof)\.?\s/i.test(line) || /,\s*(?:M\.?D|Ph\.?\s?D|MBBS|MSc|MPH|PharmD|RN|DO|FRCP)\b/i.test(line);
}

/**
 * An e-mail address. It starts where a run of address characters starts (the look-behind) and its parts are bounded,
 * so a long run of letters with no `@` costs one pass, not one pass per starting position (the fuzzer's 172,000-letter
 * line took 53 s).
 */
const EMAIL = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/;

const SUB_KEY = /^(Name|Full name|Full name of responsible person|Name of organization \/ entity|Street address|Province|Email address|Address|City|Country|Zip|Postal code|Phone|Telephone|Tel|Fax|Email|E-mail|Affiliation|Organisation|Organization|Position|Designation|Contact details|ORCID ID|Role|Type)$/i;

/** Is the line a contact sub-field name standing alone (`Name`, `Email`…)? */
export function isSubKey(line: string): boolean {
  return SUB_KEY.test(line.trim());
}

/** Contact sub-fields laid out as `Key` alone on a line with the value below (ANZCTR, ISRCTN) → `Key: value`. */
function keyedLines(lines: string[]): string[] {
  // `Name<TAB>Dr X` (flattened table rows) is `Name: Dr X`
  const ls = lines.filter((l) => l.trim() !== '').map((l) => l.trim().replace(/^[*•]\s+/, '').replace(/^([^\t:]{1,40})\t+(?=\S)/, (_, k: string) => (SUB_KEY.test(k.trim()) ? `${k.trim()}: ` : `${k}\t`)).replace(/\t+$/, ''));
  const out: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!;
    if (SUB_KEY.test(l)) {
      const next = ls[i + 1];
      if (next !== undefined && !SUB_KEY.test(next) && !/^[\w -]{1,30}:/.test(next)) { out.push(`${l}: ${next}`); i++; } else out.push(`${l}:`);
    } else out.push(l);
  }
  return out;
}

/**
 * Contacts laid out side by side in table columns and flattened row by row (ICTRP saved HTML: `Name:` / `A` /
 * `Name:` / `B`, then `Address:` / … twice): every key repeated the same number of times in a row → regroup the
 * lines per column (`Name: A`, `Address: …`, … then `Name: B`, …). Other layouts pass through.
 */
function byColumn(lines: string[]): string[] {
  const kv: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = /^([A-Za-z][\w ./-]{0,30}):\s*(.*)$/.exec(l);
    if (!m) return lines;
    // `Name:` alone, its value on the next line
    if (m[2] === '' && i + 1 < lines.length && !/^[A-Za-z][\w ./-]{0,30}:/.test(lines[i + 1]!)) kv.push([m[1]!, lines[++i]!]);
    else kv.push([m[1]!, m[2]!]);
  }
  const runs: [string, string][][] = [];
  for (const p of kv) {
    const last = runs[runs.length - 1];
    if (last && last[0]![0].toLowerCase() === p[0].toLowerCase()) last.push(p); else runs.push([p]);
  }
  const n = runs[0]?.length ?? 0;
  if (n < 2 || !runs.every((r) => r.length === n)) return lines;
  const out: string[] = [];
  for (let c = 0; c < n; c++) for (const r of runs) out.push(`${r[c]![0]}: ${r[c]![1]}`);
  return out;
}

/**
 * `Jane Doe, RN 216-555-0199 jdoe@example.org` copied with single spaces: the trailing e-mail and telephone become
 * cells of their own, as a copy with tabs would give them.
 */
function peelPhoneEmail(cells: string[]): string[] {
  if (cells.length !== 1) return cells;
  let rest = cells[0]!;
  const tail: string[] = [];
  const email = new RegExp(`\\s+(${EMAIL.source})$`).exec(rest);
  if (email) { tail.unshift(email[1]!); rest = rest.slice(0, email.index); }
  const phone = /\s+(\+?\(?\d[\d\s().-]{6,}\d)$/.exec(rest);
  if (phone && phone[1]!.replace(/\D/g, '').length >= 7) { tail.unshift(phone[1]!); rest = rest.slice(0, phone.index); }
  return tail.length && rest.trim() ? [rest.trim(), ...tail] : cells;
}

/** A contact block's lines → contacts (empty parts null), duplicates (same name letters, email, phone) dropped. */
export function readContacts(lines: string[], defaultRole: string | null): Contact[] {
  const out: Contact[] = [];
  let cur = null as Contact | null;
  let afterRole = false;
  let inAddress = false; // portal layout: name, "Role: …", then the affiliation line
  const start = (name: string | null, role: string | null = defaultRole): Contact => {
    cur = { name, role, affiliation: null, email: null, phone: null };
    out.push(cur);
    return cur;
  };
  for (const raw of byColumn(keyedLines(lines))) {
    const line = raw.trim();
    if (!line) continue;
    let m: RegExpExecArray | null;
    const wasAfterRole = afterRole;
    afterRole = false;
    if (/^[\w -]{1,30}:/.test(line)) inAddress = false;
    if ((m = ROLE_PREFIX.exec(line))) {
      // `Principal Investigator: Jane Doe, MD<TAB>Example University` (table cells) or one run-together line
      // (…or cells a copy spaced apart: `Contact: Jane Doe, MD  312-555-0187  jdoe@example.org`)
      // (…or joined by dashes: `Cardiology Research Office – 0161 555 0100 – office@example.org`)
      const cells = peelPhoneEmail(m[2]!.split(/\t| {2,}| [–—] /).map((c) => c.trim()).filter(Boolean));
      const { name, affiliation } = splitNameAffiliation(cells[0]!);
      const c = start(name, contactRole(m[1]!));
      c.affiliation = affiliation;
      for (const cell of cells.slice(1)) {
        if (EMAIL.test(cell)) c.email ??= EMAIL.exec(cell)![0];
        else if (/^\+?[\d\s().-]{6,}$/.test(cell)) c.phone ??= cell;
        else c.affiliation ??= cell;
      }
    } else if ((m = /^(?:Name|Contact name|Full name|Full name of responsible person)\s*:\s*(.*)$/i.exec(line))) {
      if (cur && cur.name === null) cur.name = m[1]!.trim() || null;
      else start(m[1]!.trim() || null);
    } else if ((m = /^(?:Telephone|Phone|Tel|Phone number|Telephone number)\.?\s*:\s*(.*)$/i.exec(line))) {
      (cur ?? start(null)).phone = m[1]!.trim() || null;
    } else if ((m = /^(?:E-?mail|Email address)\s*:\s*(.*)$/i.exec(line))) {
      (cur ?? start(null)).email = EMAIL.exec(m[1]!)?.[0] ?? null;
    } else if ((m = /^(?:Affiliation|Organisation|Organization|Institution|Name of organization \/ entity)\s*:\s*(.*)$/i.exec(line))) {
      (cur ?? start(null)).affiliation = m[1]!.trim() || null;
    } else if ((m = /^(?:Role|Type)\s*:\s*(.*)$/i.exec(line))) {
      const role = m[1]!.trim();
      if (role) (cur ?? start(null)).role = contactRole(role);
      afterRole = true;
    } else if (/^(?:Address|Street address|City|Province|Country|Zip|Postal code|Fax|Position|Designation|Department|Web ?site|ORCID|Contact details)\b[^:]*:/i.test(line)) {
      inAddress = /^(?:Address|Contact details)/i.test(line); // the lines that follow continue the address
      continue; // addresses and the like are not contact fields of the canonical record
    } else if (cur && isPhone(line)) {
      cur.phone ??= line; // a bare number in a contact block (`+49 9131 85 33418`), even among address lines
    } else if (inAddress && !EMAIL.test(line)) {
      continue;
    } else if (cur && cur.name === null && !EMAIL.test(line)) {
      cur.name = line;
    } else if (EMAIL.test(line) && cur && !cur.email) {
      cur.email = EMAIL.exec(line)![0];
    } else if (wasAfterRole && cur && !cur.affiliation) {
      cur.affiliation = line;
    } else if (cur && cur.name && !looksLikePerson(line)) {
      if (!cur.affiliation && !/^\d/.test(line)) cur.affiliation = line; // name, institution, then address lines
      inAddress = true;
    } else if (cur && cur.name && !cur.email && !cur.phone && !cur.affiliation && !looksLikePerson(cur.name) && looksLikePerson(line)) {
      // the institution first, then the person (DRKS `Charité …, Klinik für Kardiologie` / `Prof. Dr. med. X`)
      cur.affiliation = cur.name;
      cur.name = line;
      inAddress = true;
    } else {
      // `Jane Doe, MD, PhD, Example Hospital` under a role heading: the affiliation after the degrees is not the name
      const { name, affiliation } = splitNameAffiliation(line);
      start(name).affiliation = affiliation;
    }
  }
  for (const c of out) if (c.name) c.name = c.name.replace(/\s{2,}/g, ' '); // ICTRP `Amina    Mwakalinga`
  // (a one-word "name" with no email or phone is a menu item under a `Contact` nav link: `Contact` / `Login`)
  return dedupeContacts(out.filter((c) => c.email || c.phone || (c.name && /\s/.test(c.name.trim()))));
}

/** A line that is only a telephone number: `+` and digits, or nine digits or more (not a postcode like `113-8655`). */
function isPhone(line: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(line)) return false;
  return line.startsWith('+') ? line.replace(/\D/g, '').length >= 7 : line.replace(/\D/g, '').length >= 9;
}

/**
 * Drop repeats of a contact (same name letters, email, phone); what a repeat adds (the affiliation an investigators
 * list gives a person already named at a site) fills the first mention's empty parts.
 */
export function dedupeContacts(list: Contact[]): Contact[] {
  const key = (c: Contact): string => [c.name, c.email, c.phone].map((x) => (x ?? '').toLowerCase().replace(/[^a-z0-9@]/g, '')).join('|');
  const seen = new Map<string, Contact>();
  return list.filter((c) => {
    const first = seen.get(key(c));
    if (!first) { seen.set(key(c), c); return true; }
    first.role ??= c.role;
    first.affiliation ??= c.affiliation;
    return false;
  });
}

function emptyReference(): Reference {
  return { type: null, citation: null, title: null, authors: [], journal: null, year: null, pmid: null, doi: null };
}

const AUTHOR = /^[A-Z][\p{L}'’-]+(?:[\s-][A-Z][\p{L}'’-]+)*\s+[A-Z]{1,3}$/u;

/** `Chu M, Wang H, Bian L` → ['Chu M', 'Wang H', 'Bian L'] when every part looks like `Surname Initials`, else []. */
export function readAuthors(s: string): string[] {
  const parts = s.replace(/\s+et al\.?$/i, '').split(/,\s*/).map((p) => p.trim().replace(/\.$/, '')).filter(Boolean);
  return parts.length && parts.every((p) => AUTHOR.test(p)) ? parts : [];
}

/**
 * One citation line → a reference: authors (Vancouver `Surname AB`), title, journal, year, DOI, PMID; the line itself
 * is kept as `citation`. Parts it cannot place stay null.
 */
export function readCitation(line: string): Reference {
  const ref = emptyReference();
  const text = line.replace(/\s+/g, ' ').trim();
  ref.citation = text;
  ref.type = 'journal_article';
  ref.doi = /\bdoi:?\s*(10\.\d{4,9}\/[^\s]+?)(?=[.,;]?(?:\s|$))/i.exec(text)?.[1] ?? null;
  ref.pmid = /\b(?:PMID|PubMed(?: ID)?):?\s*(\d{5,9})\b/i.exec(text)?.[1] ?? null; // CT.gov's current page: `PubMed 30762487`
  if (text.length > 2000) return ref; // not a citation: kept whole, not taken apart
  // Authors. Title. Journal. Year …
  const m = /^(.+?)\.\s+(.+?[.?!])\s+([A-Z][^.]{1,80}?)\.\s+((?:19|20)\d{2})\b/.exec(text);
  if (m) {
    const authors = readAuthors(m[1]!);
    if (authors.length) {
      ref.authors = authors;
      ref.title = m[2]!.trim();
      ref.journal = m[3]!.trim();
      ref.year = parseInt(m[4]!, 10);
    }
  }
  if (ref.year === null) {
    const y = /\b((?:19|20)\d{2})\s*(?:[A-Z][a-z]{2})?[\s;:]/.exec(text);
    if (y && ref.authors.length) ref.year = parseInt(y[1]!, 10);
  }
  const ids = findTrialIds(text);
  if (ids.length) ref.registrationIds = ids;
  return ref;
}
